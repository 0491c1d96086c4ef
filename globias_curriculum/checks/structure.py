"""GC2xx: structural errors from the generated JSON Schema, located through each error's path."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..context import Context
from ..diagnostics import Diagnostic
from ..hints import QUOTE_LIMIT, closest, quoted
from ..identifiers import iso639_1, spdx_ids
from ..reading.document import Document, escape
from ..reading.parse import BOOL, FLOAT, INT, NULL, TIMESTAMP
from ..schema.artefacts import KINDS, json_schema, type_descriptions, validator
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
    """Every structural error of the document's kind, located through the error's path; one per mistake."""
    kind = str(doc.data["kind"])
    errors = validator(kind)(doc.data, ())
    renamed = _renamed_fields(errors)
    for error in errors:
        if error.keyword == "required" and (error.path, str(error.expected)) in renamed.values():
            continue  # said once, by the unknown field that stands for it
        if error.keyword == "additionalProperties" and error.path in renamed:
            yield _renamed(doc, error, renamed[error.path][1])
            continue
        misplaced = _misplaced(doc, kind, error) if error.keyword == "additionalProperties" else None
        yield misplaced or _to_diagnostic(doc, error)


def _renamed_fields(errors: list[SchemaError]) -> dict[tuple[str | int, ...], tuple[tuple[str | int, ...], str]]:
    """Unknown field -> the one required field missing beside it: `text:` written for `statement:` is one
    mistake, not a missing field and an unknown one."""
    missing: dict[tuple[str | int, ...], list[str]] = {}
    unknown: dict[tuple[str | int, ...], list[tuple[str | int, ...]]] = {}
    for e in errors:
        if e.keyword == "required":
            missing.setdefault(e.path, []).append(str(e.expected))
        elif e.keyword == "additionalProperties":
            unknown.setdefault(e.path[:-1], []).append(e.path)
    return {
        unknown[obj][0]: (obj, names[0])
        for obj, names in missing.items()
        if len(names) == 1 and len(unknown.get(obj, [])) == 1
    }


def _renamed(doc: Document, e: SchemaError, wanted: str) -> Diagnostic:
    where = "an outcome" if "learning_outcomes" in e.path else _name(e.path[:-1]) if e.path[:-1] else "the document"
    return Diagnostic.make(
        "GC203",
        f"unknown field `{e.expected}` in {where}, which needs `{wanted}`",
        doc.locate(pointer_of(e.path), key=True),
        f"rename `{e.expected}:` to `{wanted}:`",
    )


def _misplaced(doc: Document, kind: str, e: SchemaError) -> Diagnostic | None:
    """`name:` written at the margin under an empty `organiser:`: it belongs inside, indented."""
    if len(e.path) != 1:
        return None
    key = str(e.expected)
    line = doc.key_positions.get(pointer_of(e.path), (0, 0))[0]
    above = [
        (pos[0], p.lstrip("/"))
        for p, pos in doc.key_positions.items()
        if p.count("/") == 1 and pos[0] < line and doc.data.get(p.lstrip("/")) is None
    ]
    if not above:
        return None
    _, parent = max(above)
    if key not in _properties(kind, parent):
        return None
    return Diagnostic.make(
        "GC203",
        f"`{key}` is not a field of a {kind}; it belongs under `{parent}`, which is empty",
        doc.locate(pointer_of(e.path), key=True),
        f"indent it under `{parent}:`\n  {parent}:\n    {key}: ...",
    )


def _properties(kind: str, field: str) -> set[str]:
    """The fields of the object a field of `kind` holds (through $ref, anyOf and items)."""
    schema = json_schema()
    node: Any = schema["$defs"][KINDS[kind]].get("properties", {}).get(field, {})
    for _ in range(5):
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        elif "anyOf" in node:
            node = next((b for b in node["anyOf"] if b != {"type": "null"}), {})
        elif "items" in node:
            node = node["items"]
        else:
            break
    return set(node.get("properties", {}))


def _shape(kind: str, path: tuple[str | int, ...], expected: tuple[str, ...], value: Any) -> str | None:
    """A two-line YAML example of the shape the field needs, built from the value written."""
    field = str(path[-1]) if path and isinstance(path[-1], str) else None
    if field is None or not isinstance(value, str):
        return None
    shown = value if len(value) <= 40 else value[:39] + "…"
    if "array" in expected:
        inner = _properties(kind, field) if len(path) == 1 else set()
        first = next((f for f in ("statement", "text", "name", "title") if f in inner), None)
        item = f"{first}: {shown}" if first else shown
        return f"write it as a list:\n  {field}:\n    - {item}"
    if "object" in expected:
        inner = _properties(kind, field) if len(path) == 1 else set()
        first = "name" if "name" in inner else "statement" if "statement" in inner else None
        return f"write it as a mapping:\n  {field}:\n    {first}: {shown}" if first else None
    return None


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
        shape = _shape(str(doc.data.get("kind")), e.path, e.expected, e.instance)
        return Diagnostic.make("GC201", f"{name} must be {expected}, not {_describe(e.instance)}", loc, shape)
    if e.keyword in ("enum", "const"):
        allowed = [str(a) for a in e.expected]
        match = closest(str(e.instance), allowed) if isinstance(e.instance, str) else None
        hint = f"did you mean {quoted(match)}?" if match else f"allowed: {', '.join(allowed)}"
        return Diagnostic.make("GC204", f"{name} is {quoted(e.instance)}, not one of the allowed values", loc, hint)
    if e.keyword == "pattern":
        info = type_descriptions().get(str(e.expected), {})
        what = info.get("description") or f"text matching {e.expected}"
        fixed = _fix(info.get("type", ""), str(e.instance))
        example = _EXAMPLES.get(info.get("type", ""))
        hint = f"write {fixed}" if fixed else f"for example {example}" if example else None
        return Diagnostic.make("GC205", f"{name} {quoted(e.instance)} is not valid: expected {_lower(what)}", loc, hint)
    if e.keyword == "format":
        import datetime

        from . import fixes  # only for a date that is wrong: off the path of a clean run

        readings = fixes.dates(str(e.instance))
        if len(readings) == 2:
            first, second = (datetime.date.fromisoformat(r) for r in readings)
            hint = (
                f"write {readings[0]} ({first.day} {first:%B}) or {readings[1]} ({second.day} {second:%B}), "
                "as the date is meant"
            )
        elif readings:
            hint = f"write {readings[0]}"
        else:
            hint = "write the date as YYYY-MM-DD and check the month and day"
        return Diagnostic.make(
            "GC205", f"{name} {quoted(e.instance)} is not a real ISO 8601 date (YYYY-MM-DD)", loc, hint
        )
    if e.keyword in ("minimum", "maximum"):
        word = "at least" if e.keyword == "minimum" else "at most"
        return Diagnostic.make("GC207", f"{name} is {e.instance}, but must be {word} {e.expected:g}", loc)
    return Diagnostic.make("GC201", f"{name} does not match any allowed form", loc)


def _fix(type_name: str, value: str) -> str | None:
    """The value as it should be written, when it can be computed without guessing."""
    from . import fixes  # only for a value that is wrong: off the path of a clean run

    fixed: str | None = None
    if type_name == "IsoDuration":
        fixed = fixes.duration(value)
    elif type_name == "HttpUrl":
        fixed = fixes.url(value)
    elif type_name == "LanguageCode":
        fixed = fixes.language(value, iso639_1())
    elif type_name == "SpdxId":
        fixed = fixes.licence(value, spdx_ids())
    elif type_name == "Slug":
        fixed = fixes.slug(value)
    elif type_name == "Orcid":
        fixed = fixes.orcid(value)
    return fixed if fixed and fixed != value else None


def _lower(text: str) -> str:
    text = text.rstrip(".")
    return text[:1].lower() + text[1:]
