"""The competency framework and guideline set a run judges against, indexed for the checks.

The embedded ones are read from `generated/embedded.json`, which scripts/generate_artefacts.py writes from
`data/framework.yaml` and `data/guidelines.yaml` (parsing YAML at every start of a pre-commit hook cost 5-8 ms;
a test keeps the two in step). A user's own files are loaded and validated by `configuration.load_context`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .reading.document import Document

EMBEDDED = Path(__file__).resolve().parent / "generated" / "embedded.json"


@dataclass(frozen=True)
class Level:
    id: str
    label: str
    rank: int
    bloom_levels: tuple[str, ...]
    verbs: tuple[str, ...]


@dataclass(eq=False)  # compared and hashed by identity: a run has one
class Framework:
    document: Document
    competencies: dict[str, dict[str, Any]] = field(default_factory=dict)
    area_of: dict[str, str] = field(default_factory=dict)
    areas: dict[str, dict[str, Any]] = field(default_factory=dict)
    levels: dict[str, Level] = field(default_factory=dict)
    level_names: dict[str, str] = field(default_factory=dict)  # id or alias -> canonical id
    non_observable_verbs: tuple[str, ...] = ()
    _area_cache: dict[tuple[str, ...], list[str]] = field(default_factory=dict, repr=False)

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


@dataclass(eq=False)
class GuidelineSet:
    document: Document
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)

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
    data: dict[str, Any] = json.loads(EMBEDDED.read_text(encoding="utf-8"))
    return data


def embedded_document(name: str) -> Document:
    """The shipped `framework.yaml` or `guidelines.yaml`, as data (validated by the test suite, not here)."""
    return Document(f"<embedded>/{name}", _embedded_data()[name])


@dataclass
class Context:
    """What every check of a run reads: one framework and one guideline set."""

    framework: Framework
    guidelines: GuidelineSet
