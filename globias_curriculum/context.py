"""The competency framework and guideline set a run judges against, indexed for the checks.

The embedded ones are read from `generated/embedded.json`, which scripts/generate_artefacts.py writes from
`data/framework.yaml` and `data/guidelines.yaml` (parsing YAML at every start of a pre-commit hook cost 5-8 ms;
a test keeps the two in step). A user's own files are loaded and validated by `configuration.load_context`.

Two scales are kept apart on purpose: a proficiency *level* says how difficult a course is (and, through each
competency's descriptors, what a person at that level does); a *Bloom level* is the cognitive level of one
learning outcome. An advanced course may have `apply` outcomes; the rules only flag implausible combinations.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterable
from typing import Any, NamedTuple

from .reading.document import Document

EMBEDDED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "generated", "embedded.json")


class Level(NamedTuple):
    """A proficiency level: course difficulty, ordered by rank."""

    id: str
    label: str
    rank: int


class BloomRange(NamedTuple):
    """The Bloom ranks an outcome can have: a verb that the cited lists put at two levels spans both."""

    low: int
    high: int


def verb_key(word: str) -> str:
    """One spelling for British and American forms (summarise/summarize, analyse/analyze), lower case."""
    word = word.lower()
    if word.endswith("yze"):
        return word[:-3] + "yse"
    if word.endswith("ize"):
        return word[:-3] + "ise"
    return word


class Framework:
    """A framework document indexed for the checks. Compared and hashed by identity: a run has one."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.competencies: dict[str, dict[str, Any]] = {}
        self.area_of: dict[str, str] = {}  # competency -> area
        self.areas: dict[str, dict[str, Any]] = {}
        self.replaced_by: dict[str, tuple[str, ...]] = {}  # deprecated competency -> its replacements
        self.levels: dict[str, Level] = {}
        self.level_names: dict[str, str] = {}  # id or alias, as written in the framework -> canonical id
        self.level_folded: dict[str, str] = {}  # the same, lower case
        self.bloom_ranks: dict[str, int] = {}  # Bloom level id -> rank
        self.verb_ranks: dict[str, tuple[int, ...]] = {}  # verb_key -> the Bloom ranks whose lists name it
        self.non_observable_verbs: tuple[str, ...] = ()
        self.tool_action_verbs: tuple[str, ...] = ()
        self.demand_topics: tuple[str, ...] = ()
        self.sources: dict[str, dict[str, Any]] = {}
        self._area_cache: dict[tuple[tuple[str, ...], bool], list[str]] = {}

    @property
    def id(self) -> str:
        return str(self.document.data.get("id", ""))

    @classmethod
    def from_document(cls, doc: Document) -> Framework:
        """Index a framework document; tolerant of gaps, since a broken one is reported, not trusted."""
        fw = cls(doc)
        data = doc.data if isinstance(doc.data, dict) else {}
        for source in _dicts(data.get("source_catalogue")):
            fw.sources.setdefault(str(source.get("key", "")), source)
        for area in _dicts(data.get("areas")):
            area_id = str(area.get("id", ""))
            fw.areas[area_id] = area
            for comp in _dicts(area.get("competencies")):
                cid = str(comp.get("id", ""))
                fw.competencies.setdefault(cid, comp)
                fw.area_of.setdefault(cid, area_id)
                if comp.get("deprecated") is True:
                    fw.replaced_by[cid] = tuple(str(r) for r in comp.get("replaced_by") or ())
        for lvl in _dicts(data.get("levels")):
            if not isinstance(lvl.get("id"), str):
                continue
            level = Level(lvl["id"], str(lvl.get("label", lvl["id"])), _int(lvl.get("rank")))
            fw.levels[level.id] = level
            for name in (level.id, *(str(a) for a in lvl.get("aliases") or ())):
                fw.level_names.setdefault(name, level.id)
                fw.level_folded.setdefault(name.lower(), level.id)
        ranks: dict[str, set[int]] = {}
        for bloom in _dicts(data.get("bloom_levels")):
            rank = _int(bloom.get("rank"))
            fw.bloom_ranks[str(bloom.get("id"))] = rank
            for verb in _verbs(bloom):
                ranks.setdefault(verb_key(verb), set()).add(rank)
        fw.verb_ranks = {verb: tuple(sorted(r)) for verb, r in ranks.items()}
        fw.non_observable_verbs = tuple(v.lower() for v in _verbs(data.get("non_observable_verbs")))
        fw.tool_action_verbs = tuple(v.lower() for v in _verbs(data.get("tool_action_verbs")))
        fw.demand_topics = tuple(str(t.get("id")) for t in _dicts(data.get("demand_topics")))
        return fw

    def in_areas(self, areas: Iterable[object], include_deprecated: bool = True) -> list[str]:
        """Competencies of the given areas, in framework order (cached: rules ask for the same areas often).

        Coverage counts only live competencies (`include_deprecated=False`); a deprecated id is still a
        competency of its area for anything that resolves old ids."""
        names = tuple(str(a) for a in areas)
        key = (names, include_deprecated)
        if key not in self._area_cache:
            wanted = set(names)
            self._area_cache[key] = [
                cid
                for cid, area in self.area_of.items()
                if area in wanted and (include_deprecated or cid not in self.replaced_by)
            ]
        return self._area_cache[key]

    def level(self, name: str | None) -> Level | None:
        """The level an id or alias names, in any case (`Beginner` is `introductory`)."""
        canonical = self.canonical_level(name)
        return self.levels.get(canonical) if canonical else None

    def canonical_level(self, name: str | None) -> str | None:
        if not name:
            return None
        return self.level_names.get(name) or self.level_folded.get(name.lower())

    def label(self, cid: str) -> str:
        """`BIA.SEG.2 (Thresholding)`, or the id alone when the framework does not know it."""
        comp = self.competencies.get(cid)
        return f"{cid} ({comp['label']})" if comp and comp.get("label") else cid

    def bloom_range(self, verb: str) -> BloomRange | None:
        ranks = self.verb_ranks.get(verb_key(verb))
        return BloomRange(ranks[0], ranks[-1]) if ranks else None


class GuidelineSet:
    """A guideline set indexed by rule id. Compared and hashed by identity."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.rules: dict[str, dict[str, Any]] = {}
        self.replaced_by: dict[str, tuple[str, ...]] = {}  # deprecated rule -> its replacements

    def without(self, names: frozenset[str]) -> GuidelineSet:
        """The set less the rules named (by id or by name): switched off for a run, not judged at all."""
        kept = GuidelineSet(self.document)
        kept.rules = {i: r for i, r in self.rules.items() if i not in names and str(r.get("name")) not in names}
        kept.replaced_by = {i: r for i, r in self.replaced_by.items() if i in kept.rules}
        return kept

    @classmethod
    def empty(cls) -> GuidelineSet:
        return cls(Document("<none>", {}))

    @classmethod
    def from_document(cls, doc: Document) -> GuidelineSet:
        data = doc.data if isinstance(doc.data, dict) else {}
        gs = cls(doc)
        for rule in _dicts(data.get("rules")):
            rid = str(rule.get("id", ""))
            gs.rules.setdefault(rid, rule)
            if rule.get("deprecated") is True:
                gs.replaced_by[rid] = tuple(str(r) for r in rule.get("replaced_by") or ())
        return gs

    @property
    def live_rules(self) -> list[dict[str, Any]]:
        """The rules a course is judged by: a deprecated rule keeps its id but judges nothing."""
        return [r for rid, r in self.rules.items() if rid not in self.replaced_by]


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _verbs(entry: Any) -> list[str]:
    """The verbs of a verb list or a Bloom level: every cited list, then the project's additions."""
    if not isinstance(entry, dict):
        return []
    out = [str(v) for cited in _dicts(entry.get("verbs_cited")) for v in cited.get("verbs") or () if v]
    return out + [str(v) for v in entry.get("verbs_added") or () if v]


@functools.cache
def _embedded_data() -> dict[str, Any]:
    with open(EMBEDDED, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def embedded_document(name: str) -> Document:
    """The shipped `framework.yaml` or `guidelines.yaml`, as data (validated by the test suite, not here)."""
    return Document(f"<embedded>/{name}", _embedded_data()[name])


class Context(NamedTuple):
    """What every check of a run reads: one framework and one guideline set."""

    framework: Framework
    guidelines: GuidelineSet
