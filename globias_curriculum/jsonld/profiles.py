"""check-jsonld: any JSON-LD document (or HTML page embedding it) against the Bioschemas training profiles
(the official SHACL shapes, via pyshacl) and the rules ELIXIR TeSS applies when it ingests a record.

Before expansion every node object without an `@id` gets `urn:gc-pointer:<JSON pointer>`, so each SHACL
result points back to a line and column of the file. Remote contexts are refused before anything runs.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..bioschemas import PROFILES
from ..diagnostics import Diagnostic, Location
from ..identifiers import iso639_1, spdx_status
from ..reading.document import Document, escape
from ..reading.files import DEFAULT_MAX_BYTES, decode, iter_files, read_bytes
from ..reading.parse import load_text
from ..report import Report
from .offline import SCHEMA_ORG_CONTEXTS, schema_org_terms, to_nquads

POINTER_IRI = "urn:gc-pointer:"
SCHEMA_NS = ("http://schema.org/", "https://schema.org/")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCT_CONFORMS_TO = "http://purl.org/dc/terms/conformsTo"
TRAINING_TYPES = ("Course", "CourseInstance", "LearningResource")
TESS_LEVELS = {"beginner", "intermediate", "advanced", "notspecified", "not specified"}
_CC_URL = re.compile(r"^https?://creativecommons\.org/(licenses/[a-z-]+/\d\.\d|publicdomain/zero/1\.0)/?$")
_SPDX_URL = re.compile(r"^https?://spdx\.org/licenses/([A-Za-z0-9.+-]+?)(\.html|\.json)?$")


@functools.cache
def _shapes() -> Any:
    from rdflib import Graph

    text = Path(__file__).resolve().parent.parent / "data" / "bioschemas-training-shapes.ttl"
    return Graph().parse(data=text.read_text(encoding="utf-8"), format="turtle")


class _ScriptBlocks(HTMLParser):
    """The text of every <script type="application/ld+json"> with the line it starts on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[tuple[str, int]] = []
        self._open: tuple[list[str], int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and (dict(attrs).get("type") or "").lower() == "application/ld+json":
            self._open = ([], self.getpos()[0])

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[0].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            parts, line = self._open
            self.blocks.append(("".join(parts), line))
            self._open = None


def jsonld_blocks(html: str) -> list[tuple[str, int]]:
    parser = _ScriptBlocks()
    parser.feed(html)
    parser.close()
    return parser.blocks


JSONLD_SUFFIXES = (".jsonld", ".json", ".html", ".htm")


def check_jsonld_paths(paths: Iterable[str], max_bytes: int | None = None) -> Report:
    """Every JSON-LD file and HTML page under `paths`, checked."""
    report = Report()
    for path in iter_files(paths, JSONLD_SUFFIXES):
        report.add_file(path, "html" if path.lower().endswith((".html", ".htm")) else "jsonld")
        report.extend(check_jsonld_path(Path(path), max_bytes or DEFAULT_MAX_BYTES))
    return report


def check_jsonld_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Diagnostic]:
    display = str(path)
    raw, problems = read_bytes(path, display, max_bytes)
    if raw is None:
        return problems
    text, problems = decode(raw, display)
    if text is None:
        return problems
    if path.suffix.lower() in (".html", ".htm"):
        blocks = jsonld_blocks(text)
        if not blocks:
            return [
                Diagnostic.make("GC505", 'the page embeds no <script type="application/ld+json">', Location(display))
            ]
        return [d for block, line in blocks for d in check_jsonld_text(block, display, line - 1)]
    return check_jsonld_text(text, display)


def _positions(text: str, display: str, offset: int) -> Document | None:
    doc = load_text(text, display).document
    if doc is None or offset == 0:
        return doc
    doc.positions = {p: (line + offset, col) for p, (line, col) in doc.positions.items()}
    doc.key_positions = {p: (line + offset, col) for p, (line, col) in doc.key_positions.items()}
    return doc


def _walk(value: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    yield pointer, value
    if isinstance(value, dict):
        for k, v in value.items():
            if k != "@context":
                yield from _walk(v, f"{pointer}/{escape(str(k))}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, f"{pointer}/{i}")


def _contexts(value: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "@context":
                yield f"{pointer}/@context", v
            yield from _contexts(v, f"{pointer}/{escape(str(k))}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _contexts(v, f"{pointer}/{i}")


def _remote_contexts(document: Any) -> Iterator[tuple[str, str]]:
    for pointer, ctx in _contexts(document):
        entries = ctx if isinstance(ctx, list) else [ctx]
        for i, entry in enumerate(entries):
            if isinstance(entry, str) and entry.rstrip("#") not in SCHEMA_ORG_CONTEXTS:
                yield (f"{pointer}/{i}" if isinstance(ctx, list) else pointer), entry


def _label(document: Any, ids: dict[str, str]) -> Any:
    """A copy in which every node object has an @id; `ids` maps each @id to the pointer of its object."""

    def visit(value: Any, pointer: str) -> Any:
        if isinstance(value, list):
            return [visit(v, f"{pointer}/{i}") for i, v in enumerate(value)]
        if not isinstance(value, dict):
            return value
        out = {
            k: (v if k.startswith("@") and k not in ("@graph", "@included") else visit(v, f"{pointer}/{escape(k)}"))
            for k, v in value.items()
        }
        is_node = not ({"@value", "@list", "@set"} & set(value)) and any(
            not k.startswith("@") or k == "@type" for k in value
        )
        if is_node:
            if "@id" not in out:
                out["@id"] = POINTER_IRI + pointer
            ids.setdefault(str(out["@id"]), pointer)
        return out

    return visit(document, "")


_LICENCE_KEYS = {"license", "schema:license", "http://schema.org/license", "https://schema.org/license"}


def _licences(document: Any) -> Iterator[tuple[str, str]]:
    """Every licence value as written, with its pointer; TeSS maps the string it reads."""
    for pointer, value in _walk(document):
        if not isinstance(value, dict):
            continue
        for key, item in value.items():
            if key not in _LICENCE_KEYS:
                continue
            for i, entry in enumerate(item if isinstance(item, list) else [item]):
                licence = (entry.get("@id") or entry.get("url")) if isinstance(entry, dict) else entry
                if isinstance(licence, str):
                    suffix = f"/{i}" if isinstance(item, list) else ""
                    yield f"{pointer}/{escape(key)}{suffix}", licence


def _local(iri: str) -> str | None:
    for ns in SCHEMA_NS:
        if iri.startswith(ns):
            return iri[len(ns) :]
    return None


def check_jsonld_text(text: str, display: str, line_offset: int = 0) -> list[Diagnostic]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        return [
            Diagnostic.make(
                "GC501", f"not valid JSON: {exc.msg}", Location(display, exc.lineno + line_offset, exc.colno)
            )
        ]
    doc = _positions(text, display, line_offset)

    def at(pointer: str) -> Location:
        if doc is None:
            return Location(display, line_offset, 0, pointer)
        location: Location = doc.locate(pointer)
        return location

    licences = list(_licences(document))
    remote = list(_remote_contexts(document))
    if remote:
        return [
            Diagnostic.make(
                "GC502",
                f"remote context {url!r} is not fetched (only schema.org's ships)",
                at(pointer),
                'use "@context": "https://schema.org/"',
            )
            for pointer, url in remote
        ]
    ids: dict[str, str] = {}
    labelled = _label(document, ids)
    try:
        nquads = to_nquads(labelled)
    except Exception as exc:  # pyld raises its own JsonLdError for any malformed document
        return [Diagnostic.make("GC501", f"not valid JSON-LD: {str(exc).splitlines()[0]}", at(""))]
    from rdflib import Dataset

    graph = Dataset(default_union=True)
    graph.parse(data=nquads, format="nquads")
    found = list(_graph_checks(graph, ids, at))
    for pointer, value in licences:  # read as written: the context turns a bare id into a relative IRI
        if not _licence_mappable(value):
            found.append(
                Diagnostic.make(
                    "GC512",
                    f"licence {value!r} cannot be mapped to SPDX",
                    at(pointer),
                    "use an SPDX id, an spdx.org/licenses URL or a creativecommons.org URL",
                )
            )
    return found


def _graph_checks(graph: Any, ids: dict[str, str], at: Callable[[str], Location]) -> Iterator[Diagnostic]:
    from rdflib import Literal, URIRef

    def where(node: Any, prop: str | None = None) -> Location:
        """The node's object, or the property's key in it when the property is written there."""
        pointer = ids.get(str(node), "")
        return at(f"{pointer}/{prop}") if prop else at(pointer)

    def values(node: Any, prop: str) -> list[Any]:
        return [o for ns in SCHEMA_NS for o in graph.objects(node, URIRef(ns + prop))]

    typed: dict[Any, str] = {}
    for s, o in graph.subject_objects(URIRef(RDF_TYPE)):
        local = _local(str(o))
        if local in TRAINING_TYPES:
            typed[s] = local
    if not typed:
        yield Diagnostic.make(
            "GC505",
            "no node is typed Course, CourseInstance or LearningResource",
            at(""),
            "the Bioschemas shapes target these types; anything else passes unchecked",
        )
        return
    yield from _shacl(graph, where)
    urls: dict[str, Any] = {}
    for node, kind in sorted(typed.items(), key=lambda item: str(item[0])):
        conforms = list(graph.objects(node, URIRef(DCT_CONFORMS_TO)))
        bare = [o for ns in SCHEMA_NS for o in graph.objects(node, URIRef(ns + "conformsTo"))]
        if bare and not conforms:
            yield Diagnostic.make(
                "GC506",
                f"{kind} uses a bare `conformsTo`, read as schema:conformsTo",
                where(node, "conformsTo"),
                'write "http://purl.org/dc/terms/conformsTo" (or "dct:conformsTo")',
            )
        for value in conforms:
            if isinstance(value, Literal) or str(value).rstrip("/") != PROFILES[kind]:
                yield Diagnostic.make(
                    "GC507",
                    f"{kind} conformsTo {str(value)!r}, not {PROFILES[kind]!r}",
                    where(node, "http:~1~1purl.org~1dc~1terms~1conformsTo"),
                    f'use {{"@id": "{PROFILES[kind]}"}}',
                )
        if kind == "Course" and not values(node, "hasCourseInstance"):
            yield Diagnostic.make(
                "GC508",
                "Course has no hasCourseInstance: TeSS imports nothing from it",
                where(node),
                "add a CourseInstance, or publish self-paced material as LearningResource",
            )
        if kind == "CourseInstance":
            own = [str(u) for u in values(node, "url")]
            if not own:
                yield Diagnostic.make(
                    "GC509",
                    "CourseInstance has no url",
                    where(node),
                    "give every instance its own url, or TeSS merges or rejects it",
                )
            for url in own:
                if url in urls:
                    yield Diagnostic.make(
                        "GC510",
                        f"CourseInstance url {url!r} is used by another instance",
                        where(node, "url"),
                        "give every instance a distinct url",
                    )
                urls.setdefault(url, node)
        yield from _tess_fields(graph, node, kind, values, where)
    yield from _unknown_terms(graph, where)


def _shacl(graph: Any, where: Any) -> Iterator[Diagnostic]:
    from pyshacl import validate
    from rdflib import RDF, Graph, Namespace, URIRef

    sh = Namespace("http://www.w3.org/ns/shacl#")
    data = Graph()
    for triple in graph.triples((None, None, None)):
        data.add(triple)
    _, results, _ = validate(data, shacl_graph=_shapes(), inference="none", allow_warnings=True)
    found = []
    for result in results.subjects(RDF.type, sh.ValidationResult):
        focus = results.value(result, sh.focusNode)
        severity = results.value(result, sh.resultSeverity)
        shape = str(results.value(result, sh.sourceShape) or "")
        path = results.value(result, sh.resultPath)
        prop = _path_name(results, path)
        profile = next((name for name, iri in PROFILES.items() if shape == iri), None)
        if profile is None:
            source = results.value(result, sh.sourceShape)
            profile = next(
                (name for name, iri in PROFILES.items() if (URIRef(iri), sh.property, source) in _shapes()),
                "Bioschemas",
            )
        severe = severity == sh.Violation
        message = f"{_title(profile)} is missing `{prop}`, a {'minimum' if severe else 'recommended'} property"
        found.append((str(focus), prop, Diagnostic.make("GC503" if severe else "GC504", message, where(focus))))
    for _, _, diagnostic in sorted(found, key=lambda f: (f[0], f[1])):
        yield diagnostic


def _title(profile: str) -> str:
    return "TrainingMaterial (LearningResource)" if profile == "LearningResource" else profile


def _path_name(results: Any, path: Any) -> str:
    from rdflib import BNode, Namespace
    from rdflib.collection import Collection

    sh = Namespace("http://www.w3.org/ns/shacl#")
    if isinstance(path, BNode):
        alternatives = results.value(path, sh.alternativePath)
        if alternatives is not None:
            names = [str(p) for p in Collection(results, alternatives)]
            return _local(names[0]) or names[0] if names else "?"
    text = str(path)
    if text == DCT_CONFORMS_TO:
        return "dct:conformsTo"
    return _local(text) or text


def _tess_fields(graph: Any, node: Any, kind: str, values: Any, where: Any) -> Iterator[Diagnostic]:
    from rdflib import Literal

    keywords: list[str] = []
    for value in values(node, "keywords"):
        if isinstance(value, Literal):
            keywords += [k.strip() for k in str(value).split(",") if k.strip()]
        else:
            keywords += [str(n) for n in values(value, "name")] or [str(value)]
    if len(keywords) > 20:
        yield Diagnostic.make(
            "GC511", f"{kind} has {len(keywords)} keywords; TeSS accepts at most 20", where(node, "keywords")
        )
    for value in values(node, "educationalLevel"):
        names = [str(value)] if isinstance(value, Literal) else [str(n) for n in values(value, "name")]
        if names and not any(n.strip().lower() in TESS_LEVELS for n in names):
            yield Diagnostic.make(
                "GC513",
                f"educationalLevel {names[0]!r} is not one TeSS knows",
                where(node, "educationalLevel"),
                "use Beginner, Intermediate or Advanced",
            )
    for value in values(node, "inLanguage"):
        code = str(value).split("-")[0].lower() if isinstance(value, Literal) else ""
        if code not in iso639_1():
            yield Diagnostic.make(
                "GC514",
                f"inLanguage {str(value)!r} is not an ISO 639-1 code",
                where(node, "inLanguage"),
                "use a two-letter code such as en",
            )


def _licence_mappable(value: str) -> bool:
    if spdx_status(value) or _CC_URL.match(value):
        return True
    m = _SPDX_URL.match(value)
    return bool(m and spdx_status(m.group(1)))


def _unknown_terms(graph: Any, where: Any) -> Iterator[Diagnostic]:
    known = schema_org_terms()
    seen: set[tuple[str, str]] = set()
    for s, p, o in graph.triples((None, None, None)):
        for term in (str(p), str(o) if str(p) == RDF_TYPE else ""):
            local = _local(term)
            if local and local not in known and local != "conformsTo" and (str(s), local) not in seen:
                seen.add((str(s), local))
                yield Diagnostic.make(
                    "GC515",
                    f"schema:{local} is not a schema.org 30.0 term",
                    where(s),
                    "check the spelling; @vocab turns any unknown key into a schema.org IRI",
                )
