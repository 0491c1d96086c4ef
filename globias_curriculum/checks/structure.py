"""GC2xx: structural errors from the generated JSON Schema, located through each error's path."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..context import Context
from ..diagnostics import Diagnostic
from ..hints import QUOTE_LIMIT, closest, quoted
from ..reading.document import Document, escape
from ..reading.parse import BOOL, FLOAT, INT, NULL, TIMESTAMP
from ..schema.artefacts import type_descriptions, validator
from ..schema.compiled import SchemaError

_TYPE_WORDS = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "empty",
}
_READ_AS = {BOOL: "a boolean", INT: "a number", FLOAT: "a number", NULL: "empty (null)", TIMESTAMP: "a date"}
_EXAMPLES = {
    "Orcid": "0000-0002-1825-0097",
    "SpdxId": "CC-BY-4.0",
    "LanguageCode": "en",
    "IsoDuration": "PT3H or P5D",
    "HttpUrl": "https://example.org/course",
    "CompetencyId": "BIA.SEG.2",
    "AreaId": "BIA.SEG",
    "Slug": "intro-bia-2025",
    "LevelId": "introductory",
    "RuleId": "R05",
    "SourceKey": "NTR",
}


def pointer_of(path: tuple[str | int, ...]) -> str:
    return "".join(f"/{escape(str(p))}" for p in path)


def _name(path: tuple[str | int, ...]) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return f"`{part}`" if part == path[-1] else f"an item of `{part}`"
    return "the document"


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def iter_structure_diagnostics(doc: Document, context: Context) -> Iterator[Diagnostic]:
    """Every structural error of the document's kind, located through the error's path."""
    for error in validator(str(doc.data["kind"]))(doc.data, ()):
        yield _to_diagnostic(doc, error)


def _to_diagnostic(doc: Document, e: SchemaError) -> Diagnostic:
    pointer = pointer_of(e.path)
    name = _name(e.path)
    if e.keyword == "required":
        loc = doc.locate(pointer, key=True)
        child = f"{pointer}/{escape(str(e.expected))}"
        near = closest(str(e.expected), [k for k in e.instance if k not in e.allowed], cutoff=0.75)
        hint = f"you wrote {quoted(near)}; did you mean {quoted(e.expected)}?" if near else None
        where = "the document" if not e.path else name
        return Diagnostic.make("GC202", f"`{e.expected}` is required in {where}", loc._replace(pointer=child), hint)
    if e.keyword == "additionalProperties":
        loc = doc.locate(pointer, key=True)
        match = closest(str(e.expected), e.allowed)
        hint = f"did you mean {quoted(match)}?" if match else f"allowed here: {', '.join(sorted(e.allowed))}"
        return Diagnostic.make("GC203", f"unknown field `{e.expected}`", loc, hint)
    loc = doc.locate(pointer)
    if e.keyword == "type":
        expected = " or ".join(_TYPE_WORDS[t] for t in e.expected if t != "null")
        scalar = doc.implicit.get(pointer)
        if scalar is not None and "string" in e.expected and scalar.tag in _READ_AS:
            return Diagnostic.make(
                "GC206",
                f"{name} must be a string, but YAML read the unquoted {quoted(scalar.text)} as {_READ_AS[scalar.tag]}",
                loc,
                hint=f'quote it: "{scalar.text}"' if len(scalar.text) <= QUOTE_LIMIT else "quote it",
            )
        return Diagnostic.make("GC201", f"{name} must be {expected}, not {_describe(e.instance)}", loc)
    if e.keyword in ("enum", "const"):
        allowed = [str(a) for a in e.expected]
        match = closest(str(e.instance), allowed) if isinstance(e.instance, str) else None
        hint = f"did you mean {quoted(match)}?" if match else f"allowed: {', '.join(allowed)}"
        return Diagnostic.make("GC204", f"{name} is {quoted(e.instance)}, not one of the allowed values", loc, hint)
    if e.keyword == "pattern":
        info = type_descriptions().get(str(e.expected), {})
        what = info.get("description") or f"text matching {e.expected}"
        example = _EXAMPLES.get(info.get("type", ""))
        hint = f"for example {example}" if example else None
        return Diagnostic.make("GC205", f"{name} {quoted(e.instance)} is not valid: expected {_lower(what)}", loc, hint)
    if e.keyword == "format":
        return Diagnostic.make(
            "GC205",
            f"{name} {quoted(e.instance)} is not a real ISO 8601 date (YYYY-MM-DD)",
            loc,
            hint="check the month and day",
        )
    if e.keyword in ("minimum", "maximum"):
        word = "at least" if e.keyword == "minimum" else "at most"
        return Diagnostic.make("GC207", f"{name} is {e.instance}, but must be {word} {e.expected:g}", loc)
    return Diagnostic.make("GC201", f"{name} does not match any allowed form", loc)


def _lower(text: str) -> str:
    text = text.rstrip(".")
    return text[:1].lower() + text[1:]
