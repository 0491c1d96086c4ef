"""The competency framework and guideline set a run checks against: embedded by default, or a user's files.

They are loaded through the same loader and checks as any course file, so a broken user framework gives
located diagnostics, not a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic
from .loading import Document, load_path, yaml_loader


@dataclass(frozen=True)
class Level:
    id: str
    label: str
    rank: int
    bloom_levels: tuple[str, ...]
    verbs: tuple[str, ...]


@dataclass
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


@dataclass
class GuidelineSet:
    document: Document
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_document(cls, doc: Document) -> GuidelineSet:
        data = doc.data if isinstance(doc.data, dict) else {}
        gs = cls(doc)
        for rule in _dicts(data.get("rules")):
            gs.rules.setdefault(str(rule.get("id", "")), rule)
        return gs


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _embedded(name: str) -> tuple[Document | None, list[Diagnostic]]:
    """The shipped data, which the test suite validates with positions; here it is only read, so the plain
    C loader is enough and about three times faster (this is on every hook run's start-up path)."""
    text = resources.files("globias_curriculum").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return Document(f"<embedded>/{name}", yaml.load(text, Loader=yaml_loader())), []


def load_framework_document(path: Path | None) -> tuple[Document | None, list[Diagnostic]]:
    if path is None:
        return _embedded("framework.yaml")
    result = load_path(path)
    return result.document, result.diagnostics


def load_guidelines_document(path: Path | None) -> tuple[Document | None, list[Diagnostic]]:
    if path is None:
        return _embedded("guidelines.yaml")
    result = load_path(path)
    return result.document, result.diagnostics
