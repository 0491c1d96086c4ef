"""A compiled validator for the JSON Schema subset that LinkML's generator writes.

Why not `jsonschema` on this path: importing it costs about 200 ms, the whole cold-start budget of a
pre-commit hook. The generated schema uses a small, fixed set of keywords; this module compiles it once into
closures that report *every* error with its path, and refuses any keyword it does not implement, so a schema
change cannot be silently half-checked. The test suite runs `jsonschema` itself on every fixture and on a
corpus of mutated courses and requires the same verdict.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any, NamedTuple

Path = tuple[str | int, ...]


class SchemaError(NamedTuple):
    """One structural error. `keyword` is the JSON Schema keyword that failed; `path` leads to the instance."""

    path: Path
    keyword: str
    instance: Any
    expected: Any = None  # type names, allowed values, the pattern, the bound, the missing property
    allowed: tuple[str, ...] = ()  # for additionalProperties/required: the properties that exist


#: A compiled check appends the errors of `value` (at `path`) to `errors`: no generator per node, which
#: halves the cost on large batches.
Check = Callable[[Any, Path, list[SchemaError]], None]
Validator = Callable[[Any, Path], list[SchemaError]]

_IGNORED = {"description", "title", "$id", "$schema", "metamodel_version", "version", "$comment", "examples"}
_SUPPORTED = _IGNORED | {
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "$ref",
    "enum",
    "const",
    "pattern",
    "minimum",
    "maximum",
    "anyOf",
    "format",
    "$defs",
}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_iso_date(value: str) -> bool:
    """YYYY-MM-DD and a real calendar day (2024-02-30 is not)."""
    if not _DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


_FORMATS: dict[str, Callable[[str], bool]] = {
    "date": is_iso_date,
    "uri": lambda value: True,  # URLs are constrained by the schema's own pattern
}


def _type_ok(name: str, value: Any) -> bool:
    if name == "string":
        return isinstance(value, str)
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "null":
        return value is None
    if name == "boolean":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if name == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) <= _EXACT_INT)
    if name == "number":
        return isinstance(value, (int, float))
    raise ValueError(f"unknown JSON Schema type {name!r}")


class UnsupportedSchema(ValueError):
    pass


class Compiler:
    """Compiles `#/$defs/...` references once each; recursive references are resolved lazily."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self._refs: dict[str, Check] = {}

    def validator(self, ref: str) -> Validator:
        """Every structural error of a value against the schema at `ref`, in document order."""
        check = self.compile_ref(ref)

        def validate(value: Any, path: Path = ()) -> list[SchemaError]:
            errors: list[SchemaError] = []
            check(value, path, errors)
            return errors

        return validate

    def compile_ref(self, ref: str) -> Check:
        if ref not in self._refs:
            target = self._resolve(ref)
            slot: list[Check] = []
            self._refs[ref] = lambda value, path, errors: slot[0](value, path, errors)  # for recursion
            slot.append(self.compile(target))
            self._refs[ref] = slot[0]
        return self._refs[ref]

    def _resolve(self, ref: str) -> dict[str, Any]:
        if not ref.startswith("#/"):
            raise UnsupportedSchema(f"only local references are supported, not {ref!r}")
        node: Any = self.root
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return dict(node)

    def compile(self, schema: dict[str, Any]) -> Check:
        unknown = set(schema) - _SUPPORTED
        if unknown:
            raise UnsupportedSchema(f"unsupported JSON Schema keywords: {sorted(unknown)}")
        checks: list[Check] = []
        types = schema.get("type")
        if types is not None:
            names = (types,) if isinstance(types, str) else tuple(types)
            for n in names:
                _type_ok(n, None)  # raises for an unknown type name at compile time
            checks.append(_type_check(names))
        if "$ref" in schema:
            checks.append(self.compile_ref(schema["$ref"]))
        if "enum" in schema:
            checks.append(_enum_check(tuple(schema["enum"])))
        if "const" in schema:
            checks.append(_enum_check((schema["const"],), keyword="const"))
        if "pattern" in schema:
            checks.append(_pattern_check(schema["pattern"]))
        if "format" in schema:
            fmt = schema["format"]
            if fmt not in _FORMATS:
                raise UnsupportedSchema(f"unsupported format {fmt!r}")
            checks.append(_format_check(fmt))
        for keyword, op in (("minimum", lambda v, b: v >= b), ("maximum", lambda v, b: v <= b)):
            if keyword in schema:
                checks.append(_bound_check(keyword, schema[keyword], op))
        if "anyOf" in schema:
            checks.append(self._any_of([self.compile(s) for s in schema["anyOf"]], schema["anyOf"]))
        if "items" in schema:
            checks.append(_items_check(self.compile(schema["items"])))
        if any(k in schema for k in ("properties", "required", "additionalProperties")):
            checks.append(self._object_check(schema))
        return _all(checks, typed=types is not None)

    def _any_of(self, branches: list[Check], raw: list[dict[str, Any]]) -> Check:
        # LinkML writes optional inlined objects as anyOf [$ref, {type: null}]: report the object's own errors.
        nullable = [i for i, s in enumerate(raw) if s == {"type": "null"}]
        others = [b for i, b in enumerate(branches) if i not in nullable]

        def check(value: Any, path: Path, errors: list[SchemaError]) -> None:
            if value is None and nullable:
                return
            results: list[list[SchemaError]] = []
            for branch in others:
                found: list[SchemaError] = []
                branch(value, path, found)
                if not found:
                    return
                results.append(found)
            if len(results) == 1:
                errors += results[0]
            else:
                errors.append(SchemaError(path, "anyOf", value))

        return check

    def _object_check(self, schema: dict[str, Any]) -> Check:
        props = {name: self.compile(sub) for name, sub in schema.get("properties", {}).items()}
        required = tuple(schema.get("required", ()))
        additional = schema.get("additionalProperties", True)
        if additional not in (True, False):
            raise UnsupportedSchema("additionalProperties must be true or false")
        names = tuple(props)

        def check(value: Any, path: Path, errors: list[SchemaError]) -> None:
            if type(value) is not dict:
                return
            for name in required:
                if name not in value:
                    errors.append(SchemaError(path, "required", value, expected=name, allowed=names))
            for key, item in value.items():
                sub = props.get(key)
                if sub is not None:
                    sub(item, (*path, key), errors)
                elif additional is False:
                    errors.append(SchemaError((*path, key), "additionalProperties", item, expected=key, allowed=names))

        return check


def _all(checks: list[Check], typed: bool) -> Check:
    """Every check in turn; after a type error (always the first check), the others are skipped: `pattern`
    or `enum` on a value of the wrong type would be a second finding for one mistake."""
    if len(checks) == 1:
        return checks[0]
    first, rest = checks[0], checks[1:]

    def check(value: Any, path: Path, errors: list[SchemaError]) -> None:
        before = len(errors)
        first(value, path, errors)
        if typed and len(errors) > before:
            return
        for c in rest:
            c(value, path, errors)

    return check


#: Beyond 2**53 a float cannot stand for an integer exactly: `capacity: 1.0e+308` is refused (jsonschema
#: would accept it, and the exporter would then have to drop it).
_EXACT_INT = 2**53

#: Python types that satisfy a JSON Schema type outright (the loader builds plain values; type(True) is bool).
_EXACT: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "object": (dict,),
    "array": (list,),
    "boolean": (bool,),
    "null": (type(None),),
    "integer": (int,),
    "number": (int, float),
}


def _type_check(names: tuple[str, ...]) -> Check:
    exact = frozenset(t for n in names for t in _EXACT[n])
    integer = "integer" in names

    def check(value: Any, path: Path, errors: list[SchemaError]) -> None:
        if type(value) in exact:
            return
        if integer and type(value) is float and value.is_integer() and abs(value) <= _EXACT_INT:
            return  # an integral float is an integer, as in JSON, if it can stand for one exactly
        errors.append(SchemaError(path, "type", value, expected=names))

    return check


def _enum_check(allowed: tuple[Any, ...], keyword: str = "enum") -> Check:
    def check(value: Any, path: Path, errors: list[SchemaError]) -> None:
        if value not in allowed or isinstance(value, bool) != any(isinstance(a, bool) for a in allowed):
            errors.append(SchemaError(path, keyword, value, expected=allowed))

    return check


def ecma_pattern(pattern: str) -> str:
    """The pattern with JSON Schema's (ECMA-262) meaning of `$`: the end of the value.

    Python's `$` also matches before a final newline, so `^[a-z]+$` would accept "intro\\n", which then
    becomes a folder name, a sitemap entry and an @id with a newline in them. Every `$` outside a character
    class becomes `\\Z`.
    """
    out, escaped, in_class = [], False, False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[":
            in_class = True
            out.append(char)
        elif char == "]":
            in_class = False
            out.append(char)
        elif char == "$" and not in_class:
            out.append("\\Z")
        else:
            out.append(char)
    return "".join(out)


def _pattern_check(pattern: str) -> Check:
    compiled: list[re.Pattern[str]] = []  # compiled on first use: a run checks only the fields it meets

    def check(value: Any, path: Path, errors: list[SchemaError]) -> None:
        if type(value) is not str:
            return
        if not compiled:
            compiled.append(re.compile(ecma_pattern(pattern)))
        if not compiled[0].search(value):
            errors.append(SchemaError(path, "pattern", value, expected=pattern))

    return check


def _format_check(fmt: str) -> Check:
    test = _FORMATS[fmt]

    def check(value: Any, path: Path, errors: list[SchemaError]) -> None:
        if type(value) is str and not test(value):
            errors.append(SchemaError(path, "format", value, expected=fmt))

    return check


def _bound_check(keyword: str, bound: float, op: Callable[[float, float], bool]) -> Check:
    def check(value: Any, path: Path, errors: list[SchemaError]) -> None:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not op(value, bound):
            errors.append(SchemaError(path, keyword, value, expected=bound))

    return check


def _items_check(item: Check) -> Check:
    def check(value: Any, path: Path, errors: list[SchemaError]) -> None:
        if type(value) is list:
            for i, v in enumerate(value):
                item(v, (*path, i), errors)

    return check
