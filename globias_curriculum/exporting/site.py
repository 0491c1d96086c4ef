"""Static pages that show each course to people and embed its JSON-LD for harvesters, plus a sitemap.

TeSS crawls a sitemap.xml and reads the `<script type="application/ld+json">` of each page it lists.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from ..reading.document import items, strings, text
from ..webpage import page


def embed(document: dict[str, Any]) -> str:
    """JSON for a <script> element: `<`, `>` and `&` escaped so course text cannot close the element."""
    data = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
    return data.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _page(title: str, body: str, jsonld: dict[str, Any] | None = None) -> str:
    script = f'<script type="application/ld+json">\n{embed(jsonld)}\n</script>\n' if jsonld else ""
    return page(title, body, head=script)


def course_page(course: dict[str, Any], jsonld: dict[str, Any], index_url: str) -> str:
    rows = []
    for label, value in (
        ("Level", text(course, "level")),
        ("Duration", text(course, "duration")),
        ("Language", text(course, "language")),
        ("Licence", text(course, "license")),
        ("Keywords", ", ".join(k for _, k in strings(course, "keywords"))),
        ("Audience", ", ".join(a for _, a in strings(course, "target_audience"))),
    ):
        if value:
            rows.append(f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>")
    outcomes = "".join(f"<li>{escape(text(o, 'statement') or '')}</li>" for _, o in items(course, "learning_outcomes"))
    instances = "".join(
        f"<li>{escape(text(i, 'start_date') or '')} to {escape(text(i, 'end_date') or '')}, "
        f"{escape(text(i, 'mode') or '')}</li>"
        for _, i in items(course, "instances")
    )
    url = text(course, "url")
    body = (
        f'<p><a href="{escape(index_url)}">All courses</a></p>'
        f"<h1>{escape(text(course, 'title') or '')}</h1><p>{escape(text(course, 'description') or '')}</p>"
        + (f'<p><a href="{escape(url)}">{escape(url)}</a></p>' if url else "")
        + (f"<table>{''.join(rows)}</table>" if rows else "")
        + (f"<h2>Learning outcomes</h2><ul>{outcomes}</ul>" if outcomes else "")
        + (f"<h2>Instances</h2><ul>{instances}</ul>" if instances else "")
    )
    return _page(text(course, "title") or "Course", body, jsonld)


def index_page(entries: list[tuple[str, str]], framework_url: str) -> str:
    """entries: (title, relative link)."""
    links = "".join(f'<li><a href="{escape(link)}">{escape(title)}</a></li>' for title, link in entries)
    body = (
        f"<h1>Courses</h1><ul>{links}</ul>"
        f'<p>Competencies: <a href="{escape(framework_url)}">the competency framework</a>.</p>'
    )
    return _page("Courses", body)


def framework_page(jsonld: dict[str, Any]) -> str:
    terms = [t for t in jsonld.get("hasDefinedTerm", []) if isinstance(t, dict)]
    rows = "".join(
        f'<tr id="{escape(str(t.get("termCode", "")))}"><td>{escape(str(t.get("termCode", "")))}</td>'
        f"<td>{escape(str(t.get('name', '')))}</td><td>{escape(str(t.get('description', '')))}</td></tr>"
        for t in terms
    )
    body = (
        f"<h1>{escape(str(jsonld.get('name', 'Framework')))}</h1>"
        f"<table><tr><th>id</th><th>competency</th><th>description</th></tr>{rows}</table>"
    )
    return _page(str(jsonld.get("name", "Framework")), body, jsonld)


def sitemap(urls: list[str]) -> str:
    entries = "".join(f"  <url><loc>{xml_escape(u)}</loc></url>\n" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</urlset>\n'
    )
