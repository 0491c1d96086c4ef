"""GC3xx for frameworks and guideline sets: unique ids, known references, cited sources, no cycles."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic
from ..framework import Framework
from ..loading import Document
from ..suggest import did_you_mean
from .common import check_area, check_competency, check_edam, check_level, items, strings, text


def _sources(doc: Document, catalogue: set[str], pointer: str, entry: dict[str, Any]) -> Iterator[Diagnostic]:
    for spointer, key in strings(entry, "sources", pointer):
        if key not in catalogue:
            yield Diagnostic.make(
                "GC312",
                f"source {key!r} is not in the document's `source_catalogue`",
                doc.locate(spointer),
                did_you_mean(key, catalogue) or "add it to `source_catalogue` with its title and URL",
            )


def _unique(doc: Document, seen: dict[str, str], pointer: str, ident: str | None, what: str) -> Iterator[Diagnostic]:
    if ident is None:
        return
    if ident in seen:
        yield Diagnostic.make(
            "GC304",
            f"duplicate {what} id {ident!r}",
            doc.locate(f"{pointer}/id"),
            hint=f"first defined at {seen[ident]}",
        )
    else:
        loc = doc.locate(f"{pointer}/id")
        seen[ident] = f"line {loc.line}"


def iter_framework_diagnostics(doc: Document) -> Iterator[Diagnostic]:
    fw = Framework.from_document(doc)
    catalogue = {text(s, "key") or "" for _, s in items(doc.data, "source_catalogue")}
    seen: dict[str, str] = {}
    levels_seen: dict[str, str] = {}
    for pointer, level in items(doc.data, "levels"):
        yield from _unique(doc, levels_seen, pointer, text(level, "id"), "level")
        yield from _sources(doc, catalogue, pointer, level)
    for apointer, area in items(doc.data, "areas"):
        yield from _unique(doc, seen, apointer, text(area, "id"), "area")
        for pointer, comp in items(area, "competencies", apointer):
            yield from _unique(doc, seen, pointer, text(comp, "id"), "competency")
            yield from _sources(doc, catalogue, pointer, comp)
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
    graph = {
        cid: [p for p in comp.get("prerequisites") or () if isinstance(p, str) and p in fw.competencies]
        for cid, comp in fw.competencies.items()
    }
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    reported: set[frozenset[str]] = set()
    pointers = _competency_pointers(doc)

    def visit(node: str, stack: list[str]) -> Iterator[Diagnostic]:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    yield Diagnostic.make(
                        "GC313",
                        "prerequisite cycle: " + " -> ".join(cycle),
                        doc.locate(pointers.get(node, "") + "/prerequisites"),
                    )
            elif nxt not in state:
                yield from visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for cid in graph:
        if cid not in state:
            yield from visit(cid, [])


def _competency_pointers(doc: Document) -> dict[str, str]:
    out: dict[str, str] = {}
    for apointer, area in items(doc.data, "areas"):
        for pointer, comp in items(area, "competencies", apointer):
            out.setdefault(text(comp, "id") or "", pointer)
    return out


def iter_guideline_diagnostics(doc: Document, fw: Framework) -> Iterator[Diagnostic]:
    catalogue = {text(s, "key") or "" for _, s in items(doc.data, "source_catalogue")}
    seen: dict[str, str] = {}
    for pointer, rule in items(doc.data, "rules"):
        yield from _unique(doc, seen, pointer, text(rule, "id"), "rule")
        yield from _sources(doc, catalogue, pointer, rule)
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
