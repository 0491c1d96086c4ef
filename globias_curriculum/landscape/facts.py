"""What the landscape needs of one course, taken while the runner holds its document, small enough to travel
back from a worker process: its level, competencies, where and when it is taught, languages, licence, people."""

from __future__ import annotations

from typing import Any, NamedTuple

from ..context import Framework
from ..identifiers import is_open_licence
from ..reading.document import items, strings, text
from .regions import ONLINE, SELF_PACED, UNPLACED, country


class Place(NamedTuple):
    region: str  # a continent code, ONLINE, SELF_PACED or UNPLACED
    country: str | None  # ISO code
    year: int | None


class Person(NamedTuple):
    key: str  # the ORCID iD, else "name:" and the name folded
    name: str
    orcid: str | None


class CourseFacts(NamedTuple):
    id: str
    title: str
    file: str
    level: str | None  # the framework's level id
    competencies: tuple[str, ...]  # taught: named by an outcome or a module; live competencies of the framework
    places: tuple[Place, ...]  # one per (region, country, year) the course is taught in
    modes: tuple[str, ...]  # one per instance
    languages: tuple[str, ...]
    licence: str  # open | not-open | none
    trainers: tuple[Person, ...]
    organiser: str | None
    unplaced: tuple[str, ...]  # country texts that name no known country


def _licence(course: dict[str, Any]) -> str:
    declared = [text(course, "license")] + [text(m, "license") for _, m in items(course, "materials")]
    found = [d for d in declared if d]
    if not found:
        return "none"
    return "open" if all(is_open_licence(d) for d in found) else "not-open"


def _person(trainer: dict[str, Any]) -> Person | None:
    name = " ".join((text(trainer, "name") or "").split())
    if not name:
        return None
    orcid = (text(trainer, "orcid") or "").removeprefix("https://orcid.org/") or None
    return Person(orcid or "name:" + name.casefold(), name, orcid)


def course_facts(course: dict[str, Any], path: str, fw: Framework) -> CourseFacts:
    taught: list[str] = []
    for key in ("learning_outcomes", "modules"):
        for pointer, entry in items(course, key):
            for _, cid in strings(entry, "competencies", pointer):
                if cid in fw.competencies and cid not in fw.replaced_by and cid not in taught:
                    taught.append(cid)
    places: list[Place] = []
    modes: list[str] = []
    unplaced: list[str] = []
    languages = [lang for lang in [text(course, "language")] if lang]
    for _, instance in items(course, "instances"):
        mode = text(instance, "mode") or "onsite"
        modes.append(mode)
        start = text(instance, "start_date") or ""
        year = int(start[:4]) if start[:4].isdigit() else None
        language = text(instance, "language")
        if language and language not in languages:
            languages.append(language)
        if mode in ("online", "hybrid"):
            places.append(Place(ONLINE, None, year))
        if mode in ("onsite", "hybrid"):
            location = instance.get("location") if isinstance(instance.get("location"), dict) else {}
            written = text(location, "country")
            found = country(written)
            if found is None:
                places.append(Place(UNPLACED, None, year))
                if written:
                    unplaced.append(written)
            else:
                places.append(Place(found.continent, found.code, year))
    if not modes:
        places.append(Place(SELF_PACED, None, None))
    level = fw.canonical_level(text(course, "level"))
    people = [p for p in (_person(t) for _, t in items(course, "trainers")) if p]
    organiser = course.get("organiser")
    return CourseFacts(
        id=text(course, "id") or "",
        title=text(course, "title") or "",
        file=path,
        level=level,
        competencies=tuple(taught),
        places=tuple(dict.fromkeys(places)),
        modes=tuple(modes),
        languages=tuple(languages),
        licence=_licence(course),
        trainers=tuple(dict.fromkeys(people)),
        organiser=" ".join((text(organiser, "name") or "").split()) or None if isinstance(organiser, dict) else None,
        unplaced=tuple(unplaced),
    )
