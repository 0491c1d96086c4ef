"""TeSS's Bioschemas extractors (ElixirTeSS/TeSS_RDF_Extractors at 88f5401), reimplemented query by query.

Each function answers one of the gem's queries on our `Graph` with the same patterns, the same order of
solutions and the same Ruby value rules (ruby_values), so the hashes equal what the gem returns: the oracle
tests in tests/test_oracle.py run the gem itself and compare. Where the gem would raise on odd values, this
raises ExtractorCrash and the caller drops the page, as TeSS does.
"""

from __future__ import annotations

import re
from typing import Any

from .rdf import RDF_TYPE, SCHEMA, Graph, Iri, Pattern, Term, Var
from .ruby_values import (
    ExtractorCrash,
    RubyDate,
    RubyDateTime,
    parse_value,
    ruby_sorted,
    ruby_split,
    strip,
    to_s,
    union,
    uniq,
)

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DCT_DATE = "http://purl.org/dc/terms/date"
SIOC_HAS_CREATOR = "http://rdfs.org/sioc/ns#has_creator"
TYPE = Iri(RDF_TYPE)
_ORCID = re.compile(r"([0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9xX])")
_EDAM = re.compile(r"http://edamontology\.org/.+")
_ELIXIR = re.compile(r"ELIXIR[ \t\r\n\f\v]?", re.IGNORECASE)
_ONLINE = re.compile(r"\s*online\s*", re.IGNORECASE)
_DOI = re.compile(r"10\.[0-9]{4,}")
_DURATION = re.compile(r"P([^T\n]+)T?(.*)")
_PERIOD = re.compile(r"([0-9]+)([YMWD])")


def s(local: str) -> Iri:
    return Iri(SCHEMA + local)


def v(name: str) -> Var:
    return Var(name)


def opt(subject: Any, predicate: Any, obj: Any) -> Pattern:
    return Pattern(subject, predicate, obj, optional=True)


class Extractor:
    """Extraction (the gem's module): the queries every extractor shares."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.resource: Term = Iri("")

    def query(self, *patterns: Pattern) -> list[dict[str, Any]]:
        return [{k: parse_value(t) for k, t in sol.items()} for sol in self.graph.query(patterns)]

    def values(self, predicate: Iri, subject: Term | None = None) -> list[Any]:
        found = self.query(Pattern(subject or self.resource, predicate, v("value")))
        return ruby_sorted(uniq([r["value"] for r in found if r.get("value") is not None]))

    def value(self, predicate: Iri, subject: Term | None = None) -> Any:
        values = self.values(predicate, subject)
        return values[0] if values else None

    def names(self, predicate: Iri, subject: Term | None = None) -> list[Any]:
        found = self.query(
            Pattern(subject or self.resource, predicate, v("thing")), Pattern(v("thing"), s("name"), v("name"))
        )
        return ruby_sorted(uniq([r["name"] for r in found if r.get("name") is not None]))

    def people(self, predicate: Iri) -> list[dict[str, Any]]:
        people = []
        for r in self.query(
            Pattern(self.resource, predicate, v("person")),
            Pattern(v("person"), s("name"), v("name")),
            opt(v("person"), s("identifier"), v("identifier")),
        ):
            person: dict[str, Any] = {"name": r.get("name")}
            for attr in ("person", "identifier"):
                value = r.get(attr)
                if value is not None and value is not False:
                    if not isinstance(value, str):
                        raise ExtractorCrash(f"undefined method `match' for {to_s(value)}")
                    m = _ORCID.search(value)
                    if m:
                        person["orcid"] = m.group(1)
            people.append(person)
        return people

    def contact(self, predicate: Iri) -> dict[str, Any] | None:
        found = self.query(
            Pattern(self.resource, predicate, v("person")),
            opt(v("person"), s("name"), v("name")),
            opt(v("person"), s("email"), v("email")),
        )
        return found[0] if found else None

    def names_or_values(self, predicate: Iri, subject: Term | None = None) -> list[Any]:
        return ruby_sorted(union(self.names(predicate, subject), self.values(predicate, subject)))

    def keyword_like(self, predicate: Iri) -> list[Any]:
        values = self.names(predicate)
        text_values = self.values(predicate)
        if len(text_values) == 1:
            first = text_values[0]
            if not isinstance(first, str):
                raise ExtractorCrash(f"undefined method `split' for {to_s(first)}")
            split: list[Any] = [strip(part) for part in ruby_split(first, ",")]
            return union(values, split)
        return union(values, text_values)

    def nodes(self) -> list[Any]:
        out = []
        for r in self.query(
            Pattern(self.resource, s("provider"), v("provider")),
            Pattern(v("provider"), TYPE, s("Organization")),
            Pattern(v("provider"), s("name"), v("node_name")),
        ):
            name = r.get("node_name")
            if not isinstance(name, str):
                raise ExtractorCrash("undefined method `sub'")
            out.append(_ELIXIR.sub("", name, count=1))
        return out

    def topics(self) -> dict[str, Any]:
        results: dict[str, Any] = {}
        for r in self.query(
            Pattern(self.resource, s("about"), v("uri")),
            Pattern(v("uri"), TYPE, s("DefinedTerm")),
            opt(v("uri"), s("name"), v("name")),
        ):
            name = r.get("name")
            if name is not None and name is not False:
                results.setdefault("scientific_topic_names", []).append(name)
            uri = r.get("uri")
            if isinstance(uri, str):
                m = _EDAM.search(uri)
                if m:
                    results.setdefault("scientific_topic_uris", []).append(m.group(0))
        return remove_blanks(results)

    def location(self) -> dict[str, Any]:
        address = [
            Pattern(v("postal_address"), TYPE, s("PostalAddress")),
            opt(v("postal_address"), s("name"), v("venue")),
            opt(v("postal_address"), s("streetAddress"), v("street_address")),
            opt(v("postal_address"), s("addressLocality"), v("locality")),
            opt(v("postal_address"), s("addressRegion"), v("region")),
            opt(v("postal_address"), s("addressCountry"), v("country")),
            opt(v("postal_address"), s("postalCode"), v("postcode")),
        ]
        found = self.query(
            Pattern(self.resource, s("location"), v("place")),
            opt(v("place"), s("name"), v("venue")),
            opt(v("place"), s("geo"), v("geo")),
            opt(v("geo"), s("longitude"), v("longitude")),
            opt(v("geo"), s("latitude"), v("latitude")),
            Pattern(v("place"), s("address"), v("postal_address")),
            *address,
        )
        if not found:
            found = self.query(Pattern(self.resource, s("location"), v("postal_address")), *address)
        location: dict[str, Any] = dict(found[0]) if found else {"venue": self.value(s("location"))}
        virtual = self.query(
            Pattern(self.resource, s("location"), v("location")),
            Pattern(v("location"), TYPE, s("VirtualLocation")),
            Pattern(v("location"), s("name"), v("name")),
            opt(v("location"), s("url"), v("url")),
        )
        venue = [x for x in (location.get("venue"), location.pop("street_address", None)) if x is not None]
        if venue:
            location["venue"] = ", ".join(to_s(x) for x in venue)
        if "locality" in location:
            location["city"] = location.pop("locality")
        if "region" in location:
            location["county"] = location.pop("region")
        if virtual:
            first = virtual[0]
            online_place = " - ".join(to_s(x) for x in (first.get("name"), first.get("url")) if x is not None)
            parts = [x for x in (location.get("venue"), online_place) if x is not None]
            location["venue"] = ", ".join(to_s(x) for x in parts)
            if location.get("online") in (None, False):
                location["online"] = True
        return remove_blanks(location)

    def online(self) -> bool | None:
        modes = self.values(s("courseMode"))
        if not modes:
            return None
        return any(isinstance(m, str) and _ONLINE.search(m) is not None for m in modes)

    def course_prerequisites(self) -> Any:
        prereqs = []
        for r in self.query(
            Pattern(self.resource, s("coursePrerequisites"), v("prereq")),
            opt(v("prereq"), s("targetName"), v("name")),
            opt(v("prereq"), s("targetUrl"), v("url")),
            opt(v("prereq"), s("name"), v("name")),
            opt(v("prereq"), s("url"), v("url")),
        ):
            name = r.get("name")
            if name is not None and name is not False:
                prereqs.append(markdownify_link(name, r.get("url")))
            elif isinstance(r.get("prereq"), str):
                prereqs.append(r["prereq"])
        return markdownify_list(prereqs)

    def audience(self) -> list[Any]:
        found = self.query(
            Pattern(self.resource, s("audience"), v("audience")),
            opt(v("audience"), s("educationalRole"), v("target_audience")),
            opt(v("audience"), s("audienceType"), v("target_audience")),
            opt(v("audience"), s("name"), v("target_audience")),
            opt(v("audience"), Iri(RDFS_LABEL), v("target_audience")),
        )
        return [r["target_audience"] for r in found if r.get("target_audience") is not None]

    def mentions(self) -> list[dict[str, Any]]:
        found = self.query(
            Pattern(self.resource, s("mentions"), v("mention")),
            opt(v("mention"), s("name"), v("name")),
            opt(v("mention"), s("url"), v("url")),
        )
        return [{"title": r.get("name"), "url": r.get("url")} for r in found]

    def language(self) -> Any:
        values = self.names_or_values(s("inLanguage"))
        if not values:
            return None
        first = values[0]
        if not isinstance(first, str):
            raise ExtractorCrash(f"undefined method `split' for {to_s(first)}")
        parts = ruby_split(first, "-")
        return parts[0] if parts else None

    def names_or_ids(self, predicate: Iri) -> list[Any]:
        out = []
        for r in self.query(
            Pattern(self.resource, predicate, v("thing")),
            opt(v("thing"), s("name"), v("name")),
            opt(v("thing"), s("url"), v("url")),
        ):
            name = r.get("name")
            if name is None:
                out.append(r.get("thing"))
                continue
            if not isinstance(name, str):
                raise ExtractorCrash(f"undefined method `+' for {to_s(name)}")
            if r.get("thing") is not None and r.get("thing") is not False:
                name += f" ({to_s(r['thing'])})"
            elif r.get("url") is not None and r.get("url") is not False:
                name += f" ({to_s(r['url'])})"
            out.append(name)
        return ruby_sorted(uniq([x for x in out if x is not None]))

    def base_params(self) -> dict[str, Any]:
        params: dict[str, Any] = {
            "title": self.value(s("name")),
            "description": self.value(s("description")),
            "url": self.value(s("url")),
        }
        if isinstance(self.resource, Iri) and params["url"] is None:
            params["url"] = self.resource.value
        params["keywords"] = self.keyword_like(s("keywords"))
        params["node_names"] = self.nodes()
        params.update(self.topics())
        return remove_blanks(params)


class EventExtractor(Extractor):
    def params(self) -> dict[str, Any]:
        params = self.base_params()
        params["subtitle"] = self.value(s("alternateName"))
        params["start"] = self.value(s("startDate"))
        params["end"] = self.value(s("endDate"))
        params["duration"] = self.value(s("duration"))
        if _falsy(params["end"]) and not _falsy(params["start"]) and not _falsy(params["duration"]):
            params["end"] = modify_date(params["start"], params["duration"])
        params["online"] = self.online()
        params.update(self.location())
        params["organizer"] = ", ".join(to_s(x) for x in self.names_or_ids(s("organizer")))
        params["capacity"] = self.value(s("maximumAttendeeCapacity"))
        contact = self.contact(s("contact"))
        if contact is not None:
            params["contact"] = " - ".join(
                to_s(x) for x in (contact.get("name"), contact.get("email")) if x is not None
            )
        legacy = self.values(s("topic"))
        if legacy:
            params["scientific_topic_names"] = union(params.get("scientific_topic_names") or [], legacy)
        params["host_institutions"] = self.names(s("hostInstitution"))
        params["sponsors"] = union(self.names(s("sponsor")), self.names(s("funder")))
        params["prerequisites"] = self.course_prerequisites()
        params["learning_objectives"] = markdownify_list(self.names_or_values(s("teaches")))
        params["target_audience"] = self.audience()
        params["language"] = self.language()
        return remove_blanks(params)

    def extract(self) -> list[dict[str, Any]]:
        out = []
        for sol in self.graph.query([Pattern(v("individual"), TYPE, s("Event"))]):
            self.resource = sol["individual"]
            out.append(self.params())
        return out


class CourseInstanceExtractor(EventExtractor):
    def params(self) -> dict[str, Any]:
        params = super().params()
        params["event_types"] = ["workshops_and_courses"]
        params["contributors"] = self.people(s("contributor"))
        params["instructors"] = self.people(s("instructor"))
        return remove_blanks(params)

    def extract(self) -> list[dict[str, Any]]:
        out = []
        for sol in self.graph.query([Pattern(v("individual"), TYPE, s("CourseInstance"))]):
            self.resource = sol["individual"]
            out.append(self.params())
        return out


class CourseExtractor(CourseInstanceExtractor):
    def extract(self) -> list[dict[str, Any]]:
        out = []
        for sol in self.graph.query(
            [Pattern(v("course"), TYPE, s("Course")), Pattern(v("course"), s("hasCourseInstance"), v("individual"))]
        ):
            self.resource = sol["course"]
            course_params = self.params()
            self.resource = sol["individual"]
            course_params["external_resources"] = self.mentions()
            course_params.update(self.params())
            out.append(course_params)
        return out


class LearningResourceExtractor(Extractor):
    def params(self) -> dict[str, Any]:
        params = self.base_params()
        params["prerequisites"] = markdownify_list(self.names_or_values(s("competencyRequired")))
        params["learning_objectives"] = markdownify_list(self.names_or_values(s("teaches")))
        params["licence"] = self.value(s("license"))
        params["remote_created_date"] = self.value(Iri(DCT_DATE))
        levels = self.names_or_values(s("educationalLevel"))
        params["difficulty_level"] = levels[0] if levels else None
        identifier = self.value(s("identifier"))
        if isinstance(identifier, str) and _DOI.search(identifier):
            params["doi"] = identifier
        params["version"] = self.value(s("version"))
        params["date_created"] = self.value(s("dateCreated"))
        params["date_modified"] = self.value(s("dateModified"))
        params["date_published"] = self.value(s("datePublished"))
        params["status"] = self.value(s("creativeWorkStatus"))
        authors: list[Any] = list(self.people(s("author")))
        params["authors"] = union(authors, ruby_sorted(self.names(Iri(SIOC_HAS_CREATOR))))
        params["contributors"] = self.people(s("contributor"))
        params["target_audience"] = self.audience()
        params["resource_type"] = self.values(s("learningResourceType"))
        params["external_resources"] = self.mentions()
        return remove_blanks(params)

    def extract(self) -> list[dict[str, Any]]:
        out = []
        for sol in self.graph.query([Pattern(v("individual"), TYPE, s("LearningResource"))]):
            self.resource = sol["individual"]
            out.append(self.params())
        return out


def _falsy(value: Any) -> bool:
    return value is None or value is False


def remove_blanks(params: dict[str, Any]) -> dict[str, Any]:
    for key in [k for k, value in params.items() if value is None or value == "" or value == []]:
        if not isinstance(params[key], bool):
            del params[key]
    return params


def markdownify_link(name: Any, url: Any) -> Any:
    if url is None:
        return name
    return f"[{to_s(name)}]({to_s(url)})"


def markdownify_list(items: list[Any]) -> Any:
    if len(items) > 1:
        return "\n".join(f" * {to_s(c)}" for c in items)
    return items[0] if items else None


def modify_date(start: Any, duration: Any) -> Any:
    """EventExtractor's end = start + the date part of duration; raises where Ruby would."""
    date: RubyDate | RubyDateTime
    if isinstance(start, str):
        date = _date_parse(start)
    elif isinstance(start, (RubyDateTime, RubyDate)):
        date = start
    else:
        raise ExtractorCrash(f"undefined method `>>' for {to_s(start)}")
    if not isinstance(duration, str):
        raise ExtractorCrash(f"undefined method `match' for {to_s(duration)}")
    m = _DURATION.search(duration)
    if m is None:
        raise ExtractorCrash("undefined method `[]' for nil:NilClass")
    for amount, unit in _PERIOD.findall(m.group(1)):
        date = _shift(date, int(amount), unit)
    return date


def _date_parse(text: str) -> RubyDate:
    import datetime as dt

    m = re.search(r"(-?\d{4,})-(\d\d)-(\d\d)", text)
    if m is None:
        raise ExtractorCrash(f"invalid date: {text[:40]!r}")
    try:
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ExtractorCrash(f"invalid date: {text[:40]!r}") from None
    return RubyDate(float(day.toordinal()) * 86400, day.isoformat())


def _shift(date: RubyDate | RubyDateTime, amount: int, unit: str) -> Any:
    import calendar
    import datetime as dt

    text = date.text
    base = dt.date(int(text[0:4]), int(text[5:7]), int(text[8:10])) if text[:1] != "-" else None
    if base is None:
        raise ExtractorCrash("date out of range")
    if unit in "YM":
        months = amount * 12 if unit == "Y" else amount
        index = base.year * 12 + base.month - 1 + months
        year, month = divmod(index, 12)
        if not 1 <= year <= 9999:
            raise ExtractorCrash("date out of range")
        day = min(base.day, calendar.monthrange(year, month + 1)[1])
        new = dt.date(year, month + 1, day)
    else:
        try:
            new = base + dt.timedelta(days=amount * 7 if unit == "W" else amount)
        except OverflowError:
            raise ExtractorCrash("date out of range") from None
    if isinstance(date, RubyDateTime):
        rest = text[10:]
        shift = (new.toordinal() - base.toordinal()) * 86400
        return RubyDateTime(date.key + shift, new.isoformat() + rest)
    return RubyDate(float(new.toordinal()) * 86400, new.isoformat())


EXTRACTORS: dict[str, type[Extractor]] = {
    "events": EventExtractor,
    "courses": CourseExtractor,
    "course_instances": CourseInstanceExtractor,
    "learning_resources": LearningResourceExtractor,
}


def extract_all(graph: Graph) -> dict[str, list[dict[str, Any]]]:
    """The four extractors TeSS's ingestor runs, in its order; raises ExtractorCrash like the gem."""
    return {key: cls(graph).extract() for key, cls in EXTRACTORS.items()}  # type: ignore[attr-defined]
