"""check-jsonld: Bioschemas training-profile conformance, node by node, against the version each node claims.

Documents are read exactly as TeSS reads them (reader.py: JSON-LD files, and HTML pages with embedded
JSON-LD and RDFa, values resolved as a JSON-LD processor resolves them). Every node typed Course,
CourseInstance or LearningResource is checked against the profile version its `dct:conformsTo` names
(1.0-RELEASE when it names none); the properties each version requires or recommends are data
(data/bioschemas-profiles.json, from the Bioschemas website). What TeSS would do with the document is a
different question, answered by `tess-preview`: nothing here reports TeSS's acceptance rules.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Location
from ..reading.files import DEFAULT_MAX_BYTES, iter_files
from ..report import Report
from .offline import schema_org_terms
from .rdf import RDF_TYPE, SCHEMA, Graph, Iri, Literal, Term
from .reader import DEFAULT_BASE, Read, read_document, read_raw

DCT_CONFORMS_TO = "http://purl.org/dc/terms/conformsTo"
PROFILE_IRI = re.compile(r"^https?://(?:www\.)?bioschemas\.org/profiles/([A-Za-z]+)/([^/?#\s]+?)/?$")
SUFFIXES = (".jsonld", ".json", ".html", ".htm")
TRAINING_TYPES = ("Course", "CourseInstance", "LearningResource")
_IRI_VALUED = ("license", "url", "sameAs", "identifier", "citation", "isBasedOn")


@dataclass(frozen=True)
class Version:
    profile: str
    name: str
    status: str
    minimum: tuple[str, ...]
    recommended: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.profile} {self.name}"


@dataclass(frozen=True)
class Profile:
    name: str
    type: str
    current: str
    versions: dict[str, Version]


@dataclass(frozen=True)
class Profiles:
    standard_minimum: tuple[str, ...]
    aliases: dict[str, str]
    by_name: dict[str, Profile]

    def for_type(self, node_type: str) -> Profile:
        return next(p for p in self.by_name.values() if p.type == node_type)


class ProfileDataError(Exception):
    """The shipped profile data is malformed (a packaging bug, caught by the tests)."""


@functools.cache
def profiles() -> Profiles:
    import json

    path = Path(__file__).resolve().parent.parent / "data" / "bioschemas-profiles.json"
    return parse_profiles(json.loads(path.read_text("utf-8")))


def parse_profiles(data: Any) -> Profiles:
    """Validate the shape of the profile data and build it; raises ProfileDataError."""
    try:
        by_name = {}
        for name, entry in data["profiles"].items():
            versions = {
                str(v): Version(
                    name,
                    str(v),
                    str(d["status"]),
                    tuple(str(p) for p in d["minimum"]),
                    tuple(str(p) for p in d["recommended"]),
                )
                for v, d in entry["versions"].items()
            }
            if entry["current"] not in versions or entry["type"] not in TRAINING_TYPES:
                raise ProfileDataError(f"{name}: current version or type unknown")
            by_name[str(name)] = Profile(str(name), str(entry["type"]), str(entry["current"]), versions)
        aliases = {str(k): str(v) for k, v in data["aliases"].items()}
        if not set(aliases.values()) <= set(by_name):
            raise ProfileDataError("an alias names no profile")
        return Profiles(tuple(data["standard_minimum"]), aliases, by_name)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ProfileDataError(f"malformed profile data: {exc!r}") from None


def check_jsonld_paths(paths: Iterable[str], max_bytes: int | None = None, base: str | None = None) -> Report:
    """Every JSON-LD file and HTML page under `paths`, checked."""
    report = Report()
    for path in iter_files(paths, SUFFIXES):
        report.add_file(path, "html" if path.lower().endswith((".html", ".htm")) else "jsonld")
        report.extend(check_jsonld_path(path, max_bytes or DEFAULT_MAX_BYTES, base or DEFAULT_BASE))
    return report


def check_jsonld_path(
    path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, base: str = DEFAULT_BASE
) -> list[Diagnostic]:
    return _check_read(read_document(str(path), max_bytes, base, locate=True))


def check_jsonld_text(text: str, display: str, base: str = DEFAULT_BASE) -> list[Diagnostic]:
    """A document given as text (JSON-LD, or an HTML page), checked as if read from the file `display`."""
    return _check_read(read_raw(text.encode("utf-8"), display, base, locate=True))


def _check_read(read: Read) -> list[Diagnostic]:
    if read.diagnostics:
        return read.diagnostics
    locator = _Locator(read)
    if read.error is not None:
        return [_reading_problem(read, locator)]
    return list(_check_graph(read, locator))


class _Locator:
    def __init__(self, read: Read) -> None:
        self.read = read
        self._lines: list[int] | None = None

    def at(self, offset: int | None) -> Location:
        if offset is None or not 0 <= offset <= len(self.read.text):
            return Location(self.read.path)
        if self._lines is None:
            self._lines = [m.start() for m in re.finditer("\n", self.read.text)]
        import bisect

        line = bisect.bisect_left(self._lines, offset)
        start = self._lines[line - 1] + 1 if line else 0
        return Location(self.read.path, line + 1, offset - start + 1)

    def node(self, node: Term) -> Location:
        return self.at(self.read.positions.get(node))

    def text(self, needle: str) -> Location:
        found = self.read.text.find(needle) if needle else -1
        return self.at(found if found >= 0 else None)


def _reading_problem(read: Read, locator: _Locator) -> Diagnostic:
    if read.remote_context is not None:
        return Diagnostic.make(
            "GC502",
            f"remote context {read.remote_context!r} is not fetched (only schema.org's ships)",
            locator.text(read.remote_context),
            'use "@context": "https://schema.org/"',
        )
    error = read.error or ""
    if read.html_error:
        return Diagnostic.make("GC520", error, Location(read.path))
    return Diagnostic.make("GC501", error, locator.at(read.error_offset))


#: schema.org and SKOS types of a controlled vocabulary: a document made of them only is not training
VOCABULARY_TYPES = frozenset(
    {"DefinedTermSet", "DefinedTerm", "http://www.w3.org/2004/02/skos/core#Concept",
     "http://www.w3.org/2004/02/skos/core#ConceptScheme"}
)  # fmt: skip


def _local(term: Term) -> str | None:
    if isinstance(term, Iri) and term.value.startswith(SCHEMA):
        return term.value[len(SCHEMA) :]
    return None


def _claims(graph: Graph, node: Term) -> tuple[list[Term], bool]:
    """The node's profile claims: dct:conformsTo values, else bare (schema:) conformsTo ones."""
    claims = graph.objects(node, Iri(DCT_CONFORMS_TO))
    if claims:
        return claims, False
    bare = graph.objects(node, Iri(SCHEMA + "conformsTo"))
    return bare, bool(bare)


def _claim_text(term: Term) -> str:
    return term.value if isinstance(term, Iri) else term.lexical if isinstance(term, Literal) else ""


def _check_graph(read: Read, locator: _Locator) -> list[Diagnostic]:
    graph = read.graph
    data = profiles()
    found: list[Diagnostic] = []
    typed: list[tuple[Term, str]] = []
    other: set[str] = set()
    for node, predicates in graph.data.items():
        for t in predicates.get(Iri(RDF_TYPE), {}):
            local = _local(t)
            if local in TRAINING_TYPES:
                typed.append((node, local))
            else:
                other.add(local or (t.value if isinstance(t, Iri) else ""))
    if not typed and other and other <= VOCABULARY_TYPES:
        # a framework's terms (our export's framework.jsonld): nothing wrong, nothing to check
        found.append(
            Diagnostic.make(
                "GC525",
                f"a vocabulary ({', '.join(sorted(t.rsplit('#', 1)[-1] for t in other))}), not a training document: "
                "no training profile applies",
                Location(read.path),
            )
        )
    elif not typed:
        found.append(
            Diagnostic.make(
                "GC505",
                "no node is a Course, CourseInstance or LearningResource: nothing here claims a training profile",
                Location(read.path),
                "type the node schema:Course, schema:CourseInstance or schema:LearningResource",
            )
        )
    for node, node_type in typed:
        found.extend(_check_node(graph, node, node_type, data, locator))
    found.extend(_unknown_terms(graph, locator))
    found.extend(_relative_references(read, locator))
    return found


def _check_node(graph: Graph, node: Term, node_type: str, data: Profiles, locator: _Locator) -> list[Diagnostic]:
    where = locator.node(node)
    out: list[Diagnostic] = []
    profile = data.for_type(node_type)
    claims, bare = _claims(graph, node)
    if bare and claims:
        out.append(
            Diagnostic.make(
                "GC506",
                f"{node_type} states its profile with a bare `conformsTo`, which the schema.org context reads as "
                "schema:conformsTo",
                where,
                'write "http://purl.org/dc/terms/conformsTo" (or "dct:conformsTo" with the dct prefix)',
            )
        )
    version: Version | None = None
    for claim in claims:
        text = _claim_text(claim)
        m = PROFILE_IRI.match(text)
        name = data.aliases.get(m.group(1), m.group(1)) if m else None
        if m is None or name not in data.by_name or data.by_name[name].type != node_type:
            continue
        if isinstance(claim, Literal):
            out.append(
                Diagnostic.make(
                    "GC507",
                    f"{node_type} claims its profile as text ({text!r}), not as an IRI",
                    where,
                    f'write {{"@id": "{text}"}}',
                )
            )
        named = m.group(1)
        wanted = m.group(2)
        known = data.by_name[name].versions.get(wanted)
        current = profile.versions[profile.current]
        if named != name:
            version = known or current
            out.append(
                Diagnostic.make(
                    "GC523",
                    f"{node_type} claims {text!r}, a profile Bioschemas does not publish (lesson templates use it "
                    f"for {name}); checked against {version.label}",
                    where,
                    f"claim https://bioschemas.org/profiles/{name}/{profile.current}",
                )
            )
        elif known is None:
            version = current
            out.append(
                Diagnostic.make(
                    "GC523",
                    f"{node_type} claims {name} version {wanted!r}, which Bioschemas never published; "
                    f"checked against the current release, {current.label}",
                    where,
                    f"claim https://bioschemas.org/profiles/{name}/{profile.current}",
                )
            )
        else:
            version = known
            if known.name != profile.current:
                kind = "a draft" if "DRAFT" in known.name else "an earlier version"
                out.append(
                    Diagnostic.make(
                        "GC522",
                        f"{node_type} claims {known.label}, {kind}, not the current release {profile.current}; "
                        f"checked against {known.label}",
                        where,
                        f"to conform to the current release, claim "
                        f"https://bioschemas.org/profiles/{name}/{profile.current} and check again",
                    )
                )
        break
    else:
        if claims:
            shown = ", ".join(repr(_claim_text(c)) for c in claims[:3])
            out.append(
                Diagnostic.make(
                    "GC507",
                    f"{node_type} claims {shown}, no Bioschemas profile for a {node_type}",
                    where,
                    f"claim https://bioschemas.org/profiles/{profile.name}/{profile.current}",
                )
            )
    if version is None:
        version = profile.versions[profile.current]
    missing_minimum = [p for p in (*data.standard_minimum, *version.minimum) if not _has(graph, node, p, bare)]
    for prop in missing_minimum:
        out.append(
            Diagnostic.make(
                "GC503",
                f"{node_type} lacks `{prop}`, a minimum property of {version.label}",
                where,
            )
        )
    missing = [p for p in version.recommended if not _has(graph, node, p, bare)]
    if missing:
        out.append(
            Diagnostic.make(
                "GC504",
                f"{node_type} lacks {len(missing)} recommended propert{'y' if len(missing) == 1 else 'ies'} of "
                f"{version.label}: {', '.join(missing)}",
                where,
            )
        )
    return out


def _has(graph: Graph, node: Term, prop: str, bare_claim: bool) -> bool:
    predicates = graph.data.get(node, {})
    if prop == "dct:conformsTo":
        return Iri(DCT_CONFORMS_TO) in predicates or bare_claim
    if prop == "rdf:type":
        return Iri(RDF_TYPE) in predicates
    return Iri(SCHEMA + prop) in predicates


def _unknown_terms(graph: Graph, locator: _Locator) -> list[Diagnostic]:
    known = schema_org_terms()
    out = []
    seen: set[tuple[Term, str]] = set()
    for s, p, o in graph.triples():
        for term in (p, o if p == Iri(RDF_TYPE) else None):
            local = _local(term) if term is not None else None
            if local and local not in known and local != "conformsTo" and (s, local) not in seen:
                seen.add((s, local))
                out.append(
                    Diagnostic.make(
                        "GC515",
                        f"schema:{local} is not a schema.org 30.0 term",
                        locator.node(s),
                        "check the spelling; @vocab turns any unknown key into a schema.org IRI",
                    )
                )
    return out


def _relative_references(read: Read, locator: _Locator) -> list[Diagnostic]:
    out = []
    for s, p, o in read.graph.triples():
        local = _local(p)
        if local in _IRI_VALUED and isinstance(o, Iri) and o.value in read.relative:
            written = read.relative[o.value]
            out.append(
                Diagnostic.make(
                    "GC524",
                    f"`{local}` is {written!r}, a relative reference: a JSON-LD processor (and TeSS) reads it as "
                    f"{o.value!r}, relative to the page's address",
                    locator.node(s),
                    "write the absolute URL (for a licence: its SPDX or creativecommons.org URL)",
                )
            )
    return out
