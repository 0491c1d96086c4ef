"""An HTML page read as TeSS's RDFa reader (rdf-rdfa 3.3) reads it: RDFa 1.1 (or 1.0) and every embedded
`<script type="application/ld+json">`, in document order, into one list of statements.

The page is parsed by Lexbor (selectolax), a WHATWG HTML5 parser like the Gumbo parser TeSS uses, linear on
the pathological inputs that make Python's html.parser quadratic. Lexbor is slow on elements nested tens of
thousands deep, so nesting is estimated on the raw text first and a page far deeper than TeSS could read is
refused before parsing. TeSS's own limits (Gumbo: 400 levels, 400 attributes on one element) make it drop the
page; they are checked on the tree.

The RDFa processing follows rdf-rdfa's `traverse` step by step (the RDFa 1.1 Core processing sequence),
without the parts no Bioschemas page reaches: vocabulary expansion, property copying, XML literals in RDFa 1.0.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .jsonld_reader import ReaderError, read_jsonld_located
from .rdf import RDF_HTML, RDF_NS, RDF_TYPE, XSD, Blank, Iri, Literal, Term, is_absolute, ruby_join

MAX_GUMBO_DEPTH = 400  # TeSS's HTML5 parser gives up deeper than this (html = 1)
MAX_GUMBO_ATTRIBUTES = 400
MAX_ESTIMATED_DEPTH = 4_000  # refused before parsing: Lexbor slows down badly on such nesting
XHV = "http://www.w3.org/1999/xhtml/vocab#"
RDFA_USES_VOCABULARY = "http://www.w3.org/ns/rdfa#usesVocabulary"
JSONLD_TYPES = ("application/ld+json", "application/x-ld+json")

#: The RDFa 1.1 initial context (http://www.w3.org/2011/rdfa-context/rdfa-1.1, as rdf-rdfa 3.3 ships it).
INITIAL_PREFIXES = {
    "as": "https://www.w3.org/ns/activitystreams#",
    "cc": "http://creativecommons.org/ns#",
    "csvw": "http://www.w3.org/ns/csvw#",
    "ctag": "http://commontag.org/ns#",
    "dc": "http://purl.org/dc/terms/",
    "dc11": "http://purl.org/dc/elements/1.1/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "dqv": "http://www.w3.org/ns/dqv#",
    "duv": "https://www.w3.org/ns/duv#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "gr": "http://purl.org/goodrelations/v1#",
    "grddl": "http://www.w3.org/2003/g/data-view#",
    "ical": "http://www.w3.org/2002/12/cal/icaltzd#",
    "jsonld": "http://www.w3.org/ns/json-ld#",
    "ldp": "http://www.w3.org/ns/ldp#",
    "ma": "http://www.w3.org/ns/ma-ont#",
    "oa": "http://www.w3.org/ns/oa#",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "og": "http://ogp.me/ns#",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "qb": "http://purl.org/linked-data/cube#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfa": "http://www.w3.org/ns/rdfa#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rev": "http://purl.org/stuff/rev#",
    "rif": "http://www.w3.org/2007/rif#",
    "rr": "http://www.w3.org/ns/r2rml#",
    "schema": "http://schema.org/",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "sioc": "http://rdfs.org/sioc/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "skosxl": "http://www.w3.org/2008/05/skos-xl#",
    "sosa": "http://www.w3.org/ns/sosa/",
    "ssn": "http://www.w3.org/ns/ssn/",
    "time": "http://www.w3.org/2006/time#",
    "v": "http://rdf.data-vocabulary.org/#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "void": "http://rdfs.org/ns/void#",
    "wdr": "http://www.w3.org/2007/05/powder#",
    "wdrs": "http://www.w3.org/2007/05/powder-s#",
    "xhv": "http://www.w3.org/1999/xhtml/vocab#",
    "xml": "http://www.w3.org/XML/1998/namespace",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
INITIAL_TERMS = {
    "describedby": "http://www.w3.org/2007/05/powder-s#describedby",
    "license": "http://www.w3.org/1999/xhtml/vocab#license",
    "role": "http://www.w3.org/1999/xhtml/vocab#role",
}
XHTML_TERMS = {
    t: XHV + t
    for t in [
        "alternate",
        "appendix",
        "bookmark",
        "cite",
        "chapter",
        "contents",
        "copyright",
        "first",
        "glossary",
        "help",
        "icon",
        "index",
        "last",
        "license",
        "meta",
        "next",
        "p3pv1",
        "prev",
        "role",
        "section",
        "stylesheet",
        "subsection",
        "start",
        "top",
        "up",
    ]
}
_ATTRS = [
    "about",
    "content",
    "datatype",
    "datetime",
    "href",
    "id",
    "inlist",
    "property",
    "rel",
    "resource",
    "rev",
    "role",
    "src",
    "type",
    "typeof",
    "value",
    "vocab",
]
_TERM = re.compile(r"\A[A-Za-z_][-A-Za-z0-9._]*\Z")
_NCNAME = re.compile(r"\A[A-Za-z_][-A-Za-z0-9._]*\Z")
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_INTEGER = re.compile(r"^[+\-]?\d+$", re.M)
_DECIMAL = re.compile(r"^[+\-]?(?:(?:\d+(?:\.\d*)?)|(?:\.\d+))$", re.M)
_DOUBLE = re.compile(r"^(?:NaN|[+\-]?INF|[+\-]?(?:\d+(:?\.\d*)?|\.\d+)(?:[eE][+\-]?\d+)?)$", re.M)
_TZ = r"(?:Z|[+\-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))"
_YEAR = r"-?(?:[1-9]\d{3,}|0\d{3})"
_TIME_TYPES = (
    (re.compile(rf"\A({_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))({_TZ})?\Z"), XSD + "date"),
    (re.compile(rf"\A((?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?|24:00:00(?:\.0+)?)({_TZ})?\Z"), XSD + "time"),
    (
        re.compile(
            rf"\A({_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?"
            rf"|24:00:00(?:\.0+)?))({_TZ})?\Z"
        ),
        XSD + "dateTime",
    ),
    (re.compile(rf"\A({_YEAR})((?:[+\-]\d\d:\d\d)|UTC|Z)?\Z"), XSD + "gYear"),
    (re.compile(rf"\A({_YEAR}-\d\d)((?:[+\-]\d\d:\d\d)|UTC|Z)?\Z"), XSD + "gYearMonth"),
    (re.compile(r"\A-?P(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?\Z"), XSD + "duration"),
)


@dataclass
class HtmlRead:
    statements: list[tuple[Term, Term, Term]] = field(default_factory=list)
    #: each JSON-LD script: its text and the character offset where it starts in the page
    scripts: list[tuple[str, int]] = field(default_factory=list)
    #: typed nodes of the scripts -> offset in the page (only when read with offsets)
    positions: dict[Term, int] = field(default_factory=dict)
    relative: dict[str, str] = field(default_factory=dict)


def estimated_depth(text: str) -> int:
    """Nesting of non-void, not self-closed tags, counted on the raw text: an upper bound for most pages.

    One forward scan (each `<` to the next `>`), so it stays linear on any input, unlike a regex would."""
    depth = deepest = 0
    find = text.find
    i = find("<")
    while i >= 0:
        j = find(">", i + 1)
        if j < 0:
            break
        m = _TAG.match(text, i, j + 1)
        if m is not None:
            closing, name, self_closed = m.group(1), m.group(2).lower(), text[j - 1] == "/"
            if closing:
                depth = max(0, depth - 1)
            elif not self_closed and name not in _VOID:
                depth += 1
                if depth > deepest:
                    deepest = depth
        i = find("<", j + 1)
    return deepest


def host_language(head: str) -> tuple[str, str]:
    """rdf-rdfa's detect_host_language_version on the first 1000 characters: (host language, RDFa version)."""
    head = head[:1001]
    doctype_match = re.search(r"<!DOCTYPE[^>]*>", head, re.I)
    doctype = doctype_match.group(0) if doctype_match else ""
    root_match = re.search(r"<[^!?>]*>", head)
    root = root_match.group(0) if root_match else ""
    version_match = re.search(r'version\s*=\s*"([^"]+)"', root)
    version_attr = version_match.group(1) if version_match else ""
    content_type = None
    head_element = re.search(r"<head.*</head>", head, re.I | re.S)
    if head_element:
        for meta in re.finditer(r"<meta\b[^>]*>", head_element.group(0), re.I):
            tag = meta.group(0)
            equiv = re.search(r"http-equiv\s*=\s*[\"']?([^\"'\s>]+)", tag, re.I)
            if equiv and equiv.group(1).lower() == "content-type":
                content = re.search(r"content\s*=\s*[\"']([^\"']*)", tag, re.I)
                content_type = (content.group(1).lower().split(";")[0] if content else "") or None
    version = "rdfa1.1"
    if re.search(r"RDFa 1\.0", doctype) or re.search(r"RDFa 1\.0", version_attr):
        version = "rdfa1.0"
    if version == "rdfa1.0" and re.search(r"html", doctype, re.I):
        return "xhtml1", version
    if content_type == "application/xml":
        return "xml", version
    if content_type == "image/svg+xml":
        return "svg", version
    if content_type in ("text/html", "application/xhtml+xml"):
        if re.search(r"html 4", doctype, re.I):
            return "html4", version
        if re.search(r"xhtml", doctype, re.I):
            return "xhtml1", version
        return ("html5" if content_type == "text/html" else "xhtml5"), version
    name = re.match(r"^<(\S+)[ >]", root)
    if name and re.search("svg", name.group(1), re.I):
        return "svg", version
    return "html5", version


def read_html(text: str, base: str, offsets: bool = False) -> HtmlRead:
    """Statements of an HTML page; raises ReaderError when TeSS's reader would fail on it."""
    deepest = estimated_depth(text)
    if deepest > MAX_ESTIMATED_DEPTH:
        raise ReaderError(f"elements nest about {deepest:,} deep; TeSS's HTML parser gives up beyond {MAX_GUMBO_DEPTH}")
    from selectolax.lexbor import LexborHTMLParser

    host, version = host_language(text)
    tree = LexborHTMLParser(text)
    root = tree.root
    if root is None:
        return HtmlRead()
    if host == "html5":
        _gumbo_limits(root)
    processor = _Processor(host, version, base, text if offsets else None)
    processor.run(tree, root)
    return processor.result


def _gumbo_limits(root: Any) -> None:
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_GUMBO_DEPTH:
            raise ReaderError(f"elements nest more than {MAX_GUMBO_DEPTH} deep; TeSS's HTML parser gives up", html=True)
        if len(node.attributes) > MAX_GUMBO_ATTRIBUTES:
            raise ReaderError(
                f"an element <{node.tag}> has more than {MAX_GUMBO_ATTRIBUTES} attributes; TeSS's HTML parser gives up"
            )
        stack.extend((child, depth + 1) for child in node.iter(include_text=False))


@dataclass
class _Context:
    base: str
    parent_subject: Term | None
    parent_object: Term | None
    prefixes: dict[str, str]
    terms: dict[str, str]
    vocabulary: str | None
    language: str | None
    incomplete: list[tuple[str, Iri]] = field(default_factory=list)


class _Processor:
    def __init__(self, host: str, version: str, base: str, source: str | None) -> None:
        self.host, self.version = host, version
        self.base = base
        self.source = source
        self.search_from = 0
        self.result = HtmlRead()
        self.blanks = 0
        self.named_blanks: dict[str, Blank] = {}
        self.scripts = 0
        self.html_like = host in ("xhtml1", "xhtml5", "html4", "html5")

    def bnode(self) -> Blank:
        self.blanks += 1
        return Blank(f"r{self.blanks}")

    def add(self, s: Term | None, p: Term | None, o: Term | None) -> None:
        if s is not None and p is not None and o is not None:
            self.result.statements.append((s, p, o))

    def run(self, tree: Any, root: Any) -> None:
        base = self.base
        if self.html_like:
            element = tree.css_first("html > head > base")
            if element is not None and element.attributes.get("href") is not None:
                base = join(base, (element.attributes.get("href") or "").split("#")[0])
        base = base.split("#")[0]
        prefixes: dict[str, str] = {}
        terms: dict[str, str] = XHTML_TERMS.copy() if self.version == "rdfa1.0" else {}
        if self.version != "rdfa1.0":
            prefixes.update(INITIAL_PREFIXES)
            terms.update(INITIAL_TERMS)
        context = _Context(base, Iri(base), Iri(base), prefixes, terms, None, None)
        self.root = root
        # An explicit stack: (element, context) to enter, or a callable to run after an element's children.
        stack: list[Any] = [(root, context)]
        while stack:
            item = stack.pop()
            if callable(item):
                item()
                continue
            element, ctx = item
            after, child_context = self.element(element, ctx)
            if after is not None:
                stack.append(after)
            if child_context is not None:
                stack.extend((child, child_context) for child in reversed(list(element.iter(include_text=False))))

    def uri(self, base: str, value: str) -> Iri:
        return Iri(join(base, value))

    def curie(self, value: str, prefixes: dict[str, str], bnodes: bool) -> Term | None:
        prefix, _, reference = value.partition(":")
        if prefix == "_" and ":" in value:
            if not bnodes:
                return None
            blank = self.named_blanks.get(reference)
            if blank is None:
                blank = self.named_blanks[reference] = Blank(f"n{len(self.named_blanks)}")
            return blank
        if value.startswith(":"):
            return Iri(XHV + reference)
        if ":" not in value:
            return None
        if self.version != "rdfa1.0":
            prefix = prefix.lower()
        namespace = prefixes.get(prefix)
        return Iri(namespace + reference) if namespace is not None else None

    def term_or_curie(
        self, value: str, ctx_prefixes: dict[str, str], terms: dict[str, str], vocab: str | None
    ) -> Term | None:
        """TERMorCURIEorAbsIRI (typeof, property, rel, rev, datatype)."""
        if _TERM.match(value):
            if vocab:
                return Iri(vocab + value)
            if value in terms:
                return Iri(terms[value])
            lowered = value.lower()
            for term, iri in terms.items():
                if term.lower() == lowered:
                    return Iri(iri)
            return None
        found = self.curie(value, ctx_prefixes, bnodes=True)
        if found is not None:
            return found
        if self.version == "rdfa1.0" and value.lower().startswith("xml"):
            return None
        return Iri(value) if re.match(r"^[A-Za-z][A-Za-z0-9+\-.]*:", value) else None

    def safe_curie(self, value: str, prefixes: dict[str, str], base: str) -> Term | None:
        """SafeCURIEorCURIEorIRI (about, resource)."""
        m = re.match(r"^\[(.*)\]$", value)
        if m:
            return self.curie(m.group(1), prefixes, bnodes=True)
        found = self.curie(value, prefixes, bnodes=True)
        if found is not None:
            return found
        if self.version == "rdfa1.0" and value.lower().startswith("xml"):
            return None
        return self.uri(base, value)

    def many(self, value: str | None, resolve: Callable[[str], Term | None]) -> list[Term]:
        if not value:
            return []
        return [t for t in (resolve(v) for v in _SPACE.split(value) if v) if t is not None]

    def element(self, element: Any, ec: _Context) -> tuple[Callable[[], None] | None, _Context | None]:
        raw = element.attributes
        attrs: dict[str, str] = {a: (raw[a] or "").strip(" \t\n\r\f\v") for a in _ATTRS if a in raw}
        name = (element.tag or "").lower()
        skip = False
        new_subject: Term | None = None
        typed_resource: Term | None = None
        current_object: Term | None = None
        prefixes = ec.prefixes
        terms = ec.terms
        vocabulary = ec.vocabulary
        language = ec.language
        incomplete: list[tuple[str, Iri]] = []
        base = ec.base
        html5 = self.host in ("html5", "xhtml5", "html4")
        if "property" in attrs and self.version == "rdfa1.1" and html5:
            for key in ("rel", "rev"):
                if key in attrs:
                    kept = " ".join(v for v in _SPACE.split(attrs[key]) if ":" in v)
                    if kept:
                        attrs[key] = kept
                    else:
                        del attrs[key]
        if "vocab" in attrs:
            if attrs["vocab"] == "":
                vocabulary = None
            else:
                vocab_iri = self.uri(base, attrs["vocab"])
                self.add(Iri(base), Iri(RDFA_USES_VOCABULARY), vocab_iri)
                vocabulary = vocab_iri.value
        new_prefixes = self.mappings(raw)
        if new_prefixes:
            prefixes = {**prefixes, **new_prefixes}
        lang = raw.get("xml:lang") if raw.get("xml:lang") is not None else raw.get("lang")
        if lang is not None:
            language = lang or None
        if name == "script":
            self.script(element, attrs.get("type", ""), base)

        def tcurie(value: str) -> Term | None:
            return self.term_or_curie(value, prefixes, terms, vocabulary)

        def about(value: str) -> Term | None:
            return self.safe_curie(value, prefixes, base)

        def plain(value: str) -> Term | None:
            return self.uri(base, value)

        rels = self.many(attrs.get("rel"), tcurie)
        revs = self.many(attrs.get("rev"), tcurie)
        head_or_body = self.html_like and name in ("head", "body")
        is_root = element.mem_id == self.root.mem_id
        if "rel" not in attrs and "rev" not in attrs:
            if self.version == "rdfa1.0":
                if "about" in attrs:
                    new_subject = about(attrs["about"])
                elif "resource" in attrs:
                    new_subject = about(attrs["resource"])
                elif "href" in attrs or "src" in attrs:
                    new_subject = plain(attrs.get("href", attrs.get("src", "")))
                if new_subject is None:
                    if head_or_body or (is_root and base):
                        new_subject = Iri(base)
                    elif "typeof" in attrs:
                        new_subject = self.bnode()
                    else:
                        skip = "property" not in attrs
                        new_subject = ec.parent_object
                if "typeof" in attrs:
                    typed_resource = new_subject
            elif "property" in attrs and not ("content" in attrs or "datatype" in attrs):
                if "about" in attrs:
                    new_subject = about(attrs["about"])
                elif head_or_body:
                    new_subject = ec.parent_object
                elif is_root and base:
                    new_subject = Iri(base)
                if "typeof" in attrs:
                    typed_resource = new_subject
                if new_subject is None:
                    new_subject = ec.parent_object
                if "typeof" in attrs and typed_resource is None:
                    if "resource" in attrs:
                        typed_resource = about(attrs["resource"])
                    elif "href" in attrs or "src" in attrs:
                        typed_resource = plain(attrs.get("href", attrs.get("src", "")))
                    else:
                        typed_resource = self.bnode()
                    current_object = typed_resource
            else:
                if "about" in attrs or "resource" in attrs:
                    new_subject = about(attrs.get("about", attrs.get("resource", "")))
                if new_subject is None and ("href" in attrs or "src" in attrs):
                    new_subject = plain(attrs.get("href", attrs.get("src", "")))
                if new_subject is None:
                    if head_or_body:
                        new_subject = ec.parent_object
                    elif is_root:
                        new_subject = Iri(base)
                    elif "typeof" in attrs:
                        new_subject = self.bnode()
                    else:
                        skip = "property" not in attrs
                        new_subject = ec.parent_object
                if "typeof" in attrs:
                    typed_resource = new_subject
        else:
            new_subject = about(attrs["about"]) if "about" in attrs else None
            if new_subject is None and self.version == "rdfa1.0" and "src" in attrs:
                new_subject = plain(attrs["src"])
            if "typeof" in attrs:
                typed_resource = new_subject
            if new_subject is None:
                if is_root and base:
                    new_subject = Iri(base)
                elif head_or_body:
                    new_subject = ec.parent_object
                elif "typeof" in attrs and self.version == "rdfa1.0":
                    new_subject = self.bnode()
                else:
                    new_subject = ec.parent_object
            if "resource" in attrs:
                current_object = about(attrs["resource"])
            if current_object is None and "href" in attrs:
                current_object = plain(attrs["href"])
            if current_object is None and "src" in attrs and self.version != "rdfa1.0":
                current_object = plain(attrs["src"])
            if current_object is None and "typeof" in attrs and "about" not in attrs and self.version != "rdfa1.0":
                current_object = self.bnode()
            if "typeof" in attrs:
                if self.version == "rdfa1.0":
                    typed_resource = new_subject
                elif "about" not in attrs:
                    typed_resource = current_object
        if typed_resource is not None:
            for one_type in self.many(attrs.get("typeof"), tcurie):
                self.add(typed_resource, Iri(RDF_TYPE), one_type)
        if new_subject is not None and current_object is not None and ("rel" in attrs or "rev" in attrs):
            for r in rels:
                if "inlist" not in attrs:
                    self.add(new_subject, r, current_object)
            for r in revs:
                self.add(current_object, r, new_subject)
        elif "rel" in attrs or "rev" in attrs:
            current_object = self.bnode()
            for r in rels:
                if "inlist" not in attrs and isinstance(r, Iri):
                    incomplete.append(("forward", r))
            for r in revs:
                if isinstance(r, Iri):
                    incomplete.append(("reverse", r))
        if "property" in attrs:
            properties = [p for p in self.many(attrs.get("property"), tcurie) if isinstance(p, Iri)]
            value = self.property_value(element, attrs, name, language, typed_resource, base, prefixes, tcurie)
            if "inlist" not in attrs and new_subject is not None:
                for p in properties:
                    self.add(new_subject, p, value)
        if not skip and new_subject is not None:
            for direction, predicate in ec.incomplete:
                if direction == "forward":
                    self.add(ec.parent_subject, predicate, new_subject)
                else:
                    self.add(new_subject, predicate, ec.parent_subject)
        if skip:
            child = _Context(
                base, ec.parent_subject, ec.parent_object, prefixes, terms, vocabulary, language, ec.incomplete
            )
        else:
            child = _Context(
                base,
                new_subject or ec.parent_subject,
                current_object or new_subject or ec.parent_subject,
                prefixes,
                terms,
                vocabulary,
                language,
                incomplete,
            )
        after = None
        if "role" in attrs:
            roles = self.many(attrs["role"], lambda v: self.term_or_curie(v, prefixes, terms, XHV))
            subject: Term = self.uri(base, "#" + attrs["id"]) if "id" in attrs else self.bnode()

            def role() -> None:
                for r in roles:
                    self.add(subject, Iri(XHV + "role"), r)

            after = role
        return after, child

    def property_value(
        self,
        element: Any,
        attrs: dict[str, str],
        name: str,
        language: str | None,
        typed_resource: Term | None,
        base: str,
        prefixes: dict[str, str],
        tcurie: Callable[[str], Term | None],
    ) -> Term | None:
        datatype_term = tcurie(attrs["datatype"]) if attrs.get("datatype") else None
        datatype = datatype_term.value if isinstance(datatype_term, Iri) else None
        lang = language

        def text() -> str:
            return str(element.text(deep=True, separator=""))

        def plain_literal(value: str) -> Literal:
            return Literal(value, RDF_NS + "langString", lang) if lang else Literal(value)

        xml_literal = RDF_NS + "XMLLiteral"
        if datatype and datatype not in (xml_literal, RDF_HTML):
            lexical = attrs.get("content", attrs.get("datetime", attrs.get("value")))
            return Literal(lexical if lexical is not None else text(), datatype)
        if self.version == "rdfa1.0":
            return plain_literal(attrs["content"] if "content" in attrs else text())
        if datatype == xml_literal:
            return Literal(str(element.inner_html or ""), xml_literal)
        if datatype == RDF_HTML:
            return Literal(str(element.inner_html or ""), RDF_HTML)
        if "value" in attrs:
            v = attrs["value"]
            for pattern, dt in ((_INTEGER, "integer"), (_DECIMAL, "decimal"), (_DOUBLE, "double")):
                if pattern.search(v):
                    return Literal(v, XSD + dt)
            return Literal(v)
        if "datatype" in attrs:
            return plain_literal(attrs["content"] if "content" in attrs else text())
        if "content" in attrs:
            return plain_literal(attrs["content"])
        if name == "time":
            v = attrs.get("datetime", text())
            for pattern, dt in _TIME_TYPES:
                if pattern.match(v):
                    return Literal(v, dt)
            return plain_literal(v)
        if ("resource" in attrs or "href" in attrs or "src" in attrs) and not ("rel" in attrs or "rev" in attrs):
            if "resource" in attrs:
                found = self.safe_curie(attrs["resource"], prefixes, base)
                if found is not None:
                    return found
            if "href" in attrs or "src" in attrs:
                return self.uri(base, attrs.get("href", attrs.get("src", "")))
            return None
        if typed_resource is not None and "about" not in attrs:
            return typed_resource
        return plain_literal(text())

    def mappings(self, raw: dict[str, str | None]) -> dict[str, str]:
        found: dict[str, str] = {}
        for attr, href in raw.items():
            m = re.match(r"^xmlns(?::(.+))?", attr)
            if not m or m.group(1) is None:
                continue
            prefix = m.group(1)
            if prefix == "_":
                continue
            prefix = prefix if self.version == "rdfa1.0" else prefix.lower()
            found[prefix] = join(self.base, href or "")
        if self.version != "rdfa1.0":
            pairs = _SPACE.split((raw.get("prefix") or "").strip())
            i = 0
            while i < len(pairs) and pairs[i]:
                prefix = pairs[i].lower()
                uri = pairs[i + 1] if i + 1 < len(pairs) else ""
                i += 2
                if not prefix.endswith(":"):
                    continue
                prefix = prefix[:-1]
                if (prefix and not _NCNAME.match(prefix)) or prefix == "_":
                    continue
                found[prefix] = join(self.base, uri)
        return found

    def script(self, element: Any, kind: str, base: str) -> None:
        text = str(element.text(deep=True, separator=""))
        offset = self._offset(text)
        if kind.split(";")[0] not in JSONLD_TYPES:
            return
        self.result.scripts.append((text, offset))
        stripped = re.sub(r"\A\s*<!\[CDATA\[", "", text)
        shift = len(text) - len(stripped)
        stripped = re.sub(r"\]\]>\s*\Z", "", stripped)
        self.scripts += 1
        prefix = f"s{self.scripts}."
        try:
            found = read_jsonld_located(stripped, base, locate=self.source is not None and offset >= 0)
        except ReaderError as exc:
            exc.offset = offset + shift + exc.offset if exc.offset is not None and offset >= 0 else None
            raise
        for s, p, o in found.statements:
            self.add(_scoped(s, prefix), p, _scoped(o, prefix))
        for subject, at in found.positions.items():
            self.result.positions.setdefault(_scoped(subject, prefix), offset + shift + at)
        self.result.relative.update(found.relative)

    def _offset(self, text: str) -> int:
        if self.source is None or not text:
            return -1
        found = self.source.find(text, self.search_from)
        if found >= 0:
            self.search_from = found + len(text)
        return found


def _scoped(term: Term, prefix: str) -> Term:
    """Blank nodes of one script are distinct from every other script's (ruby-rdf compares them by identity)."""
    return Blank(prefix + term.label) if isinstance(term, Blank) else term


def join(base: str, value: str) -> str:
    """RDF::URI#join, as rdf-rdfa resolves every IRI attribute."""
    return value if is_absolute(value) else ruby_join(base, value)


def jsonld_blocks(html: str) -> list[tuple[str, int]]:
    """The text of every `<script type="application/ld+json">` of a page, with the line it starts on."""
    read = read_html_scripts(html)
    return [(text, html.count("\n", 0, offset) + 1 if offset >= 0 else 0) for text, offset in read]


def read_html_scripts(html: str) -> list[tuple[str, int]]:
    from selectolax.lexbor import LexborHTMLParser

    if estimated_depth(html) > MAX_ESTIMATED_DEPTH:
        return []
    tree = LexborHTMLParser(html)
    found = []
    search = 0
    for node in tree.css("script"):
        kind = (node.attributes.get("type") or "").strip(" \t\n\r\f\v")
        if kind.split(";")[0] not in JSONLD_TYPES:
            continue
        text = str(node.text(deep=True, separator=""))
        offset = html.find(text, search) if text else -1
        if offset >= 0:
            search = offset + len(text)
        found.append((text, offset))
    return found


def iter_elements(root: Any) -> Iterator[Any]:
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(list(node.iter(include_text=False))))


__all__ = ["HtmlRead", "ReaderError", "estimated_depth", "host_language", "read_html"]
