"""GC3xx for one course: references into the framework and guideline set, dates, durations, identifiers, and
the provenance block that says which fields the published source states."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from ..context import Context, Framework
from ..diagnostics import Diagnostic
from ..hints import did_you_mean
from ..identifiers import ORCID_SHAPE, orcid_checksum_ok
from ..reading.document import Document, items, strings, text
from ..schema.artefacts import json_schema
from ..schema.compiled import is_iso_date
from ..units import teaching_hours
from .references import (
    check_competency,
    check_deprecated_rule,
    check_edam,
    check_language,
    check_level,
    check_licence,
    iter_prerequisite_diagnostics,
)


def iter_course_diagnostics(doc: Document, context: Context) -> Iterator[Diagnostic]:
    fw, guidelines = context.framework, context.guidelines
    data = doc.data
    course_level = fw.level(text(data, "level"))
    if text(data, "level") is not None:
        yield from check_level(doc, fw, "/level", text(data, "level") or "")
    if isinstance(data.get("provenance"), dict):
        yield from _provenance(doc, data["provenance"])
    yield from _outcomes(doc, fw, course_level.rank if course_level else None)
    yield from _modules(doc, fw)
    yield from _markup(doc, text(data, "description"))
    for pointer, prereq in items(data, "prerequisites"):
        yield from iter_prerequisite_diagnostics(doc, fw, pointer, prereq)
    for pointer, instance in items(data, "instances"):
        yield from _instance(doc, pointer, instance)
    for pointer, trainer in items(data, "trainers"):
        orcid = text(trainer, "orcid")
        if orcid and ORCID_SHAPE.match(orcid) and not orcid_checksum_ok(orcid):
            yield Diagnostic.make(
                "GC308",
                f"ORCID iD {orcid!r} fails its check digit",
                doc.locate(f"{pointer}/orcid"),
                hint="copy the iD from the person's ORCID record",
            )
    if text(data, "license"):
        yield from check_licence(doc, "/license", text(data, "license") or "")
    for pointer, material in items(data, "materials"):
        if text(material, "license"):
            yield from check_licence(doc, f"{pointer}/license", text(material, "license") or "")
    if text(data, "language"):
        yield from check_language(doc, "/language", text(data, "language") or "")
    for pointer, topic in strings(data, "edam_topics"):
        yield from check_edam(doc, pointer, topic, expect_kind="topic")
    for pointer, exception in items(data, "guideline_exceptions"):
        rule = text(exception, "rule")
        if rule and rule not in guidelines.rules:
            yield Diagnostic.make(
                "GC303",
                f"unknown guideline rule {rule!r}",
                doc.locate(f"{pointer}/rule"),
                did_you_mean(rule, guidelines.rules),
            )
        elif rule:
            yield from check_deprecated_rule(doc, guidelines.replaced_by, f"{pointer}/rule", rule)


#: Fields every course has or that describe the description itself, not the course: no provenance needed.
_SELF = frozenset({"kind", "id", "provenance", "source_url"})


_TAG_START = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)|<[!?]")  # `<!` and `<?` open a comment or declaration
#: a whole tag as HTML writes it: a name, attributes with quoted values, `>`; `<q` with no `>`, or
#: `<b rest of the sentence>`, is text the sanitiser would swallow, even when the name is an element's
_WHOLE_TAG = re.compile(r"""</?[A-Za-z][A-Za-z0-9]*(\s+[A-Za-z_:][-\w:.]*\s*=\s*("[^"]*"|'[^']*'))*\s*/?>""")
#: HTML elements a description may hold on purpose (TeSS turns them into Markdown); any other name after `<`
#: is not markup the writer meant, and the sanitiser removes it
_HTML_ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "dd",
        "del",
        "div",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    ]
)


def _markup(doc: Document, description: str | None) -> Iterator[Diagnostic]:
    """TeSS sanitises a description as HTML: `<Ctrl>` or `<M...` is read as an unknown tag and removed with
    what it encloses, which can leave the description blank and the whole record refused. A description in
    HTML (`<p>...</p>`, as published pages have) is left alone. The export keeps the text as written."""
    written = description or ""
    found = next(
        (
            m
            for m in _TAG_START.finditer(written)
            if m.group(1) is None
            or m.group(1).lower() not in _HTML_ELEMENTS
            or not _WHOLE_TAG.match(written, m.start())
        ),
        None,
    )
    if found is None:
        return
    shown = (description or "")[found.start() : found.start() + 12]
    yield Diagnostic.make(
        "GC326",
        f"`description` holds {shown!r}, which registries that read descriptions as HTML (TeSS) take for a "
        "tag and remove, with the text after it",
        doc.locate("/description"),
        "put a space after `<`, or write the words out (`less than`)",
    )


def _provenance(doc: Document, provenance: dict[str, Any]) -> Iterator[Diagnostic]:
    """Every field named exists; every field the course declares is stated by the source or marked mapped."""
    paths = course_field_paths()
    accounted: set[str] = set()
    for key in ("stated", "mapped"):
        for pointer, path in strings(provenance, key, "/provenance"):
            if path not in paths:
                hint = did_you_mean(path, paths) or "name a course field, e.g. title or prerequisites.competency"
                yield Diagnostic.make("GC323", f"courses have no field {path!r}", doc.locate(pointer), hint)
            accounted.add(path.split(".", 1)[0])
    for field in doc.data:
        if field not in _SELF and field not in accounted and field in paths:
            yield Diagnostic.make(
                "GC324",
                f"`{field}` is neither stated by the source nor marked as mapped",
                doc.locate(f"/{field}", key=True),
                hint=f"add {field} to `provenance.stated` if the source says it, else to `provenance.mapped`",
            )


@functools.cache
def course_field_paths() -> frozenset[str]:
    """Every course field and field of an item, as the dotted paths `provenance` uses (from the schema)."""
    defs = json_schema()["$defs"]
    out: set[str] = set()

    def walk(name: str, prefix: str, depth: int) -> None:
        for field, spec in defs[name].get("properties", {}).items():
            path = f"{prefix}{field}"
            out.add(path)
            ref = spec.get("$ref") or (spec.get("items") or {}).get("$ref")
            if ref is None:
                ref = next((b.get("$ref") for b in spec.get("anyOf", ()) if "$ref" in b), None)
            if ref and depth < 2:
                walk(ref.rsplit("/", 1)[-1], f"{path}.", depth + 1)

    walk("Course", "", 0)
    return frozenset(out)


def _outcomes(doc: Document, fw: Framework, course_rank: int | None) -> Iterator[Diagnostic]:
    for pointer, outcome in items(doc.data, "learning_outcomes"):
        for cpointer, cid in strings(outcome, "competencies", pointer):
            yield from check_competency(doc, fw, cpointer, cid)
        level_name = text(outcome, "level")
        if level_name is None:
            continue
        yield from check_level(doc, fw, f"{pointer}/level", level_name)
        level = fw.level(level_name)
        if level and course_rank is not None and level.rank > course_rank:
            yield Diagnostic.make(
                "GC307",
                f"outcome level {level_name!r} is above the course level {text(doc.data, 'level')!r}",
                doc.locate(f"{pointer}/level"),
                hint="lower the outcome's level, or raise the course's",
            )


def _modules(doc: Document, fw: Framework) -> Iterator[Diagnostic]:
    tools = {text(t, "name") for _, t in items(doc.data, "tools")} - {None}
    total = 0.0
    for pointer, module in items(doc.data, "modules"):
        for cpointer, cid in strings(module, "competencies", pointer):
            yield from check_competency(doc, fw, cpointer, cid)
        for tpointer, tool in strings(module, "tools", pointer):
            if tool not in tools:
                hint = did_you_mean(tool, [t for t in tools if t]) or "add it to the course's `tools`"
                yield Diagnostic.make(
                    "GC311", f"tool {tool!r} is not in the course's `tools`", doc.locate(tpointer), hint
                )
        hours = teaching_hours(text(module, "duration") or "")
        total += hours or 0.0
    course_duration = text(doc.data, "duration")
    course_hours = teaching_hours(course_duration or "")
    if course_hours and total > course_hours + 1e-9:
        yield Diagnostic.make(
            "GC306",
            f"modules add up to {total:g} teaching hours, "
            f"more than the course's {course_duration} ({course_hours:g} h)",
            doc.locate("/duration"),
            hint="a day (P1D) counts as 8 teaching hours and a week (P1W) as 5 days",
        )


def _instance(doc: Document, pointer: str, instance: dict[str, object]) -> Iterator[Diagnostic]:
    start, end = text(instance, "start_date"), text(instance, "end_date")
    if start and end and is_iso_date(start) and is_iso_date(end) and end < start:
        yield Diagnostic.make(
            "GC305",
            f"the instance ends ({end}) before it starts ({start})",
            doc.locate(f"{pointer}/end_date"),
        )
    language = text(instance, "language")
    if language:
        yield from check_language(doc, f"{pointer}/language", language)
