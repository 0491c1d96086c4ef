"""JSON-LD text to RDF statements, in the order TeSS's reader (ruby json-ld 3.3) produces them.

Ruby json-ld reads a document by expanding it with keys in document order, building a node map (nodes in
the order first met), flattening it and emitting each node's statements in turn. pyld expands (JSON-LD 1.1,
maintained, offline loader) but visits keys in sorted order, so every object's keys are given a sort order
equal to their position: pyld then expands in document order too. The node map and the statements are built
here, the way json-ld's `create_node_map` and `item_to_rdf` do, so subjects and values come out in Ruby's order.

Bounds: Ruby's JSON parser refuses nesting deeper than 100 (TeSS drops such a page), and so do we, before
pyld's recursion could meet it. Remote contexts are never fetched: only the shipped schema.org context loads.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .offline import RemoteContextRefused, document_loader
from .rdf import (
    RDF_LANGSTRING,
    RDF_NS,
    RDF_TYPE,
    XSD,
    XSD_STRING,
    Blank,
    Iri,
    Literal,
    Term,
    is_absolute,
    ruby_join,
    valid_statement,
)

MAX_JSON_DEPTH = 100  # Ruby's JSON.parse max_nesting: TeSS fails on deeper documents
RDF_JSON = RDF_NS + "JSON"
POSITION_KEY = "urn:x-globias:position"  # a marker property that locates node objects (check-jsonld only)


class ReaderError(Exception):
    """The document cannot be read; TeSS drops the whole page. The message is safe to show; `html` marks
    a page TeSS's HTML parser gives up on (not a JSON or JSON-LD error)."""

    def __init__(self, message: str, html: bool = False, offset: int | None = None) -> None:
        super().__init__(message)
        self.html = html
        self.offset = offset  # where in the text, when known


class RemoteContext(ReaderError):
    def __init__(self, url: str) -> None:
        super().__init__(f"remote context {url!r} is not fetched (only schema.org's ships)")
        self.url = url


class _Key(str):
    """A key that sorts by its position in its object, so pyld's sorted() visits keys in document order."""

    __slots__ = ("position",)
    position: int

    def __new__(cls, text: str, position: int) -> _Key:
        key = super().__new__(cls, text)
        key.position = position
        return key

    def __lt__(self, other: object) -> bool:
        if isinstance(other, _Key):
            return self.position < other.position
        return str.__lt__(self, other)  # type: ignore[operator]

    def __gt__(self, other: object) -> bool:
        if isinstance(other, _Key):
            return self.position > other.position
        return str.__gt__(self, other)  # type: ignore[operator]

    def __reduce__(self) -> Any:
        return (_Key, (str(self), self.position))

    def __copy__(self) -> _Key:
        return self  # immutable, like str: pyld deep-copies its input, keys need no copy

    def __deepcopy__(self, memo: Any) -> _Key:
        return self


def _ordered(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    return {_Key(key, i): value for i, (key, value) in enumerate(pairs)}


def trim(text: str) -> str:
    """json-ld's reader drops everything before the first `{`/`[` and after the last `}`/`]`."""
    starts = [i for i in (text.find("{"), text.find("[")) if i >= 0]
    if not starts:
        return ""
    start = min(starts)
    end = max(text.rfind("}"), text.rfind("]"))
    return text[start : end + 1] if end >= start else ""


def json_depth(value: Any) -> int:
    """The deepest nesting of arrays and objects in a parsed document, found without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in item)
    return deepest


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_json(text: str) -> Any:
    """Strict JSON as Ruby reads it; raises ReaderError with the parser's message."""
    too_deep = f"JSON nests deeper than {MAX_JSON_DEPTH} levels (TeSS's JSON parser stops there)"
    try:
        document = json.loads(text, object_pairs_hook=_ordered, parse_constant=_no_constant)
    except RecursionError:  # the C parser stops itself (about 1,000 levels): far past TeSS's limit
        raise ReaderError(too_deep) from None
    except json.JSONDecodeError as exc:
        raise ReaderError(f"not valid JSON: {exc.msg}", offset=exc.pos) from None
    except ValueError as exc:
        raise ReaderError(f"not valid JSON: {exc}") from None
    if json_depth(document) > MAX_JSON_DEPTH:
        raise ReaderError(too_deep)
    return document


def _loader(refused: list[str]) -> Callable[[str, Any], dict[str, Any]]:
    def load(url: str, options: Any = None) -> dict[str, Any]:
        try:
            return document_loader(url, options)
        except RemoteContextRefused:
            refused.append(url)
            raise

    return load


def expand(document: Any, base: str, relative: dict[str, str] | None = None) -> list[Any]:
    """JSON-LD 1.1 expansion, keys visited in document order; raises ReaderError."""
    from pyld import jsonld

    refused: list[str] = []
    _absolute_contexts(document, base)
    try:
        # No base for pyld: relative IRIs stay relative and are resolved below as ruby-rdf resolves them.
        expanded: list[Any] = jsonld.expand(document, {"base": None, "documentLoader": _loader(refused)})
    except RecursionError:
        raise ReaderError("the document nests too deeply to expand") from None
    except Exception as exc:  # pyld raises JsonLdError, and plain errors on some malformed input
        if refused:
            raise RemoteContext(refused[0]) from None
        raise ReaderError(f"not valid JSON-LD: {_first_line(exc)}") from None
    _resolve(expanded, _document_base(document, base), relative)
    return expanded


def _absolute_contexts(document: Any, base: str) -> None:
    """Context references resolve against the page (as Ruby's reader does), so a relative one reaches the
    loader, which refuses it, rather than failing in pyld for want of a base."""
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            for key, item in list(value.items()):
                if key in ("@context", "@import"):
                    if isinstance(item, str) and not is_absolute(item):
                        value[key] = ruby_join(base, item)
                    elif isinstance(item, list):
                        value[key] = [
                            ruby_join(base, c) if isinstance(c, str) and not is_absolute(c) else c for c in item
                        ]
                stack.append(value[key])


def _document_base(document: Any, base: str) -> str | None:
    """The base relative IRIs resolve against: the page's, or the first `@base` a context sets."""
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "@context":
                    for ctx in item if isinstance(item, list) else [item]:
                        if isinstance(ctx, dict) and "@base" in ctx:
                            given = ctx["@base"]
                            return ruby_join(base, given) if isinstance(given, str) else None
                stack.append(item)
        elif isinstance(value, list):
            stack.extend(value)
    return base


def _resolve(expanded: Any, base: str | None, relative: dict[str, str] | None = None) -> None:
    """Resolve the document-relative IRIs pyld left relative (@id, @type), in place; `relative` collects
    the values written as relative references (an IRI-typed value such as a bare licence id)."""
    stack = [expanded]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key == "@id" and isinstance(item, str):
                    value[key] = _absolute(item, base)
                    if relative is not None and len(value) == 1 and value[key] != item:
                        relative[value[key]] = item
                elif key == "@type":
                    if isinstance(item, str):
                        value[key] = _absolute(item, base)
                    elif isinstance(item, list):
                        value[key] = [_absolute(t, base) if isinstance(t, str) else t for t in item]
                elif isinstance(item, (dict, list)) and key not in ("@value", "@context"):
                    stack.append(item)


def _absolute(iri: str, base: str | None) -> str:
    if base is None or iri.startswith("_:") or is_absolute(iri) or iri.startswith("@"):
        return iri
    return ruby_join(base, iri)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    message = text[0] if text else type(exc).__name__
    return message.removeprefix("Invalid JSON-LD syntax; ")[:200]


def statements(expanded: list[Any]) -> Iterator[tuple[Term, Term, Term]]:
    """The statements of an expanded document, in json-ld's toRdf order, invalid ones dropped."""
    mapper = _NodeMap()
    mapper.add(expanded, "@default", None, None, False, None)
    default = mapper.graphs["@default"]
    for name, graph in mapper.graphs.items():
        if name == "@default":
            continue
        entry = default.setdefault(name, {"@id": name})
        nodes = entry.setdefault("@graph", [])
        nodes.extend(node for node in graph.values() if not _reference(node))
    emitter = _Emitter()
    for node in default.values():
        if not _reference(node):
            yield from emitter.node(node)


def _reference(node: dict[str, Any]) -> bool:
    return len(node) == 1 and "@id" in node


def _is_value(element: dict[str, Any]) -> bool:
    return "@value" in element


def _is_list(element: dict[str, Any]) -> bool:
    return "@list" in element


class _NodeMap:
    """json-ld's create_node_map: every node object gets one entry, created when it is first met."""

    def __init__(self) -> None:
        self.graphs: dict[str, dict[str, dict[str, Any]]] = {"@default": {}}
        self.counter = 0

    def fresh(self) -> str:
        self.counter += 1
        return f"_:n{self.counter}"

    def add(
        self,
        element: Any,
        graph_name: str,
        subject: Any,
        prop: str | None,
        reverse: bool,
        items: list[Any] | None,
    ) -> None:
        # An explicit stack, not recursion: depth is bounded by MAX_JSON_DEPTH, but stay flat anyway.
        stack: list[tuple[Any, str, Any, str | None, bool, list[Any] | None]] = [
            (element, graph_name, subject, prop, reverse, items)
        ]
        while stack:
            element, graph_name, subject, prop, reverse, items = stack.pop()
            if isinstance(element, list):
                stack.extend((e, graph_name, subject, prop, False, items) for e in reversed(element))
                continue
            if not isinstance(element, dict):
                continue
            graph = self.graphs.setdefault(graph_name, {})
            subject_node = None if reverse or not isinstance(subject, str) else graph.get(subject)
            if _is_value(element):
                if items is not None:
                    items.append(element)
                elif subject_node is not None and prop is not None:
                    _add(subject_node, prop, element, unique=True)
                continue
            if _is_list(element):
                result: dict[str, Any] = {"@list": []}
                if items is not None:
                    items.append(result)
                elif subject_node is not None and prop is not None:
                    _add(subject_node, prop, result, unique=False)
                stack.append((element["@list"], graph_name, subject, prop, False, result["@list"]))
                continue
            node_id = element.get("@id")
            if not isinstance(node_id, str):
                node_id = self.fresh()
            node = graph.setdefault(node_id, {"@id": node_id})
            if reverse:
                _add(node, prop or "", subject, unique=True)
            elif prop is not None:
                reference = {"@id": node_id}
                if items is not None:
                    items.append(reference)
                elif subject_node is not None:
                    _add(subject_node, prop, reference, unique=True)
            if "@type" in element:
                for t in element["@type"] if isinstance(element["@type"], list) else [element["@type"]]:
                    _add(node, "@type", t, unique=True)
            later: list[tuple[Any, str, Any, str | None, bool, list[Any] | None]] = []
            if isinstance(element.get("@reverse"), dict):
                for rprop, values in element["@reverse"].items():
                    for value in values if isinstance(values, list) else [values]:
                        later.append((value, graph_name, {"@id": node_id}, str(rprop), True, None))
            if "@graph" in element:
                later.append((element["@graph"], node_id, None, None, False, None))
            if "@included" in element:
                later.append((element["@included"], graph_name, None, None, False, None))
            for key, value in element.items():
                if key.startswith("@"):
                    continue
                node.setdefault(str(key), [])
                later.append((value, graph_name, node_id, str(key), False, None))
            stack.extend(reversed(later))


def _add(node: dict[str, Any], prop: str, value: Any, unique: bool) -> None:
    values = node.setdefault(prop, [])
    if unique and value in values:
        return
    values.append(value)


class _Emitter:
    """json-ld's item_to_rdf on flattened nodes: @type first, then properties, then @graph."""

    def __init__(self) -> None:
        self.blanks: dict[str, Blank] = {}
        self.counter = 0

    def resource(self, ident: str) -> Iri | Blank:
        if ident.startswith("_:"):
            blank = self.blanks.get(ident)
            if blank is None:
                blank = self.blanks[ident] = Blank(ident[2:])
            return blank
        return Iri(ident)

    def fresh(self) -> Blank:
        self.counter += 1
        return Blank(f"l{self.counter}")

    def node(self, node: dict[str, Any], graph: Term | None = None) -> Iterator[tuple[Term, Term, Term]]:
        subject = self.resource(node["@id"])
        for prop, values in node.items():
            if prop == "@type":
                for t in values:
                    yield from _valid(subject, Iri(RDF_TYPE), self.resource(t))
            elif prop == "@graph":
                for inner in values:
                    yield from self.node(inner, subject)
            elif not prop.startswith("@"):
                if prop.startswith("_:"):
                    continue  # a blank-node predicate: not RDF, dropped as json-ld does
                predicate = Iri(prop)
                for value in values:
                    produced: list[tuple[Term, Term, Term]] = []
                    obj = self.object(value, produced)
                    yield from produced
                    if obj is not None:
                        yield from _valid(subject, predicate, obj)

    def object(self, item: dict[str, Any], out: list[tuple[Term, Term, Term]]) -> Term | None:
        if "@value" in item:
            return _literal(item)
        if "@list" in item:
            return self.collection(item["@list"], out)
        return self.resource(item["@id"])

    def collection(self, items: list[Any], out: list[tuple[Term, Term, Term]]) -> Term | None:
        if not items:
            return Iri(RDF_NS + "nil")
        head = current = self.fresh()
        for i, item in enumerate(items):
            obj = self.object(item, out)
            if obj is not None:
                out.extend(_valid(current, Iri(RDF_NS + "first"), obj))
            nxt: Term = self.fresh() if i < len(items) - 1 else Iri(RDF_NS + "nil")
            out.extend(_valid(current, Iri(RDF_NS + "rest"), nxt))
            if isinstance(nxt, Blank):
                current = nxt
        return head


def _valid(s: Term, p: Term, o: Term) -> Iterator[tuple[Term, Term, Term]]:
    if valid_statement(s, p, o):
        yield s, p, o


def _literal(item: dict[str, Any]) -> Literal | None:
    value = item["@value"]
    datatype = item.get("@type")
    if datatype == "@json":
        datatype = RDF_JSON
    if datatype == RDF_JSON:
        return Literal(json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False), RDF_JSON)
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype or XSD + "boolean")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return None
        as_double = (isinstance(value, float) and not value.is_integer()) or value >= 1e21 or datatype == XSD + "double"
        if as_double:
            return Literal(_canonical_double(float(value)), datatype or XSD + "double")
        return Literal(str(int(value)), datatype or XSD + "integer")
    if not isinstance(value, str):
        return None
    if datatype is None:
        datatype = RDF_LANGSTRING if "@language" in item else XSD_STRING
    language = item.get("@language") if datatype == RDF_LANGSTRING else None
    return Literal(value, datatype, language)


def _canonical_double(value: float) -> str:
    if value == 0:
        return "0.0E0"
    mantissa, exponent = f"{value:.15E}".split("E")
    whole, _, fraction = mantissa.partition(".")
    fraction = fraction.rstrip("0") or "0"
    return f"{whole}.{fraction}E{int(exponent)}"


@dataclass
class JsonLdRead:
    statements: list[tuple[Term, Term, Term]]
    #: subject -> character offset of the object that typed it (only when read with `locate`)
    positions: dict[Term, int] = field(default_factory=dict)
    #: IRIs that were written as relative references -> what was written
    relative: dict[str, str] = field(default_factory=dict)


def read_jsonld(text: str, base: str) -> list[tuple[Term, Term, Term]]:
    """A JSON-LD text (a file, or a script block) as statements, as TeSS reads it; raises ReaderError."""
    return read_jsonld_located(text, base, locate=False).statements


def read_jsonld_located(text: str, base: str, locate: bool = True) -> JsonLdRead:
    """As read_jsonld; with `locate`, each typed node object also gets the offset where it starts.

    Locating marks every typed node object with one extra property (a private IRI) before expansion and
    takes those statements out afterwards; if the marked document does not expand, the plain one is read,
    so marking never changes what is read or reported.
    """
    start = _trim_start(text)
    trimmed = trim(text)
    try:
        document = parse_json(trimmed)
    except ReaderError as exc:
        if exc.offset is not None:
            exc.offset += start
        raise
    relative: dict[str, str] = {}
    if locate:
        offsets = _object_offsets(trimmed)
        marked = _mark(document, offsets, start)
        placed = {start + offset for offset in offsets}  # a document's own use of the marker IRI is not ours
        if marked:
            try:
                found = list(statements(expand(document, base, relative)))
            except ReaderError:
                document = parse_json(trimmed)
                relative.clear()
            else:
                positions: dict[Term, int] = {}
                kept = []
                for s, p, o in found:
                    if isinstance(p, Iri) and p.value == POSITION_KEY:
                        if isinstance(o, Literal) and o.lexical.isdigit() and int(o.lexical) in placed:
                            positions.setdefault(s, int(o.lexical))
                    else:
                        kept.append((s, p, o))
                return JsonLdRead(kept, positions, relative)
    return JsonLdRead(list(statements(expand(document, base, relative))), {}, relative)


def _trim_start(text: str) -> int:
    starts = [i for i in (text.find("{"), text.find("[")) if i >= 0]
    return min(starts) if starts else 0


_JSON_EVENTS = re.compile(r'[{"\\]')


def _object_offsets(text: str) -> list[int]:
    """Offsets of every `{` outside strings, in document order (the pre-order of the parsed objects).

    Only `{`, `"` and backslashes are visited (found by the regex engine), so the scan stays fast."""
    offsets: list[int] = []
    in_string = False
    escaped = -1  # the offset of a character a backslash escapes
    for m in _JSON_EVENTS.finditer(text):
        i = m.start()
        if i == escaped:
            continue
        c = text[i]
        if in_string:
            if c == "\\":
                escaped = i + 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c == "{":
            offsets.append(i)
    return offsets


_LOCATED = ("Course", "CourseInstance", "LearningResource")  # the types check-jsonld reports on


def _mark(document: Any, offsets: list[int], start: int) -> bool:
    """Give each node object typed (by name) as a training node a position property; False when objects and
    offsets do not line up. Marking only these keeps a document of 50,000 other nodes as cheap to read."""
    order: list[tuple[dict[str, Any], bool]] = []  # every object in document order, and whether in a context
    stack: list[tuple[Any, bool]] = [(document, False)]
    while stack:
        value, in_context = stack.pop()
        if isinstance(value, dict):
            order.append((value, in_context))
            stack.extend((v, in_context or k == "@context") for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((v, in_context) for v in reversed(value))
    if len(order) != len(offsets):
        return False
    for (obj, in_context), offset in zip(order, offsets, strict=True):
        if in_context or "@value" in obj or "@list" in obj or "@set" in obj:
            continue
        types = obj.get("@type", obj.get("type"))
        if any(isinstance(t, str) and t.endswith(_LOCATED) for t in (types if isinstance(types, list) else [types])):
            obj[_Key(POSITION_KEY, 1 << 30)] = str(start + offset)
    return True
