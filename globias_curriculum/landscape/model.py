"""The landscape as data: counts of courses kept as they stream in, then one versioned, plain structure that
every output renders and that reads back from its JSON.

Every figure counts **courses** (a course with three instances in Europe counts once for Europe), except
`modes`, which counts instances. A course is in a region when one of its instances is: onsite or hybrid
instances in the continent of their country, online or hybrid ones in "online"; a course without instances in
"self-paced". Levels are the course's level (what a registry shows of a course), competencies are those its
outcomes or modules name.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..context import Framework
from ..diagnostics import Diagnostic, Location, Severity
from ..report import Report
from .facts import CourseFacts
from .regions import CONTINENTS, ONLINE, SELF_PACED, UNPLACED, countries, region_labels

LANDSCAPE_FORMAT_VERSION = "1.0"
UNSTATED = "unstated"  # a course without a level, an instance without a start date (its year)
REGIONS = (*CONTINENTS, ONLINE, SELF_PACED, UNPLACED)


class FormatError(ValueError):
    """A JSON document that is not a landscape this version can read."""


@dataclass
class Tally:
    """Counters that grow with what is distinct (competencies, countries, people), never with courses."""

    min_courses: int
    courses: int = 0
    cube: Counter[tuple[str, str, str, str]] = field(default_factory=Counter)  # (competency, level, region, year)
    by_region: Counter[str] = field(default_factory=Counter)
    by_country: Counter[str] = field(default_factory=Counter)
    by_year: Counter[str] = field(default_factory=Counter)
    by_level: Counter[str] = field(default_factory=Counter)
    level_region: Counter[tuple[str, str]] = field(default_factory=Counter)
    year_region: Counter[tuple[str, str]] = field(default_factory=Counter)
    competency: Counter[str] = field(default_factory=Counter)
    competency_region: Counter[tuple[str, str]] = field(default_factory=Counter)
    area_region: Counter[tuple[str, str]] = field(default_factory=Counter)
    topic_region: Counter[tuple[str, str]] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    modes: Counter[str] = field(default_factory=Counter)
    licences: Counter[str] = field(default_factory=Counter)
    unplaced: Counter[str] = field(default_factory=Counter)
    trainer_courses: Counter[str] = field(default_factory=Counter)
    trainer_names: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    organisers: Counter[str] = field(default_factory=Counter)

    def add(self, facts: CourseFacts, fw: Framework, topics_of_area: dict[str, tuple[str, ...]]) -> None:
        self.courses += 1
        level = facts.level or UNSTATED
        self.by_level[level] += 1
        regions = sorted({p.region for p in facts.places})
        years = sorted({str(p.year) if p.year else UNSTATED for p in facts.places if p.region != SELF_PACED})
        for region in regions:
            self.by_region[region] += 1
            self.level_region[level, region] += 1
        for code in sorted({p.country for p in facts.places if p.country}):
            self.by_country[code] += 1
        for year in years:
            self.by_year[year] += 1
        for region, year in sorted({(p.region, str(p.year) if p.year else UNSTATED) for p in facts.places}):
            if region != SELF_PACED:
                self.year_region[year, region] += 1
        cells = {(p.region, str(p.year) if p.year else UNSTATED) for p in facts.places}
        areas = {fw.area_of[c] for c in facts.competencies if c in fw.area_of}
        for cid in facts.competencies:
            self.competency[cid] += 1
            for region in regions:
                self.competency_region[cid, region] += 1
            for region, year in cells:
                self.cube[cid, level, region, year] += 1
        topics = {t for a in areas for t in topics_of_area.get(a, ())}
        for region in regions:
            for area in areas:
                self.area_region[area, region] += 1
            for topic in topics:
                self.topic_region[topic, region] += 1
        for language in facts.languages:
            self.languages[language] += 1
        for mode in facts.modes:
            self.modes[mode] += 1
        self.licences[facts.licence] += 1
        for text in facts.unplaced:
            self.unplaced[text] += 1
        for person in facts.trainers:
            self.trainer_courses[person.key] += 1
            self.trainer_names.setdefault(person.key, (person.name, person.orcid))
        if facts.organiser:
            self.organisers[facts.organiser] += 1


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    """Most courses first, then by name: every table is sorted here, not in the reader's browser."""
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def summarise(tally: Tally, fw: Framework, report: Report) -> Landscape:
    labels = region_labels()
    table = countries()
    present = [r for r in REGIONS if tally.by_region.get(r)] or list(CONTINENTS)
    shown_regions = list(dict.fromkeys([*CONTINENTS, ONLINE, *present]))
    areas: list[dict[str, Any]] = []
    for area_id, area in fw.areas.items():
        comps = fw.in_areas((area_id,), include_deprecated=False)
        areas.append({
            "area": area_id,
            "label": str(area.get("label", area_id)),
            "demand_topics": [str(t) for t in area.get("demand_topics") or ()],
            "by_region": {r: tally.area_region.get((area_id, r), 0) for r in shown_regions},
            "competencies": [
                {
                    "id": cid,
                    "label": str(fw.competencies[cid].get("label", cid)),
                    "courses": tally.competency.get(cid, 0),
                    "by_region": {r: tally.competency_region.get((cid, r), 0) for r in shown_regions},
                }
                for cid in comps
            ],
        })  # fmt: skip
    demand: list[dict[str, Any]] = []
    for topic in fw.demand_topics:
        tagged = [a["area"] for a in areas if topic in a["demand_topics"]]
        terms = [c for a in areas if a["area"] in tagged for c in a["competencies"]]
        by_region: dict[str, dict[str, Any]] = {}
        for region in shown_regions:
            taught = sum(1 for c in terms if c["by_region"][region] > 0)
            by_region[region] = {
                "courses": tally.topic_region.get((topic, region), 0),
                "competencies_taught": taught,
                "share": round(taught / len(terms), 4) if terms else None,
            }
        demand.append({"topic": topic, "areas": tagged, "competencies": len(terms), "by_region": by_region})
    gaps = {
        region: [c["id"] for a in areas for c in a["competencies"] if c["by_region"][region] < tally.min_courses]
        for region in shown_regions
    }
    declared = tally.licences.get("open", 0) + tally.licences.get("not-open", 0)
    years = sorted(y for y in tally.by_year if y != UNSTATED) + ([UNSTATED] if UNSTATED in tally.by_year else [])
    levels = [lv.id for lv in sorted(fw.levels.values(), key=lambda lv: lv.rank)] + [UNSTATED]
    data: dict[str, Any] = {
        "version": LANDSCAPE_FORMAT_VERSION,
        "framework": {k: str(fw.document.data.get(k, "")) for k in ("id", "name", "version")},
        "min_courses": tally.min_courses,
        "courses": tally.courses,
        "regions": [{"id": r, "label": labels[r], "courses": tally.by_region.get(r, 0)} for r in shown_regions],
        "countries": [
            {"code": code, "name": table[code].name, "continent": table[code].continent, "courses": n}
            for code, n in _ranked(tally.by_country)
        ],
        "unplaced": [{"country": text, "courses": n} for text, n in _ranked(tally.unplaced)],
        "years": [{"year": y, "courses": tally.by_year[y],
                   "by_region": {r: tally.year_region.get((y, r), 0) for r in shown_regions}} for y in years],
        "levels": [{"level": lv, "courses": tally.by_level.get(lv, 0),
                    "by_region": {r: tally.level_region.get((lv, r), 0) for r in shown_regions}} for lv in levels],
        "areas": areas,
        "cube": [
            {"competency": c, "level": lv, "region": r, "year": y, "courses": n}
            for (c, lv, r, y), n in sorted(tally.cube.items())
        ],
        "demand": demand,
        "gaps": gaps,
        "languages": [{"language": k, "courses": n} for k, n in _ranked(tally.languages)],
        "modes": [{"mode": k, "instances": n} for k, n in _ranked(tally.modes)],
        "licences": {
            "open": tally.licences.get("open", 0),
            "not_open": tally.licences.get("not-open", 0),
            "none": tally.licences.get("none", 0),
            "open_share": round(tally.licences.get("open", 0) / declared, 4) if declared else None,
        },
        "trainers": [
            {"name": tally.trainer_names[k][0], "orcid": tally.trainer_names[k][1], "courses": n}
            for k, n in sorted(tally.trainer_courses.items(),
                               key=lambda kv: (-kv[1], tally.trainer_names[kv[0]][0].casefold(), kv[0]))
        ],
        "organisers": [{"name": k, "courses": n} for k, n in _ranked(tally.organisers)],
    }  # fmt: skip
    return Landscape(data, report)


@dataclass
class Landscape:
    """The figures (`data`, the JSON shape) and the run's findings (files skipped because of errors)."""

    data: dict[str, Any]
    report: Report = field(default_factory=Report)

    def exit_code(self) -> int:
        """0 every course counted; 1 a file had errors and was left out; 2 a file could not be read."""
        return self.report.exit_code()

    def to_json(self) -> str:
        out = dict(self.data)
        out["diagnostics"] = [d.as_dict() for d in sorted(self.report.diagnostics, key=lambda d: d.sort_key)]
        return json.dumps(out, indent=1, ensure_ascii=False, sort_keys=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Landscape:
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise FormatError(f"not JSON: {exc}") from None
        if not isinstance(data, dict) or data.get("version") != LANDSCAPE_FORMAT_VERSION:
            raise FormatError(f"not a landscape of format {LANDSCAPE_FORMAT_VERSION}")
        report = Report()
        report.extend([_diagnostic(d) for d in data.pop("diagnostics", [])])
        return cls(data, report)


def _diagnostic(data: dict[str, Any]) -> Diagnostic:
    where = Location(str(data.get("file", "")), int(data.get("line", 0)), int(data.get("column", 0)),
                     str(data.get("pointer", "")))  # fmt: skip
    return Diagnostic.make(str(data["code"]), str(data["message"]), where, data.get("hint"),
                           Severity.parse(str(data["severity"])))  # fmt: skip
