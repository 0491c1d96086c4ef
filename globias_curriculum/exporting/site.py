"""Static pages that show each course to people and embed its JSON-LD for harvesters, plus a sitemap.

TeSS crawls a sitemap.xml and reads the `<script type="application/ld+json">` of each page it lists. A
person reads the same page: everything the JSON-LD carries is shown in words (levels by name, durations in
days and hours, languages by name, places, trainers, modules, tools, competencies linked to the framework).
Every piece of course text goes through `html.escape`.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any, NamedTuple
from xml.sax.saxutils import escape as xml_escape

from ..context import Framework
from ..identifiers import iso639_1
from ..reading.document import items, strings, text
from ..units import describe_duration
from ..webpage import page


class CourseSummary(NamedTuple):
    """What the index shows of a course: kept for every course of an export, so it stays small."""

    id: str
    title: str
    link: str  # relative to the site's root
    level: str
    when: str
    where: str


def embed(document: dict[str, Any]) -> str:
    """JSON for a <script> element: `<`, `>` and `&` escaped so course text cannot close the element."""
    data = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
    return data.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _page(title: str, body: str, jsonld: dict[str, Any] | None = None) -> str:
    script = f'<script type="application/ld+json">\n{embed(jsonld)}\n</script>\n' if jsonld else ""
    return page(title, body, head=script)


def level_name(course: dict[str, Any], fw: Framework) -> str:
    level = fw.level(text(course, "level"))
    return level.label if level else ""


def _dates(instance: dict[str, Any]) -> str:
    start, end = text(instance, "start_date") or "", text(instance, "end_date") or ""
    return f"{start} to {end}" if start and end and end != start else start


def _place(instance: dict[str, Any]) -> str:
    mode = text(instance, "mode") or ""
    location = instance.get("location") if isinstance(instance.get("location"), dict) else {}
    where = ", ".join(v for v in (text(location, "city"), text(location, "country")) if v)
    if mode == "online":
        return "online"
    if mode == "hybrid":
        return f"{where} and online" if where else "hybrid"
    return where or text(location, "name") or ""


def summary(course: dict[str, Any], fw: Framework, link: str) -> CourseSummary:
    instances = [i for _, i in items(course, "instances")]
    when = "; ".join(d for d in (_dates(i) for i in instances) if d) or "self-paced"
    where = "; ".join(dict.fromkeys(p for p in (_place(i) for i in instances) if p))
    cid = text(course, "id") or ""
    return CourseSummary(cid, text(course, "title") or cid, link, level_name(course, fw), when, where)


def _row(label: str, value: str) -> str:
    return f"<tr><th>{escape(label)}</th><td>{value}</td></tr>" if value else ""


def _link(url: str | None, label: str | None = None) -> str:
    return f'<a href="{escape(url)}">{escape(label or url)}</a>' if url else escape(label or "")


def _competencies(ids: list[str], fw: Framework, framework_url: str) -> str:
    return ", ".join(
        f'<a href="{escape(framework_url)}#{escape(cid)}">{escape(cid)}</a> '
        f"{escape(str(fw.competencies.get(cid, {}).get('label', '')))}"
        for cid in ids
    )


def course_page(course: dict[str, Any], fw: Framework, jsonld: dict[str, Any], root: str) -> str:
    """The course for people, its JSON-LD embedded for harvesters. `root` is the relative site root."""
    framework_url = f"{root}framework/"
    language = text(course, "language")
    organiser = course.get("organiser") if isinstance(course.get("organiser"), dict) else {}
    facts = [
        _row("Level", escape(level_name(course, fw))),
        _row("Duration", escape(describe_duration(text(course, "duration") or ""))),
        _row("Language", escape(iso639_1().get(language or "", language or ""))),
        _row("Licence", escape(text(course, "license") or "")),
        _row("Audience", escape(", ".join(a for _, a in strings(course, "target_audience")))),
        _row("Keywords", escape(", ".join(k for _, k in strings(course, "keywords")))),
        _row("Organiser", _link(text(organiser, "url"), text(organiser, "name")) if text(organiser, "name") else ""),
        _row("Assessment", escape(text(course, "assessment") or "")),
    ]
    sections = [
        f'<p><a href="{escape(root)}index.html">All courses</a></p>',
        f"<h1>{escape(text(course, 'title') or '')}</h1>",
        f"<p>{escape(text(course, 'description') or '')}</p>",
    ]
    if text(course, "url"):
        sections.append(f"<p>Course page: {_link(text(course, 'url'))}</p>")
    if any(facts):
        sections.append(f"<table>{''.join(facts)}</table>")
    instances = [(p, i) for p, i in items(course, "instances")]
    if instances:
        rows = []
        for index, (_, instance) in enumerate(instances):
            anchor = f"instance-{text(instance, 'start_date') or index}"
            capacity = instance.get("capacity")
            rows.append(
                f'<tr id="{escape(anchor)}"><td>{escape(_dates(instance))}</td><td>{escape(_place(instance))}</td>'
                f"<td>{escape(text(instance, 'mode') or '')}</td>"
                f"<td>{escape(str(capacity)) if isinstance(capacity, int) else ''}</td>"
                f"<td>{_link(text(instance, 'url'))}</td></tr>"
            )
        sections.append(
            "<h2>Dates and places</h2><table><tr><th>dates</th><th>place</th><th>mode</th><th>seats</th>"
            f"<th>page</th></tr>{''.join(rows)}</table>"
        )
    prerequisites = []
    for _, prereq in items(course, "prerequisites"):
        cid, free = text(prereq, "competency"), text(prereq, "text")
        level = text(prereq, "level")
        if cid:
            entry = _competencies([cid], fw, framework_url)
            prerequisites.append(f"<li>{entry}{escape(f' ({level})') if level else ''}</li>")
        if free:
            prerequisites.append(f"<li>{escape(free)}</li>")
    if prerequisites:
        sections.append(f"<h2>Prerequisites</h2><ul>{''.join(prerequisites)}</ul>")
    outcomes = []
    for pointer, outcome in items(course, "learning_outcomes"):
        ids = [c for _, c in strings(outcome, "competencies", pointer)]
        mapped = f'<br><span class="note">{_competencies(ids, fw, framework_url)}</span>' if ids else ""
        outcomes.append(f"<li>{escape(text(outcome, 'statement') or '')}{mapped}</li>")
    if outcomes:
        sections.append(f"<h2>Learning outcomes</h2><ul>{''.join(outcomes)}</ul>")
    modules = []
    for pointer, module in items(course, "modules"):
        ids = [c for _, c in strings(module, "competencies", pointer)]
        tools = ", ".join(t for _, t in strings(module, "tools", pointer))
        modules.append(
            f"<tr><td>{escape(text(module, 'title') or '')}</td>"
            f"<td>{escape(describe_duration(text(module, 'duration') or ''))}</td><td>{escape(tools)}</td>"
            f"<td>{_competencies(ids, fw, framework_url)}</td></tr>"
        )
    if modules:
        sections.append(
            "<h2>Modules</h2><table><tr><th>module</th><th>time</th><th>tools</th><th>competencies</th></tr>"
            + "".join(modules)
            + "</table>"
        )
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
            f"{' · ORCID ' + _link(iri) if iri else ''}</li>"
        )
    if trainers:
        sections.append(f"<h2>Trainers</h2><ul>{''.join(trainers)}</ul>")
    materials = []
    for _, material in items(course, "materials"):
        licence = text(material, "license")
        shown = _link(text(material, "url"), text(material, "title"))
        materials.append(f"<li>{shown}{escape(f' ({licence})') if licence else ''}</li>")
    if materials:
        sections.append(f"<h2>Materials</h2><ul>{''.join(materials)}</ul>")
    return _page(text(course, "title") or "Course", "\n".join(sections), jsonld)


def index_page(entries: list[CourseSummary], framework_url: str) -> str:
    rows = "".join(
        f'<tr><td><a href="{escape(e.link)}">{escape(e.title)}</a></td><td>{escape(e.level)}</td>'
        f"<td>{escape(e.when)}</td><td>{escape(e.where)}</td></tr>"
        for e in entries
    )
    body = (
        f"<h1>Courses</h1><p>{len(entries)} course{'s' if len(entries) != 1 else ''}. Competencies are those of "
        f'<a href="{escape(framework_url)}">the competency framework</a>.</p>'
        f"<table><tr><th>course</th><th>level</th><th>dates</th><th>place</th></tr>{rows}</table>"
    )
    return _page("Courses", body)


def framework_page(jsonld: dict[str, Any]) -> str:
    terms = [t for t in jsonld.get("hasDefinedTerm", []) if isinstance(t, dict)]
    rows = "".join(
        f'<tr id="{escape(str(t.get("termCode", "")))}"><td>{escape(str(t.get("termCode", "")))}</td>'
        f"<td>{escape(str(t.get('name', '')))}</td><td>{escape(str(t.get('description', '')))}</td></tr>"
        for t in terms
    )
    levels = [t for t in (jsonld.get("subjectOf") or {}).get("hasDefinedTerm", []) if isinstance(t, dict)]
    level_rows = "".join(
        f'<tr id="level-{escape(str(t.get("termCode", "")))}"><td>{escape(str(t.get("termCode", "")))}</td>'
        f"<td>{escape(str(t.get('name', '')))}</td></tr>"
        for t in levels
    )
    body = (
        f"<h1>{escape(str(jsonld.get('name', 'Framework')))}</h1>"
        f"<p>{escape(str(jsonld.get('description', '')))}</p>"
        f"<table><tr><th>id</th><th>competency</th><th>description</th></tr>{rows}</table>"
        f'<h2 id="levels">Levels</h2><table><tr><th>id</th><th>name</th></tr>{level_rows}</table>'
    )
    return _page(str(jsonld.get("name", "Framework")), body, jsonld)


def sitemap(urls: list[str]) -> str:
    entries = "".join(f"  <url><loc>{xml_escape(u)}</loc></url>\n" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</urlset>\n'
    )
