"""The landscape for a terminal and for Markdown (a pull-request comment, a report): the same sections, sorted
here, course text escaped for where it is printed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..reporters.escape import markdown as md
from ..reporters.escape import printable


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _region_names(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(r["id"], r["label"]) for r in data["regions"]]


def sections(data: dict[str, Any]) -> Iterator[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) of every table, in the order both text outputs show them."""
    regions = _region_names(data)
    short = [rid for rid, _ in regions]
    yield "Courses per region", ["region", "courses"], [[label, str(r["courses"])] for (_, label), r in
                                                        zip(regions, data["regions"], strict=True)]  # fmt: skip
    yield (
        "Courses per country",
        ["country", "continent", "courses"],
        [[c["name"], c["continent"], str(c["courses"])] for c in data["countries"]],
    )
    yield (
        "Courses per level and region",
        ["level", "all", *short],
        [[lv["level"], str(lv["courses"]), *(str(lv["by_region"][r]) for r in short)] for lv in data["levels"]],
    )
    yield (
        "Courses per year and region",
        ["year", "all", *short],
        [[y["year"], str(y["courses"]), *(str(y["by_region"][r]) for r in short)] for y in data["years"]],
    )
    yield (
        "Competency areas: courses teaching any of the area's competencies",
        ["area", *short],
        [[f"{a['area']} {a['label']}", *(str(a["by_region"][r]) for r in short)] for a in data["areas"]],
    )
    yield (
        "GloBIAS survey demand topics against supply (courses; share of the topic's competencies taught)",
        ["topic", *short],
        [
            [d["topic"], *(f"{d['by_region'][r]['courses']} ({_pct(d['by_region'][r]['share'])})" for r in short)]
            for d in data["demand"]
        ],
    )
    n = data["min_courses"]
    yield (
        f"Gaps: competencies taught by fewer than {n} course(s) in a region",
        ["region", "count", "competencies"],
        [[label, str(len(data["gaps"][rid])), " ".join(data["gaps"][rid])] for rid, label in regions],
    )
    yield "Languages", ["language", "courses"], [[x["language"], str(x["courses"])] for x in data["languages"]]
    yield "Delivery modes", ["mode", "instances"], [[x["mode"], str(x["instances"])] for x in data["modes"]]
    lic = data["licences"]
    yield (
        "Licences",
        ["open", "not open", "none declared", "open share of declared"],
        [[str(lic["open"]), str(lic["not_open"]), str(lic["none"]), _pct(lic["open_share"])]],
    )
    yield (
        "Trainers (distinct people by ORCID, else by name)",
        ["trainer", "ORCID", "courses"],
        [[t["name"], t["orcid"] or "", str(t["courses"])] for t in data["trainers"]],
    )
    yield "Organisers", ["organiser", "courses"], [[o["name"], str(o["courses"])] for o in data["organisers"]]
    if data["unplaced"]:
        yield (
            "Country names not recognised",
            ["as written", "courses"],
            [[u["country"], str(u["courses"])] for u in data["unplaced"]],
        )


def title(data: dict[str, Any]) -> str:
    fw = data["framework"]
    return f"Landscape of {data['courses']} course(s) against {fw['name']} {fw['version']}"


def to_text(data: dict[str, Any], limit: int = 25) -> Iterator[str]:
    yield title(data) + "\n"
    for name, header, rows in sections(data):
        yield f"\n== {name}\n"
        shown = [[printable(c) for c in row] for row in rows[:limit]]
        widths = [min(40, max([len(h), *(len(r[i]) for r in shown)])) for i, h in enumerate(header)]
        yield "  " + "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip() + "\n"
        for row in shown:
            cells = [c if len(c) <= w or i == len(row) - 1 else c[: w - 1] + "…" for i, (c, w) in
                     enumerate(zip(row, widths, strict=True))]  # fmt: skip
            yield "  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip() + "\n"
        if len(rows) > limit:
            yield f"  ... and {len(rows) - limit} more (--format json has them all)\n"


def to_markdown(data: dict[str, Any], limit: int = 50) -> Iterator[str]:
    yield f"# {md(title(data))}\n"
    for name, header, rows in sections(data):
        yield f"\n## {md(name)}\n\n"
        yield "| " + " | ".join(md(h) for h in header) + " |\n"
        yield "|" + "---|" * len(header) + "\n"
        for row in rows[:limit]:
            yield "| " + " | ".join(md(c) for c in row) + " |\n"
        if len(rows) > limit:
            yield f"\n{len(rows) - limit} more rows in the JSON output.\n"
