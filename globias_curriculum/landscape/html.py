"""The landscape as one self-contained HTML page for people who fund and plan training: a tile-grid world map,
small multiples per competency area, the survey's demand topics against supply, the gaps, and the people.

No script, no external asset (webpage.py's shell and its Content-Security-Policy); charts are inline SVG;
tables are sorted here (the sorted column is marked), since nothing runs in the reader's browser. Every piece
of course text goes through `html.escape`. Counts use one sequential blue scale with the number written in
each tile or bar, so nothing depends on reading a colour.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..webpage import page
from .regions import CONTINENTS, countries
from .text import title

BLUES = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
EMPTY = "#eeeeee"
TILE = 30
STYLE = """<style>
.map{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}.multiples{display:grid;
grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:12px}.panel{background:#fff;border:1px solid #ddd;
border-radius:8px;padding:6px 10px}.panel h3{font-size:.95em;margin:.2em 0}.num{text-align:right}
th.sorted::after{content:" \\25BC";font-size:.8em}td.heat{text-align:center}.chip{display:inline-block;
border:1px solid #bbb;border-radius:4px;padding:0 4px;margin:1px;font-size:.85em;background:#fff}
.scroll{max-height:none}
</style>"""


def shade(value: float, top: float) -> tuple[str, str]:
    """(fill, text colour) on the sequential scale; zero is grey."""
    if value <= 0 or top <= 0:
        return EMPTY, "#555"
    index = min(len(BLUES) - 1, int((value / top) * len(BLUES) - 1e-9))
    return BLUES[index], "#fff" if index >= 3 else "#1b1b1b"


def tile_map(data: dict[str, Any]) -> str:
    table = countries()
    counts = {c["code"]: c["courses"] for c in data["countries"]}
    top = max(counts.values(), default=0)
    cols = max(c.col for c in table.values()) + 1
    rows = max(c.row for c in table.values()) + 1
    width, height = cols * TILE + 2, rows * TILE + 30
    out = [
        f'<svg role="img" aria-labelledby="map-title" width="{width}" height="{height}" viewBox="0 0 {width} '
        f'{height}"><title id="map-title">Courses per country, tile-grid world map</title>'
    ]
    for country in table.values():
        n = counts.get(country.code, 0)
        fill, ink = shade(n, top)
        x, y = country.col * TILE + 1, country.row * TILE + 1
        label = f"{country.name}: {n} course(s)"
        out.append(
            f'<g><title>{escape(label)}</title><rect x="{x}" y="{y}" width="{TILE - 2}" height="{TILE - 2}" rx="3" '
            f'fill="{fill}"/><text x="{x + TILE / 2 - 1}" y="{y + (11 if n else 18)}" font-size="9" '
            f'text-anchor="middle" fill="{ink}">{country.code}</text>'
            + (f'<text x="{x + TILE / 2 - 1}" y="{y + 23}" font-size="10" font-weight="700" text-anchor="middle" '
               f'fill="{ink}">{n}</text>' if n else "")
            + "</g>"
        )  # fmt: skip
    legend_y = rows * TILE + 8
    out.append(f'<text x="0" y="{legend_y + 11}" font-size="11">courses:</text>')
    for i, colour in enumerate((EMPTY, *BLUES)):
        low = 0 if i == 0 else int(top * (i - 1) / len(BLUES)) + 1
        high = 0 if i == 0 else int(top * i / len(BLUES))
        if i and high < low:
            continue
        text = "0" if i == 0 else (f"{low}" if low == high else f"{low}-{high}")
        out.append(f'<rect x="{55 + i * 62}" y="{legend_y}" width="14" height="14" fill="{colour}"/>'
                   f'<text x="{73 + i * 62}" y="{legend_y + 11}" font-size="11">{text}</text>')  # fmt: skip
    out.append("</svg>")
    return "".join(out)


def bars(items: list[tuple[str, int]], top: int | None = None, width: int = 240, label_width: int = 110) -> str:
    """A horizontal bar chart with the number at the end of each bar."""
    top = top if top is not None else max((n for _, n in items), default=0)
    height = 18 * len(items) + 4
    out = [f'<svg role="img" width="{label_width + width + 40}" height="{height}">']
    for i, (label, n) in enumerate(items):
        y = i * 18 + 2
        length = 0 if not top else max(1 if n else 0, round(width * n / top))
        fill, _ = shade(n, top or 1)
        out.append(
            f'<text x="{label_width - 4}" y="{y + 12}" font-size="11" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length}" height="14" fill="{fill if n else EMPTY}"/>'
            f'<text x="{label_width + length + 4}" y="{y + 12}" font-size="11">{n}</text>'
        )  # fmt: skip
    out.append("</svg>")
    return "".join(out)


def _table(
    header: list[str], rows: list[list[str]], sorted_column: int | None = None, numeric: set[int] | None = None
) -> str:
    """A table whose cells are already safe HTML; `sorted_column` is marked as the order the rows are in."""
    numeric = numeric or set()

    def attrs(i: int, head: bool) -> str:
        classes = [c for c, on in (("sorted", head and i == sorted_column), ("num", i in numeric)) if on]
        return f' class="{" ".join(classes)}"' if classes else ""

    head = "".join(f"<th{attrs(i, True)}>{escape(h)}</th>" for i, h in enumerate(header))
    body = "".join(
        "<tr>" + "".join(f"<td{attrs(i, False)}>{cell}</td>" for i, cell in enumerate(row)) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def to_html(data: dict[str, Any]) -> str:
    regions = data["regions"]
    rid = [r["id"] for r in regions]
    labels = {r["id"]: r["label"] for r in regions}
    continents = [r for r in rid if r in CONTINENTS] + ["online"]
    fw = data["framework"]
    online = next((r["courses"] for r in regions if r["id"] == "online"), 0)
    lic = data["licences"]
    share = "-" if lic["open_share"] is None else f"{lic['open_share']:.0%}"
    cards = [
        ("courses", data["courses"]),
        ("countries", len(data["countries"])),
        ("continents with a course", sum(1 for r in regions if r["id"] in CONTINENTS and r["courses"])),
        ("courses online", online),
        ("trainers", len(data["trainers"])),
        ("open licence (of declared)", share),
    ]
    parts = [
        f"<h1>{escape(title(data))}</h1>",
        f'<p class="note">Framework {escape(fw["id"])} {escape(fw["version"])} (GloBIAS-aligned, not an official '
        "GloBIAS publication). Every figure counts courses: a course with several instances in one region counts "
        "once there. A course is in a continent when an onsite or hybrid instance is held in one of its countries; "
        "online and hybrid instances count under Online; courses without dated instances are self-paced.</p>",
        '<div class="cards">'
        + "".join(f'<div class="card"><b>{escape(str(v))}</b>{escape(k)}</div>' for k, v in cards)
        + "</div>",
        "<h2>Where courses are taught</h2>",
        '<div class="map"><div>'
        + tile_map(data)
        + "</div><div><h3>Courses per region</h3>"
        + bars([(labels[r], next(x["courses"] for x in regions if x["id"] == r)) for r in rid], label_width=190)
        + "</div></div>",
        '<p class="note">Tiles: one per country, placed by continent and approximate position (a diagram, not a '
        "map; layout and sources in the package's data/countries.json).</p>",
        "<h2>Competency areas by region</h2>",
        '<p class="note">Courses teaching at least one competency of the area, per region (one scale for all '
        "panels).</p>",
    ]
    top = max((a["by_region"][r] for a in data["areas"] for r in continents), default=0)
    panels = []
    for area in data["areas"]:
        items = [(labels[r], area["by_region"][r]) for r in continents]
        panels.append(f'<div class="panel"><h3>{escape(area["area"])} {escape(area["label"])}</h3>'
                      f"{bars(items, top, width=120, label_width=110)}</div>")  # fmt: skip
    parts.append('<div class="multiples">' + "".join(panels) + "</div>")
    parts.append("<h2>Survey demand against supply</h2>")
    parts.append('<p class="note">The GloBIAS survey\'s demand topics (the framework\'s <code>demand_topics</code>, '
                 "each citing the paper or survey) against the courses that teach a competency of the areas tagged "
                 "with the topic, and the share of those competencies taught in the region.</p>")  # fmt: skip
    rows = []
    for demand in data["demand"]:
        cells = [escape(demand["topic"])]
        for r in continents:
            cell = demand["by_region"][r]
            fill, ink = shade(cell["share"] or 0, 1.0)
            pct = "-" if cell["share"] is None else f"{cell['share']:.0%}"
            cells.append(f'<span style="display:block;background:{fill};color:{ink}">{cell["courses"]} ({pct})</span>')
        rows.append(cells)
    parts.append(_table(["demand topic", *(labels[r] for r in continents)], rows))
    n = data["min_courses"]
    parts.append(f"<h2>Gaps: competencies taught by fewer than {n} course(s)</h2>")
    names = {c["id"]: c["label"] for a in data["areas"] for c in a["competencies"]}
    counts = {r["id"]: r["courses"] for r in regions}
    gap_rows = []
    for r in sorted(continents, key=lambda r: (-len(data["gaps"][r]), r)):
        chips = " ".join(f'<span class="chip" title="{escape(names.get(c, c))}">{escape(c)}</span>'
                         for c in data["gaps"][r])  # fmt: skip
        which = chips if counts.get(r) else "<i>no course in this region: every competency is a gap</i>"
        gap_rows.append([labels[r], str(len(data["gaps"][r])), which])
    parts.append(_table(["region", "competencies", "which"], [[escape(a), b, c] for a, b, c in gap_rows], 1, {1}))
    parts.append("<h2>Levels and years</h2>")
    parts.append(_table(["level", "all", *(labels[r] for r in rid)],
                        [[escape(lv["level"]), str(lv["courses"]), *(str(lv["by_region"][r]) for r in rid)]
                         for lv in data["levels"]], None, set(range(1, len(rid) + 2))))  # fmt: skip
    parts.append(_table(["year", "all", *(labels[r] for r in rid)],
                        [[escape(y["year"]), str(y["courses"]), *(str(y["by_region"][r]) for r in rid)]
                         for y in data["years"]], None, set(range(1, len(rid) + 2))))  # fmt: skip
    parts.append("<h2>Languages, delivery and licences</h2>")
    small = [
        ("Languages (courses)", [(x["language"], x["courses"]) for x in data["languages"]][:12]),
        ("Delivery modes (instances)", [(x["mode"], x["instances"]) for x in data["modes"]]),
        ("Licences (courses)", [("open", lic["open"]), ("not open", lic["not_open"]), ("none declared", lic["none"])]),
    ]
    parts.append(
        '<div class="multiples">'
        + "".join(f'<div class="panel"><h3>{name}</h3>{bars(items, width=120)}</div>' for name, items in small)
        + "</div>"
    )
    parts.append("<h2>Trainers</h2>")
    parts.append(f'<p class="note">{len(data["trainers"])} distinct people (by ORCID iD, else by name), most '
                 "courses first: a first view of a trainer database.</p>")  # fmt: skip
    parts.append(_table(["trainer", "ORCID iD", "courses"],
                        [[escape(t["name"]), escape(t["orcid"] or ""), str(t["courses"])]
                         for t in data["trainers"][:100]], 2, {2}))  # fmt: skip
    parts.append("<h2>Organisers</h2>")
    parts.append(_table(["organiser", "courses"],
                        [[escape(o["name"]), str(o["courses"])]
                         for o in data["organisers"][:100]], 1, {1}))  # fmt: skip
    if data["unplaced"]:
        parts.append("<h2>Country names not recognised</h2>")
        parts.append(_table(["as written", "courses"],
                            [[escape(u["country"]), str(u["courses"])] for u in data["unplaced"]], 1, {1}))  # fmt: skip
    return page(title(data), "\n".join(parts), STYLE)
