"""YAML text to a Document: plain data plus the line and column of every node.

PyYAML's C parser composes the node graph; we build the data ourselves instead of using its constructor,
because the constructor forgets positions, silently keeps the last of two duplicate keys, turns unquoted
dates into `datetime.date` (which a JSON Schema string check then rejects: linkml issue 1532) and lets
YAML 1.1 guess `no` into `False`. Every problem becomes a Diagnostic; nothing here raises on bad input.
"""

from __future__ import annotations

import os
from typing import Any, NamedTuple

import yaml

from ..diagnostics import Diagnostic, Location
from ..hints import quoted
from .document import Document, Scalar, escape
from .files import DEFAULT_MAX_BYTES, FilePath, decode, read_bytes
from .lines import line_and_column

try:  # the C parser is ~10x faster; fall back so a machine without libyaml still works
    from yaml import CSafeLoader as _Loader

    LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    LIBYAML = False


def yaml_loader() -> type[yaml.SafeLoader] | type[yaml.CSafeLoader]:
    """The fastest safe loader this PyYAML has, for data that needs no positions."""
    return _Loader


MAX_DEPTH = 64
MAX_NODES = 200_000
#: Aliases can repeat a large value many times within the node limit; the text a document expands to is
#: bounded too, to a small multiple of the file (but never below 64 KiB), so no output built from it can grow
#: out of proportion to its input.
EXPANSION_FACTOR = 4
MIN_EXPANSION = 65_536

_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
MAP, SEQ, MERGE = _TAG + "map", _TAG + "seq", _TAG + "merge"
_SCALAR_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP}
_constructor = yaml.constructor.SafeConstructor()
_SCALAR, _MAPPING = yaml.ScalarNode, yaml.MappingNode  # the builder dispatches on the exact node type


class LoadResult(NamedTuple):
    document: Document | None
    diagnostics: list[Diagnostic]


def load_text(text: str, display: str) -> LoadResult:
    """Parse one YAML document with positions; every YAML problem is returned as a Diagnostic."""
    if not text.strip():
        return LoadResult(None, [Diagnostic.make("GC103", "file is empty", Location(display))])
    deep = _too_deep(text, display, bounded=True)
    if deep is not None:
        return LoadResult(None, [deep])
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.composer.ComposerError as exc:
        mark = exc.problem_mark
        if exc.problem and "single document" in (exc.context or ""):
            return LoadResult(
                None,
                [
                    Diagnostic.make(
                        "GC104",
                        "file holds more than one YAML document",
                        _mark_location(display, mark),
                        hint="keep one course per file; remove the '---' separator",
                    )
                ],
            )
        return LoadResult(None, [_yaml_error(display, exc, text)])
    except yaml.reader.ReaderError as exc:  # a character YAML forbids; it carries an offset, not a mark
        offset = exc.position
        if LIBYAML:  # libyaml counts the offset in bytes of the UTF-8 text
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
        line, column = line_and_column(text, offset)
        return LoadResult(
            None,
            [
                Diagnostic.make(
                    "GC101",
                    f"character U+{exc.character:04X} is not allowed in YAML ({exc.reason})",
                    Location(display, line, column),
                    hint="remove the control character (often pasted from a word processor)",
                )
            ],
        )
    except yaml.YAMLError as exc:
        if _LIBYAML_DEPTH in str(getattr(exc, "problem", "")):
            # libyaml >= 0.2.6 stops at 1,000 levels itself: say where our own, lower limit is passed
            deep = _too_deep(text, display, bounded=False)
            return LoadResult(None, [deep or _nesting(_mark_location(display, exc.problem_mark))])  # type: ignore[attr-defined]
        return LoadResult(None, [_yaml_error(display, exc, text)])
    except (RecursionError, MemoryError):
        return LoadResult(
            None,
            [Diagnostic.make("GC111", "the document is nested too deeply to parse", Location(display, 1, 1))],
        )
    finally:
        loader.dispose()
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == NULL and not node.value):
        return LoadResult(None, [Diagnostic.make("GC103", "file holds no YAML content", Location(display))])
    builder = _Builder(display, max(MIN_EXPANSION, EXPANSION_FACTOR * len(text)))
    try:
        data = builder.build(node, "", 0)
    except _TooComplex as exc:
        return LoadResult(None, [*builder.diagnostics, exc.diagnostic])
    doc = Document(display, data, builder.positions, builder.key_positions, builder.implicit)
    return LoadResult(doc, builder.diagnostics)


#: libyaml's composer recurses in C: tens of thousands of nested levels overflow the stack and kill the
#: process. Above this bound, nesting is first measured on the (iterative) event stream.
SAFE_COMPOSE_BOUND = 2_000


_LIBYAML_DEPTH = "exceeded maximum nesting depth"


def _nesting(location: Location) -> Diagnostic:
    return Diagnostic.make("GC111", f"nesting deeper than {MAX_DEPTH} levels", location)


def _too_deep(text: str, display: str, bounded: bool) -> Diagnostic | None:
    """GC111 for documents nested deeper than MAX_DEPTH, found without composing them.

    Every nesting level costs at least one column of indentation or indicator on a line, or one flow
    bracket, so the longest line plus the number of brackets bounds the depth; ordinary files stay far below
    SAFE_COMPOSE_BOUND and skip the event pass (`bounded`).
    """
    bound = max(map(len, text.splitlines()), default=0) + text.count("[") + text.count("{")
    if bounded and bound <= SAFE_COMPOSE_BOUND:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH + 1:  # the root is level 0 for the builder, 1 here
                    return _nesting(_mark_location(display, event.start_mark))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # the composer reports the syntax error with its position
    return None


def load_path(path: FilePath, display: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadResult:
    display = display or os.fspath(path)
    raw, problems = read_bytes(path, display, max_bytes)
    if raw is None:
        return LoadResult(None, problems)
    text, problems = decode(raw, display)
    if text is None:
        return LoadResult(None, problems)
    return load_text(text, display)


def _mark_location(display: str, mark: Any) -> Location:
    if mark is None:
        return Location(display, 1, 1)
    return Location(display, mark.line + 1, mark.column + 1)


def _yaml_error(display: str, exc: yaml.YAMLError, text: str) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    message = f"{context}: {problem}" if context else str(problem)
    lines = text.splitlines()
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    return Diagnostic.make(
        "GC101", message, _mark_location(display, mark), hint=_syntax_hint(message, mark, line, lines)
    )


def _syntax_hint(message: str, mark: Any, line: str, lines: list[str]) -> str | None:
    """What libyaml's words mean for the line at hand: a tab, an indentation that does not line up, a colon."""
    column = mark.column if mark is not None else 0
    if "\t" in line[: column + 1] or (column < len(line) and line[column] == "\t"):
        return f"line {mark.line + 1} is indented with a tab; YAML allows only spaces: replace the tab with spaces"
    if "did not find expected '-' indicator" in message or "did not find expected key" in message:
        indent = len(line) - len(line.lstrip(" "))
        above = _previous_key(lines, mark.line)
        if above is not None and above[1] != indent:
            key_line, key_column, key = above
            name = line.strip().split(":")[0]
            return (
                f"`{name}` is indented by {indent} spaces but `{key}` on line {key_line} by {key_column}: "
                f"start `{name}` in column {key_column + 1}, like `{key}`"
            )
        return "check the indentation of this line against the lines above it"
    if "mapping values are not allowed" in message:
        return "a value that contains ': ' must be quoted: write it in double quotes"
    if "could not find expected ':'" in message:
        return "a key must end with ':' and a space; if this line is text, quote it"
    if "found character that cannot start any token" in message and column < len(line):
        return f"the character {line[column]!r} cannot start a value: quote the value"
    return None


def _previous_key(lines: list[str], index: int) -> tuple[int, int, str] | None:
    """(line number, column where its key starts, key) of the nearest line above that holds a `key:`."""
    for number in range(index - 1, -1, -1):
        text = lines[number]
        stripped = text.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        body = stripped[2:] if stripped.startswith("- ") else stripped
        key = body.split(":", 1)[0] if ":" in body else None
        if key:
            return number + 1, len(text) - len(body), key.strip()
        return None
    return None


class _TooComplex(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


class _Builder:
    """Node graph -> plain data, recording positions by JSON pointer."""

    def __init__(self, display: str, budget: int) -> None:
        self.budget = budget  # characters of scalar text the document may expand to
        self.display = display
        self.positions: dict[str, tuple[int, int]] = {}
        self.key_positions: dict[str, tuple[int, int]] = {}
        self.implicit: dict[str, Scalar] = {}
        self.diagnostics: list[Diagnostic] = []
        self.count = 0

    def _expansion_location(self, pointer: str) -> Location:
        """Aliases share one node, whose mark is where the anchor was defined: point at the key under which
        the expansion happens instead."""
        at = pointer
        while at and at not in self.key_positions:
            at = at.rsplit("/", 1)[0]
        line, column = self.key_positions.get(at, (1, 1))
        return Location(self.display, line, column, pointer)

    def _at(self, node: yaml.Node, pointer: str) -> Location:
        return Location(self.display, node.start_mark.line + 1, node.start_mark.column + 1, pointer)

    def build(self, node: yaml.Node, pointer: str, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooComplex(
                Diagnostic.make(
                    "GC111",
                    f"the document expands to more than {MAX_NODES:,} nodes (an alias bomb?)",
                    self._expansion_location(pointer),
                    hint="write values out instead of repeating anchors and aliases",
                )
            )
        if depth > MAX_DEPTH:
            raise _TooComplex(
                Diagnostic.make("GC111", f"nesting deeper than {MAX_DEPTH} levels", self._at(node, pointer))
            )
        mark = node.start_mark
        self.positions[pointer] = (mark.line + 1, mark.column + 1)
        kind = type(node)
        if kind is _SCALAR:
            return self._scalar(node, pointer)  # type: ignore[arg-type]
        if kind is _MAPPING:
            if node.tag != MAP:
                self._unsupported_tag(node, pointer)
            return self._mapping(node, pointer, depth)  # type: ignore[arg-type]
        if node.tag != SEQ:
            self._unsupported_tag(node, pointer)
        build, child = self.build, depth + 1
        return [build(item, f"{pointer}/{i}", child) for i, item in enumerate(node.value)]

    def _unsupported_tag(self, node: yaml.Node, pointer: str) -> None:
        self.diagnostics.append(
            Diagnostic.make(
                "GC109",
                f"unsupported YAML tag {quoted(node.tag)}",
                self._at(node, pointer),
                hint="remove the tag; course files hold plain strings, numbers, lists and mappings",
            )
        )

    def _scalar(self, node: yaml.ScalarNode, pointer: str) -> Any:
        tag = node.tag
        value: str = node.value
        self.budget -= len(value)
        if self.budget < 0:
            raise _TooComplex(
                Diagnostic.make(
                    "GC111",
                    "the document expands to far more text than the file holds (aliases repeat large values)",
                    self._expansion_location(pointer),
                    hint="write values out instead of repeating anchors and aliases",
                )
            )
        if tag == STR:  # most scalars: a string, quoted or not
            return value
        if tag not in _SCALAR_TAGS:
            self._unsupported_tag(node, pointer)
            return value
        if (
            not node.style
        ):  # plain scalars (None in PyYAML, "" in the C loader) are the only ones the resolver guessed a type for
            self.implicit[pointer] = Scalar(value, tag)
        if tag == TIMESTAMP:
            return value  # kept as written; ISO dates are checked by the schema's date format
        try:
            if tag == NULL:
                return None
            if tag == BOOL:
                return _constructor.construct_yaml_bool(node)
            if tag == INT:
                return _constructor.construct_yaml_int(node)
            return _constructor.construct_yaml_float(node)
        except ValueError as exc:  # e.g. an integer with more digits than Python converts
            self.diagnostics.append(Diagnostic.make("GC201", f"cannot read number: {exc}", self._at(node, pointer)))
            return None  # reported once here; the schema sees an empty value

    def _mapping(self, node: yaml.MappingNode, pointer: str, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        key_positions, build, child_depth = self.key_positions, self.build, depth + 1
        for key_node, value_node in node.value:
            key_tag = key_node.tag
            if key_tag == MERGE:
                self.diagnostics.append(
                    Diagnostic.make(
                        "GC109",
                        "YAML merge keys ('<<') are not supported",
                        self._at(key_node, pointer),
                        hint="write the keys out in full",
                    )
                )
                continue
            if type(key_node) is not _SCALAR:
                self.diagnostics.append(
                    Diagnostic.make("GC110", "a mapping key must be a plain string", self._at(key_node, pointer))
                )
                continue
            key = key_node.value
            if key_tag != STR:
                self.diagnostics.append(
                    Diagnostic.make(
                        "GC110",
                        f"key {quoted(key)} is read as {key_tag.rsplit(':', 1)[-1]}, not as a string",
                        self._at(key_node, f"{pointer}/{escape(key)}"),
                        hint=f'quote the key: "{key}"',
                    )
                )
            child = f"{pointer}/{escape(key)}"
            mark = key_node.start_mark
            line = mark.line + 1
            if key in first_seen:
                self.diagnostics.append(
                    Diagnostic.make(
                        "GC102",
                        f"duplicate key {quoted(key)} (first defined on line {first_seen[key]})",
                        self._at(key_node, child),
                        hint="remove or rename one of them; only one value would be kept",
                    )
                )
                continue
            first_seen[key] = line
            key_positions[child] = (line, mark.column + 1)
            out[key] = build(value_node, child, child_depth)
        return out
