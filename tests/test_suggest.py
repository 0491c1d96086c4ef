"""`suggest`: ranked, explained competency suggestions for outcome texts, and comments written into course files
without changing a byte of their data."""

from __future__ import annotations

import copy
import json
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import globias_curriculum as gc
from globias_curriculum.cli import main
from globias_curriculum.context import Framework
from globias_curriculum.reading.document import Document
from globias_curriculum.suggesting import rank
from globias_curriculum.suggesting.annotate import annotate, suggestion_lines
from globias_curriculum.writing.yamltext import comment, folded_quoted, quoted

from .conftest import CONTEXT, ROOT

FW = CONTEXT.framework
BENCHMARK = ROOT / "benchmarks" / "suggest" / "labelled-outcomes.yaml"


def framework_with(change: dict[str, dict[str, Any]]) -> Framework:
    """The embedded framework with some competencies' fields replaced (as framework 0.2 adds them)."""
    data = copy.deepcopy(FW.document.data)
    for area in data["areas"]:
        for comp in area["competencies"]:
            comp.update(change.get(comp["id"], {}))
    return Framework.from_document(Document("<test>", data))


def test_stardist_ranks_deep_learning_first_with_the_embedded_framework() -> None:
    """Framework 0.1 never names StarDist: the tool lexicon says what it is, and the explanation says so."""
    (first, *_) = gc.suggest("Segment nuclei with StarDist")
    assert first.competency == "BIA.ML.3"
    assert any(m.via == "stardist" for m in first.matches)


def test_keywords_and_tools_of_a_framework_count() -> None:
    """What framework 0.2 adds per competency is used: a keyword names the competency outright."""
    outcome = "Report the zorblax quotient of two channels"  # words no competency of the framework uses
    plain = [s.competency for s in rank(outcome, FW)]
    fw = framework_with({"BIA.STA.1": {"keywords": ["zorblax quotient"], "tools": ["Quuxalyzer"]}})
    boosted = rank(outcome, fw)
    assert "BIA.STA.1" not in plain[:1]
    assert boosted[0].competency == "BIA.STA.1"
    assert {m.field for m in boosted[0].matches} >= {"keyword"}
    via_tool = rank("Use Quuxalyzer", fw)[0]
    assert via_tool.competency == "BIA.STA.1" and via_tool.matches[0].field == "tool"


def test_level_descriptors_count_but_less_than_a_label() -> None:
    fw = framework_with({"BIA.ECO.3": {"descriptors": {"introductory": "Segments nuclei with a threshold."}}})
    ranked = [s.competency for s in rank("Segment nuclei with a threshold", fw, limit=10)]
    assert "BIA.ECO.3" in ranked and ranked.index("BIA.SEG.2") < ranked.index("BIA.ECO.3")


def test_deprecated_competencies_are_never_suggested() -> None:
    fw = framework_with({"BIA.SEG.2": {"deprecated": True, "replaced_by": ["BIA.SEG.1"]}})
    assert "BIA.SEG.2" not in [s.competency for s in rank("Apply an Otsu threshold", fw, limit=20)]


def test_an_outcome_sharing_no_meaningful_word_gets_no_guess() -> None:
    assert rank("Understand how to learn", FW) == []
    assert rank("", FW) == []


def test_spelling_variants_and_word_forms_meet() -> None:
    colocalisation = {cid for cid, c in FW.competencies.items() if "olocalisation" in str(c.get("label", ""))}
    assert colocalisation
    for text in ("Measure colocalization", "measure co-localisation", "Colocalising two channels"):
        assert rank(text, FW)[0].competency in colocalisation, text
    forms = [[x.competency for x in rank(text, FW)] for text in ("Segmenting cells", "Segment cells", "segments cell")]
    assert forms[0] and forms[0] == forms[1] == forms[2]
    assert any(c.startswith("BIA.SEG") for c in forms[0][:5])


def test_every_match_names_a_word_of_the_outcome_or_of_a_tool_it_names() -> None:
    text = "Track particles with TrackMate and plot their trajectories"
    for suggestion in rank(text, FW, limit=5):
        assert 0 < suggestion.score <= 1
        for match in suggestion.matches:
            assert match.word.lower() in text.lower() or match.via in text.lower()


def test_a_course_is_ranked_well_under_a_second() -> None:
    outcomes = [o["text"] for o in yaml.safe_load(BENCHMARK.read_text(encoding="utf-8"))["outcomes"]][:40]
    rank("warm up", FW)
    start = time.perf_counter()
    for text in outcomes:
        rank(text, FW)
    assert time.perf_counter() - start < 0.5


def test_the_benchmark_has_at_least_150_labelled_outcomes_of_known_shape() -> None:
    data = yaml.safe_load(BENCHMARK.read_text(encoding="utf-8"))
    assert data["count"] == len(data["outcomes"]) >= 150
    assert all(o["accept"] and all(c.startswith("BIA.") for c in o["accept"]) for o in data["outcomes"])
    header = BENCHMARK.read_text(encoding="utf-8").split("count:")[0]
    assert "Who labelled and how" in header and "BEFORE any suggester code existed" in header


# ---------------------------------------------------------------------------------------------- --write


COURSE = """\
# my course
kind: course
id: c1
title: "Course"
description: "A course."
learning_outcomes:
  - statement: "Apply an Otsu threshold to segment nuclei"
  - statement: "Measure colocalisation"
    competencies: [BIA.QNT.4]
  - {statement: "Track particles with TrackMate"}
modules: [{title: "M"}]
"""


def _strip_ours(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.lstrip().startswith("# suggest:"))


def test_write_adds_comments_and_changes_no_data() -> None:
    done = annotate(COURSE, "c.yaml", FW)
    assert done.diagnostics == []
    assert yaml.safe_load(done.text) == yaml.safe_load(COURSE)
    assert _strip_ours(done.text) == COURSE  # every other byte is kept
    lines = done.text.splitlines()
    first = lines.index('  - statement: "Apply an Otsu threshold to segment nuclei"')
    assert lines[first - 1].startswith("  # suggest: BIA.SEG.2 Thresholding (")
    assert "Measure colocalisation" in done.text and [i for i, _, _ in done.outcomes] == [0, 2]
    assert annotate(done.text, "c.yaml", FW).text == done.text  # a second run replaces, never repeats


def test_write_keeps_crlf_line_ends() -> None:
    crlf = COURSE.replace("\n", "\r\n")
    done = annotate(crlf, "c.yaml", FW)
    assert "\r\n  # suggest: BIA.SEG.2" in done.text and "\n" not in done.text.replace("\r\n", "")
    assert _strip_ours(done.text) == crlf


def test_write_works_inside_a_flow_sequence() -> None:
    flow = 'kind: course\nid: c\ntitle: "T"\ndescription: "D"\n'
    flow += 'learning_outcomes: [\n  {statement: "Apply an Otsu threshold"},\n]\n'
    done = annotate(flow, "c.yaml", FW)
    assert done.text != flow and yaml.safe_load(done.text) == yaml.safe_load(flow)


def test_suggestion_comments_cannot_break_out_of_the_comment() -> None:
    hostile = rank("Segment nuclei with StarDist", FW)
    forged = [s._replace(label="Thresholding\u2028kind: programme\nid: x") for s in hostile]
    for line in suggestion_lines(forged):
        assert yaml.safe_load(f"# {line}\nkey: 1\n") == {"key": 1}


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_quoted_strings_load_back_exactly(text: str) -> None:
    assert yaml.safe_load("v: " + quoted(text)) == {"v": text}
    assert yaml.safe_load("v: " + folded_quoted(text * 3, 3, 40)) == {"v": text * 3}
    assert yaml.safe_load(f"# {comment(text)}\nv: 1\n") == {"v": 1}


# ---------------------------------------------------------------------------------------------- CLI


def test_cli_text_and_json(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["suggest", "Segment nuclei with StarDist"])
    assert result.exit_code == 0
    assert result.output.splitlines()[1].split()[:2] == ["1.", "BIA.ML.3"]
    assert "matched:" in result.output
    course = tmp_path / "c.yaml"
    course.write_text(COURSE, encoding="utf-8")
    result = runner.invoke(main, ["suggest", "--format", "json", str(course)])
    data = json.loads(result.output)
    assert [o["line"] for o in data["outcomes"]] == [7, 10]
    assert data["outcomes"][0]["suggestions"][0]["competency"] == "BIA.SEG.2"


def test_cli_write_then_validate(tmp_path: Path) -> None:
    course = tmp_path / "c.yaml"
    course.write_text(COURSE, encoding="utf-8")
    result = CliRunner().invoke(main, ["suggest", "--write", str(course)])
    assert result.exit_code == 0, result.output
    assert "# suggest: BIA.SEG.2" in course.read_text(encoding="utf-8")
    assert gc.validate([str(course)]).diagnostics == []
    refused = CliRunner().invoke(main, ["suggest", "--write", "not a file"])
    assert refused.exit_code == 2


def test_cli_unreadable_course_is_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "b.yaml"
    broken.write_text("kind: [course\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["suggest", str(broken)])
    assert result.exit_code == 2 and "GC101" in result.output


@pytest.mark.parametrize("text", ["", "   ", "🙂 ✓", "a" * 5000, "\x00\x1b[31m"])
def test_odd_texts_never_raise(text: str) -> None:
    for suggestion in rank(text, FW):
        assert suggestion.competency in FW.competencies
