"""One finding per mistake, with the id to use: labels, near labels and wrong case for competencies; levels in
any case; deprecated ids with their replacement; EDAM-bioimaging ids that exist; provenance that names real
fields."""

from __future__ import annotations

import pytest
import yaml

from globias_curriculum.checks.course import course_field_paths
from globias_curriculum.checks.references import edam_bioimaging, suggest_competency
from globias_curriculum.diagnostics import Diagnostic

from .conftest import CONTEXT, make_course
from .pipeline import check_all


def _meaning(**fields: object) -> list[Diagnostic]:
    """Reading, structure and meaning findings (no guideline rules) of the minimal course with `fields`."""
    text = yaml.safe_dump(make_course(**fields), sort_keys=False)
    return [d for d in check_all(text, CONTEXT) if d.code < "GC400"]


def _outcome(*competencies: str) -> list[dict[str, object]]:
    return [{"statement": "Describe a digital image.", "competencies": list(competencies)}]


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("Digital image representation", "did you mean 'BIA.FND.1' (Digital image representation)?"),
        ("digital image representations", "did you mean 'BIA.FND.1' (Digital image representation)?"),
        ("Thresholding", "did you mean 'BIA.SEG.2' (Thresholding)?"),
        ("bia.seg.2", "did you mean 'BIA.SEG.2' (Thresholding)?"),
        ("BIA.SEG.20", "did you mean 'BIA.SEG.2' (Thresholding)?"),
        ("Otsu", "did you mean 'BIA.SEG.2' (Thresholding)?"),  # a keyword of the competency
    ],
)
def test_a_label_a_near_label_or_a_wrong_case_gets_one_finding_with_the_id(written: str, hint: str) -> None:
    (finding,) = _meaning(learning_outcomes=_outcome(written))
    assert finding.code == "GC301" and finding.hint == hint
    assert finding.location.pointer == "/learning_outcomes/0/competencies/0"


def test_a_label_suggests_a_live_competency_before_a_deprecated_one() -> None:
    assert suggest_competency(CONTEXT.framework, "Quality control") == "BIA.INT.4"  # the exact label wins
    assert suggest_competency(CONTEXT.framework, "quality control of analysis output") == "BIA.INT.7"


@pytest.mark.parametrize("written", ["Beginner", "Introductory", "INTERMEDIATE", "Advanced"])
def test_a_level_in_another_case_is_accepted_with_one_info_finding(written: str) -> None:
    (finding,) = _meaning(level=written)
    assert (finding.code, str(finding.severity), finding.location.pointer) == ("GC319", "info", "/level")
    assert CONTEXT.framework.level(written) is not None


def test_a_misspelt_level_is_one_error_and_a_lower_case_alias_is_silent() -> None:
    (finding,) = _meaning(level="beginer")
    assert finding.code == "GC302" and finding.hint == "did you mean 'beginner'?"
    assert _meaning(level="beginner") == []


def test_a_level_in_another_case_scopes_rules_and_exports_like_the_level() -> None:
    from globias_curriculum.judging.judge import judge_course
    from globias_curriculum.reading.document import Document

    upper, lower = (
        judge_course(Document("c.yaml", make_course(level=lv)), CONTEXT)[0] for lv in ("Beginner", "beginner")
    )
    assert upper.level == lower.level == "introductory"
    assert [(v.rule, v.status) for v in upper.verdicts] == [(v.rule, v.status) for v in lower.verdicts]


def test_a_deprecated_competency_validates_with_a_warning_naming_its_replacements() -> None:
    (finding,) = _meaning(learning_outcomes=_outcome("BIA.ML.5"))
    assert (finding.code, str(finding.severity)) == ("GC318", "warning")
    assert finding.hint == "use 'BIA.ML.7' (Evaluation against ground truth, leakage and metric choice) or " + (
        "'BIA.ML.8' (Generalisation, domain shift and dataset bias)"
    )


def test_a_waiver_of_a_deprecated_rule_names_the_rules_that_replace_it() -> None:
    (finding,) = _meaning(guideline_exceptions=[{"rule": "R09", "reason": "Self-paced."}])
    assert finding.code == "GC318" and finding.hint == "replaced by 'R21', 'R22'"


def test_a_deprecated_rule_judges_nothing() -> None:
    text = yaml.safe_dump(make_course(duration=None), sort_keys=False)
    rules = {d.rule_id for d in check_all(text, CONTEXT) if d.rule_id}
    assert "R21" in rules and "R09" not in rules


def test_edam_bioimaging_ids_are_checked_against_alpha06() -> None:
    assert "topic_____Digital_pathology" in edam_bioimaging() and len(edam_bioimaging()) > 300
    assert _meaning(edam_topics=["edam-bi:topic_____Digital_pathology"]) == []
    (finding,) = _meaning(edam_topics=["edam-bi:topic_____Digital_pathologies"])
    assert finding.code == "GC315" and finding.hint == "did you mean 'topic_____Digital_pathology'?"


def test_provenance_paths_are_the_course_fields_of_the_schema() -> None:
    paths = course_field_paths()
    assert {"title", "learning_outcomes.competencies", "tools.open_source", "instances.location.country"} <= paths
    assert "provenance" in paths and "competencies" not in paths


def test_provenance_must_account_for_every_declared_field() -> None:
    provenance = {"url": "https://example.org/p", "date_read": "2026-01-02", "stated": ["title", "description"]}
    codes = [d.code for d in _meaning(provenance=provenance)]
    # level, prerequisites and learning_outcomes of the minimal course are neither stated nor mapped
    assert codes == ["GC324", "GC324", "GC324"]
    provenance["mapped"] = ["level", "prerequisites", "learning_outcomes.competencies"]
    provenance["stated"] += ["learning_outcomes"]
    assert _meaning(provenance=provenance) == []
