"""The embedded framework and guideline set: what they claim, and what every entry must carry."""

from __future__ import annotations

from globias_curriculum.configuration import load_context
from globias_curriculum.context import Framework, GuidelineSet
from globias_curriculum.identifiers import orcid_checksum_ok
from globias_curriculum.units import teaching_hours


def test_framework_has_8_to_12_areas_and_every_competency_cites_a_source() -> None:
    fw = load_context().framework
    assert 8 <= len(fw.areas) <= 12
    assert len(fw.competencies) >= 50
    for comp in fw.competencies.values():
        assert comp["sources"], comp["id"]
    assert set(fw.levels) == {"introductory", "intermediate", "advanced"}
    assert fw.level_names["beginner"] == "introductory"


def test_embedded_data_says_it_is_aligned_not_official() -> None:
    ctx = load_context()
    for doc in (ctx.framework.document, ctx.guidelines.document):
        status = doc.data["status"].lower()
        assert "globias-aligned" in status and "not an official" in status
        assert doc.data["version"]


def test_every_rule_has_a_source_rationale_and_condition() -> None:
    rules = load_context().guidelines.rules
    assert len(rules) >= 20
    for rule in rules.values():
        assert rule["sources"] and rule["rationale"] and rule["condition"]["kind"]


def test_demand_topics_of_the_survey_are_covered_by_areas() -> None:
    fw: Framework = load_context().framework
    topics = {t for area in fw.areas.values() for t in area.get("demand_topics") or ()}
    for topic in (
        "statistics",
        "machine learning",
        "deep learning",
        "data management",
        "quality control and fraud prevention",
        "good practice and standards",
        "open-source tools",
        "workflows",
    ):
        assert topic in topics
    assert isinstance(load_context().guidelines, GuidelineSet)


def test_orcid_check_digit() -> None:
    assert orcid_checksum_ok("0000-0002-1825-0097")
    assert orcid_checksum_ok("https://orcid.org/0000-0001-5109-3700")
    assert orcid_checksum_ok("0000-0002-9079-593X")
    assert not orcid_checksum_ok("0000-0002-1825-0098")


def test_teaching_hours() -> None:
    assert teaching_hours("PT1H30M") == 1.5
    assert teaching_hours("P1D") == 8
    assert teaching_hours("P1W") == 40
    assert teaching_hours("P1DT2H") == 10
    assert teaching_hours("two days") is None
