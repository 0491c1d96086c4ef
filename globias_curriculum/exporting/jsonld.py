"""Courses and the framework as schema.org / Bioschemas JSON-LD, the way ELIXIR TeSS harvests them.

Pure builders: the same course, framework and base URL give the same document, with no nulls, no empty lists
and stable `@id`s (`{base}courses/{id}/`, `{base}framework/{competency}`). Course text is only ever a JSON
string value here, so it cannot add `@context`, `@id` or `@type` keys.

Mapping (README, "Export"): a course with instances is a Bioschemas Course 1.0-RELEASE with nested
CourseInstance 1.0-RELEASE nodes, each with its own `@id`, `url` and `dct:conformsTo`; a course without
instances (self-paced material) is a LearningResource conforming to TrainingMaterial 1.0-RELEASE.
"""

from __future__ import annotations

from typing import Any

from ..bioschemas import CONFORMS_TO, MAX_KEYWORDS, SCHEMA_CONTEXT, TESS_LEVELS, conforms_to, licence_url
from ..context import Framework
from ..identifiers import EDAM_IRI, edam_labels, edam_local, is_http_url
from ..reading.document import items, strings, text

DEFAULT_BASE_URL = "https://example.org/globias-curriculum/"


class BaseUrlError(ValueError):
    pass


def normalise_base_url(url: str) -> str:
    """The folder URL every @id is built on: the rule `validate` applies to URL fields, no query or fragment,
    and a trailing slash."""
    if not is_http_url(url) or "?" in url or "#" in url:
        raise BaseUrlError("must be an absolute http(s) URL without spaces, quotes, angle brackets, query or fragment")
    return url if url.endswith("/") else url + "/"


def course_iri(base: str, course_id: str) -> str:
    return f"{base}courses/{course_id}/"


def framework_iri(base: str) -> str:
    return f"{base}framework/"


def term_iri(base: str, competency: str) -> str:
    """A competency or area: an anchor of the framework page, so the IRI resolves in the html export."""
    return f"{base}framework/#{competency}"


def prune(value: Any) -> Any:
    """Drop None, empty strings, lists and mappings, recursively, so no null reaches a registry."""
    if isinstance(value, dict):
        out = {k: prune(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [v for v in (prune(v) for v in value) if v not in (None, "", [], {})]
    return value


def _organisation(value: Any) -> dict[str, Any] | None:
    if not isinstance(value, dict) or not text(value, "name"):
        return None
    return {"@type": "Organization", "name": text(value, "name"), "url": text(value, "url")}


def _person(trainer: dict[str, Any]) -> dict[str, Any]:
    orcid = text(trainer, "orcid")
    iri = orcid if orcid and orcid.startswith("https://") else (f"https://orcid.org/{orcid}" if orcid else None)
    affiliation = text(trainer, "affiliation")
    return {
        "@id": iri,
        "@type": "Person",
        "name": text(trainer, "name"),
        "identifier": iri,
        "affiliation": {"@type": "Organization", "name": affiliation} if affiliation else None,
    }


def _term(fw: Framework, base: str, cid: str) -> dict[str, Any]:
    """A competency as a DefinedTerm with no @id: TeSS would add an @id IRI as an extra objective."""
    comp = fw.competencies.get(cid, {})
    return {
        "@type": "DefinedTerm",
        "name": str(comp.get("label", cid)),
        "termCode": cid,
        "url": term_iri(base, cid),
        "inDefinedTermSet": framework_iri(base),
    }


def _about(course: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for _, value in strings(course, "edam_topics"):
        local, _ = edam_local(value)
        label = edam_labels().get(local) or local.strip("_").replace("_", " ")
        out.append(
            {
                "@id": EDAM_IRI + local,
                "@type": "DefinedTerm",
                "name": label,
                "termCode": local,
                "inDefinedTermSet": EDAM_IRI.rstrip("/"),
            }
        )
    return out


def _level(fw: Framework, course: dict[str, Any], base: str) -> dict[str, Any] | None:
    level = fw.level(text(course, "level"))
    if level is None:
        return None
    return {
        "@type": "DefinedTerm",
        "name": TESS_LEVELS.get(level.rank, level.label),
        "termCode": level.id,
        "inDefinedTermSet": f"{framework_iri(base)}#levels",
    }


def _prerequisites(fw: Framework, course: dict[str, Any], base: str, as_terms: bool) -> list[Any]:
    out: list[Any] = []
    framework_name = str(fw.document.data.get("name", ""))
    for _, prereq in items(course, "prerequisites"):
        cid, level, free = text(prereq, "competency"), text(prereq, "level"), text(prereq, "text")
        if cid and as_terms:
            out.append(_term(fw, base, cid))
        elif cid:
            label = str(fw.competencies.get(cid, {}).get("label", cid))
            out.append(
                {
                    "@type": "AlignmentObject",
                    "alignmentType": "requires",
                    "educationalFramework": framework_name,
                    "targetName": f"{cid} {label}" + (f" ({level})" if level else ""),
                    "targetUrl": term_iri(base, cid),
                }
            )
        if free:
            out.append(free)
    return out


def _teaches(fw: Framework, course: dict[str, Any], base: str) -> list[Any]:
    """Competencies as DefinedTerms in the framework's set, then the outcome statements as text."""
    seen: list[str] = []
    for pointer, outcome in items(course, "learning_outcomes"):
        seen += [c for _, c in strings(outcome, "competencies", pointer) if c not in seen]
    for pointer, module in items(course, "modules"):
        seen += [c for _, c in strings(module, "competencies", pointer) if c not in seen]
    terms: list[Any] = [_term(fw, base, c) for c in seen]
    return terms + [text(o, "statement") for _, o in items(course, "learning_outcomes") if text(o, "statement")]


def _keywords(course: dict[str, Any], fw: Framework) -> list[str]:
    """The course's keywords; without any, the areas it teaches: both profiles require keywords. Then the
    tools that have no url, as far as TeSS's limit allows: they cannot be `mentions` (see course_to_jsonld),
    and a registry's search should still find the course by the tools it teaches."""
    keywords = [k for _, k in strings(course, "keywords")]
    if not keywords:
        keywords = ["bioimage analysis"]
        for cid in _teaches(fw, course, ""):
            area = fw.areas.get(fw.area_of.get(cid.get("termCode", "") if isinstance(cid, dict) else "", ""))
            label = str(area.get("label")) if area else None
            if label and label not in keywords:
                keywords.append(label)
    seen = {k.casefold() for k in keywords}
    for _, tool in items(course, "tools"):
        name = text(tool, "name")
        if name and not text(tool, "url") and name.casefold() not in seen:
            seen.add(name.casefold())
            keywords.append(name)
    return keywords[:MAX_KEYWORDS]


def _location(instance: dict[str, Any]) -> Any:
    place = instance.get("location") if isinstance(instance.get("location"), dict) else None
    mode = text(instance, "mode")
    physical = None
    if place is not None:
        address = prune(
            {
                "@type": "PostalAddress",
                "streetAddress": text(place, "street_address"),
                "addressLocality": text(place, "city"),
                "postalCode": text(place, "postal_code"),
                "addressCountry": text(place, "country"),
            }
        )
        physical = {"@type": "Place", "name": text(place, "name"), "address": address if len(address) > 1 else None}
    virtual = {
        "@type": "VirtualLocation",
        "name": (text(place, "name") if place and mode == "online" else None) or "Online",
        "url": text(instance, "url"),
    }
    if mode == "online":
        return virtual
    if mode == "hybrid":
        return [physical or {"@type": "Place", "name": "Location not stated"}, virtual]
    return physical or "Location not stated"


def _instance(
    fw: Framework, course: dict[str, Any], base: str, index: int, instance: dict[str, Any], used_ids: set[str]
) -> dict[str, Any]:
    cid = text(course, "id") or "course"
    start = text(instance, "start_date") or str(index)
    iri = f"{course_iri(base, cid)}#instance-{start}"
    if iri in used_ids:
        iri = f"{iri}-{index + 1}"
    used_ids.add(iri)
    # the published url, as published: two instances sharing one are reported by `validate` (GC325), never
    # patched over here; an instance with no url of its own gets its @id, an anchor of the course page
    url = text(instance, "url") or iri
    mode = text(instance, "mode")
    modes = {"onsite": ["onsite"], "online": ["online"], "hybrid": ["onsite", "online"]}.get(mode or "", [mode])
    return {
        "@id": iri,
        "@type": "CourseInstance",
        CONFORMS_TO: conforms_to("CourseInstance"),
        "url": url,
        "courseMode": modes,
        "startDate": text(instance, "start_date"),
        "endDate": text(instance, "end_date"),
        "inLanguage": text(instance, "language") or text(course, "language"),
        "location": _location(instance),
        "maximumAttendeeCapacity": instance.get("capacity") if isinstance(instance.get("capacity"), int) else None,
        "instructor": [_person(t) for _, t in items(course, "trainers")],
        "organizer": _organisation(course.get("organiser")),
    }


def course_to_jsonld(
    course: dict[str, Any], fw: Framework, base: str = DEFAULT_BASE_URL, context: bool = True
) -> dict[str, Any]:
    """One course as a JSON-LD node: Course with instances, else LearningResource."""
    cid = text(course, "id") or "course"
    iri = course_iri(base, cid)
    instances = list(items(course, "instances"))
    kind = "Course" if instances else "LearningResource"
    keywords = _keywords(course, fw)
    licence = text(course, "license")
    node: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT if context else None,
        "@id": iri,
        "@type": kind,
        CONFORMS_TO: conforms_to(kind),
        "identifier": cid,
        "name": text(course, "title"),
        "description": text(course, "description"),
        "url": text(course, "url") or iri,
        "keywords": ", ".join(keywords) if kind == "Course" else keywords,
        "about": _about(course),
        "educationalLevel": _level(fw, course, base),
        "teaches": _teaches(fw, course, base),
        "audience": [{"@type": "Audience", "audienceType": a} for _, a in strings(course, "target_audience")],
        "license": licence_url(licence) if licence else None,
        "timeRequired": text(course, "duration"),
        "inLanguage": text(course, "language"),
        "provider": [_organisation(course.get("organiser"))],
        # only tools with a url: TeSS turns each mention into an external resource and refuses the whole
        # material if one has no url; the names of all tools are in the keywords (`_keywords`)
        "mentions": [
            {"@type": "SoftwareApplication", "name": text(t, "name"), "url": text(t, "url")}
            for _, t in items(course, "tools")
            if text(t, "url")
        ],
        "hasPart": [
            {
                "@type": "CreativeWork",
                "name": text(m, "title"),
                "url": text(m, "url"),
                "license": licence_url(text(m, "license") or "") if text(m, "license") else None,
            }
            for _, m in items(course, "materials")
        ],
        "isBasedOn": text(course, "source_url"),
    }
    if kind == "Course":
        node["coursePrerequisites"] = _prerequisites(fw, course, base, as_terms=False)
        used: set[str] = {iri, node["url"]}
        node["hasCourseInstance"] = [
            _instance(fw, course, base, i, inst, used) for i, (_, inst) in enumerate(instances)
        ]
    else:
        node["competencyRequired"] = _prerequisites(fw, course, base, as_terms=True)
        node["author"] = [_person(t) for _, t in items(course, "trainers")]
        node["learningResourceType"] = "e-learning"
    return prune(node)  # type: ignore[no-any-return]


def framework_to_jsonld(fw: Framework, base: str = DEFAULT_BASE_URL, context: bool = True) -> dict[str, Any]:
    """The framework as a schema.org DefinedTermSet that is also a SKOS concept scheme."""
    data = fw.document.data
    set_iri = framework_iri(base)

    def concept(code: str, entry: dict[str, Any], **extra: Any) -> dict[str, Any]:
        """An area or a competency: a DefinedTerm of the set and a SKOS concept of the scheme."""
        label = str(entry.get("label", code))
        return {
            "@id": term_iri(base, code),
            "@type": ["DefinedTerm", "skos:Concept"],
            "termCode": code,
            "name": label,
            "description": entry.get("description"),
            "inDefinedTermSet": {"@id": set_iri},
            "skos:prefLabel": label,
            "skos:inScheme": {"@id": set_iri},
            **extra,
        }

    terms: list[dict[str, Any]] = []
    for area_id, area in fw.areas.items():
        terms.append(concept(area_id, area, **{"skos:topConceptOf": {"@id": set_iri}}))
        for cid in fw.in_areas((area_id,)):
            comp = fw.competencies[cid]
            links = {
                "skos:definition": comp.get("description"),
                "skos:broader": {"@id": term_iri(base, area_id)},
                "skos:related": [{"@id": term_iri(base, p)} for p in comp.get("prerequisites") or ()],
                "skos:closeMatch": [
                    {"@id": EDAM_IRI + edam_local(str(e.get("id", "")))[0]}
                    for e in comp.get("edam") or ()
                    if isinstance(e, dict)
                ],
            }
            terms.append(concept(cid, comp, **links))
    levels = [
        {
            "@id": f"{set_iri}#level-{lv.id}",
            "@type": "DefinedTerm",
            "termCode": lv.id,
            "name": TESS_LEVELS.get(lv.rank, lv.label),
            "inDefinedTermSet": {"@id": f"{set_iri}#levels"},
        }
        for lv in fw.levels.values()
    ]
    licence = data.get("license")
    node = {
        "@context": [SCHEMA_CONTEXT, {"skos": "http://www.w3.org/2004/02/skos/core#"}] if context else None,
        "@id": set_iri,
        "@type": ["DefinedTermSet", "skos:ConceptScheme"],
        "name": data.get("name"),
        "description": data.get("description"),
        "version": data.get("version"),
        "license": licence_url(str(licence)) if licence else None,
        "skos:prefLabel": data.get("name"),
        "hasDefinedTerm": terms,
        "subjectOf": {
            "@id": f"{set_iri}#levels",
            "@type": "DefinedTermSet",
            "name": "Proficiency levels",
            "hasDefinedTerm": levels,
        },
    }
    return prune(node)  # type: ignore[no-any-return]


def graph_to_jsonld(courses: list[dict[str, Any]], fw: Framework, base: str = DEFAULT_BASE_URL) -> dict[str, Any]:
    """One document for bulk ingestion: the framework and every course in one @graph."""
    nodes = [framework_to_jsonld(fw, base, context=False)] + [
        course_to_jsonld(c, fw, base, context=False) for c in courses
    ]
    return {"@context": [SCHEMA_CONTEXT, {"skos": "http://www.w3.org/2004/02/skos/core#"}], "@graph": nodes}
