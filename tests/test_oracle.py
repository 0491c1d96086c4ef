"""Agreement with the real thing: ELIXIR TeSS's own extractors (the oracle, ../shared/oracles/tess) against ours.

For every document of three corpora (the real documents of fixtures/registry/corpus, the rule fixtures of
fixtures/registry/rules, and what the current exporter writes for the shipped courses in every format), the
oracle runs TeSS_RDF_Extractors and this asserts:

1. our extraction equals the gem's, value for value (or both fail on the page);
2. tess-preview's records equal TeSS's post-extraction steps applied to the gem's own output, so what the
   preview shows is what TeSS would store from what TeSS really extracted.

Skipped, with the reason, only when Ruby is absent (CI installs it: .ci/run). README lists every known
difference between the oracle and production TeSS.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from globias_curriculum.exporting.writer import export_paths
from globias_curriculum.jsonld.ruby_values import to_json
from globias_curriculum.jsonld.tess import build, candidates, preview_document

from .conftest import CONTEXT, FIXTURES, ROOT

ORACLE = ROOT.parent / "shared" / "oracles" / "tess" / "extract"
KEYS = ("events", "courses", "course_instances", "learning_resources")
CORPUS = FIXTURES / "registry" / "corpus"
RULES = FIXTURES / "registry" / "rules"
BASE = "https://example.org/bia/"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("ruby") is None, reason="the TeSS oracle needs ruby (.ci/run installs it)"),
]


def _documents(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name != "SOURCES.md")


def run_oracle(paths: list[Path]) -> dict[str, Any]:
    """One oracle process for many files (its start-up costs about half a second)."""
    result = subprocess.run([str(ORACLE), *map(str, paths)], capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    found: dict[str, Any] = json.loads(result.stdout)
    return found


@functools.cache
def _exports() -> tuple[Path, ...]:
    """The current exporter's output for the shipped courses, in every format (generated, not stored)."""
    import tempfile

    out = Path(tempfile.mkdtemp(prefix="gc-oracle-"))
    files: list[Path] = []
    for fmt in ("jsonld", "graph", "html"):
        target = out / fmt
        export_paths([ROOT / "courses"], CONTEXT, target, fmt, BASE)
        files += sorted(p for p in target.rglob("*") if p.suffix in (".jsonld", ".html"))
    return tuple(files)


@functools.cache
def _oracle_for(corpus: str) -> dict[str, Any]:
    return run_oracle(list(_paths(corpus)))


def _paths(corpus: str) -> tuple[Path, ...]:
    if corpus == "real":
        return tuple(_documents(CORPUS))
    if corpus == "rules":
        return tuple(_documents(RULES))
    return _exports()


def _ours_and_theirs(corpus: str, path: Path) -> tuple[Any, dict[str, Any]]:
    theirs = _oracle_for(corpus)[str(path)]
    return preview_document(str(path)), theirs


def _check(corpus: str, path: Path) -> None:
    ours, theirs = _ours_and_theirs(corpus, path)
    assert {"jsonld": "jsonld", "html": "rdfa"}[ours.format] == theirs["format"]  # the oracle names HTML "rdfa"
    if "error" in theirs:
        assert not ours.extracted and [d.code for d in ours.diagnostics] == ["GC520"], (theirs["error"], ours)
        return
    assert to_json(ours.extracted) == {k: theirs[k] for k in KEYS}
    events, materials = candidates({k: theirs[k] for k in KEYS})
    assert ours.events + ours.materials == build(events, "event")[0] + build(materials, "material")[0]
    expected_rejected = build(events, "event")[1] + build(materials, "material")[1]
    assert [r.as_dict() for r in ours.rejected] == [r.as_dict() for r in expected_rejected]


@pytest.mark.parametrize("path", _documents(CORPUS), ids=lambda p: p.name)
def test_real_documents_agree_with_tess(path: Path) -> None:
    _check("real", path)


@pytest.mark.parametrize("path", _documents(RULES), ids=lambda p: p.name)
def test_rule_fixtures_agree_with_tess(path: Path) -> None:
    _check("rules", path)


def test_our_exports_agree_with_tess() -> None:
    """Only what the oracle says is asserted: the exporter is changing, the agreement must hold anyway."""
    paths = _exports()
    assert len(paths) >= 10
    for path in paths:
        _check("exports", path)


def test_the_oracle_is_the_real_gem() -> None:
    """A sanity check that the comparison is not vacuous: the oracle finds records where TeSS does."""
    found = _oracle_for("real")
    assert sum(len(v.get(k, [])) for v in found.values() for k in KEYS) >= 300
    assert sum(1 for v in found.values() if "error" in v) == 3


def test_every_shipped_course_reaches_tess_whole() -> None:
    """What TeSS's own extractor finds in our JSON-LD export of courses/, taken through TeSS's post-extraction
    steps: every course becomes a record (an event per instance, else a material), each event under the url
    the instance was published at, and nothing is dropped but duplicates that add nothing."""
    import yaml

    files = {p.stem: p for p in _exports() if p.suffix == ".jsonld" and p.parent.name == "courses"}
    found = _oracle_for("exports")
    courses = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "courses").glob("*.yaml"))]
    courses = [c for c in courses if c["kind"] == "course"]
    assert len(courses) == len(files)
    for course in courses:
        theirs = found[str(files[course["id"]])]
        events, materials = candidates({k: theirs[k] for k in KEYS})
        kept_events, dropped_events = build(events, "event")
        kept_materials, dropped_materials = build(materials, "material")
        assert all(r.duplicate_of_kept for r in dropped_events + dropped_materials), course["id"]
        instances = course.get("instances") or []
        if not instances:
            assert [m["title"] for m in kept_materials] == [course["title"]], course["id"]
            continue
        assert len(kept_events) == len(instances), course["id"]
        assert all(e["title"] == course["title"] for e in kept_events), course["id"]
        published = [i["url"] for i in instances if i.get("url")]
        assert set(published) <= {e["url"] for e in kept_events}, course["id"]
