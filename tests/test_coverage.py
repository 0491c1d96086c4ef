"""Coverage: every condition kind passes and fails on its fixture; scores; programmes; every output format."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from globias_curriculum.cli import main
from globias_curriculum.diagnostics import Family
from globias_curriculum.judging import coverage_paths
from globias_curriculum.judging.conditions import CONDITIONS, PROGRAMME_CONDITIONS
from globias_curriculum.judging.judge import area_scores
from globias_curriculum.judging.model import CoverageReport, ratio
from globias_curriculum.runner import validate_paths

from . import listing
from .conftest import CONTEXT, FIXTURES, ROOT

COVERAGE = FIXTURES / "coverage"
RULE_FIXTURES = listing.inputs(COVERAGE, (".yaml",))


@pytest.mark.parametrize("path", RULE_FIXTURES, ids=lambda p: p.name)
def test_rule_verdict_and_diagnostics_of_each_fixture(path: Path) -> None:
    expected = listing.expected_for(path)
    assert expected is not None and len(expected.verdicts) == 1, f"{path.name}: list one verdict beside it"
    ((rule, status),) = expected.verdicts.items()
    report = coverage_paths([path], CONTEXT)
    (course,) = report.courses
    assert [d for d in course.diagnostics if d.family < Family.GUIDELINES] == []  # the fixture itself is valid
    verdict = next(v for v in course.verdicts if v.rule == rule)
    assert verdict.status == status
    findings = [d for d in course.diagnostics if d.rule_id == rule]
    assert listing.lines_of(findings) == expected.diagnostics
    assert all(d.rule == verdict.info.name and d.severity == verdict.info.severity for d in findings)
    assert (status == "fail") == bool(findings) or status == "waived"


def test_every_condition_kind_passes_and_fails_on_a_fixture() -> None:
    rules = CONTEXT.guidelines.rules
    seen: dict[str, set[str]] = {}
    for path in RULE_FIXTURES:
        expected = listing.expected_for(path)
        assert expected is not None
        for rule, status in expected.verdicts.items():
            seen.setdefault(rules[rule]["condition"]["kind"], set()).add(status)
    for kind in set(CONDITIONS):
        assert {"pass", "fail"} <= seen.get(kind, set()), kind


def test_programme_checks_the_prerequisite_chain_in_order() -> None:
    report = coverage_paths([COVERAGE / "programme-order" / "programme.yaml"], CONTEXT)
    assert report.programme is not None
    assert report.programme.courses == ["po-first", "po-second"]  # courses found through the programme file
    chain = [(f.course, f.competency) for f in report.programme.chain]
    assert chain == [("po-second", "BIA.SEG.2")]  # FND.1 taught earlier; PRG.1 is an entry requirement
    (finding,) = [d for d in report.iter_diagnostics() if d.code == "GC414"]
    assert listing.line_of(finding) == "8:5 GC414 C09" and finding.rule == "prerequisite-order"
    assert {"prerequisite-order"} == PROGRAMME_CONDITIONS
    matrix = report.matrix()
    assert matrix["BIA.FND.1"] == {"po-first": 1, "po-second": -1}
    assert matrix["BIA.SEG.3"] == {"po-second": 2}
    assert "BIA.ML.1" not in matrix and report.matrix(include_untaught=True)["BIA.ML.1"] == {}


def test_without_a_programme_file_courses_are_ordered_by_level_then_id(write_course: Callable[..., Path]) -> None:
    outcome = [{"statement": "Describe a digital image.", "competencies": ["BIA.FND.1"]}]
    for name, cid, level in [("a.yaml", "zeta", "introductory"), ("b.yaml", "alpha", "advanced"),
                             ("c.yaml", "beta", "intermediate"), ("d.yaml", "gamma", "introductory")]:  # fmt: skip
        path = write_course(name, id=cid, level=level, learning_outcomes=outcome)
    report = coverage_paths([path.parent], CONTEXT)
    assert report.programme is not None and report.programme.ordered_by == "level"
    assert report.programme.courses == ["gamma", "zeta", "beta", "alpha"]
    assert [c.id for c in report.courses] == report.programme.courses  # one numbering everywhere


def test_a_duplicate_of_a_listed_course_is_reported_and_the_course_stays(tmp_path: Path) -> None:
    """Issue 9: with `coverage programme.yaml dup.yaml`, dup.yaml repeating the id of a listed course."""
    for name in ("programme.yaml", "first.yaml", "second.yaml"):
        (tmp_path / name).write_bytes((COVERAGE / "programme-order" / name).read_bytes())
    dup = tmp_path / "elsewhere" / "dup.yaml"
    dup.parent.mkdir()
    dup.write_bytes((COVERAGE / "programme-order" / "first.yaml").read_bytes())
    report = coverage_paths([tmp_path / "programme.yaml", dup], CONTEXT)
    duplicates = [d for d in report.iter_diagnostics() if d.code == "GC304"]
    assert len(duplicates) == 1
    assert report.programme is not None and report.programme.courses == ["po-first", "po-second"]
    validated = validate_paths([tmp_path / "programme.yaml", dup], CONTEXT)
    assert [(d.code, Path(d.location.file).name) for d in validated.diagnostics] == [("GC304", "first.yaml")]


def test_scores_follow_the_documented_formulas() -> None:
    assert ratio(0, 0) is None and ratio(1, 4) == 0.25 and ratio(2, 3) == 0.6667
    scores = {a.area: a for a in area_scores(CONTEXT.framework, {"BIA.SEG.1", "BIA.SEG.2", "BIA.STA.1"})}
    seg = len(CONTEXT.framework.in_areas(("BIA.SEG",)))  # counted from the framework, not from this test
    assert seg >= 2 and (scores["BIA.SEG"].taught, scores["BIA.SEG"].total) == (2, seg)
    assert scores["BIA.SEG"].score == ratio(2, seg)
    assert scores["BIA.STA"].score == ratio(1, len(CONTEXT.framework.in_areas(("BIA.STA",))))
    assert scores["BIA.FND"].score == 0.0
    report = coverage_paths([COVERAGE / "teaches-any-fail.yaml"], CONTEXT)
    (course,) = report.courses
    judged = [v for v in course.verdicts if v.status in ("pass", "fail")]
    assert course.compliance == ratio(sum(v.status == "pass" for v in judged), len(judged))
    assert 0 < course.compliance < 1  # type: ignore[operator]


def test_demand_topics_are_scored_over_their_areas() -> None:
    report = coverage_paths([ROOT / "courses"], CONTEXT)
    assert report.programme is not None
    topics = {t.topic: t for t in report.programme.topics}
    stats = topics["statistics"]
    taught = {cid for c in report.courses for cid in c.taught}
    expected = [c for c, a in CONTEXT.framework.area_of.items() if a == "BIA.STA"]
    assert stats.total == len(expected) and stats.taught == len([c for c in expected if c in taught])
    assert stats.met == (stats.taught > 0)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_the_course_catalogue_as_a_programme_runs_clean(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(main, ["coverage", "--format", fmt, str(ROOT / "courses")])
    assert result.exit_code == 0, result.output  # findings are warnings and info; no error
    assert "Data Carpentry" in result.output


def test_text_output_fits_80_columns_except_located_findings(runner: CliRunner) -> None:
    result = runner.invoke(main, ["coverage", str(ROOT / "courses")])
    # a finding starts with the user's file path and quotes the user's own line; neither can be shortened,
    # but every table line must fit
    excerpt = re.compile(r"^ +\d* \| ")
    body = [
        line
        for line in result.output.splitlines()
        if not line.startswith((str(ROOT), "    hint:")) and not excerpt.match(line)
    ]
    assert max(len(line) for line in body) <= 80


def test_text_output_prints_each_finding_once(runner: CliRunner) -> None:
    report = coverage_paths([ROOT / "courses"], CONTEXT)
    text = runner.invoke(main, ["coverage", str(ROOT / "courses")]).output
    for d in report.iter_diagnostics():
        loc = d.location
        assert text.count(f"{loc.file}:{loc.line}:{loc.column}: {d.code} {d.severity} {d.message} [") == 1, d


def test_fail_on_warning_turns_findings_into_exit_1(runner: CliRunner) -> None:
    path = str(COVERAGE / "teaches-any-fail.yaml")
    assert runner.invoke(main, ["coverage", path]).exit_code == 0
    assert runner.invoke(main, ["coverage", "--fail-on", "warning", path]).exit_code == 1


def test_json_report_is_versioned_and_stable(runner: CliRunner) -> None:
    path = str(COVERAGE / "teaches-any-fail.yaml")
    first = runner.invoke(main, ["coverage", "--format", "json", path]).output
    assert first == runner.invoke(main, ["coverage", "--format", "json", path]).output
    doc = json.loads(first)
    assert doc["version"] == "2.0"
    assert set(doc) == {
        "version",
        "framework",
        "guidelines",
        "rules",
        "levels",
        "area_labels",
        "competency_labels",
        "files",
        "courses",
        "programme",
        "summary",
        "diagnostics",
        "sources",
    }
    assert {r["rule"] for r in doc["rules"]} == {v["rule"] for v in doc["courses"][0]["verdicts"]}
    # every source a rule cites is spelled out once, and nothing uncited is
    assert {s["key"] for s in doc["sources"]} == {k for r in doc["rules"] for k in r["sources"]}
    (course,) = doc["courses"]
    assert set(course) == {
        "id", "title", "file", "level", "taught", "required", "verdicts", "areas", "compliance", "diagnostics"
    }  # fmt: skip


GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = ["minimal-course.yaml", "complete-course.yaml"]


@pytest.mark.parametrize("example", EXAMPLES)
@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_golden_outputs_for_the_examples(
    runner: CliRunner, example: str, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(main, ["coverage", "--format", fmt, f"examples/{example}"])
    suffix = {"text": "txt", "markdown": "md", "json": "json", "html": "html"}[fmt]
    golden = GOLDEN / f"coverage-{Path(example).stem}.{suffix}"
    if os.environ.get("UPDATE_GOLDEN") == "1":  # rewrite on purpose, then review the diff before committing
        golden.write_text(result.output, encoding="utf-8")
    assert result.output == golden.read_text(encoding="utf-8")


def test_output_file_is_written_whole_with_normal_permissions(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = runner.invoke(main, ["coverage", "--format", "html", "-o", str(target), str(ROOT / "courses")])
    assert result.exit_code == 0
    # the report goes to the file; the terminal only says where it went and what it found
    assert result.output.startswith(f"wrote {target}: 30 course(s), 0 error(s)")
    assert target.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert target.stat().st_mode & 0o044  # readable by others, as a plain open() would make it
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left behind


@pytest.mark.parametrize(
    "paths",
    [[ROOT / "courses"], [COVERAGE / "programme-order" / "programme.yaml"], [COVERAGE / "waived.yaml"]],
    ids=["catalogue", "programme", "waived"],
)
def test_the_json_report_reads_back_to_the_same_report(paths: list[Path]) -> None:
    report = coverage_paths(paths, CONTEXT)
    text = report.to_json()
    again = CoverageReport.from_json(text)
    assert again.to_json() == text
    assert list(again.iter_diagnostics()) == list(report.iter_diagnostics())
    assert again.exit_code() == report.exit_code() and again.counts() == report.counts()
