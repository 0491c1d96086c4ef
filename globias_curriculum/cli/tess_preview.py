"""`tess-preview`: what ELIXIR TeSS would create from JSON-LD files and HTML pages, and what it would drop.

The text form is written here (the JSON form is `TessPreview.to_json`): every title and url comes from a
document anyone can publish, so each passes through `printable` and is clipped.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import click

from ..reporters.diagnostics import diagnostic_lines, shown_path
from ..reporters.escape import clip, printable
from ..reporters.style import Style
from .common import COLOUR, EXISTING, MAX_BYTES, colour_wanted, emit

if TYPE_CHECKING:
    from ..jsonld.tess import DocumentPreview, TessPreview


@click.command("tess-preview")
@click.argument("files", nargs=-1, required=True, type=EXISTING)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Output format [default: text]."
)
@click.option(
    "--base-url",
    default=None,
    help="The page's address, against which relative IRIs resolve, as TeSS resolves them against the page it "
    "fetched [default: https://example.com, TeSS's own placeholder].",
)
@MAX_BYTES
@COLOUR
def command(files: tuple[str, ...], fmt: str, base_url: str | None, max_bytes: int | None, colour: bool | None) -> int:
    """Show the events and materials ELIXIR TeSS would create from JSON-LD files or HTML pages (folders are
    searched for .jsonld, .json, .html), and every record it would drop, with the reason.

    \b
    Example:  globias-curriculum tess-preview site/courses/
    Exit codes: 0 every record would be kept; 1 a record would be dropped, a page cannot be read by TeSS,
    or a document gives TeSS nothing; 2 a file cannot be read.
    """
    from .. import tess_preview

    preview = tess_preview(files, max_bytes=max_bytes, base_url=base_url)
    style = Style(colour_wanted(colour, sys.stdout))
    emit(iter([preview.to_json()]) if fmt == "json" else to_text(preview, style), None)
    return preview.exit_code()


_EVENT_DETAILS = ("start", "end", "presence", "venue", "city", "country", "capacity", "language")
_MATERIAL_DETAILS = ("licence", "difficulty_level", "date_published")


def _shown(value: Any, limit: int = 120) -> str:
    return printable(clip(str(value), limit))


def _record_lines(kind: str, record: dict[str, Any]) -> Iterator[str]:
    title = _shown(record.get("title", "(no title)"))
    yield f"  {kind} {title}\n"
    yield f"    url: {_shown(record.get('url', '(none)'), 300)}   from: {record.get('source', kind)}\n"
    details = _EVENT_DETAILS if kind == "event" else _MATERIAL_DETAILS
    shown = [f"{name}: {_shown(record[name], 60)}" for name in details if name in record]
    if shown:
        yield f"    {'   '.join(shown)}\n"
    for name in ("keywords", "event_types", "target_audience"):
        if record.get(name):
            yield f"    {name}: {_shown(', '.join(str(k) for k in record[name]), 200)}\n"
    people = record.get("instructors") or record.get("authors")
    if people:
        names = ", ".join(str(p.get("name")) if isinstance(p, dict) else str(p) for p in people)
        yield f"    {'instructors' if kind == 'event' else 'authors'}: {_shown(names, 200)}\n"


def document_lines(doc: DocumentPreview, style: Style) -> Iterator[str]:
    duplicates = len(doc.rejected) - len(doc.lost)
    counts = (
        f"{len(doc.events)} event(s) and {len(doc.materials)} material(s) TeSS would create, "
        f"{len(doc.lost)} it would drop" + (f" ({duplicates} duplicate(s) that add nothing)" if duplicates else "")
    )
    yield f"{style.bold(shown_path(doc.file))} ({doc.format}): {counts}\n"
    for record in doc.events:
        yield from _record_lines("event", record)
    for record in doc.materials:
        yield from _record_lines("material", record)
    for rejected in doc.rejected:
        title = _shown(rejected.title if rejected.title is not None else "(no title)")
        what = "duplicate" if rejected.duplicate_of_kept else "dropped"
        yield f"  {what} {rejected.type} {title} ({_shown(rejected.url or 'no url', 300)})\n"
        for reason in rejected.reasons:
            yield f"    - {_shown(reason, 300)}\n"
    for d in sorted(doc.diagnostics, key=lambda d: d.sort_key):
        for line in diagnostic_lines(d, style):
            yield "  " + line + "\n"


def to_text(preview: TessPreview, style: Style) -> Iterator[str]:
    for doc in preview.documents:
        yield from document_lines(doc, style)
    events = sum(len(d.events) for d in preview.documents)
    materials = sum(len(d.materials) for d in preview.documents)
    dropped = sum(len(d.lost) for d in preview.documents)
    unread = sum(1 for d in preview.documents if d.diagnostics)
    yield (
        f"{len(preview.documents)} document(s): TeSS would create {events} event(s) and {materials} material(s), "
        f"drop {dropped} record(s); {unread} document(s) TeSS cannot read or finds nothing in\n"
    )
