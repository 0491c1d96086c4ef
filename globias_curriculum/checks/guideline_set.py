"""GC3xx for a guideline set: unique rule ids, cited sources, and competencies, areas, levels, demand topics
and replacement rules that exist.

A rule cites sources from the guideline set's own `source_catalogue` or from the framework's: the two
documents are always used together, and one catalogue entry per source keeps them from drifting apart.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Diagnostic
from ..hints import did_you_mean
from ..reading.document import Document, items, strings, text
from .framework import check_demand_topic
from .references import (
    check_area,
    check_competency,
    check_level,
    iter_citation_diagnostics,
    iter_unique_id_diagnostics,
)


def iter_guideline_diagnostics(doc: Document, context: Context) -> Iterator[Diagnostic]:
    """Unique rule ids, cited sources, and references into the run's framework."""
    fw = context.framework
    own: dict[str, str] = {}
    for pointer, source in items(doc.data, "source_catalogue"):
        yield from iter_unique_id_diagnostics(doc, own, pointer, text(source, "key"), "source", field="key")
    catalogue = set(own) | set(fw.sources)
    rule_ids = {text(r, "id") for _, r in items(doc.data, "rules")} - {None}
    seen: dict[str, str] = {}
    for pointer, rule in items(doc.data, "rules"):
        yield from iter_unique_id_diagnostics(doc, seen, pointer, text(rule, "id"), "rule")
        yield from iter_citation_diagnostics(doc, catalogue, pointer, rule)
        topic = text(rule, "demand_topic")
        if topic is not None:
            yield from check_demand_topic(doc, fw, f"{pointer}/demand_topic", topic)
        for rpointer, replacement in strings(rule, "replaced_by", pointer):
            if replacement not in rule_ids:
                hint = did_you_mean(replacement, [r for r in rule_ids if r])
                yield Diagnostic.make("GC303", f"unknown guideline rule {replacement!r}", doc.locate(rpointer), hint)
        retired = rule.get("deprecated") is True
        for part in ("scope", "condition"):
            block = rule.get(part)
            if not isinstance(block, dict):
                continue
            base = f"{pointer}/{part}"
            for key in ("competencies", "teaches_competencies", "alternatives"):
                for cpointer, cid in strings(block, key, base):
                    if not (retired and cid in fw.replaced_by):  # a retired rule keeps the ids it had
                        yield from check_competency(doc, fw, cpointer, cid)
            for key in ("areas", "teaches_areas"):
                for cpointer, area in strings(block, key, base):
                    yield from check_area(doc, fw, cpointer, area)
            for lpointer, level in strings(block, "levels", base):
                yield from check_level(doc, fw, lpointer, level)
