"""Hostile and broken input: every case gives its exact diagnostic, within a time and memory bound, and the
rest of the run goes on. Each case runs the real CLI in a subprocess limited to 1 GiB of address space."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .hostile.corpus import CASES, MINIMAL, Case, make_tree

MEMORY_LIMIT = 1 << 30  # bytes of address space for the CLI process
TIME_LIMIT = 10.0  # seconds, wall clock, for one case


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_cli(*args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "globias_curriculum", *args],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit,
    )
    return result, time.perf_counter() - started


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_file_gives_its_diagnostic_within_bounds(case: Case, tmp_path: Path) -> None:
    case.make(tmp_path)
    result, seconds = run_cli("validate", "--format", "json", str(tmp_path))
    assert "Traceback" not in result.stderr, result.stderr
    report = json.loads(result.stdout)
    found = tuple((d["code"], d["line"]) for d in report["diagnostics"])
    assert found == case.expected
    assert result.returncode == (1 if case.expected else 0)
    assert seconds < TIME_LIMIT
    for d in report["diagnostics"]:
        assert d["file"] == str(tmp_path / case.name)


def test_the_whole_corpus_in_one_run_reports_every_file(tmp_path: Path) -> None:
    for case in CASES:
        case.make(tmp_path)
    result, seconds = run_cli("validate", "--format", "json", str(tmp_path))
    report = json.loads(result.stdout)
    assert len(report["files"]) == len(CASES)
    by_file: dict[str, list[tuple[str, int]]] = {}
    for d in report["diagnostics"]:
        by_file.setdefault(Path(d["file"]).name, []).append((d["code"], d["line"]))
    for case in CASES:
        assert tuple(by_file.get(case.name, [])) == case.expected, case.name
    assert result.returncode == 1 and seconds < 3 * TIME_LIMIT


def test_a_hostile_tree_is_walked_without_hanging_or_looping(tmp_path: Path) -> None:
    expected = make_tree(tmp_path)
    result, seconds = run_cli("validate", "--format", "json", str(tmp_path))
    report = json.loads(result.stdout)
    found = {Path(d["file"]).name: (d["code"], d["line"]) for d in report["diagnostics"]}
    assert found == expected
    names = sorted(Path(f["path"]).name for f in report["files"])
    assert names == ["dangling.yaml", "inner.yaml", "ok.yaml", "pipe.yaml"]  # the loop was not followed
    assert result.returncode == 2 and seconds < TIME_LIMIT  # unreadable files are I/O errors


def test_python_tags_are_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    (tmp_path / "c.yaml").write_text(
        MINIMAL + f'assessment: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8"
    )
    for command in ("validate", "coverage"):
        run_cli(command, str(tmp_path / "c.yaml"))
    assert not marker.exists()


def test_remote_json_ld_context_is_refused_not_fetched(tmp_path: Path) -> None:
    doc = tmp_path / "remote.jsonld"
    doc.write_text(json.dumps({"@context": "https://evil.example/context.jsonld", "@type": "Course"}), "utf-8")
    result, seconds = run_cli("check-jsonld", "--format", "json", str(doc))
    codes = [d["code"] for d in json.loads(result.stdout)["diagnostics"]]
    assert codes == ["GC502"] and result.returncode == 1 and seconds < TIME_LIMIT
