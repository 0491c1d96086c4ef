"""The embedded framework and guideline set: what they claim, and what every entry must carry.

Citations are data: every competency, level, verb list, area, demand topic and rule cites `{source, locator}`,
every source key is defined and used, and every locator has the shape its source's kind needs (a file path for a
repository, a section or page for an article, a question for the survey). What is the project's own says so in
a `judgement`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from globias_curriculum.checks.references import edam_kind, edam_label
from globias_curriculum.configuration import load_context
from globias_curriculum.context import verb_key
from globias_curriculum.identifiers import edam_local, orcid_checksum_ok
from globias_curriculum.judging.conditions import CONDITIONS, PROGRAMME_CONDITIONS
from globias_curriculum.units import teaching_hours

CONTEXT = load_context()
FW = CONTEXT.framework.document.data
GL = CONTEXT.guidelines.document.data
COMPETENCIES = [c for area in FW["areas"] for c in area["competencies"]]
LIVE = [c for c in COMPETENCIES if not c.get("deprecated")]
CATALOGUE = {s["key"]: s for s in [*FW["source_catalogue"], *(GL.get("source_catalogue") or ())]}


def citations(node: Any) -> Iterator[dict[str, str]]:
    """Every {source, locator} below `node`, the verb lists' included."""
    if isinstance(node, dict):
        if "source" in node and "locator" in node:
            yield node
        for value in node.values():
            yield from citations(value)
    elif isinstance(node, list):
        for value in node:
            yield from citations(value)


#: What a locator must name, by the kind of its source.
_FILE = r"[\w*./'() -]*?[\w*/]\.(md|ya?ml|qmd|rb|jsx|json|csv|tsv|owl|txt|html|py|ijm)\b|\w/(\s|\(|$)"
_PART = (
    r"\b(Abstract|Introduction|Summary|Main|[Ss]ection|Table|Figure|Box|box|[Cc]hapter|principle)\b|\b(para|p)\. ?\d+"
)
LOCATOR_SHAPES = {
    "repository": _FILE,
    "checklist": _FILE,
    "book": _FILE,
    "ontology": _FILE,
    "article": _PART,
    "website": _FILE + "|" + _PART + r"|\b(property|step|item|key|entry)\b",
    "dataset": r"\bQ\d+\b",
}


def test_framework_has_12_areas_three_levels_and_a_descriptor_per_level() -> None:
    fw = CONTEXT.framework
    assert 8 <= len(fw.areas) <= 12
    assert len(LIVE) >= 70
    assert set(fw.levels) == {"introductory", "intermediate", "advanced"}
    assert fw.level_names["beginner"] == "introductory"
    for comp in LIVE:
        levels = [d["level"] for d in comp["descriptors"]]
        assert sorted(levels) == sorted(fw.levels), comp["id"]
        assert all(len(d["statement"].split()) >= 6 for d in comp["descriptors"]), comp["id"]


def test_every_entry_cites_a_source_with_a_locator() -> None:
    entries = [*FW["levels"], *FW["bloom_levels"], *FW["demand_topics"], *FW["areas"], *COMPETENCIES, *GL["rules"]]
    for entry in entries:
        assert list(citations(entry.get("citations"))), entry.get("id")
    for key in ("non_observable_verbs", "tool_action_verbs"):
        assert list(citations(FW[key])), key


def test_every_source_key_is_defined_and_every_defined_source_is_used() -> None:
    used = [c["source"] for c in [*citations(FW), *citations(GL)]]
    assert set(used) <= set(CATALOGUE)
    assert set(CATALOGUE) <= set(used), set(CATALOGUE) - set(used)


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_source_names_its_authors_year_and_where_to_find_it(key: str) -> None:
    source = CATALOGUE[key]
    assert source["authors"] and source["title"]
    assert source.get("doi") or source.get("url") or source.get("arxiv")
    # a web page or repository may carry no date of its own: the version read (commit, release) pins it
    assert source.get("year") or (source["kind"] in ("website", "repository", "ontology") and source.get("version"))


def test_every_locator_is_well_formed_for_its_source_kind() -> None:
    for citation in [*citations(FW), *citations(GL)]:
        locator = citation["locator"]
        assert locator == locator.strip() and len(locator) >= 6, citation
        kind = CATALOGUE[citation["source"]]["kind"]
        assert re.search(LOCATOR_SHAPES[kind], locator), (kind, citation)


def test_no_entry_cites_the_same_place_twice() -> None:
    for entry in [*COMPETENCIES, *GL["rules"], *FW["areas"], *FW["levels"]]:
        pairs = [(c["source"], c["locator"]) for c in entry["citations"]]
        assert len(pairs) == len(set(pairs)), entry["id"]


def test_the_sources_the_issue_names_are_catalogued_as_published() -> None:
    assert CATALOGUE["GP"]["arxiv"] == "2507.06407" and CATALOGUE["GP"]["year"] == 2025
    paper, book = CATALOGUE["QWP"], CATALOGUE["QWB"]  # QUAREP-LiMi: the paper and the living book, two sources
    assert paper["doi"] == "10.1038/s41592-023-01987-9" and paper["kind"] == "article"
    assert book["kind"] == "checklist" and book["doi"] != paper["doi"]
    iscb = CATALOGUE["ISCB3"]
    assert (
        iscb["doi"] == "10.1093/bioadv/vbae166" and iscb["year"] == 2024 and iscb["authors"][0].startswith("Brooksbank")
    )


def test_bloom_levels_are_the_six_of_the_revised_taxonomy_and_every_verb_has_a_provenance() -> None:
    blooms = FW["bloom_levels"]
    assert [b["id"] for b in blooms] == ["remember", "understand", "apply", "analyse", "evaluate", "create"]
    assert [b["rank"] for b in blooms] == [1, 2, 3, 4, 5, 6]
    for entry in [*blooms, FW["non_observable_verbs"], FW["tool_action_verbs"]]:
        for cited in entry.get("verbs_cited") or ():
            assert cited["verbs"] and cited["source"] in CATALOGUE
        if entry.get("verbs_added"):
            assert entry.get("judgement"), entry.get("id")  # the project's verbs say why


def test_tool_actions_are_no_bloom_verbs_and_understand_is_not_observable() -> None:
    fw = CONTEXT.framework
    assert all(fw.bloom_range(v) is None for v in fw.tool_action_verbs)
    assert "understand" in fw.non_observable_verbs
    assert fw.bloom_range("create") == (6, 6) and fw.bloom_range("compare") == (2, 5)  # two lists, two levels
    assert fw.bloom_range("Summarize") == fw.bloom_range("summarise")
    assert verb_key("analyze") == "analyse"


def test_deprecated_competencies_keep_their_ids_and_name_live_replacements() -> None:
    fw = CONTEXT.framework
    assert fw.replaced_by == {"BIA.ML.5": ("BIA.ML.7", "BIA.ML.8"), "BIA.INT.4": ("BIA.INT.6", "BIA.INT.7")}
    for replacements in fw.replaced_by.values():
        assert all(r in fw.competencies and r not in fw.replaced_by for r in replacements)


def test_edam_mappings_name_the_concept_its_branch_and_its_label() -> None:
    for comp in COMPETENCIES:
        for mapping in comp.get("edam") or ():
            local, _ = edam_local(mapping["id"])
            assert edam_kind(local) == mapping["kind"], mapping
            assert edam_label(mapping["id"]) == mapping["label"], mapping
            assert mapping["provisional"] == mapping["id"].startswith("edam-bi:"), mapping


def test_embedded_data_says_it_is_aligned_not_official() -> None:
    for doc in (FW, GL):
        status = doc["status"].lower()
        assert "globias-aligned" in status and "not an official" in status
        assert doc["version"] == "0.2.0"


def test_every_rule_has_citations_a_rationale_and_a_known_condition() -> None:
    rules = CONTEXT.guidelines.rules
    assert len(CONTEXT.guidelines.live_rules) >= 30
    for rule in rules.values():
        assert rule["rationale"] and rule["summary"]
        assert rule["condition"]["kind"] in {*CONDITIONS, *PROGRAMME_CONDITIONS}
    for rid, replacements in CONTEXT.guidelines.replaced_by.items():
        assert replacements, rid
        assert all(r in rules and r not in CONTEXT.guidelines.replaced_by for r in replacements), rid


def test_every_demand_topic_is_answered_by_competencies_and_by_a_rule() -> None:
    fw = CONTEXT.framework
    topics = set(fw.demand_topics)
    assert {"statistics", "machine learning", "deep learning", "data management", "whole-slide images",
            "quality control and fraud prevention", "quality control of analysis outputs",
            "good practice and standards", "open-source tools", "workflows", "tool catalogues"} <= topics  # fmt: skip
    for topic in topics:
        areas = [a for a, area in fw.areas.items() if topic in (area.get("demand_topics") or ())]
        assert fw.in_areas(areas, include_deprecated=False), topic
        assert any(r.get("demand_topic") == topic for r in CONTEXT.guidelines.live_rules), topic


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
