"""Bioschemas training pages (JSON-LD files, HTML with embedded JSON-LD or RDFa) as course files.

Documents are read by `jsonld.reader`, the reader `tess-preview` and `check-jsonld` use: the format is decided
from the first bytes as TeSS does, JSON-LD is expanded with the shipped schema.org context only, and what
follows works on the RDF statements, so a page written in JSON-LD or in RDFa gives the same course.

Each `Course` (with its `CourseInstance`s), each `LearningResource`, and each `CourseInstance` or `Event` that
no Course holds becomes one course file. Values are taken only where the page states them and they fit the
course schema; anything else is left out with a TODO naming what the page says. What this project's own export
writes comes back exactly (`export` -> `import bioschemas` -> `export` gives the same bytes; a test):

- the competencies of `teaches` (DefinedTerms of a framework page, `termCode` a competency of the framework)
  cannot be put back on the outcome that named them, since the export lists them for the course as a whole:
  they become one module, "Competencies the page names", which a person may split over the outcomes;
- the other `teaches` values are the learning outcomes, verbatim and in order.

`drafts_from_read` is also what `harvest` calls for every page it fetches.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic, Location, Severity
from ..identifiers import EDAM_IRI, edam_ids, is_http_url, iso639_1, orcid_checksum_ok, spdx_status
from ..jsonld.rdf import RDF_TYPE, SCHEMA, Graph, Iri, Literal, Term
from ..jsonld.reader import DEFAULT_BASE, Read, read_document
from ..reading.files import display_path, iter_files
from ..suggesting import rank
from ..suggesting.annotate import suggestion_lines
from .common import PLACEHOLDERS, Environment, ReadResult, note_suggestions, slug, spdx
from .draft import Draft, Item

NAME = "bioschemas"
SUMMARY = "Bioschemas JSON-LD files and HTML pages (embedded JSON-LD, RDFa), read as TeSS reads them"
SUFFIXES = (".jsonld", ".json", ".html", ".htm", ".xhtml")
#: The module that holds the competencies a page names for the course as a whole (see the docstring).
COMPETENCY_MODULE = "Competencies the page names"
MAX_BYTES = 5_000_000

_TYPE = Iri(RDF_TYPE)
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$")
_DURATION = re.compile(
    r"^P(?!$)([0-9]{1,4}(\.[0-9]{1,4})?W)?([0-9]{1,4}(\.[0-9]{1,4})?D)?"
    r"(T(?=[0-9])([0-9]{1,4}(\.[0-9]{1,4})?H)?([0-9]{1,4}(\.[0-9]{1,4})?M)?([0-9]{1,4}(\.[0-9]{1,4})?S)?)?$"
)
_ORCID = re.compile(r"([0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X])")
_CC = re.compile(r"^https?://creativecommons\.org/(licenses|publicdomain)/([a-z-]+)/(\d\.\d)/?", re.IGNORECASE)
_SPDX_URL = re.compile(r"^https?://spdx\.org/licenses/([A-Za-z0-9.+-]+?)(?:\.html)?/?$")
_TERM_IN_FRAMEWORK = re.compile(r"/framework/#(?P<id>[^/#\s]+)$")
_EXPORTED_INSTANCE = re.compile(r"/courses/[a-z0-9._-]+/#instance-[^/]*$")
_MODES = {
    "onsite": "onsite", "on-site": "onsite", "in person": "onsite", "in-person": "onsite", "face-to-face": "onsite",
    "online": "online", "virtual": "online", "hybrid": "hybrid", "blended": "hybrid",
}  # fmt: skip


def s(local: str) -> Iri:
    return Iri(SCHEMA + local)


class Node:
    """One subject of the graph, read the way the course schema needs it: first values, texts, nodes."""

    def __init__(self, graph: Graph, term: Term, read: Read) -> None:
        self.graph = graph
        self.term = term
        self.read = read

    def all(self, prop: str) -> list[Term]:
        return self.graph.objects(self.term, s(prop))

    def nodes(self, prop: str) -> list[Node]:
        return [Node(self.graph, t, self.read) for t in self.all(prop) if not isinstance(t, Literal)]

    def texts(self, prop: str) -> list[str]:
        return [t.lexical.strip() for t in self.all(prop) if isinstance(t, Literal) and t.lexical.strip()]

    def text(self, prop: str) -> str | None:
        found = self.texts(prop)
        return found[0] if found else None

    def raw_text(self, prop: str) -> str | None:
        """The first literal as written (descriptions keep their white space)."""
        for t in self.all(prop):
            if isinstance(t, Literal) and t.lexical.strip():
                return t.lexical
        return None

    def iri_or_text(self, prop: str) -> str | None:
        """A URL-valued property: an IRI object, else a literal."""
        for t in self.all(prop):
            if isinstance(t, Iri):
                return self.read.relative.get(t.value, t.value) if t.value in self.read.relative else t.value
        return self.text(prop)

    def types(self) -> set[str]:
        return {t.value.removeprefix(SCHEMA) for t in self.graph.objects(self.term, _TYPE) if isinstance(t, Iri)}

    @property
    def iri(self) -> str | None:
        return self.term.value if isinstance(self.term, Iri) else None

    def name(self) -> str | None:
        return self.text("name")


def _url(value: str | None) -> str | None:
    return value if value and is_http_url(value) else None


def _licence(node: Node) -> tuple[str | None, str | None]:
    """(SPDX id, what the page says) from a licence URL (Creative Commons, spdx.org) or a written id."""
    for term in node.all("license"):
        written = node.read.relative.get(term.value) if isinstance(term, Iri) else None
        value = written or (term.value if isinstance(term, Iri) else term.lexical if isinstance(term, Literal) else "")
        value = value.strip()
        if not value:
            continue
        m = _CC.match(value)
        if m:
            kind, code, version = m.group(1).lower(), m.group(2).upper(), m.group(3)
            candidate = "CC0-1.0" if kind == "publicdomain" else f"CC-{code}-{version}"
            return (candidate if spdx_status(candidate) else None), value
        m = _SPDX_URL.match(value)
        if m and spdx_status(m.group(1)):
            return m.group(1), value
        return spdx(value), value
    return None, None


def _language(node: Node) -> tuple[str | None, str | None]:
    """(ISO 639-1 code, what the page says): a code (`en`, `en-GB`) or a Language node's alternateName."""
    codes = iso639_1()
    for term in node.all("inLanguage"):
        if isinstance(term, Literal):
            written = term.lexical.strip()
        else:
            inner = Node(node.graph, term, node.read)
            written = inner.text("alternateName") or inner.name() or ""
        code = written.split("-")[0].lower()
        if written:
            return (code if code in codes else None), written
    return None, None


def _level(node: Node, env: Environment) -> tuple[str | None, str | None]:
    for term in node.all("educationalLevel"):
        if isinstance(term, Literal):
            written = term.lexical.strip()
            candidates = [written]
        else:
            inner = Node(node.graph, term, node.read)
            candidates = [c for c in (inner.text("termCode"), inner.name()) if c]
            written = candidates[-1] if candidates else ""
        for candidate in candidates:
            level = env.framework.level(candidate)
            if level is not None:
                return level.id, written
        if written:
            return None, written
    return None, None


def _competency(node: Node, env: Environment) -> str | None:
    """The framework competency a DefinedTerm stands for, when it is a term of a framework page (ours)."""
    code = node.text("termCode")
    url = node.iri_or_text("url") or ""
    in_set = node.iri_or_text("inDefinedTermSet") or ""
    m = _TERM_IN_FRAMEWORK.search(url)
    if code and code in env.framework.competencies and (in_set.endswith("/framework/") or (m and m["id"] == code)):
        return code
    return None


def _person(node: Node) -> tuple[dict[str, Any] | None, str | None]:
    """A trainer: name, ORCID (from the @id or `identifier`, only with a valid check digit), affiliation."""
    name = node.name()
    if not name:
        return None, None
    person: dict[str, Any] = {"name": name}
    note = None
    for candidate in [node.iri or "", *node.texts("identifier"), *(n.iri or "" for n in node.nodes("identifier"))]:
        m = _ORCID.search(candidate)
        if m and ("orcid.org" in candidate or candidate == m.group(1)):
            if orcid_checksum_ok(m.group(1)):
                person["orcid"] = m.group(1)
            else:
                note = f"{name}: the ORCID iD {m.group(1)} the page gives fails its check digit; left out"
            break
    affiliation = node.text("affiliation") or next((a.name() for a in node.nodes("affiliation") if a.name()), None)
    if affiliation:
        person["affiliation"] = affiliation
    return person, note


def _organisation(node: Node) -> dict[str, Any] | None:
    name = node.name()
    if not name:
        return None
    url = _url(node.iri_or_text("url"))
    return {"name": name, "url": url} if url else {"name": name}


def _prerequisite(term: Term, node: Node, env: Environment, as_term: bool) -> dict[str, Any] | None:
    """An AlignmentObject or DefinedTerm naming a framework competency becomes `{competency, level}`; any
    other prerequisite is kept as text (with its URL)."""
    if isinstance(term, Literal):
        return {"text": term.lexical.strip()} if term.lexical.strip() else None
    inner = Node(node.graph, term, node.read)
    if as_term or "DefinedTerm" in inner.types():
        cid = _competency(inner, env)
        if cid:
            return {"competency": cid}
    target = inner.iri_or_text("targetUrl") or ""
    m = _TERM_IN_FRAMEWORK.search(target)
    name = inner.text("targetName") or inner.name() or ""
    if m and m["id"] in env.framework.competencies:
        cid = m["id"]
        label = str(env.framework.competencies[cid].get("label", cid))
        rest = name.removeprefix(f"{cid} {label}") if name.startswith(f"{cid} {label}") else None
        level = re.fullmatch(r" \((.+)\)", rest or "")
        if rest == "":
            return {"competency": cid}
        if level and env.framework.level(level.group(1)):
            return {"competency": cid, "level": level.group(1)}
    url = inner.iri_or_text("url") or target
    if name:
        return {"text": f"{name} ({url})" if url and url not in name else name}
    return {"text": url} if url else None


def _date(value: str | None) -> str | None:
    m = _DATE.match(value or "")
    return m.group(1) if m else None


def _location(instance: Node) -> tuple[dict[str, Any] | None, set[str]]:
    """The physical place (name, street, city, postal code, country) and which kinds of location were given."""
    kinds: set[str] = set()
    place: dict[str, Any] | None = None
    for term in instance.all("location"):
        if isinstance(term, Literal):
            if term.lexical.strip() and term.lexical.strip() != "Location not stated":
                kinds.add("Place")
                place = place or {"name": term.lexical.strip()}
            continue
        node = Node(instance.graph, term, instance.read)
        types = node.types()
        if "VirtualLocation" in types:
            kinds.add("VirtualLocation")
            continue
        name = node.name()
        if name == "Location not stated":
            continue
        kinds.add("Place")
        address = next(iter(node.nodes("address")), None)
        found: dict[str, Any] = {}
        if name:
            found["name"] = name
        if address is not None:
            for key, prop in (("street_address", "streetAddress"), ("city", "addressLocality"),
                              ("postal_code", "postalCode"), ("country", "addressCountry")):  # fmt: skip
                value = address.text(prop) or next((n.name() for n in address.nodes(prop) if n.name()), None)
                if value:
                    found[key] = value
        if found and "name" not in found:
            found["name"] = ", ".join(str(found[k]) for k in ("city", "country") if k in found) or "Venue"
        if found and place is None:
            place = found
    return place, kinds


def _virtual_name(instance: Node) -> str | None:
    for node in instance.nodes("location"):
        if "VirtualLocation" in node.types() and node.name() and node.name() != "Online":
            return node.name()
    return None


def _instance(instance: Node, course_language: str | None, notes: list[str]) -> dict[str, Any] | None:
    start = _date(instance.text("startDate"))
    where = instance.iri or instance.name() or "an instance"
    if start is None:
        notes.append(f"TODO: instances: {where} gives no start date the schema can read "
                     f"({instance.text('startDate')!r}); add it with its mode")  # fmt: skip
        return None
    place, kinds = _location(instance)
    modes = {_MODES.get(m.lower().strip()) for m in instance.texts("courseMode")} - {None}
    if modes == {"onsite", "online"} or "hybrid" in modes:
        mode = "hybrid"
    elif len(modes) == 1:
        mode = modes.pop() or ""
    elif kinds:
        mode = (
            "hybrid" if kinds == {"Place", "VirtualLocation"} else "online" if "VirtualLocation" in kinds else "onsite"
        )
        notes.append(f"instance {start}: mode from its location ({' and '.join(sorted(kinds))}); the page gives no "
                     "courseMode")  # fmt: skip
    else:
        notes.append(f"TODO: instances: the instance of {start} states neither a mode nor a location; add it")
        return None
    out: dict[str, Any] = {"start_date": start}
    end = _date(instance.text("endDate"))
    if end and end < start:
        notes.append(f"TODO: instances: the instance of {start} ends ({end}) before it starts; end_date left out")
    elif end:
        out["end_date"] = end
    out["mode"] = mode
    if mode == "online":
        name = _virtual_name(instance)
        if name:
            out["location"] = {"name": name}
    elif place:
        out["location"] = place
    capacity = instance.text("maximumAttendeeCapacity")
    if capacity and capacity.isdigit() and int(capacity) >= 1:
        out["capacity"] = int(capacity)
    url = _url(instance.iri_or_text("url")) or _url(instance.iri)
    if url and url == instance.iri and _EXPORTED_INSTANCE.search(url):
        url = None  # this project's export gives an instance without a url of its own its @id: none was stated
    if url:
        out["url"] = url
    language, _ = _language(instance)
    if language and language != course_language:
        out["language"] = language
    return out


class Builder:
    """One course file from one training node of a document."""

    def __init__(self, node: Node, env: Environment, shown: str, used: set[str]) -> None:
        self.node = node
        self.env = env
        self.shown = shown
        self.used = used
        self.notes: list[str] = []
        self.notes_for_outcomes: list[str] = []

    def course_id(self, draft_title: str) -> str:
        given = self.node.text("identifier") or ""
        candidate = given if _ID.match(given) and re.search(r"[a-z]", given) else ""
        if not candidate:
            address = re.sub(r"^[a-z]+://[^/]*", "", self.node.iri or self.node.iri_or_text("url") or "")
            tail = address.split("#")[0].rstrip("/").rsplit("/", 1)[-1]  # the page's name, never its host
            candidate = slug(draft_title) if not tail or tail.startswith(("#", "index")) else slug(tail, "")
            candidate = slug(draft_title) if not re.search(r"[a-z]", candidate) else candidate
        cid, n = candidate, 1
        while cid in self.used:
            n += 1
            cid = f"{candidate[:95]}-{n}"
        self.used.add(cid)
        return cid

    def build(self, kind: str, instances: list[Node], page_url: str | None, header: list[str]) -> Draft:
        node, env = self.node, self.env
        title = node.name() or ""
        draft = Draft("course", self.course_id(title or "course"), sources=[self.shown])
        draft.header = header
        if title:
            draft.set("title", " ".join(title.split()))
        else:
            draft.fields["title"] = ""
            draft.todo("title", "the page names none")
        description = node.raw_text("description")
        if description:
            draft.set("description", description)
        else:
            draft.fields["description"] = ""
            draft.todo("description", "the page gives none; describe the course")
        url = _url(node.iri_or_text("url")) or _url(node.iri) or _url(page_url)
        draft.set("url", url)
        source = _url(node.iri_or_text("isBasedOn")) or _url(page_url)
        draft.set("source_url", source)
        self._keywords(draft)
        level, written = _level(node, env)
        if level:
            draft.set("level", level)
        else:
            draft.todo("level", f"the page says {written!r}, which is no level of the framework" if written
                       else "the page states none; add introductory, intermediate or advanced")  # fmt: skip
        duration = node.text("timeRequired")
        if duration and _DURATION.match(duration):
            draft.set("duration", duration)
        else:
            draft.todo("duration", f"the page says {duration!r}, not an ISO 8601 duration" if duration
                       else "the page states none")  # fmt: skip
        language, written = _language(node)
        if language:
            draft.set("language", language)
        elif written:
            draft.todo("language", f"the page says {written!r}, not an ISO 639-1 code")
        licence, written = _licence(node)
        if licence:
            draft.set("license", licence)
        else:
            draft.todo("license", f"the page says {written!r}, which is no SPDX licence id" if written
                       else "the page states none")  # fmt: skip
        audience = [a for a in self._audience() if a]
        draft.set("target_audience", audience)
        self._prerequisites(draft, kind)
        self._teaches(draft)
        tools = [{"name": t.name(), **({"url": u} if (u := _url(t.iri_or_text("url"))) else {})}
                 for t in node.nodes("mentions") if t.name()]  # fmt: skip
        if tools:
            draft.set("tools", tools, "TODO: tools: the page does not say which are open source (`open_source`)")
        self._trainers(draft, kind, instances)
        organiser = next((o for o in (_organisation(n) for n in node.nodes("provider")) if o), None)
        if organiser is None:
            for inst in instances:
                organiser = next((o for o in (_organisation(n) for n in inst.nodes("organizer")) if o), None)
                if organiser:
                    break
        if organiser is None and kind in ("CourseInstance", "Event"):
            organiser = next((o for o in (_organisation(n) for n in node.nodes("organizer")) if o), None)
        if organiser:
            draft.set("organiser", organiser)
        materials = []
        for part in node.nodes("hasPart"):
            material_url = _url(part.iri_or_text("url")) or _url(part.iri)
            if material_url is None:
                continue
            material: dict[str, Any] = {}
            if part.name():
                material["title"] = part.name()
            material["url"] = material_url
            part_licence, _ = _licence(part)
            if part_licence:
                material["license"] = part_licence
            materials.append(material)
        draft.set("materials", materials)
        topics, others = self._edam()
        draft.set("edam_topics", topics)
        if others:
            draft.note(
                "edam_topics",
                f"the page's `about` also names {', '.join(others)}: not EDAM topics this project knows; left out",
            )
        if kind == "Course" or kind in ("CourseInstance", "Event"):
            found = [i for i in (_instance(inst, language, self.notes) for inst in instances) if i]
            seen_urls: set[str] = set()
            for instance in found:
                if instance.get("url") in seen_urls:
                    self.notes.append(
                        f"instance {instance['start_date']}: the page gives it the url of an earlier "
                        "instance; left out (registries that de-duplicate by url would keep one)"
                    )
                    del instance["url"]
                seen_urls.add(instance.get("url", ""))
            draft.set("instances", found)
        if self.notes:
            draft.note("instances", *self.notes)
        return draft

    def _keywords(self, draft: Draft) -> None:
        words: list[str] = []
        for term in self.node.all("keywords"):
            if isinstance(term, Literal):
                parts = [p.strip() for p in term.lexical.split(",")]
            else:
                parts = [Node(self.node.graph, term, self.node.read).name() or ""]
            words += [p for p in parts if p and p not in words]
        draft.set("keywords", words)

    def _audience(self) -> Iterator[str]:
        for term in self.node.all("audience"):
            if isinstance(term, Literal):
                yield term.lexical.strip()
                continue
            inner = Node(self.node.graph, term, self.node.read)
            for prop in ("audienceType", "educationalRole", "name"):
                value = inner.text(prop)
                if value:
                    yield value
                    break

    def _prerequisites(self, draft: Draft, kind: str) -> None:
        found: list[dict[str, Any]] = []
        for prop, as_term in (("coursePrerequisites", False), ("competencyRequired", True)):
            for term in self.node.all(prop):
                item = _prerequisite(term, self.node, self.env, as_term)
                if item:  # no de-duplication: each blank node is one statement of the page
                    found.append(item)
        draft.set("prerequisites", found)
        if not found:
            draft.todo("prerequisites", "the page states none; write `prerequisites: []` if none are needed")

    def _teaches(self, draft: Draft) -> None:
        competencies: list[str] = []
        statements: list[str] = []
        for term in self.node.all("teaches"):
            if isinstance(term, Literal):
                statements.append(term.lexical)
                continue
            inner = Node(self.node.graph, term, self.node.read)
            cid = _competency(inner, self.env)
            if cid:
                if cid not in competencies:
                    competencies.append(cid)
            elif inner.name():
                statements.append(inner.name() or "")
        outcomes = self._outcomes(statements)
        draft.note("learning_outcomes", *self.notes_for_outcomes)
        draft.set("learning_outcomes", outcomes)
        if outcomes and competencies:
            draft.note(
                "learning_outcomes",
                "TODO: competencies: the page names competencies for the whole course (the module "
                f"{COMPETENCY_MODULE!r}), not per outcome; add `competencies: [ID]` to each outcome",
            )
        elif outcomes:
            note_suggestions(draft, self.env)
        else:
            draft.todo("learning_outcomes", "the page states none (`teaches`); add what learners can do afterwards")
        if competencies:
            draft.set(
                "modules",
                [Item({"title": COMPETENCY_MODULE, "competencies": competencies},
                      ["the competencies the page's `teaches` names for the whole course (DefinedTerms of the",
                       "framework); move each to the outcome that teaches it"])],
            )  # fmt: skip

    def _outcomes(self, statements: list[str]) -> list[Item]:
        """Every statement exactly as the page writes it (a JSON-LD string is not wrapped text: nothing to
        normalise), with its suggestions as comments; placeholders such as "TBD" are not outcomes."""
        items: list[Item] = []
        for statement in statements:
            if not statement.strip() or statement.strip().lower() in PLACEHOLDERS:
                self.notes_for_outcomes.append(f"the page lists the placeholder objective {statement!r}; not imported")
                continue
            comments = [] if items else [f"from `teaches` of {self.shown}"]
            if self.env.suggestions:
                comments += suggestion_lines(rank(statement, self.env.framework, limit=self.env.suggestions))
            items.append(Item({"statement": statement}, comments))
        return items

    def _trainers(self, draft: Draft, kind: str, instances: list[Node]) -> None:
        people: list[dict[str, Any]] = []
        sources = [self.node] if kind != "Course" else instances
        props = ("author",) if kind == "LearningResource" else ("instructor",)
        for holder in sources:
            for prop in props:
                for person_node in holder.nodes(prop):
                    person, note = _person(person_node)
                    if note:
                        draft.note("trainers", note)
                    if person and person not in people:
                        people.append(person)
        draft.set("trainers", people)

    def _edam(self) -> tuple[list[str], list[str]]:
        """EDAM topics of `about` (stable topics, or EDAM-bioimaging ids), and the other EDAM IRIs it names."""
        from ..checks.references import edam_bioimaging

        out: list[str] = []
        others: list[str] = []
        for term in self.node.all("about"):
            if not isinstance(term, Iri) or not term.value.startswith(EDAM_IRI):
                continue
            local = term.value.removeprefix(EDAM_IRI)
            if local.startswith("topic_") and local in edam_ids():
                value = f"edam:{local}"
            elif local in edam_bioimaging():
                value = f"edam-bi:{local}"
            else:
                others.append(term.value)
                continue
            if value not in out:
                out.append(value)
        return out, others


def training_nodes(graph: Graph, read: Read) -> Iterator[tuple[str, Node, list[Node]]]:
    """(kind, node, its instances): every Course, LearningResource, and Event or CourseInstance no Course
    holds, in the order the statements came."""
    held: set[Term] = set()
    found: list[tuple[str, Node, list[Node]]] = []
    for subject in list(graph.data):
        node = Node(graph, subject, read)
        types = node.types()
        if "Course" in types:
            instances = node.nodes("hasCourseInstance")
            held.update(i.term for i in instances)
            found.append(("Course", node, instances))
        elif "LearningResource" in types:
            found.append(("LearningResource", node, []))
    for subject in list(graph.data):
        node = Node(graph, subject, read)
        types = node.types()
        if subject in held or "Course" in types or "LearningResource" in types:
            continue
        if "CourseInstance" in types or "Event" in types:
            found.append(("CourseInstance" if "CourseInstance" in types else "Event", node, [node]))
    yield from found


def header_lines(env: Environment, shown: str, read: Read, node: Node, kind: str, fetched: str | None) -> list[str]:
    where = f"the {kind} {node.iri}" if node.iri else f"{'an' if kind[0] in 'AEIOU' else 'a'} {kind} node"
    lines = [
        f"Imported by globias-curriculum {env.version} (`globias-curriculum import {env.format}`) on {env.today}",
        f"from {where}",
        f"of {shown} ({'JSON-LD' if read.format == 'jsonld' else 'HTML: JSON-LD scripts and RDFa'}), read as TeSS "
        "reads it.",
    ]
    if fetched:
        lines.append(fetched)
    lines += [
        "Texts are the page's own words. What the page does not say, or says in a form the schema cannot hold, is",
        "left out with a TODO; competency suggestions are comments for a person to accept. Re-importing replaces",
        "this file only while it is unedited.",
    ]
    return lines


def drafts_from_read(
    read: Read, env: Environment, shown: str, used: set[str], page_url: str | None = None, fetched: str | None = None
) -> tuple[list[Draft], list[Diagnostic]]:
    """Course drafts from a document already read; `page_url` is where it was published (harvest), `fetched`
    a header line saying when."""
    where = Location(shown)
    if read.diagnostics:
        return [], list(read.diagnostics)
    if read.error:
        return [], [Diagnostic.make("GC520", f"the document cannot be read as TeSS reads it: {read.error}", where)]
    drafts = []
    skipped: list[Diagnostic] = []
    for kind, node, instances in training_nodes(read.graph, read):
        if kind in ("CourseInstance", "Event") and not node.name():
            message = f"a {kind} without a name ({node.iri or 'a blank node'}) is no course; not imported"
            skipped.append(Diagnostic.make("GC521", message, where, severity=Severity.INFO))
            continue
        builder = Builder(node, env, shown, used)
        drafts.append(builder.build(kind, instances, page_url, header_lines(env, shown, read, node, kind, fetched)))
    if not drafts and skipped:
        return [], skipped
    if not drafts:
        message = "no Course, CourseInstance, Event or LearningResource in the document: nothing to import"
        return [], [Diagnostic.make("GC521", message, where, severity=Severity.INFO)]
    return drafts, skipped


def iter_sources(sources: list[str]) -> Iterator[str]:
    """The files named, and the JSON-LD and HTML files under the folders named (sorted, hidden skipped)."""
    for source in sources:
        if os.path.isdir(source):
            yield from iter_files([source], SUFFIXES)
        else:
            yield source


def read(sources: list[str], environment: Environment) -> ReadResult:
    drafts: list[Draft] = []
    diagnostics: list[Diagnostic] = []
    used: set[str] = set()
    for path in iter_sources(sources):
        shown = display_path(path)
        document = read_document(path, MAX_BYTES, DEFAULT_BASE)
        found, problems = drafts_from_read(document, environment, shown, used)
        drafts += found
        diagnostics += problems
    return ReadResult(drafts, diagnostics)
