"""Static pages that show each course to people and embed its JSON-LD for harvesters, plus a sitemap.

TeSS crawls a sitemap.xml and reads the `<script type="application/ld+json">` of each page it lists. A
person reads the same page: everything the JSON-LD carries is shown in words (levels by name, dates as
"26-29 October 2025" (an en dash), durations in days and hours, languages by name, venues with their address, trainers,
modules, tools, EDAM topics, competencies linked to the framework, the source the description was read
from). The index puts scheduled courses first, latest first, then self-paced material. Tables become one
block per row on a phone (webpage.CSS, `stack`). Every piece of course text goes through `html.escape`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from html import escape
from typing import Any, NamedTuple
from xml.sax.saxutils import escape as xml_escape

from ..context import Framework
from ..identifiers import iso639_1
from ..reading.document import items, strings, text
from ..units import describe_duration
from ..webpage import page

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
DASH = "\u2013"  # en dash, between the days or dates of a range
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

STYLE = """<style>
.crumbs{margin:4px 0 0;font-size:.95em}.lead{font-size:1.05em;max-width:60em}
.facts tbody th{width:10em}time{white-space:nowrap}
.outcomes li{margin:.35em 0}.outcomes .note{display:block}
@media (max-width:700px){.facts tbody th{width:7.5em}table.stack td:empty{display:none}
  table.stack td.title{font-weight:600}table.stack td.title::before{content:none}}
</style>"""


class CourseSummary(NamedTuple):
    """What the index shows of a course: kept for every course of an export, so it stays small."""

    id: str
    title: str
    link: str  # relative to the site's root
    level: str
    when: str  # the dates as written, "start to end; ..." ("self-paced" without instances)
    where: str
    dates: tuple[tuple[str, str], ...] = ()  # (start, end) of each instance, ISO dates as written


def embed(document: dict[str, Any]) -> str:
    """JSON for a <script> element: `<`, `>` and `&` escaped so course text cannot close the element."""
    data = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
    return data.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _page(title: str, body: str, jsonld: dict[str, Any] | None = None) -> str:
    script = f'<script type="application/ld+json">\n{embed(jsonld)}\n</script>\n' if jsonld else ""
    return page(title, body, head=STYLE + script)


def level_name(course: dict[str, Any], fw: Framework) -> str:
    level = fw.level(text(course, "level"))
    return level.label if level else ""


def _dates(instance: dict[str, Any]) -> str:
    start, end = text(instance, "start_date") or "", text(instance, "end_date") or ""
    return f"{start} to {end}" if start and end and end != start else start


def _ymd(date: str) -> tuple[int, int, int] | None:
    found = _ISO_DATE.fullmatch(date)
    if found is None or not 1 <= int(found.group(2)) <= 12:
        return None
    return int(found.group(1)), int(found.group(2)), int(found.group(3))


def human_dates(start: str, end: str = "") -> str:
    """`2025-10-26`, `2025-10-29` as "26-29 October 2025" (an en dash); what is not an ISO date is shown as
    written."""
    first, last = _ymd(start), _ymd(end) if end and end != start else None
    if first is None:
        return " to ".join(x for x in (start, end) if x)
    y1, m1, d1 = first
    shown = f"{d1} {MONTHS[m1 - 1]} {y1}"
    if last is None:
        return shown + (f" to {end}" if end and end != start else "")
    y2, m2, d2 = last
    if (y1, m1) == (y2, m2):
        return f"{d1}{DASH}{d2} {MONTHS[m2 - 1]} {y2}"
    if y1 == y2:
        return f"{d1} {MONTHS[m1 - 1]} {DASH} {d2} {MONTHS[m2 - 1]} {y2}"
    return f"{shown} {DASH} {d2} {MONTHS[m2 - 1]} {y2}"


def _time(start: str, end: str = "") -> str:
    """Dates for people, with the ISO dates kept in <time> for machines and for copying."""
    shown = escape(human_dates(start, end))
    return f'<time datetime="{escape(start)}">{shown}</time>' if _ISO_DATE.fullmatch(start) else shown


def _place(instance: dict[str, Any]) -> str:
    mode = text(instance, "mode") or ""
    location = instance.get("location") if isinstance(instance.get("location"), dict) else {}
    where = ", ".join(v for v in (text(location, "city"), text(location, "country")) if v)
    if mode == "online":
        return "online"
    if mode == "hybrid":
        return f"{where} and online" if where else "hybrid"
    return where or text(location, "name") or ""


def _venue(instance: dict[str, Any]) -> str:
    """The venue in full: name, street, postal code and city, country (what the JSON-LD's Place carries)."""
    location = instance.get("location") if isinstance(instance.get("location"), dict) else {}
    city = " ".join(v for v in (text(location, "postal_code"), text(location, "city")) if v)
    lines = [v for v in (text(location, "name"), text(location, "street_address")) if v]
    lines += [", ".join(v for v in (city, text(location, "country") or "") if v)]
    mode = text(instance, "mode") or ""
    if mode in ("online", "hybrid"):
        lines.append("online" if mode == "online" else "and online")
    return "<br>".join(escape(line) for line in lines if line)


def summary(course: dict[str, Any], fw: Framework, link: str) -> CourseSummary:
    instances = [i for _, i in items(course, "instances")]
    when = "; ".join(d for d in (_dates(i) for i in instances) if d) or "self-paced"
    where = "; ".join(dict.fromkeys(p for p in (_place(i) for i in instances) if p))
    dates = tuple((text(i, "start_date") or "", text(i, "end_date") or "") for i in instances if text(i, "start_date"))
    cid = text(course, "id") or ""
    return CourseSummary(cid, text(course, "title") or cid, link, level_name(course, fw), when, where, dates)


def _row(label: str, value: str) -> str:
    return f"<tr><th>{escape(label)}</th><td>{value}</td></tr>" if value else ""


def _shown_url(url: str) -> str:
    """A URL as link text: without the scheme and a trailing slash, which say nothing to a reader."""
    return re.sub(r"^https?://", "", url).rstrip("/")


def _link(url: str | None, label: str | None = None) -> str:
    if not url:
        return escape(label or "")
    return f'<a href="{escape(url)}">{escape(label or _shown_url(url))}</a>'


def _competencies(ids: list[str], fw: Framework, framework_url: str) -> str:
    return ", ".join(
        f'<a href="{escape(framework_url)}#{escape(cid)}">{escape(cid)}</a> '
        f"{escape(str(fw.competencies.get(cid, {}).get('label', '')))}"
        for cid in ids
    )


def _nodes(value: Any) -> list[dict[str, Any]]:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, dict)]


def _topics(jsonld: dict[str, Any]) -> str:
    """The EDAM topics of the JSON-LD's `about`, linked to their EDAM IRIs."""
    return ", ".join(
        _link(str(t["@id"]) if isinstance(t.get("@id"), str) else None, str(t.get("name") or t.get("termCode", "")))
        for t in _nodes(jsonld.get("about"))
    )


def _table(columns: list[str], rows: Sequence[tuple[str | None, list[str]]]) -> str:
    """A table that stacks on a phone; columns empty in every row are left out (an empty "seats" column says
    nothing). A row is (its id or None, its cells as safe HTML); the first column titles each stacked block."""
    keep = [i for i in range(len(columns)) if any(cells[i] for _, cells in rows)]
    head = "".join(f"<th>{escape(columns[i])}</th>" for i in keep)
    titled = ' class="title"'
    body = "".join(
        (f'<tr id="{escape(row_id)}">' if row_id else "<tr>")
        + "".join(
            f'<td{titled if n == 0 else ""} data-label="{escape(columns[i])}">{cells[i]}</td>'
            for n, i in enumerate(keep)
        )
        + "</tr>"
        for row_id, cells in rows
    )
    return f'<table class="stack"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _instances(course: dict[str, Any]) -> str:
    rows: list[tuple[str | None, list[str]]] = []
    for index, (_, instance) in enumerate(items(course, "instances")):
        capacity = instance.get("capacity")
        language = text(instance, "language")
        start, end = text(instance, "start_date") or "", text(instance, "end_date") or ""
        cells = [
            _time(start, end),
            _venue(instance),
            escape(text(instance, "mode") or ""),
            escape(str(capacity)) if isinstance(capacity, int) else "",
            escape(iso639_1().get(language, language)) if language else "",
            _link(text(instance, "url")),
        ]
        rows.append((f"instance-{start or index}", cells))
    if not rows:
        return ""
    columns = ["dates", "place", "mode", "seats", "language", "page"]
    return '<h2 id="dates">Dates and places</h2>' + _table(columns, rows)


def _modules(course: dict[str, Any], fw: Framework, framework_url: str) -> str:
    rows: list[tuple[str | None, list[str]]] = []
    for pointer, module in items(course, "modules"):
        ids = [c for _, c in strings(module, "competencies", pointer)]
        cells = [
            escape(text(module, "title") or ""),
            escape(describe_duration(text(module, "duration") or "")),
            escape(", ".join(t for _, t in strings(module, "tools", pointer))),
            _competencies(ids, fw, framework_url),
        ]
        rows.append((None, cells))
    if not rows:
        return ""
    return "<h2>Modules</h2>" + _table(["module", "time", "tools", "competencies"], rows)


def _keywords(jsonld: dict[str, Any]) -> str:
    """The keywords as exported (a Course's are one string, a LearningResource's a list; tools without a url
    are among them), so the page says what the registries read."""
    value = jsonld.get("keywords")
    return ", ".join(str(k) for k in value) if isinstance(value, list) else str(value or "")


def course_page(course: dict[str, Any], fw: Framework, jsonld: dict[str, Any], root: str) -> str:
    """The course for people, its JSON-LD embedded for harvesters. `root` is the relative site root."""
    framework_url = f"{root}framework/"
    language = text(course, "language")
    organiser = course.get("organiser") if isinstance(course.get("organiser"), dict) else {}
    licence = text(course, "license")
    licence_url = jsonld.get("license") if isinstance(jsonld.get("license"), str) else None
    self_paced = not list(items(course, "instances"))
    level = level_name(course, fw)
    duration = describe_duration(text(course, "duration") or "")
    language_name = iso639_1().get(language or "", language or "")
    kind = "Self-paced learning material" if self_paced else "Course"
    glance = [escape(x) for x in (kind, level, duration, language_name) if x]
    dated = sorted(
        ((text(i, "start_date") or "", text(i, "end_date") or "", _place(i)) for _, i in items(course, "instances")),
        reverse=True,
    )
    if dated and dated[0][0]:  # the latest instance; all of them are listed under "Dates and places"
        start, end, place = dated[0]
        glance += [_time(start, end)] + ([escape(place)] if place else [])
        if len(dated) > 1:
            glance.append(f'<a href="#dates">{len(dated)} dates</a>')
    at_a_glance = " · ".join(glance)
    facts = [
        _row("Level", escape(level)),
        _row("Duration", escape(duration)),
        _row("Language", escape(language_name)),
        _row("Audience", escape(", ".join(a for _, a in strings(course, "target_audience")))),
        _row("Keywords", escape(_keywords(jsonld))),
        _row("Topics (EDAM)", _topics(jsonld)),
        _row("Licence", _link(licence_url, licence) if licence else ""),
        _row("Organiser", _link(text(organiser, "url"), text(organiser, "name")) if text(organiser, "name") else ""),
        _row("Assessment", escape(text(course, "assessment") or "")),
        _row("Course page", _link(text(course, "url"))),
        _row("Described from", _link(text(course, "source_url"))),
        _row("Identifier", f"<code>{escape(text(course, 'id') or '')}</code>" if text(course, "id") else ""),
    ]
    sections = [
        f'<p class="crumbs"><a href="{escape(root)}index.html">All courses</a></p>',
        f"<h1>{escape(text(course, 'title') or '')}</h1>",
        f'<p class="meta">{at_a_glance}</p>',
        f'<p class="lead">{escape(text(course, "description") or "")}</p>',
    ]
    if any(facts):
        sections.append(f'<table class="facts"><tbody>{"".join(facts)}</tbody></table>')
    sections.append(_instances(course))
    prerequisites = []
    for _, prereq in items(course, "prerequisites"):
        cid, free = text(prereq, "competency"), text(prereq, "text")
        level_needed = text(prereq, "level")
        if cid:
            entry = _competencies([cid], fw, framework_url)
            prerequisites.append(f"<li>{entry}{escape(f' ({level_needed})') if level_needed else ''}</li>")
        if free:
            prerequisites.append(f"<li>{escape(free)}</li>")
    if prerequisites:
        sections.append(f"<h2>Prerequisites</h2><ul>{''.join(prerequisites)}</ul>")
    outcomes = []
    for pointer, outcome in items(course, "learning_outcomes"):
        ids = [c for _, c in strings(outcome, "competencies", pointer)]
        mapped = f'<span class="note">{_competencies(ids, fw, framework_url)}</span>' if ids else ""
        outcomes.append(f"<li>{escape(text(outcome, 'statement') or '')}{mapped}</li>")
    if outcomes:
        sections.append(f'<h2>Learning outcomes</h2><ul class="outcomes">{"".join(outcomes)}</ul>')
    sections.append(_modules(course, fw, framework_url))
    listed_tools = [
        f"<li>{_link(text(t, 'url'), text(t, 'name'))}{' (open source)' if t.get('open_source') is True else ''}</li>"
        for _, t in items(course, "tools")
    ]
    if listed_tools:
        sections.append(f"<h2>Tools</h2><ul>{''.join(listed_tools)}</ul>")
    trainers = []
    for _, trainer in items(course, "trainers"):
        orcid = text(trainer, "orcid")
        iri = orcid if orcid and orcid.startswith("https://") else (f"https://orcid.org/{orcid}" if orcid else None)
        affiliation = text(trainer, "affiliation")
        trainers.append(
            f"<li>{escape(text(trainer, 'name') or '')}{escape(f', {affiliation}') if affiliation else ''}"
            f"{' · ORCID ' + _link(iri, iri.rsplit('/', 1)[-1]) if iri else ''}</li>"
        )
    if trainers:
        sections.append(f"<h2>Trainers</h2><ul>{''.join(trainers)}</ul>")
    materials = []
    for _, material in items(course, "materials"):
        material_licence = text(material, "license")
        shown = _link(text(material, "url"), text(material, "title"))
        materials.append(f"<li>{shown}{escape(f' ({material_licence})') if material_licence else ''}</li>")
    if materials:
        sections.append(f"<h2>Materials</h2><ul>{''.join(materials)}</ul>")
    profile = jsonld.get("http://purl.org/dc/terms/conformsTo")
    if isinstance(profile, dict) and isinstance(profile.get("@id"), str):
        name, _, version = profile["@id"].rstrip("/").split("/profiles/")[-1].partition("/")
        shown = f"the Bioschemas {name} profile {version}".rstrip()
        sections.append(
            f'<p class="note">For registries: this page embeds the course as JSON-LD following '
            f"{_link(profile['@id'], shown)}.</p>"
        )
    return _page(text(course, "title") or "Course", "\n".join(s for s in sections if s), jsonld)


def _latest(entry: CourseSummary) -> str:
    return max((start for start, _ in entry.dates), default="")


def index_page(entries: list[CourseSummary], framework_url: str) -> str:
    """Scheduled courses (latest first) and self-paced material (by title), each with level, dates, place."""
    scheduled = sorted((e for e in entries if e.dates), key=lambda e: (_latest(e), e.title), reverse=True)
    self_paced = sorted((e for e in entries if not e.dates), key=lambda e: (e.title.lower(), e.id))
    unstated = '<span class="note">not stated</span>'

    def level(e: CourseSummary) -> str:
        return escape(e.level) if e.level else unstated

    def when(e: CourseSummary) -> str:
        ordered = sorted(e.dates, reverse=True)
        return "<br>".join(_time(start, end) for start, end in ordered)

    body = [
        f"<h1>Courses</h1><p>{len(entries)} course{'s' if len(entries) != 1 else ''}: {len(scheduled)} with dates, "
        f"{len(self_paced)} self-paced. Competencies are those of "
        f'<a href="{escape(framework_url)}">the competency framework</a>.</p>'
    ]
    if scheduled:
        rows = [
            (None, [_link(e.link, e.title), level(e), when(e), escape(e.where) if e.where else unstated])
            for e in scheduled
        ]
        body.append('<h2 id="scheduled">Courses with dates</h2>' + _table(["course", "level", "dates", "place"], rows))
    if self_paced:
        rows = [(None, [_link(e.link, e.title), level(e)]) for e in self_paced]
        body.append('<h2 id="self-paced">Self-paced material</h2>' + _table(["material", "level"], rows))
    return _page("Courses", "".join(body))


def framework_page(jsonld: dict[str, Any]) -> str:
    terms = [t for t in jsonld.get("hasDefinedTerm", []) if isinstance(t, dict)]
    rows = "".join(
        f'<tr id="{escape(str(t.get("termCode", "")))}"><td data-label="id"><code>{escape(str(t.get("termCode", "")))}'
        f'</code></td><td data-label="competency">{escape(str(t.get("name", "")))}</td>'
        f'<td data-label="description">{escape(str(t.get("description", "")))}</td></tr>'
        for t in terms
    )
    levels = [t for t in (jsonld.get("subjectOf") or {}).get("hasDefinedTerm", []) if isinstance(t, dict)]
    level_rows = "".join(
        f'<tr id="level-{escape(str(t.get("termCode", "")))}"><td data-label="id"><code>'
        f"{escape(str(t.get('termCode', '')))}</code></td>"
        f'<td data-label="name">{escape(str(t.get("name", "")))}</td></tr>'
        for t in levels
    )
    body = (
        f"<h1>{escape(str(jsonld.get('name', 'Framework')))}</h1>"
        f'<p class="lead">{escape(str(jsonld.get("description", "")))}</p>'
        '<table class="stack"><thead><tr><th>id</th><th>competency</th><th>description</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        '<h2 id="levels">Levels</h2><table class="stack"><thead><tr><th>id</th><th>name</th></tr></thead>'
        f"<tbody>{level_rows}</tbody></table>"
    )
    return _page(str(jsonld.get("name", "Framework")), body, jsonld)


def sitemap(urls: list[str]) -> str:
    entries = "".join(f"  <url><loc>{xml_escape(u)}</loc></url>\n" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</urlset>\n'
    )
