"""Coverage: every condition kind passes and fails on its fixture; scores; programmes; every output format."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from globias_curriculum.checks.guidelines import CONDITIONS, PROGRAMME_CONDITIONS
from globias_curriculum.cli import main
from globias_curriculum.coverage import area_scores, coverage_paths, ratio
from globias_curriculum.validation import load_context

from .conftest import FIXTURES, ROOT

COVERAGE = FIXTURES / "coverage"
LISTING = yaml.safe_load((COVERAGE / "_expected.yaml").read_text(encoding="utf-8"))["fixtures"]
CONTEXT = load_context()


@pytest.mark.parametrize("name", sorted(LISTING))
def test_rule_verdict_and_diagnostics_of_each_fixture(name: str) -> None:
    expected = LISTING[name]
    report = coverage_paths([COVERAGE / name], CONTEXT)
    assert [d for d in report.report.diagnostics if d.code < "GC400"] == []  # the fixture itself is valid
    (course,) = report.courses
    verdict = next(v for v in course.verdicts if v.rule == expected["rule"])
    assert verdict.status == expected["status"]
    found = [
        {"code": d.code, "line": d.location.line}
        for d in report.report.sorted()
        if d.message.startswith(f"[{expected['rule']}]")
    ]
    assert found == expected["diagnostics"]
    if verdict.status == "fail":
        assert found and all(
            d.rule == verdict.name
            for d in report.report.diagnostics
            if d.code >= "GC400" and d.message.startswith(f"[{expected['rule']}]")
        )


def test_every_fixture_is_listed_and_every_condition_kind_passes_and_fails() -> None:
    files = sorted(p.name for p in COVERAGE.glob("*.yaml") if not p.name.startswith("_"))
    assert files == sorted(LISTING)
    rules = CONTEXT.guidelines.rules
    seen: dict[str, set[str]] = {}
    for entry in LISTING.values():
        seen.setdefault(rules[entry["rule"]]["condition"]["kind"], set()).add(entry["status"])
    for kind in set(CONDITIONS):
        assert {"pass", "fail"} <= seen.get(kind, set()), kind


def test_programme_checks_the_prerequisite_chain_in_order() -> None:
    report = coverage_paths([COVERAGE / "programme-order" / "programme.yaml"], CONTEXT)
    assert report.programme is not None
    assert report.programme.courses == ["po-first", "po-second"]  # courses found through the programme file
    chain = [(f.course, f.competency) for f in report.programme.chain]
    assert chain == [("po-second", "BIA.SEG.2")]  # FND.1 taught earlier; PRG.1 is an entry requirement
    (finding,) = [d for d in report.report.diagnostics if d.code == "GC414"]
    assert finding.location.line == 8 and finding.rule == "prerequisite-order"
    assert {"prerequisite-order"} == PROGRAMME_CONDITIONS
    matrix = report.programme.matrix
    assert matrix["BIA.FND.1"] == {"po-first": 1, "po-second": -1}
    assert matrix["BIA.SEG.3"] == {"po-second": 2}


def test_scores_follow_the_documented_formulas() -> None:
    assert ratio(0, 0) is None and ratio(1, 4) == 0.25 and ratio(2, 3) == 0.6667
    scores = {a.area: a for a in area_scores(CONTEXT.framework, {"BIA.SEG.1", "BIA.SEG.2", "BIA.STA.1"})}
    assert (scores["BIA.SEG"].taught, scores["BIA.SEG"].total, scores["BIA.SEG"].score) == (2, 7, ratio(2, 7))
    assert scores["BIA.STA"].score == 0.25 and scores["BIA.FND"].score == 0.0
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


def test_text_output_fits_80_columns(runner: CliRunner) -> None:
    result = runner.invoke(main, ["coverage", str(ROOT / "courses")])
    report_part = result.output.split("\n\n" + str(ROOT))[0]
    # file paths are the user's and cannot be shortened; every table and message line must fit
    body = [line for line in report_part.splitlines() if not line.startswith(f"   file {ROOT}")]
    assert max(len(line) for line in body) <= 80


def test_fail_on_warning_turns_findings_into_exit_1(runner: CliRunner) -> None:
    path = str(COVERAGE / "teaches-any-fail.yaml")
    assert runner.invoke(main, ["coverage", path]).exit_code == 0
    assert runner.invoke(main, ["coverage", "--fail-on", "warning", path]).exit_code == 1


def test_json_report_is_versioned_and_stable(runner: CliRunner) -> None:
    path = str(COVERAGE / "teaches-any-fail.yaml")
    first = runner.invoke(main, ["coverage", "--format", "json", path]).output
    assert first == runner.invoke(main, ["coverage", "--format", "json", path]).output
    doc = json.loads(first)
    assert doc["version"] == "1.0"
    assert set(doc) == {
        "version",
        "framework",
        "guidelines",
        "rules",
        "levels",
        "courses",
        "programme",
        "summary",
        "diagnostics",
    }
    assert {r["rule"] for r in doc["rules"]} == {v["rule"] for v in doc["courses"][0]["verdicts"]}
    (course,) = doc["courses"]
    assert {"id", "title", "file", "level", "taught", "required", "verdicts", "areas", "compliance"} == set(course)


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
    assert result.exit_code == 0 and result.output == ""
    assert target.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert target.stat().st_mode & 0o044  # readable by others, as a plain open() would make it
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left behind


def test_streamed_json_is_byte_for_byte_the_whole_document() -> None:
    from globias_curriculum.render_coverage import iter_json, to_json

    for paths in ([ROOT / "courses"], [COVERAGE / "programme-order" / "programme.yaml"], [COVERAGE / "waived.yaml"]):
        report = coverage_paths(paths, CONTEXT)
        assert "".join(iter_json(report)) == to_json(report)
