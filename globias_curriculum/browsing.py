"""The framework as an organiser looks things up in it: areas and competencies, one competency in full, and
a search that ranks like `suggest`.

An organiser writing `competencies: [...]` needs an id, and the only other readable list of them is the site
`export` writes. These functions return plain records (the CLI prints them; a library caller gets the same
data), read only the framework given, and, for "which courses teach this", the course files named.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from .context import Framework
from .judging.conditions import CourseView
from .reading.document import text
from .reading.parse import load_path
from .runner import discover
from .suggesting import Suggestion, rank


class Listed(NamedTuple):
    """A competency as a list shows it."""

    id: str
    label: str
    replaced_by: tuple[str, ...]  # empty unless deprecated


class Area(NamedTuple):
    id: str
    label: str
    description: str
    competencies: tuple[Listed, ...]


class Source(NamedTuple):
    """Where a claim comes from: the catalogue's entry, and where in it."""

    key: str
    title: str
    url: str
    locator: str


class Teaching(NamedTuple):
    """A course file that teaches a competency, and at which level (None: the course names no level)."""

    file: str
    course: str
    title: str
    level: str | None


class Competency(NamedTuple):
    id: str
    label: str
    description: str
    area: Listed
    descriptors: tuple[tuple[str, str], ...]  # (level id, what a person at that level can do)
    prerequisites: tuple[Listed, ...]
    keywords: tuple[str, ...]
    edam: tuple[tuple[str, str, bool], ...]  # (id, label, provisional)
    sources: tuple[Source, ...]
    judgement: str  # the project's own reasoning, marked as such
    replaced_by: tuple[Listed, ...]
    taught_in: tuple[Teaching, ...]


def areas(fw: Framework) -> list[Area]:
    """Every area with its competencies, in the framework's order."""
    out = []
    for area_id, area in fw.areas.items():
        comps = tuple(_listed(fw, cid) for cid, a in fw.area_of.items() if a == area_id)
        out.append(Area(area_id, _str(area, "label"), _str(area, "description"), comps))
    return out


def competency(fw: Framework, cid: str, courses: Iterable[str] = ()) -> Competency | None:
    """One competency in full, or None if the framework has no such id (`closest_id` says what was meant)."""
    comp = fw.competencies.get(cid)
    if comp is None:
        return None
    return Competency(
        id=cid,
        label=_str(comp, "label"),
        description=_str(comp, "description"),
        area=Listed(fw.area_of[cid], _str(fw.areas.get(fw.area_of[cid], {}), "label"), ()),
        descriptors=tuple(
            (_str(d, "level"), _str(d, "statement")) for d in comp.get("descriptors") or () if isinstance(d, dict)
        ),
        prerequisites=tuple(_listed(fw, p) for p in comp.get("prerequisites") or () if p in fw.competencies),
        keywords=tuple(str(k) for k in comp.get("keywords") or ()),
        edam=tuple(
            (_str(e, "id"), _str(e, "label"), bool(e.get("provisional")))
            for e in comp.get("edam") or ()
            if isinstance(e, dict)
        ),
        sources=tuple(_source(fw, c) for c in comp.get("citations") or () if isinstance(c, dict)),
        judgement=_str(comp, "judgement"),
        replaced_by=tuple(_listed(fw, r) for r in fw.replaced_by.get(cid, ()) if r in fw.competencies),
        taught_in=tuple(teaching(fw, cid, courses)),
    )


def by_label(fw: Framework, written: str) -> str | None:
    """The competency whose label this is, in any case and spacing (`thresholding` is BIA.SEG.2)."""
    wanted = " ".join(written.lower().split())
    return next((cid for cid, c in fw.competencies.items() if _str(c, "label").lower() == wanted), None)


def closest_id(fw: Framework, written: str) -> str | None:
    """The id a person most likely meant: the id in another case, a near id, a label or a keyword."""
    from .checks.references import suggest_competency

    return suggest_competency(fw, written)


def search(fw: Framework, query: str, limit: int = 10) -> list[Suggestion]:
    """Competencies matching words, tools or EDAM synonyms, best first: the ranking `suggest` uses."""
    return rank(query, fw, limit)


def teaching(fw: Framework, cid: str, courses: Iterable[str]) -> list[Teaching]:
    """The course files among `courses` (files or folders) whose outcomes or modules name `cid`."""
    found = []
    for path in discover(courses):
        loaded = load_path(path)
        doc = loaded.document
        if doc is None or not isinstance(doc.data, dict) or doc.data.get("kind") != "course":
            continue
        if cid in CourseView.build(doc, fw).taught:
            level = fw.level(text(doc.data, "level"))
            found.append(Teaching(path, text(doc.data, "id") or "", text(doc.data, "title") or "", level and level.id))
    return found


def _listed(fw: Framework, cid: str) -> Listed:
    return Listed(cid, _str(fw.competencies.get(cid), "label"), fw.replaced_by.get(cid, ()))


def _source(fw: Framework, citation: dict[str, Any]) -> Source:
    key = _str(citation, "source")
    entry = fw.sources.get(key, {})
    return Source(key, _str(entry, "title"), _str(entry, "url"), _str(citation, "locator"))


def _str(mapping: Any, key: str) -> str:
    value = mapping.get(key) if isinstance(mapping, dict) else None
    return " ".join(str(value).split()) if value is not None else ""
