"""A small RDF model that keeps statements in the order ELIXIR TeSS's reader sees them.

TeSS (ruby-rdf) stores a graph as subject -> predicate -> object hashes in insertion order and answers its
queries by nested loops over them, so which value is "first" and the order of the records it builds follow
that order. This module keeps the same shape and the same query semantics (`query`: basic graph patterns,
optional patterns as left joins, evaluated pattern by pattern as RDF::Query#execute does), and nothing more.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = RDF_NS + "type"
RDF_HTML = RDF_NS + "HTML"
RDF_LANGSTRING = RDF_NS + "langString"
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
SCHEMA = "http://schema.org/"


@dataclass(frozen=True, slots=True)
class Iri:
    value: str


@dataclass(frozen=True, slots=True)
class Blank:
    label: str


@dataclass(frozen=True, slots=True)
class Literal:
    lexical: str
    datatype: str = XSD_STRING
    language: str | None = None


Term = Iri | Blank | Literal


class Var(str):
    """A query variable, written `Var("name")`."""


Node = Term | Var


@dataclass(frozen=True, slots=True)
class Pattern:
    subject: Node
    predicate: Node
    object: Node
    optional: bool = False


# RFC 3987 IRI grammar as ruby-rdf writes it (RDF::URI::IRI); statements with an IRI outside it are dropped.
_UCSCHAR = (
    "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd\U00030000-\U0003fffd"
    "\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd\U00070000-\U0007fffd\U00080000-\U0008fffd"
    "\U00090000-\U0009fffd\U000a0000-\U000afffd\U000b0000-\U000bfffd\U000c0000-\U000cfffd\U000d0000-\U000dfffd"
    "\U000e1000-\U000efffd"
)
_IPRIVATE = "[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
_PCT = "%[0-9A-Fa-f][0-9A-Fa-f]"
_SUB_DELIMS = "[!$&'()*+,;=]"
_IUNRESERVED = f"[A-Za-z0-9._~-]|[{_UCSCHAR}]"
_IPCHAR = f"(?:{_IUNRESERVED}|{_PCT}|{_SUB_DELIMS}|[:|@])"
_IQUERY = f"(?:{_IPCHAR}|{_IPRIVATE}|/|\\?)*"
_IFRAGMENT = f"(?:{_IPCHAR}|/|\\?)*"
_ISEGMENT = f"(?:{_IPCHAR})*"
_ISEGMENT_NZ = f"(?:{_IPCHAR})+"
_IREG_NAME = f"(?:(?:{_IUNRESERVED})|(?:{_PCT})|(?:{_SUB_DELIMS}))*"
_IHOST = f"(?:\\[[0-9A-Fa-f:.]*\\]|{_IREG_NAME})"
_IUSERINFO = f"(?:(?:{_IUNRESERVED})|(?:{_PCT})|(?:{_SUB_DELIMS})|:)*"
_IAUTHORITY = f"(?:{_IUSERINFO}@)?{_IHOST}(?::[0-9]*)?"
_IHIER_PART = (
    f"//{_IAUTHORITY}(?:(?:/{_ISEGMENT})*)|(?:/(?:(?:{_ISEGMENT_NZ})(/{_ISEGMENT})*)?)"
    f"|(?:(?:{_ISEGMENT_NZ})(?:/{_ISEGMENT})*)|(?:)"
)
# Ruby's ^ and $ match at line boundaries: an IRI with a line break is valid if one line is.
_IRI = re.compile(
    f"^[A-Za-z](?:[A-Za-z0-9+\\-.])*:(?:{_IHIER_PART})(?:\\?{_IQUERY})?(?:\\#{_IFRAGMENT})?$", re.MULTILINE
)
_LANGUAGE = re.compile(r"\A[a-zA-Z]+(-[a-zA-Z0-9]+)*\Z")


def valid_iri(value: str) -> bool:
    return _IRI.search(value) is not None


def valid_statement(subject: Term, predicate: Term, obj: Term) -> bool:
    """What json-ld's toRdf keeps (RDF::Statement#valid_extended?): IRIs that parse, sane language tags."""
    if isinstance(subject, Literal) or not isinstance(predicate, Iri):
        return False
    if isinstance(subject, Iri) and not valid_iri(subject.value):
        return False
    if not valid_iri(predicate.value):
        return False
    if isinstance(obj, Iri):
        return valid_iri(obj.value)
    if isinstance(obj, Literal):
        if obj.language is not None and not _LANGUAGE.match(obj.language):
            return False
        return valid_iri(obj.datatype)
    return True


def _http_schema(term: Term) -> Term:
    """TeSS rewrites https://schema.org/ IRIs to http:// (host exactly schema.org), so both vocabularies match."""
    if isinstance(term, Iri) and term.value.startswith("https://schema.org") and _schema_host(term.value):
        return Iri("http" + term.value[5:])
    return term


def _schema_host(value: str) -> bool:
    rest = value[len("https://schema.org") :]
    return rest == "" or rest[0] in "/?#:"


class Graph:
    """Statements de-duplicated and indexed subject -> predicate -> object, each level in insertion order."""

    def __init__(self) -> None:
        self.data: dict[Term, dict[Term, dict[Term, None]]] = {}
        self.size = 0

    def add(self, subject: Term, predicate: Term, obj: Term) -> None:
        subject, predicate, obj = _http_schema(subject), _http_schema(predicate), _http_schema(obj)
        objects = self.data.setdefault(subject, {}).setdefault(predicate, {})
        if obj not in objects:
            objects[obj] = None
            self.size += 1

    def triples(self) -> Iterator[tuple[Term, Term, Term]]:
        for s, predicates in self.data.items():
            for p, objects in predicates.items():
                for o in objects:
                    yield s, p, o

    def objects(self, subject: Term, predicate: Term) -> list[Term]:
        return list(self.data.get(subject, {}).get(predicate, ()))

    def _match(self, s: Term | None, p: Term | None, o: Term | None) -> Iterator[tuple[Term, Term, Term]]:
        subjects = self.data.items() if s is None else ([(s, self.data[s])] if s in self.data else [])
        for subject, predicates in subjects:
            pairs = predicates.items() if p is None else ([(p, predicates[p])] if p in predicates else [])
            for predicate, objects in pairs:
                if o is None:
                    for obj in objects:
                        yield subject, predicate, obj
                elif o in objects:
                    yield subject, predicate, o

    def query(self, patterns: Sequence[Pattern]) -> list[dict[str, Term]]:
        """Solutions in RDF::Query#execute's order: patterns in turn, each solution extended by every match."""
        solutions: list[dict[str, Term]] = [{}]
        for pattern in patterns:
            extended: list[dict[str, Term]] = []
            for solution in solutions:
                found = False
                bound = [_bind(part, solution) for part in (pattern.subject, pattern.predicate, pattern.object)]
                for triple in self._match(*bound):
                    found = True
                    new = dict(solution)
                    for part, value in zip((pattern.subject, pattern.predicate, pattern.object), triple, strict=True):
                        if isinstance(part, Var):
                            new[part] = value
                    extended.append(new)
                if not found and pattern.optional:
                    extended.append(solution)
            solutions = extended
            if not solutions:
                return []
        return solutions


def _bind(part: Node, solution: dict[str, Term]) -> Term | None:
    if isinstance(part, Var):
        return solution.get(part)
    return part


# RDF::URI#join (ruby-rdf 3.3), which TeSS's readers use to resolve relative references. It differs from
# RFC 3986 in small ways (an empty base path stays empty: `./` against `https://example.com` gives
# `https://example.com`), so it is reproduced rather than borrowed.
_IRI_PARTS = re.compile(r"^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(\?[^#]*)?(#.*)?$", re.S)
_RDS_2A = re.compile(r"^\.?\./(.*)$", re.S)
_RDS_2B = re.compile(r"^(?:/\.$|/\./(.*)$)", re.S)
_RDS_2C = re.compile(r"^(?:/\.\.$|/\.\./(.*)$)", re.S)
_RDS_2D = re.compile(r"^\.\.?$")
_RDS_2E = re.compile(r"^(/?[^/]*)(/?.*)?$", re.S)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+\-.]*:")


def is_absolute(iri: str) -> bool:
    return _SCHEME.match(iri) is not None


def _parts(value: str) -> dict[str, str | None]:
    m = _IRI_PARTS.match(value)
    if m is None:
        return {"scheme": None, "authority": None, "path": None, "query": None, "fragment": None}
    scheme, authority, path, query, fragment = m.groups()
    return {
        "scheme": scheme,
        "authority": authority or None,
        "path": path or None,
        "query": query[1:] if query is not None else None,
        "fragment": fragment[1:] if fragment is not None else None,
    }


def normalize_path(path: str) -> str:
    """RFC 3986 remove_dot_segments as RDF::URI.normalize_path writes it."""
    output, text = "", path
    while text:
        m = _RDS_2A.match(text)
        if m:
            text = m.group(1)
            continue
        m = _RDS_2B.match(text)
        if m:
            text = "/" + (m.group(1) or "")
            continue
        m = _RDS_2C.match(text)
        if m:
            text = "/" + (m.group(1) or "")
            cut = output.rfind("/")
            output = output[:cut] if cut >= 0 else ""
            continue
        if _RDS_2D.match(text):
            text = ""
            continue
        m = _RDS_2E.match(text)
        if m is None:  # cannot happen: the pattern matches any text
            break
        output += m.group(1)
        text = m.group(2) or ""
    return output


def ruby_join(base: str, reference: str) -> str:
    if reference == "":
        return base
    joined = _parts(base)
    ref = _parts(reference)
    if ref["scheme"]:
        joined = dict(ref)
        joined["path"] = normalize_path(ref["path"] or "") or None
    elif ref["authority"]:
        joined["authority"] = ref["authority"]
        joined["path"] = normalize_path(ref["path"] or "") or None
        joined["query"] = ref["query"]
    elif not ref["path"]:
        if ref["query"] is not None:
            joined["query"] = ref["query"]
    elif (ref["path"] or "").startswith("/"):
        joined["path"] = normalize_path(ref["path"] or "") or None
        joined["query"] = ref["query"]
    else:
        base_path = joined["path"] or ""
        base_path = base_path[: base_path.rfind("/") + 1] if "/" in base_path else ""
        joined["path"] = normalize_path(base_path + (ref["path"] or "")) or None
        joined["query"] = ref["query"]
    joined["fragment"] = ref["fragment"]
    path = joined["path"]
    if path and joined["authority"] and not path.startswith("/"):
        joined["path"] = "/" + path  # URI#path=: always lead with a slash when there is a host
    return "".join(
        [
            f"{joined['scheme']}:" if joined["scheme"] else "",
            f"//{joined['authority']}" if joined["authority"] else "",
            joined["path"] or "",
            f"?{joined['query']}" if joined["query"] is not None else "",
            f"#{joined['fragment']}" if joined["fragment"] is not None else "",
        ]
    )
