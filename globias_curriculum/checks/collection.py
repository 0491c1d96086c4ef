"""GC3xx across files: course ids unique in a run; programmes list courses that exist."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Diagnostic
from ..framework import Framework
from ..loading import Document
from ..suggest import did_you_mean
from .common import items, strings, text
from .course import iter_prerequisite_diagnostics


def iter_duplicate_course_ids(courses: list[Document]) -> Iterator[Diagnostic]:
    first: dict[str, Document] = {}
    for doc in courses:
        cid = text(doc.data, "id")
        if cid is None:
            continue
        if cid in first:
            other = first[cid]
            yield Diagnostic.make(
                "GC304",
                f"course id {cid!r} is already used",
                doc.locate("/id"),
                hint=f"first used in {other.path}:{other.locate('/id').line}",
            )
        else:
            first[cid] = doc


def iter_programme_diagnostics(
    doc: Document, fw: Framework, known_ids: set[str], base: Path | None
) -> Iterator[Diagnostic]:
    """A programme entry is a course file relative to the programme, or the id of a course in the run."""
    for pointer, entry in strings(doc.data, "courses"):
        if entry in known_ids:
            continue
        if base is not None and entry.endswith((".yaml", ".yml")) and (base / entry).is_file():
            continue
        yield Diagnostic.make(
            "GC316",
            f"programme lists {entry!r}, which is neither a course file nor the id of a course in this run",
            doc.locate(pointer),
            did_you_mean(entry, known_ids),
        )
    for pointer, prereq in items(doc.data, "entry_requirements"):
        yield from iter_prerequisite_diagnostics(doc, fw, pointer, prereq)
