"""`landscape`: figures checked against counts computed here, independently, from a generated corpus whose
regions, levels, years, competencies, languages and trainers are known; the outputs; the page in Chromium."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import globias_curriculum as gc
from benchmarks.landscape_corpus import PLACES, courses, yaml_text
from globias_curriculum.landscape import Landscape
from globias_curriculum.landscape.html import to_html
from globias_curriculum.landscape.text import to_markdown, to_text

from .conftest import CONTEXT, ROOT

CONTINENT = {name: continent for name, _, continent in PLACES}
CODE = {name: code for name, code, _ in PLACES}
N = 300


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, Any]], Path]:
    folder = tmp_path_factory.mktemp("landscape")
    generated = courses(N)
    for course in generated:
        (folder / f"{course['id']}.yaml").write_text(yaml_text(course), encoding="utf-8")
    return generated, folder


@pytest.fixture(scope="module")
def figures(corpus: tuple[list[dict[str, Any]], Path]) -> dict[str, Any]:
    result = gc.landscape_report([corpus[1]], min_courses=3)
    assert result.report.diagnostics == []
    return result.data


def regions_of(course: dict[str, Any]) -> set[str]:
    """Written from the documented rule, not from the code: continents of onsite/hybrid countries, online for
    online/hybrid instances, self-paced without instances."""
    out = set()
    for instance in course.get("instances", []):
        if instance["mode"] in ("online", "hybrid"):
            out.add("online")
        if instance["mode"] in ("onsite", "hybrid"):
            out.add(CONTINENT[instance["location"]["country"]])
    return out or {"self-paced"}


def test_courses_per_region_and_country(corpus: tuple[list[dict[str, Any]], Path], figures: dict[str, Any]) -> None:
    generated, _ = corpus
    expected = Counter(r for c in generated for r in regions_of(c))
    assert figures["courses"] == N
    assert {r["id"]: r["courses"] for r in figures["regions"] if r["courses"]} == dict(expected)
    countries = Counter(
        code
        for c in generated
        for code in {CODE[i["location"]["country"]] for i in c.get("instances", []) if "location" in i}
    )
    assert {c["code"]: c["courses"] for c in figures["countries"]} == dict(countries)
    ranked = [c["courses"] for c in figures["countries"]]
    assert ranked == sorted(ranked, reverse=True)


def test_competencies_by_region_level_and_year(
    corpus: tuple[list[dict[str, Any]], Path], figures: dict[str, Any]
) -> None:
    generated, _ = corpus
    by_region: Counter[tuple[str, str]] = Counter()
    cube: Counter[tuple[str, str, str, str]] = Counter()
    for course in generated:
        taught = {c for o in course["learning_outcomes"] for c in o["competencies"]}
        level = course.get("level", "unstated")
        cells = set()
        for instance in course.get("instances", []):
            year = instance["start_date"][:4]
            if instance["mode"] in ("online", "hybrid"):
                cells.add(("online", year))
            if instance["mode"] in ("onsite", "hybrid"):
                cells.add((CONTINENT[instance["location"]["country"]], year))
        cells = cells or {("self-paced", "unstated")}
        for cid in taught:
            for region in regions_of(course):
                by_region[cid, region] += 1
            for region, year in cells:
                cube[cid, level, region, year] += 1
    got = {(c["id"], r): n for a in figures["areas"] for c in a["competencies"] for r, n in c["by_region"].items() if n}
    assert got == dict(by_region)
    assert {(x["competency"], x["level"], x["region"], x["year"]): x["courses"] for x in figures["cube"]} == dict(cube)
    # the gaps: every competency of the framework taught by fewer than 3 courses in the region
    for region in ("EU", "AF", "online"):
        expected = {cid for cid in CONTEXT.framework.competencies if cid not in CONTEXT.framework.replaced_by
                    and by_region.get((cid, region), 0) < 3}  # fmt: skip
        assert set(figures["gaps"][region]) == expected, region


def test_levels_languages_licences_and_trainers(
    corpus: tuple[list[dict[str, Any]], Path], figures: dict[str, Any]
) -> None:
    generated, _ = corpus
    levels = Counter(c.get("level", "unstated") for c in generated)
    assert {lv["level"]: lv["courses"] for lv in figures["levels"] if lv["courses"]} == dict(levels)
    assert {x["language"]: x["courses"] for x in figures["languages"]} == dict(
        Counter(c["language"] for c in generated)
    )
    modes = Counter(i["mode"] for c in generated for i in c.get("instances", []))
    assert {x["mode"]: x["instances"] for x in figures["modes"]} == dict(modes)
    licences = Counter(c.get("license") for c in generated)
    assert figures["licences"]["open"] == licences["CC-BY-4.0"]
    assert figures["licences"]["not_open"] == licences["CC-BY-NC-4.0"]
    assert figures["licences"]["none"] == licences[None]
    people = Counter(t["orcid"] if "orcid" in t else t["name"] for c in generated for t in c["trainers"])
    assert {t["orcid"] or t["name"]: t["courses"] for t in figures["trainers"]} == dict(people)


def test_demand_topics_count_courses_teaching_their_areas(
    corpus: tuple[list[dict[str, Any]], Path], figures: dict[str, Any]
) -> None:
    generated, _ = corpus
    fw = CONTEXT.framework
    for demand in figures["demand"]:
        areas = {a for a, area in fw.areas.items() if demand["topic"] in (area.get("demand_topics") or ())}
        for region in ("EU", "online"):
            expected = sum(
                1
                for c in generated
                if region in regions_of(c)
                and any(fw.area_of[x] in areas for o in c["learning_outcomes"] for x in o["competencies"])
            )
            assert demand["by_region"][region]["courses"] == expected, (demand["topic"], region)


def test_json_is_versioned_and_reads_back(corpus: tuple[list[dict[str, Any]], Path]) -> None:
    result = gc.landscape_report([corpus[1]])
    back = Landscape.from_json(result.to_json())
    assert back.data == result.data
    assert back.data["version"] == "1.0"


def test_a_course_with_errors_is_left_out_and_reported(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("kind: course\nid: Bad Id\ntitle: x\ndescription: y\n", encoding="utf-8")
    (tmp_path / "good.yaml").write_text(yaml_text(courses(1)[0]), encoding="utf-8")
    result = gc.landscape_report([tmp_path])
    assert result.data["courses"] == 1
    assert result.exit_code() == 1
    assert {d.code for d in result.report.diagnostics} == {"GC205"}


def test_text_and_markdown_escape_course_text(tmp_path: Path) -> None:
    course = courses(1)[0]
    course["trainers"] = [{"name": "Eve \x1b[31m<script>| *x* [l](u)"}]
    (tmp_path / "c.yaml").write_text(yaml_text(course), encoding="utf-8")
    data = gc.landscape_report([tmp_path]).data
    text = "".join(to_text(data))
    assert "\x1b" not in text and "\\e[31m" in text
    markdown = "".join(to_markdown(data))
    assert "<script>" not in markdown and "\\|" in markdown and "\\[l\\]" in markdown
    page = to_html(data)
    assert "<script" not in page and "&lt;script&gt;" in page


def test_the_page_is_self_contained(figures: dict[str, Any]) -> None:
    page = to_html(figures)
    assert "<script" not in page and "http://" not in page.replace("http-equiv", "")
    assert "src=" not in page and "@import" not in page
    for heading in ("Where courses are taught", "Competency areas by region", "Survey demand against supply",
                    "Gaps: competencies taught by fewer than 3 course(s)", "Trainers"):  # fmt: skip
        assert f"<h2>{heading}</h2>" in page


def test_the_catalogue_landscape_counts_each_shipped_course_once() -> None:
    data = gc.landscape_report([ROOT / "courses"]).data
    assert data["courses"] == len(list((ROOT / "courses").glob("*.yaml")))
    assert sum(c["courses"] for c in data["countries"]) >= 9
