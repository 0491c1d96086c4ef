"""GC3xx for a competency framework: unique ids, known prerequisites and sources, EDAM ids, no cycles."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context, Framework
from ..diagnostics import Diagnostic
from ..reading.document import Document, items, strings, text
from .references import check_competency, check_edam, iter_source_diagnostics, iter_unique_id_diagnostics


def iter_framework_diagnostics(doc: Document, context: Context) -> Iterator[Diagnostic]:
    """The document's own consistency; the run's framework (`context`) is not what is checked here."""
    fw = Framework.from_document(doc)
    catalogue = {text(s, "key") or "" for _, s in items(doc.data, "source_catalogue")}
    seen: dict[str, str] = {}
    levels_seen: dict[str, str] = {}
    for pointer, level in items(doc.data, "levels"):
        yield from iter_unique_id_diagnostics(doc, levels_seen, pointer, text(level, "id"), "level")
        yield from iter_source_diagnostics(doc, catalogue, pointer, level)
    for apointer, area in items(doc.data, "areas"):
        yield from iter_unique_id_diagnostics(doc, seen, apointer, text(area, "id"), "area")
        for pointer, comp in items(area, "competencies", apointer):
            yield from iter_unique_id_diagnostics(doc, seen, pointer, text(comp, "id"), "competency")
            yield from iter_source_diagnostics(doc, catalogue, pointer, comp)
            for ppointer, cid in strings(comp, "prerequisites", pointer):
                yield from check_competency(doc, fw, ppointer, cid)
            for epointer, edam in items(comp, "edam", pointer):
                value = text(edam, "id") or ""
                yield from check_edam(doc, f"{epointer}/id", value)
                if value.startswith("edam-bi:") and edam.get("provisional") is False:
                    yield Diagnostic.make(
                        "GC315",
                        f"{value!r} is an EDAM-bioimaging id, which has no stable identifier yet",
                        doc.locate(f"{epointer}/provisional"),
                        hint="mark it `provisional: true`",
                    )
    yield from _cycles(doc, fw)


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
