"""Checks of one document, chosen by its top-level `kind` from an explicit registry.

To add a check, write a generator `iter_*(doc, context) -> Iterator[Diagnostic]` in the module of its
family and list it under the kinds it applies to in `CHECKS`. Checks that need several files at once
(duplicate ids, programme listings) live in `cross_file` and run once per run, from the runner.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..context import Context
from ..diagnostics import Diagnostic
from ..hints import did_you_mean, quoted
from ..reading.document import Document
from ..schema.artefacts import KINDS
from .course import iter_course_diagnostics
from .framework import iter_framework_diagnostics
from .guideline_set import iter_guideline_diagnostics
from .instances import iter_instance_diagnostics
from .programme import iter_programme_diagnostics
from .structure import iter_structure_diagnostics

Check = Callable[[Document, Context], Iterable[Diagnostic]]

#: The checks each document kind gets, in order. Structure first: the others read what it has vetted.
CHECKS: dict[str, tuple[Check, ...]] = {
    "course": (iter_structure_diagnostics, iter_course_diagnostics, iter_instance_diagnostics),
    "programme": (iter_structure_diagnostics, iter_programme_diagnostics),
    "framework": (iter_structure_diagnostics, iter_framework_diagnostics),
    "guidelines": (iter_structure_diagnostics, iter_guideline_diagnostics),
}
assert set(CHECKS) == set(KINDS), "every document kind of the schema has its checks"


def document_kind(doc: Document) -> str | None:
    kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
    return kind if isinstance(kind, str) and kind in KINDS else None


def check_document(doc: Document, context: Context, expect: str | None = None) -> list[Diagnostic]:
    """Every diagnostic for one loaded document; `expect` is the kind to suggest when `kind` is missing."""
    data = doc.data
    if not isinstance(data, dict):
        return [Diagnostic.make("GC112", "the document must be a mapping of keys to values", doc.locate(""))]
    kind = document_kind(doc)
    if kind is None:
        return [_unknown_kind(doc, data, expect)]
    structure, *meaning = CHECKS[kind]
    found = list(structure(doc, context))
    # one finding per mistake: a value the schema refused is not judged again by the meaning checks
    # (`language: "en\n"` is a malformed code, not also an unknown one)
    refused = {d.location.pointer for d in found}
    for check in meaning:
        found += [d for d in check(doc, context) if d.location.pointer not in refused]
    return found


def _guess_kind(data: dict[str, object]) -> str:
    if "areas" in data or "levels" in data:
        return "framework"
    if "rules" in data:
        return "guidelines"
    if "courses" in data:
        return "programme"
    return "course"


def _unknown_kind(doc: Document, data: dict[str, object], expect: str | None) -> Diagnostic:
    kind = data.get("kind")
    if kind is None:
        guess = expect or _guess_kind(data)
        return Diagnostic.make("GC113", "missing top-level `kind`", doc.locate(""), f"add `kind: {guess}` at the top")
    hint = did_you_mean(str(kind), KINDS) or f"kinds: {', '.join(KINDS)}"
    return Diagnostic.make("GC113", f"unknown document kind {quoted(kind)}", doc.locate("/kind"), hint)
