"""GC3xx for a competency framework: unique ids, cited sources, descriptors at every level, known
prerequisites, replacements, demand topics and EDAM concepts, and no prerequisite cycles."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context, Framework
from ..diagnostics import Diagnostic
from ..reading.document import Document, items, strings, text
from .references import (
    check_competency,
    check_edam,
    check_level,
    iter_citation_diagnostics,
    iter_unique_id_diagnostics,
)


def iter_framework_diagnostics(doc: Document, context: Context) -> Iterator[Diagnostic]:
    """The document's own consistency; the run's framework (`context`) is not what is checked here."""
    fw = Framework.from_document(doc)
    yield from _catalogue(doc)
    catalogue = set(fw.sources)
    levels_seen: dict[str, str] = {}
    for pointer, level in items(doc.data, "levels"):
        yield from iter_unique_id_diagnostics(doc, levels_seen, pointer, text(level, "id"), "level")
        yield from iter_citation_diagnostics(doc, catalogue, pointer, level)
    bloom_seen: dict[str, str] = {}
    for pointer, bloom in items(doc.data, "bloom_levels"):
        yield from iter_unique_id_diagnostics(doc, bloom_seen, pointer, text(bloom, "id"), "Bloom level")
        yield from iter_citation_diagnostics(doc, catalogue, pointer, bloom)
        yield from iter_citation_diagnostics(doc, catalogue, pointer, bloom, "verbs_cited")
    for key in ("non_observable_verbs", "tool_action_verbs"):
        block = doc.data.get(key)
        if isinstance(block, dict):
            yield from iter_citation_diagnostics(doc, catalogue, f"/{key}", block)
            yield from iter_citation_diagnostics(doc, catalogue, f"/{key}", block, "verbs_cited")
    topics_seen: dict[str, str] = {}
    for pointer, entry in items(doc.data, "demand_topics"):
        yield from iter_unique_id_diagnostics(doc, topics_seen, pointer, text(entry, "id"), "demand topic")
        yield from iter_citation_diagnostics(doc, catalogue, pointer, entry)
    seen: dict[str, str] = {}
    for apointer, area in items(doc.data, "areas"):
        yield from iter_unique_id_diagnostics(doc, seen, apointer, text(area, "id"), "area")
        yield from iter_citation_diagnostics(doc, catalogue, apointer, area)
        for tpointer, topic in strings(area, "demand_topics", apointer):
            yield from check_demand_topic(doc, fw, tpointer, topic)
        for pointer, comp in items(area, "competencies", apointer):
            yield from iter_unique_id_diagnostics(doc, seen, pointer, text(comp, "id"), "competency")
            yield from _competency(doc, fw, catalogue, pointer, comp)
    yield from _cycles(doc, fw)


def check_demand_topic(doc: Document, fw: Framework, pointer: str, topic: str) -> Iterator[Diagnostic]:
    if topic not in fw.demand_topics:
        from ..hints import did_you_mean

        hint = did_you_mean(topic, fw.demand_topics) or "add it to the framework's `demand_topics` with its citations"
        yield Diagnostic.make("GC320", f"unknown demand topic {topic!r}", doc.locate(pointer), hint)


def _catalogue(doc: Document) -> Iterator[Diagnostic]:
    seen: dict[str, str] = {}
    for pointer, source in items(doc.data, "source_catalogue"):
        yield from iter_unique_id_diagnostics(doc, seen, pointer, text(source, "key"), "source", field="key")


def _competency(
    doc: Document, fw: Framework, catalogue: set[str], pointer: str, comp: dict[str, object]
) -> Iterator[Diagnostic]:
    yield from iter_citation_diagnostics(doc, catalogue, pointer, comp)
    for ppointer, cid in strings(comp, "prerequisites", pointer):
        yield from check_competency(doc, fw, ppointer, cid)
    for rpointer, cid in strings(comp, "replaced_by", pointer):
        yield from check_competency(doc, fw, rpointer, cid)
    described: dict[str, str] = {}
    for dpointer, descriptor in items(comp, "descriptors", pointer):
        level = text(descriptor, "level")
        if level is None:
            continue
        yield from check_level(doc, fw, f"{dpointer}/level", level)
        yield from iter_unique_id_diagnostics(
            doc, described, dpointer, fw.canonical_level(level), "descriptor level", "level"
        )
    if comp.get("deprecated") is not True:
        missing = [lv for lv in fw.levels if lv not in described]
        if missing:
            yield Diagnostic.make(
                "GC321",
                f"competency {text(comp, 'id')!r} has no descriptor for {', '.join(repr(m) for m in missing)}",
                doc.locate(f"{pointer}/descriptors" if "descriptors" in comp else pointer, key=True),
                hint="add `- {level: ..., statement: ...}` saying what a person at that level does",
            )
    for epointer, edam in items(comp, "edam", pointer):
        value = text(edam, "id") or ""
        kind = text(edam, "kind")
        yield from check_edam(doc, f"{epointer}/id", value, expect_kind=kind)
        if value.startswith("edam-bi:") and edam.get("provisional") is False:
            yield Diagnostic.make(
                "GC315",
                f"{value!r} is an EDAM-bioimaging id, which has no stable identifier yet",
                doc.locate(f"{epointer}/provisional"),
                hint="mark it `provisional: true`",
            )


def _cycles(doc: Document, fw: Framework) -> Iterator[Diagnostic]:
    """Depth-first search with an explicit stack: a chain of thousands of prerequisites cannot overflow it."""
    graph = {
        cid: [p for p in comp.get("prerequisites") or () if isinstance(p, str) and p in fw.competencies]
        for cid, comp in fw.competencies.items()
    }
    state: dict[str, int] = {}  # 1 = on the path, 2 = done
    reported: set[frozenset[str]] = set()
    pointers = _competency_pointers(doc)
    for root in graph:
        if root in state:
            continue
        path: list[str] = [root]
        pending: list[Iterator[str]] = [iter(graph[root])]
        state[root] = 1
        while pending:
            nxt = next(pending[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                pending.pop()
                continue
            if state.get(nxt) == 1:
                cycle = [*path[path.index(nxt) :], nxt]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    yield Diagnostic.make(
                        "GC313",
                        "prerequisite cycle: " + " -> ".join(cycle),
                        doc.locate(pointers.get(path[-1], "") + "/prerequisites"),
                    )
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                pending.append(iter(graph[nxt]))


def _competency_pointers(doc: Document) -> dict[str, str]:
    out: dict[str, str] = {}
    for apointer, area in items(doc.data, "areas"):
        for pointer, comp in items(area, "competencies", apointer):
            out.setdefault(text(comp, "id") or "", pointer)
    return out
