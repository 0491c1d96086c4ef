"""GC3xx for a guideline set: unique rule ids, cited sources, competencies, areas and levels that exist."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Diagnostic
from ..reading.document import Document, items, strings, text
from .references import (
    check_area,
    check_competency,
    check_level,
    iter_source_diagnostics,
    iter_unique_id_diagnostics,
)


def iter_guideline_diagnostics(doc: Document, context: Context) -> Iterator[Diagnostic]:
    """Unique rule ids, cited sources, and references into the run's framework."""
    fw = context.framework
    catalogue = {text(s, "key") or "" for _, s in items(doc.data, "source_catalogue")}
    seen: dict[str, str] = {}
    for pointer, rule in items(doc.data, "rules"):
        yield from iter_unique_id_diagnostics(doc, seen, pointer, text(rule, "id"), "rule")
        yield from iter_source_diagnostics(doc, catalogue, pointer, rule)
        for part in ("scope", "condition"):
            block = rule.get(part)
            if not isinstance(block, dict):
                continue
            base = f"{pointer}/{part}"
            for key in ("competencies", "teaches_competencies", "alternatives"):
                for cpointer, cid in strings(block, key, base):
                    yield from check_competency(doc, fw, cpointer, cid)
            for key in ("areas", "teaches_areas"):
                for cpointer, area in strings(block, key, base):
                    yield from check_area(doc, fw, cpointer, area)
            for lpointer, level in strings(block, "levels", base):
                yield from check_level(doc, fw, lpointer, level)
