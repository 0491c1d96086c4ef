"""What ELIXIR TeSS would make of a document: the events and materials it would create, and what it drops.

After the extractors (tess_extract) TeSS's Bioschemas ingestor converts descriptions, de-duplicates the
candidates of a page by url, keeps only permitted fields, builds an Event or a Material (whose setters,
callbacks and validations decide what is stored and what is rejected). This module restates those steps
from ElixirTeSS/TeSS at 7681ab6, as /work/staging/tess/SPEC.md (sections 2 to 7) describes them, for one
page seen as a new record (matching existing records needs TeSS's database and is not previewed).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..diagnostics import Diagnostic, Location
from ..reading.files import DEFAULT_MAX_BYTES, iter_files
from ..report import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE
from .reader import DEFAULT_BASE, Read, read_document
from .ruby_values import ExtractorCrash, RubyDate, RubyDateTime, to_json, to_s
from .tess_extract import extract_all
from .tess_rules import (
    best_match,
    blank,
    difficulty_id,
    licences,
    normalise_licence,
    ruby_strip,
    valid_orcid,
    valid_url,
    vocabularies,
)

FORMAT_VERSION = "1.0"
SUFFIXES = (".jsonld", ".json", ".html", ".htm")
MAX_KEYWORDS = 20
EVENT_FIELDS = tuple(
    [
        "title",
        "subtitle",
        "url",
        "organizer",
        "description",
        "scientific_topic_names",
        "scientific_topic_uris",
        "event_types",
        "keywords",
        "start",
        "end",
        "duration",
        "sponsors",
        "online",
        "venue",
        "city",
        "county",
        "country",
        "postcode",
        "latitude",
        "longitude",
        "node_names",
        "target_audience",
        "host_institutions",
        "capacity",
        "contact",
        "learning_objectives",
        "prerequisites",
        "language",
        "external_resources",
        "instructors",
        "contributors",
    ]
)
MATERIAL_FIELDS = tuple(
    [
        "title",
        "url",
        "description",
        "doi",
        "licence",
        "difficulty_level",
        "version",
        "status",
        "date_created",
        "date_modified",
        "date_published",
        "remote_created_date",
        "prerequisites",
        "learning_objectives",
        "target_audience",
        "keywords",
        "resource_type",
        "scientific_topic_names",
        "scientific_topic_uris",
        "node_names",
        "authors",
        "contributors",
        "external_resources",
    ]
)
_BARE_TAG = re.compile(r"<(li|p|b|i|ul|div|br|strong|em|h1)/?>")


@dataclass
class Rejected:
    """A record TeSS would not save: `type` is "event" or "material".

    `duplicate_of_kept` marks a record dropped for repeating the url of a kept one whose fields include every
    field it has, with the same values: nothing is lost (a CourseInstance nested in a Course is extracted
    twice, once with the course's title and once alone). Such a drop is reported but is not a finding.
    """

    type: str
    title: str | None
    url: str | None
    reasons: list[str]
    duplicate_of_kept: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type, "title": self.title, "url": self.url, "reasons": list(self.reasons),
            "duplicate_of_kept": self.duplicate_of_kept,
        }  # fmt: skip


@dataclass
class DocumentPreview:
    file: str
    format: str = "jsonld"
    events: list[dict[str, Any]] = field(default_factory=list)
    materials: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: what the extractors returned, before any post-extraction step (the oracle tests compare it)
    extracted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def kept(self) -> int:
        return len(self.events) + len(self.materials)

    @property
    def lost(self) -> list[Rejected]:
        """The dropped records whose content TeSS would not have (not the harmless duplicates)."""
        return [r for r in self.rejected if not r.duplicate_of_kept]

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "events": self.events,
            "materials": self.materials,
            "rejected": [r.as_dict() for r in self.rejected],
            "diagnostics": [d.as_dict() for d in sorted(self.diagnostics, key=lambda d: d.sort_key)],
        }


@dataclass
class TessPreview:
    """`tess_preview`'s answer: per document, what TeSS would create and what it would drop, and why.

    Exit code: 2 when a file cannot be read at all; 1 when any document has a record TeSS would reject or
    drop (a duplicate that adds nothing to the record kept excepted), a page TeSS cannot read, or nothing TeSS
    would keep; 0 when everything of every document is kept.
    """

    documents: list[DocumentPreview] = field(default_factory=list)

    def exit_code(self) -> int:
        if any(d.io for doc in self.documents for d in doc.diagnostics):
            return EXIT_USAGE
        for doc in self.documents:
            if doc.lost or doc.diagnostics or doc.kept == 0:
                return EXIT_FINDINGS
        return EXIT_CLEAN

    def as_dict(self) -> dict[str, Any]:
        return {"version": FORMAT_VERSION, "documents": [d.as_dict() for d in self.documents]}

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n"


def tess_preview_paths(paths: Iterable[str], max_bytes: int | None = None, base: str | None = None) -> TessPreview:
    preview = TessPreview()
    for path in iter_files(paths, SUFFIXES):
        preview.documents.append(preview_document(path, max_bytes or DEFAULT_MAX_BYTES, base or DEFAULT_BASE))
    return preview


def preview_document(path: str, max_bytes: int = DEFAULT_MAX_BYTES, base: str = DEFAULT_BASE) -> DocumentPreview:
    read = read_document(path, max_bytes, base)
    doc = DocumentPreview(path, read.format)
    if read.diagnostics:
        doc.diagnostics = read.diagnostics
        return doc
    if read.error is not None:
        doc.diagnostics.append(_unreadable(read))
        return doc
    try:
        extracted = extract_all(read.graph)
    except ExtractorCrash as exc:
        doc.diagnostics.append(
            Diagnostic.make(
                "GC520",
                f"TeSS's extractor fails on this page ({exc}); TeSS drops every record on it",
                Location(path),
            )
        )
        return doc
    doc.extracted = extracted
    events, materials = candidates(extracted)
    doc.events, rejected_events = build(events, "event", base)
    doc.materials, rejected_materials = build(materials, "material", base)
    doc.rejected = rejected_events + rejected_materials
    if not any(extracted.values()):
        doc.diagnostics.append(
            Diagnostic.make(
                "GC521",
                "TeSS finds no Event, Course with a CourseInstance, CourseInstance or LearningResource here",
                Location(path),
                "TeSS reads nodes typed schema:Event, schema:CourseInstance, schema:LearningResource, "
                "and schema:Course only through hasCourseInstance",
            )
        )
    return doc


def _unreadable(read: Read) -> Diagnostic:
    where = Location(read.path)
    if read.remote_context is not None:
        return Diagnostic.make(
            "GC502",
            f"remote context {read.remote_context!r} is not fetched (only schema.org's ships): not previewed",
            where,
            'use "@context": "https://schema.org/"',
        )
    return Diagnostic.make("GC520", f"TeSS cannot read this page and drops it whole: {read.error}", where)


def candidates(extracted: dict[str, list[dict[str, Any]]]) -> tuple[list[Any], list[Any]]:
    """The ingestor's candidates: events + courses + course instances as events, learning resources as
    materials, each (source, converted params)."""
    events = [
        (source, convert_params(params))
        for source in ("events", "courses", "course_instances")
        for params in extracted.get(source, [])
    ]
    materials = [("learning_resources", convert_params(p)) for p in extracted.get("learning_resources", [])]
    return events, materials


def convert_params(params: dict[str, Any]) -> dict[str, Any]:
    """convert_description: TeSS turns a description with simple bare tags into Markdown (ReverseMarkdown);
    the preview keeps the text of it (see README: differences)."""
    out = dict(params)
    description = out.get("description")
    if isinstance(description, str) and _BARE_TAG.search(description):
        out["description"] = ruby_strip(_text(description))
    return out


def metadata_score(params: dict[str, Any]) -> int:
    score = 0
    for value in params.values():
        if value is None or value == {} or value == []:
            continue
        if isinstance(value, str) and ruby_strip(value) == "":
            continue
        score += 1
    return score


def deduplicate(items: list[tuple[str, dict[str, Any]]]) -> tuple[list[Any], list[Any]]:
    """BioschemasIngestor#deduplicate: one record per url (nil included), the first unless a later one has
    strictly more non-empty fields. Returns (kept, dropped) with the record each dropped one lost to."""
    kept: dict[Any, tuple[str, dict[str, Any]]] = {}
    dropped: list[tuple[tuple[str, dict[str, Any]], tuple[str, dict[str, Any]]]] = []
    for item in items:
        key = json.dumps(to_json(item[1].get("url")))
        current = kept.get(key)
        if current is None:
            kept[key] = item
        elif metadata_score(item[1]) > metadata_score(current[1]):
            kept[key] = item
            dropped.append((current, item))
        else:
            dropped.append((item, current))
    return list(kept.values()), dropped


def _contained(params: dict[str, Any], winner: dict[str, Any]) -> bool:
    """Every non-empty field of `params` is in `winner` with the same value."""
    for key, value in params.items():
        if value is None or value == {} or value == [] or (isinstance(value, str) and ruby_strip(value) == ""):
            continue
        if winner.get(key) != value:
            return False
    return True


def build(
    items: list[tuple[str, dict[str, Any]]], kind: str, base: str = DEFAULT_BASE
) -> tuple[list[dict[str, Any]], list[Rejected]]:
    kept, dropped = deduplicate(items)
    records: list[dict[str, Any]] = []
    rejected: list[Rejected] = []
    for (_, params), (_, winner) in dropped:
        url = params.get("url")
        reason = (
            "no url: TeSS keeps one record without a url"
            if url is None
            else "duplicate url: TeSS keeps one record per url, the one with the most fields"
        )
        nothing_lost = url is not None and _contained(params, winner)
        if nothing_lost:
            reason += "; the record kept has every field of this one"
        title = _text_or_none(params.get("title"))
        rejected.append(Rejected(kind, title, _text_or_none(url), [reason], duplicate_of_kept=nothing_lost))
    for source, params in kept:
        record, reasons = event(params) if kind == "event" else material(params, base)
        record = {"source": source.rstrip("s"), **record}
        if reasons:
            rejected.append(Rejected(kind, record.get("title"), record.get("url"), reasons))
        else:
            records.append(record)
    return records, rejected


def _text_or_none(value: Any) -> str | None:
    return None if value is None else to_s(value)


def _permitted(params: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    return {k: params[k] for k in fields if k in params}


def _associations(p: dict[str, Any], people: str, reasons: list[str]) -> dict[str, Any]:
    """The people (an event's instructors, a material's authors), contributors and external resources, which
    both models validate alike; a bad entry adds TeSS's message to `reasons`."""
    out: dict[str, Any] = {}
    for key in (people, "contributors"):
        out[key], bad = _people(p.get(key))
        if bad:
            reasons.append(f"{key.capitalize()} is invalid ({bad})")
    out["external_resources"], bad = _external_resources(p.get("external_resources"))
    if bad:
        reasons.append(f"External resources is invalid ({bad})")
    return out


def event(params: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """EventsController#event_params, then Event: setters, before_validation callbacks, validations."""
    p = _permitted(params, EVENT_FIELDS)
    reasons: list[str] = []
    record: dict[str, Any] = {}
    description = _sanitise(p.get("description"))
    online = p.get("online")
    presence = (
        "online" if online in (True, "1", 1, "true") else "onsite" if online in (False, "0", 0, "false") else None
    )
    keywords = [to_s(k) for k in p.get("keywords") or []]
    target_audience = [to_s(k) for k in p.get("target_audience") or []]
    event_types = [to_s(k) for k in p.get("event_types") or []]
    eligibility: list[str] = []
    venue = p.get("venue")
    # fix_keywords (scraper records, on create): online words, then keywords that name a dictionary entry
    if presence != "online":
        words = vocabularies()["online_keywords"]
        text = (description or "").lower()
        place = to_s(venue).lower() if venue is not None else ""
        if any(w in text for w in words["description"]) or any(w in place for w in words["venue"]):
            presence = "online"
    for name, target in (
        ("target_audience", target_audience),
        ("event_types", event_types),
        ("eligibility", eligibility),
    ):
        for word in list(keywords):
            if word in keywords and best_match(name, word) is not None:
                target.append(word)
                keywords = [k for k in keywords if k != word]
    presence = presence or "onsite"
    title = _auto_strip(p.get("title"))
    url = _auto_strip(p.get("url"))
    keywords = _clean(keywords)
    event_types = [best_match("event_types", t) or t for t in _clean(event_types)]
    eligibility = [best_match("eligibility", t) or t for t in _clean(eligibility)]
    target_audience = _clean(target_audience)
    start, end = _default_times(_datetime(p.get("start")), _datetime(p.get("end")), presence)
    record.update(
        title=title,
        url=url,
        description=_auto_strip(description),
        subtitle=_scalar(p.get("subtitle")),
        start=start,
        end=end,
        duration=_scalar(p.get("duration")),
        presence=presence,
        venue=_scalar(venue),
        city=_scalar(p.get("city")),
        county=_scalar(p.get("county")),
        country=_scalar(p.get("country")),
        postcode=_scalar(p.get("postcode")),
        latitude=_scalar(p.get("latitude")),
        longitude=_scalar(p.get("longitude")),
        capacity=_capacity_value(p.get("capacity")),
        organizer=_scalar(p.get("organizer")),
        contact=_scalar(p.get("contact")),
        language=_scalar(p.get("language")),
        keywords=keywords,
        event_types=event_types,
        target_audience=target_audience,
        eligibility=eligibility,
        host_institutions=_clean([to_s(x) for x in p.get("host_institutions") or []]),
        sponsors=_clean([to_s(x) for x in p.get("sponsors") or []]),
        prerequisites=_scalar(p.get("prerequisites")),
        learning_objectives=_scalar(p.get("learning_objectives")),
        scientific_topic_names=to_json(p.get("scientific_topic_names")),
        scientific_topic_uris=to_json(p.get("scientific_topic_uris")),
        node_names=to_json(p.get("node_names")),
    )
    record.update(_associations(p, "instructors", reasons))
    if title is None:
        reasons.append("Title can't be blank")
    if url is None:
        reasons.append("Url can't be blank")
    if not valid_url(url):
        reasons.append("Url is not a valid URL" + ("" if url is None else f" ({url!r})"))
    reasons += _capacity_reasons(p.get("capacity"))
    invalid_types = [t for t in event_types if t not in vocabularies()["event_types"]]
    if invalid_types:
        reasons.append(f"Event types contained invalid terms: {', '.join(invalid_types)}")
    invalid_eligibility = [t for t in eligibility if t not in vocabularies()["eligibility"]]
    if invalid_eligibility:
        reasons.append(f"Eligibility contained invalid terms: {', '.join(invalid_eligibility)}")
    reasons += _coordinate_reasons(p.get("latitude"), p.get("longitude"))
    if len(keywords) > MAX_KEYWORDS:
        reasons.append(f"Keywords is too long (maximum is {MAX_KEYWORDS}; it has {len(keywords)})")
    language = p.get("language")
    if not blank(language) and language not in vocabularies()["languages"]:
        reasons.append(
            f"Language must be a controlled vocabulary term ({to_s(language)!r}; TeSS accepts "
            "lower-case two-letter codes such as en)"
        )
    return _compact(record), reasons


def material(params: dict[str, Any], base: str = DEFAULT_BASE) -> tuple[dict[str, Any], list[str]]:
    """MaterialsController#material_params, then Material: setters, before_validation, validations."""
    p = _permitted(params, MATERIAL_FIELDS)
    reasons: list[str] = []
    ids, _, _ = licences()
    raw_licence = p.get("licence")
    if raw_licence is None:
        licence = "notspecified"
    elif isinstance(raw_licence, str):
        licence = normalise_licence(raw_licence)
    else:
        licence = to_s(raw_licence)
        reasons.append(f"TeSS fails on a licence that is not text ({licence!r})")
    raw_level = p.get("difficulty_level")
    level = "notspecified" if raw_level is None else difficulty_id(to_s(raw_level))
    title = _auto_strip(p.get("title"))
    url = _auto_strip(p.get("url"))
    description = _auto_strip(_sanitise(p.get("description")))
    keywords = _clean([to_s(k) for k in p.get("keywords") or []])
    resource_type = _clean([to_s(k) for k in p.get("resource_type") or []])
    record: dict[str, Any] = {
        "title": title,
        "url": url,
        "description": description,
        "licence": licence,
        "difficulty_level": level,
        "keywords": keywords,
        "resource_type": resource_type,
        "target_audience": _clean([to_s(k) for k in p.get("target_audience") or []]),
        "doi": _scalar(p.get("doi")),
        "version": _scalar(p.get("version")),
        "status": _scalar(p.get("status")),
        "date_created": _date(p.get("date_created")),
        "date_modified": _date(p.get("date_modified")),
        "date_published": _date(p.get("date_published")),
        "remote_created_date": _date(p.get("remote_created_date")),
        "prerequisites": _scalar(p.get("prerequisites")),
        "learning_objectives": _scalar(p.get("learning_objectives")),
        "scientific_topic_names": to_json(p.get("scientific_topic_names")),
        "scientific_topic_uris": to_json(p.get("scientific_topic_uris")),
        "node_names": to_json(p.get("node_names")),
    }
    record.update(_associations(p, "authors", reasons))
    if title is None:
        reasons.append("Title can't be blank")
    if description is None:
        reasons.append("Description can't be blank")
    if url is None:
        reasons.append("Url can't be blank")
    if not valid_url(url):
        reasons.append("Url is not a valid URL" + ("" if url is None else f" ({url!r})"))
    if "other" in resource_type:
        reasons.append("Other types can't be blank (learningResourceType 'other' needs a type TeSS never reads)")
    if len(keywords) > MAX_KEYWORDS:
        reasons.append(f"Keywords is too long (maximum is {MAX_KEYWORDS}; it has {len(keywords)})")
    if isinstance(raw_licence, str) and licence not in ids:
        relative = licence.startswith(base.rstrip("/") + "/")
        hint = " (a bare id in JSON-LD is a relative IRI: write the licence's full URL)" if relative else ""
        reasons.append(
            f"Licence must be a controlled vocabulary term ({licence!r} maps to no licence TeSS knows){hint}"
        )
    if level not in vocabularies()["difficulty"]:
        reasons.append(
            f"Difficulty level must be a controlled vocabulary term ({level!r}; TeSS knows Beginner, "
            "Intermediate, Advanced, Not specified, written exactly so)"
        )
    return _compact(record), reasons


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None and v != [] and v != ""}


def _scalar(value: Any) -> Any:
    if value is None:
        return None
    return to_json(value)


def _auto_strip(value: Any) -> str | None:
    """auto_strip_attributes: Ruby strip, then nil when blank."""
    if value is None:
        return None
    text = ruby_strip(to_s(value))
    return None if blank(text) else text


def _clean(values: list[str]) -> list[str]:
    """clean_array_fields: drop blank elements, strip the rest."""
    return [ruby_strip(v) for v in values if not blank(v)]


def _text(markup: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    body = LexborHTMLParser(f"<body>{markup}</body>").body
    return str(body.text(deep=True, separator="")) if body is not None else ""


def _sanitise(value: Any) -> str | None:
    """Rails::Html::FullSanitizer: the text, every tag and comment removed, & < > escaped."""
    if value is None:
        return None
    text = to_s(value)
    if "<" in text or "&" in text:
        text = _text(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_DATE_TIME = re.compile(
    r"\A\s*(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?)?\s*(Z|[+-]\d\d:?\d\d)?\s*\Z"
)


def _moment(value: Any) -> dt.datetime | None:
    if isinstance(value, (RubyDateTime, RubyDate)):
        value = value.text
    if not isinstance(value, str):
        return None
    m = _DATE_TIME.match(value)
    if m is None:
        return None
    try:
        moment = dt.datetime(
            int(m.group(1)),
            int(m.group(2)),
            int(m.group(3)),
            int(m.group(4) or 0),
            int(m.group(5) or 0),
            int(m.group(6) or 0),
        )
    except ValueError:
        return None
    zone = m.group(7)
    if zone and zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        moment -= sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return moment


def _datetime(value: Any) -> dt.datetime | None:
    """ActiveRecord's datetime cast (UTC): an unparseable value becomes nil, never an error."""
    return _moment(value)


def _default_times(start: dt.datetime | None, end: dt.datetime | None, presence: str) -> tuple[str | None, str | None]:
    """Event#set_default_times (before_save): midnight starts at 09:00, midnight ends at 17:00."""
    if start is not None and start.time() == dt.time(0):
        start = start.replace(hour=9)
    if end is not None and end.time() == dt.time(0):
        end = end.replace(hour=17)
    if start is not None and end is None:
        end = start + dt.timedelta(hours=1) if presence == "online" else start.replace(hour=17, minute=0, second=0)
    return (
        start.strftime("%Y-%m-%dT%H:%M:%SZ") if start else None,
        end.strftime("%Y-%m-%dT%H:%M:%SZ") if end else None,
    )


def _date(value: Any) -> str | None:
    moment = _moment(value)
    return moment.date().isoformat() if moment else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal)):
        return float(value)
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*", value):
        return float(value)
    return None


def _capacity_reasons(value: Any) -> list[str]:
    if blank(value):
        return []
    number = _number(value)
    if number is None:
        return [f"Capacity is not a number ({to_s(value)!r})"]
    if number < 1:
        return ["Capacity must be greater than or equal to 1"]
    return []


def _capacity_value(value: Any) -> int | None:
    number = _number(value)
    return int(number) if number is not None else None


def _coordinate_reasons(latitude: Any, longitude: Any) -> list[str]:
    reasons = []
    for name, value, limit in (("Latitude", latitude, 90), ("Longitude", longitude, 180)):
        if value is None:
            continue
        number = _number(value)
        if number is None:
            reasons.append(f"{name} is not a number")
        elif not -limit <= number <= limit:
            reasons.append(f"{name} must be between -{limit} and {limit}")
    return reasons


def _people(values: Any) -> tuple[list[dict[str, Any]], str]:
    """HasPeople: each {name, orcid} (or a name) becomes a Person; a blank name or a bad ORCID is invalid."""
    people: list[dict[str, Any]] = []
    problems: list[str] = []
    for value in values or []:
        if isinstance(value, dict):
            if all(blank(v) for v in value.values()):
                continue
            name, orcid = value.get("name"), value.get("orcid")
        else:
            if blank(value):
                continue
            name, orcid = ruby_strip(to_s(value)), None
        person: dict[str, Any] = {"name": None if name is None else to_s(name)}
        if orcid is not None:
            person["orcid"] = to_s(orcid)
        people.append(person)
        if blank(name):
            problems.append("a person without a name")
        if orcid is not None and not valid_orcid(to_s(orcid)):
            problems.append(f"ORCID {to_s(orcid)!r} fails its check")
    return people, "; ".join(problems)


def _external_resources(values: Any) -> tuple[list[dict[str, Any]], str]:
    resources: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    problems: list[str] = []
    for value in values or []:
        if not isinstance(value, dict):
            continue
        title, url = value.get("title"), value.get("url")
        key = (to_s(url), to_s(title))
        if key in seen:
            continue  # remove_duplicate_external_resources
        seen.add(key)
        resources.append({"title": _scalar(title), "url": _scalar(url)})
        if blank(title):
            problems.append(f"a mention without a name ({to_s(url)!r})")
        elif blank(url):
            problems.append(f"mention {to_s(title)!r} has no url")
        elif not valid_url(url):
            problems.append(f"mention url {to_s(url)!r} is not a valid URL")
    return resources, "; ".join(problems)
