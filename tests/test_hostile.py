"""Hostile and broken input: every case gives its exact diagnostic, within a time and memory bound, and the
rest of the run goes on. Each case runs the real CLI in a subprocess limited to 1 GiB of address space.

Round two (issue 11) adds named tests for what a file corpus cannot show: output budgets, escapes in every
human format, `-o` on special files, exit codes on signals, export integrity, silent skips.
"""

from __future__ import annotations

import json
import os
import re
import resource
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from globias_curriculum.writing.folder import OwnedFolder, Planned

from .conftest import ROOT
from .hostile.corpus import CASES, MINIMAL, Case, make_tree

MEMORY_LIMIT = 1 << 30  # bytes of address space for the CLI process
TIME_LIMIT = 10.0  # seconds, wall clock, for one case
BASE = "https://example.org/bia/"


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_cli(*args: str, cwd: Path | None = None) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "globias_curriculum", *args],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return result, time.perf_counter() - started


def _listing(report: dict[str, object]) -> list[str]:
    return [f"{d['line']}:{d['column']} {d['code']}" for d in report["diagnostics"]]  # type: ignore[index, union-attr]


def _matches(found: list[str], expected: tuple[str, ...]) -> bool:
    if expected and expected[-1] == "...":
        return found[: len(expected) - 1] == list(expected[:-1])
    return found == list(expected)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_file_gives_its_diagnostic_within_bounds(case: Case, tmp_path: Path) -> None:
    case.make(tmp_path)
    result, seconds = run_cli("validate", "--format", "json", str(tmp_path))
    assert "Traceback" not in result.stderr, result.stderr
    report = json.loads(result.stdout)
    assert case.expected is not None
    assert _matches(_listing(report), case.expected), _listing(report)
    assert result.returncode == (1 if case.expected else 0)
    assert seconds < TIME_LIMIT
    for d in report["diagnostics"]:
        assert d["file"] == str(tmp_path / case.name)


def test_the_corpus_is_large_enough_and_names_are_unique() -> None:
    assert len(CASES) >= 100
    assert len({c.name for c in CASES}) == len(CASES)


def test_the_whole_corpus_in_one_run_reports_every_file(tmp_path: Path) -> None:
    for case in CASES:
        case.make(tmp_path)
    result, seconds = run_cli("validate", "--format", "json", str(tmp_path))
    report = json.loads(result.stdout)
    assert len(report["files"]) == len(CASES)
    by_file: dict[str, list[str]] = {}
    for d in report["diagnostics"]:
        by_file.setdefault(Path(d["file"]).name, []).append(f"{d['line']}:{d['column']} {d['code']}")
    for case in CASES:
        assert case.expected is not None
        assert _matches(by_file.get(case.name, []), case.expected), case.name
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


# --- 1. amplification: no input within --max-bytes makes an output grow out of proportion --------------------


@pytest.mark.parametrize("name", ["aliased-50k-x20.yaml", "unknown-field-long-key.yaml", "level-long.yaml"])
@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_output_stays_a_small_multiple_of_the_input(name: str, fmt: str, tmp_path: Path) -> None:
    (case,) = [c for c in CASES if c.name == name]
    case.make(tmp_path)
    size = (tmp_path / name).stat().st_size
    result, seconds = run_cli("validate", "--format", fmt, str(tmp_path))
    assert len(result.stdout) <= 2 * size + 4096 and seconds < TIME_LIMIT


def test_a_value_repeated_by_aliases_cannot_inflate_an_export(tmp_path: Path) -> None:
    big = "x" * 40_000
    course = tmp_path / "c.yaml"
    course.write_text(MINIMAL + f'assessment: &a "{big}"\ntarget_audience: [{", ".join(["*a"] * 9)}]\n', "utf-8")
    result, seconds = run_cli(
        "export", "--format", "html", "-o", str(tmp_path / "site"), "--base-url", BASE, str(course)
    )
    written = sum(p.stat().st_size for p in (tmp_path / "site").rglob("*") if p.is_file())
    assert written <= 20 * course.stat().st_size and seconds < TIME_LIMIT, (written, result.stderr)


def test_findings_per_file_are_capped_and_the_exit_code_still_tells_the_truth(tmp_path: Path) -> None:
    (case,) = [c for c in CASES if c.name == "programme-many.yaml"]
    case.make(tmp_path)
    result, _ = run_cli("validate", "--format", "json", str(tmp_path))
    report = json.loads(result.stdout)
    codes = [d["code"] for d in report["diagnostics"]]
    assert codes.count("GC316") == 200 and codes.count("GC114") == 1
    (summary,) = [d for d in report["diagnostics"] if d["code"] == "GC114"]
    assert summary["severity"] == "error" and "1,800 more" in summary["message"]
    assert result.returncode == 1


# --- 3. nothing from a course file can forge a workflow command or reach a terminal raw ------------------------

FORGERS = ["key-workflow-command.yaml", "key-escape-sequence.yaml", "key-bidi.yaml", "kind-escape.yaml"]
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("command", [["validate"], ["coverage"], ["coverage", "--format", "markdown"]])
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_no_output_line_is_a_workflow_command_or_holds_a_control_character(
    command: list[str], fmt: str, tmp_path: Path
) -> None:
    for case in CASES:
        if case.name in FORGERS or case.name.startswith("value-"):
            case.make(tmp_path)
    evil = tmp_path / "::error file=x::name.yaml"  # a file name is text too
    evil.write_text(MINIMAL.replace("id: hostile", "id: evil-name"), encoding="utf-8")
    args = [*command, str(tmp_path)] if "--format" in command else [*command, "--format", fmt, str(tmp_path)]
    result, _ = run_cli(*args)
    assert not UNSAFE.search(result.stdout + result.stderr)
    lines = result.stdout.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    if fmt == "github" and "--format" not in command:
        assert all(
            re.match(r"^::(error|warning|notice) file=[^:,]*(,line=\d+,col=\d+)?,title=[^:,]*::", c) for c in commands
        )
        assert not any("INJECTED" in c.split("::", 2)[1] for c in commands)  # never in the command's own part
    else:
        assert commands == []


# --- 4. -o replaces nothing but a regular file -----------------------------------------------------------------


def test_coverage_output_refuses_a_device_a_fifo_and_a_symlink(tmp_path: Path) -> None:
    course = str(ROOT / "examples" / "minimal-course.yaml")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(elsewhere)
    for target in ("/dev/null", str(fifo), str(link)):
        result, seconds = run_cli("coverage", "--format", "html", "-o", target, course)
        assert result.returncode == 2 and "not replaced" in result.stderr and seconds < TIME_LIMIT, target
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert link.is_symlink() and elsewhere.read_text(encoding="utf-8") == "keep me\n"


# --- 5. no traceback: limits, chains, signals, write errors -------------------------------------------------------


@pytest.mark.parametrize("value", [str(2**63), str(10**11), "-1", "0"])
def test_absurd_max_bytes_is_a_usage_error(value: str) -> None:
    result, _ = run_cli("validate", "--max-bytes", value, str(ROOT / "courses"))
    assert result.returncode == 2 and "Traceback" not in result.stderr and "--max-bytes" in result.stderr


def test_a_framework_with_a_prerequisite_chain_of_a_thousand_is_checked(tmp_path: Path) -> None:
    competencies = "".join(
        f"      - id: X.A.{i}\n        label: C{i}\n        description: d\n        sources: [S]\n"
        + (f"        prerequisites: [X.A.{i - 1}]\n" if i > 1 else "")
        for i in range(1, 1001)
    )
    framework = tmp_path / "chain.yaml"
    framework.write_text(
        "kind: framework\nid: chain\nname: Chain\nversion: '1'\nsource_catalogue:\n"
        "  - {key: S, title: S, url: 'https://example.org/'}\n"
        "levels:\n  - {id: introductory, label: I, rank: 1}\n"
        f"areas:\n  - id: X.A\n    label: A\n    competencies:\n{competencies}",
        encoding="utf-8",
    )
    result, seconds = run_cli("validate", str(framework))
    assert "Traceback" not in result.stderr and result.returncode in (0, 1) and seconds < TIME_LIMIT, result.stderr


def test_ctrl_c_exits_130_and_sigterm_143_without_a_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10_000):  # long enough that the signal arrives mid-run
        (folder / f"c{i:04d}.yaml").write_text(MINIMAL.replace("id: hostile", f"id: c{i:04d}"), encoding="utf-8")
    for sig, code, command in ((signal.SIGINT, 130, "coverage"), (signal.SIGTERM, 143, "export")):
        extra = ["-o", str(tmp_path / "out"), "--base-url", BASE] if command == "export" else []
        process = subprocess.Popen(
            [sys.executable, "-m", "globias_curriculum", command, "--jobs", "1", *extra, str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # not ignored, as in a background job
        )
        time.sleep(1.0)
        process.send_signal(sig)
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == code, stderr
        assert "Traceback" not in stderr
    assert not list((tmp_path / "out").glob(".globias-staging-*"))  # the terminated export cleaned up


def test_a_write_error_while_staging_is_reported_and_nothing_is_committed(tmp_path: Path) -> None:
    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead

    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "globias_curriculum",
            "export",
            "-o",
            str(out),
            "--base-url",
            BASE,
            str(ROOT / "courses"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=small_files,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 2 and "GC516" in result.stderr and "Traceback" not in result.stderr
    assert not (out / "courses").exists() and not (out / "framework.jsonld").exists()


# --- 6. export integrity ----------------------------------------------------------------------------------------


def test_a_course_called_framework_cannot_overwrite_the_framework(tmp_path: Path) -> None:
    course = tmp_path / "c.yaml"
    course.write_text(MINIMAL.replace("id: hostile", "id: framework"), encoding="utf-8")
    result, _ = run_cli("export", "-o", str(tmp_path / "out"), "--base-url", BASE, str(course))
    assert result.returncode == 0, result.stderr
    framework = json.loads((tmp_path / "out" / "framework.jsonld").read_text(encoding="utf-8"))
    course_node = json.loads((tmp_path / "out" / "courses" / "framework.jsonld").read_text(encoding="utf-8"))
    assert "DefinedTermSet" in framework["@type"] and course_node["identifier"] == "framework"


def test_a_second_export_into_a_locked_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with OwnedFolder(out, ".globias-export.json"):
        result, _ = run_cli("export", "-o", str(out), "--base-url", BASE, str(ROOT / "courses"))
    assert result.returncode == 2 and "another run is writing" in result.stderr
    assert not (out / "courses").exists()


def test_a_run_killed_between_renames_leaves_files_the_next_run_knows(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with OwnedFolder(out, "manifest.json") as folder:
        planned = []
        for name in ("a.txt", "b.txt", "c.txt"):
            staged = folder.staged_path(name)
            staged.write_text(name, encoding="utf-8")
            planned.append(Planned(name, str(staged), _sha(name)))
        calls = []

        def killed(source: str, target: Path) -> None:
            if len(calls) == 2:
                raise KeyboardInterrupt  # as SIGTERM would, between two renames
            calls.append(target)
            os.replace(source, target)

        with pytest.raises(KeyboardInterrupt):
            folder.commit(planned, killed)
    assert sorted(p.name for p in out.glob("*.txt")) == ["a.txt", "b.txt"]
    assert not (out / "manifest.json").exists() and (out / "manifest.json.pending").exists()
    with OwnedFolder(out, "manifest.json") as again:
        rewritten = [Planned(p.rel, p.staged, _sha(p.rel + "-v2")) for p in planned]
        assert again.refusals(rewritten, force=False) == []  # files it wrote before the kill are its own
    assert not list(out.glob(".globias-staging-*"))


def _sha(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


def test_a_symlinked_folder_inside_the_output_is_never_followed(tmp_path: Path) -> None:
    out, outside = tmp_path / "out", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    (out / "courses").symlink_to(outside)
    result, _ = run_cli("export", "-o", str(out), "--base-url", BASE, str(ROOT / "courses"))
    assert result.returncode == 2 and "symbolic link" in result.stderr
    assert list(outside.iterdir()) == []


def test_a_deeply_nested_manifest_is_treated_as_empty_not_as_a_crash(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".globias-export.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result, _ = run_cli("export", "-o", str(out), "--base-url", BASE, str(ROOT / "courses"))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


# --- 7. nothing skipped in silence ---------------------------------------------------------------------------------


def test_a_folder_that_cannot_be_listed_is_an_io_error_not_a_silent_skip(tmp_path: Path) -> None:
    top = tmp_path / "top"
    top.mkdir()
    (top / "ok.yaml").write_text(MINIMAL, encoding="utf-8")
    fd = os.open(top, os.O_RDONLY)
    try:  # a path deeper than PATH_MAX: the walk cannot list its last folder, even as root
        for _ in range(20):
            name = "d" * 250
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
    finally:
        os.close(fd)
    result, _ = run_cli("validate", "--format", "json", str(top))
    report = json.loads(result.stdout)
    assert result.returncode == 2
    assert [d["code"] for d in report["diagnostics"]] == ["GC108"]
    assert "too long" in report["diagnostics"][0]["message"].lower()


def test_guidelines_that_are_not_a_guideline_set_are_refused(tmp_path: Path) -> None:
    result, _ = run_cli(
        "validate", "--guidelines", str(ROOT / "examples" / "minimal-course.yaml"), str(ROOT / "courses")
    )
    assert result.returncode == 2 and "GC113" in result.stderr and "not a guidelines file" in result.stderr


def test_a_programme_never_opens_a_file_outside_its_repository(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("kind: course\nid: secret\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "p.yaml").write_text(f"kind: programme\nid: p\ntitle: P\ncourses: [../secret.yaml, {secret}]\n", "utf-8")
    probe = (
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == 'open' else None)\n"
        "from globias_curriculum.cli import main\n"
        "try:\n    main(['validate', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "print('SECRET-OPENED' if any('secret' in p for p in opened) else 'CLEAN', file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(repo / "p.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert "CLEAN" in result.stderr, result.stderr
    assert result.stdout.count("GC316") == 2 and "outside its folder and its repository" in result.stdout
