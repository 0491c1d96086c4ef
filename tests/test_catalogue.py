"""The course catalogue: at least 24 real BIA courses, each described only from its published source, which it
names with the date it was read; spread across the continents whose programmes are public."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from globias_curriculum.checks import check_document
from globias_curriculum.reading.parse import load_path

from .conftest import CONTEXT, ROOT

COURSES = sorted((ROOT / "courses").glob("*.yaml"))

#: Countries named by the catalogue's instances, by continent.
CONTINENT = {
    "Germany": "Europe", "United Kingdom": "Europe", "Italy": "Europe", "France": "Europe", "Ireland": "Europe",
    "Finland": "Europe", "Japan": "Asia", "Mexico": "North America", "United States": "North America",
    "Chile": "South America",
}  # fmt: skip


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_the_catalogue_holds_at_least_24_courses() -> None:
    assert len(COURSES) >= 24
    assert len({_load(p)["id"] for p in COURSES}) == len(COURSES)


@pytest.mark.parametrize("path", COURSES, ids=lambda p: p.name)
def test_each_course_names_its_source_and_what_it_states(path: Path) -> None:
    course = _load(path)
    provenance = course["provenance"]
    assert course["source_url"].startswith("https://") and provenance["url"].startswith("https://")
    assert provenance["date_read"] and provenance["stated"]
    # competencies are always our mapping: no source states them
    mapped = set(provenance.get("mapped") or ())
    for field in ("learning_outcomes", "modules"):
        if any(item.get("competencies") for item in course.get(field) or ()):
            assert f"{field}.competencies" in mapped, field
    document = load_path(path).document
    assert document is not None
    assert [d.code for d in check_document(document, CONTEXT)] == []  # includes GC323/GC324 (provenance)


def test_the_courses_with_a_place_span_four_continents() -> None:
    continents = {
        CONTINENT[instance["location"]["country"]]
        for path in COURSES
        for instance in _load(path).get("instances") or ()
        if (instance.get("location") or {}).get("country")
    }
    assert continents == {"Europe", "Asia", "North America", "South America"}
