"""The competency framework and guideline set a run judges against, indexed for the checks.

The embedded ones are read from `generated/embedded.json`, which scripts/generate_artefacts.py writes from
`data/framework.yaml` and `data/guidelines.yaml` (parsing YAML at every start of a pre-commit hook cost 5-8 ms;
a test keeps the two in step). A user's own files are loaded and validated by `configuration.load_context`.
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
    id: str
    label: str
    rank: int
    bloom_levels: tuple[str, ...]
    verbs: tuple[str, ...]


class Framework:
    """A framework document indexed for the checks. Compared and hashed by identity: a run has one."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.competencies: dict[str, dict[str, Any]] = {}
        self.area_of: dict[str, str] = {}  # competency -> area
        self.areas: dict[str, dict[str, Any]] = {}
        self.levels: dict[str, Level] = {}
        self.level_names: dict[str, str] = {}  # id or alias -> canonical id
        self.non_observable_verbs: tuple[str, ...] = ()
        self._area_cache: dict[tuple[str, ...], list[str]] = {}

    @property
    def id(self) -> str:
        return str(self.document.data.get("id", ""))

    @classmethod
    def from_document(cls, doc: Document) -> Framework:
        """Index a framework document; tolerant of gaps, since a broken one is reported, not trusted."""
        fw = cls(doc)
        data = doc.data if isinstance(doc.data, dict) else {}
        for area in _dicts(data.get("areas")):
            area_id = str(area.get("id", ""))
            fw.areas[area_id] = area
            for comp in _dicts(area.get("competencies")):
                cid = str(comp.get("id", ""))
                fw.competencies.setdefault(cid, comp)
                fw.area_of.setdefault(cid, area_id)
        for lvl in _dicts(data.get("levels")):
            if not isinstance(lvl.get("id"), str):
                continue
            level = Level(
                lvl["id"],
                str(lvl.get("label", lvl["id"])),
                lvl["rank"] if isinstance(lvl.get("rank"), int) else 0,
                tuple(str(b) for b in lvl.get("bloom_levels") or ()),
                tuple(str(v).lower() for v in lvl.get("verbs") or ()),
            )
            fw.levels[level.id] = level
            fw.level_names[level.id] = level.id
            for alias in lvl.get("aliases") or ():
                fw.level_names.setdefault(str(alias), level.id)
        fw.non_observable_verbs = tuple(str(v).lower() for v in data.get("non_observable_verbs") or ())
        return fw

    def in_areas(self, areas: Iterable[object]) -> list[str]:
        """Competencies of the given areas, in framework order (cached: rules ask for the same areas often)."""
        key = tuple(str(a) for a in areas)
        if key not in self._area_cache:
            wanted = set(key)
            self._area_cache[key] = [cid for cid, area in self.area_of.items() if area in wanted]
        return self._area_cache[key]

    def level(self, name: str | None) -> Level | None:
        canonical = self.level_names.get(name or "")
        return self.levels.get(canonical) if canonical else None


class GuidelineSet:
    """A guideline set indexed by rule id. Compared and hashed by identity."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.rules: dict[str, dict[str, Any]] = {}

    @classmethod
    def empty(cls) -> GuidelineSet:
        return cls(Document("<none>", {}))

    @classmethod
    def from_document(cls, doc: Document) -> GuidelineSet:
        data = doc.data if isinstance(doc.data, dict) else {}
        gs = cls(doc)
        for rule in _dicts(data.get("rules")):
            gs.rules.setdefault(str(rule.get("id", "")), rule)
        return gs


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


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
