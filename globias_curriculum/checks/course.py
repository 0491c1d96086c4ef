"""GC3xx for one course: references into the framework and guideline set, dates, durations, identifiers."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context, Framework
from ..diagnostics import Diagnostic
from ..hints import did_you_mean
from ..identifiers import ORCID_SHAPE, orcid_checksum_ok
from ..reading.document import Document, items, strings, text
from ..schema.compiled import is_iso_date
from ..units import teaching_hours
from .references import (
    check_competency,
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
    yield from _outcomes(doc, fw, course_level.rank if course_level else None)
    yield from _modules(doc, fw)
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
        yield from check_edam(doc, pointer, topic)
    for pointer, exception in items(data, "guideline_exceptions"):
        rule = text(exception, "rule")
        if rule and rule not in guidelines.rules:
            yield Diagnostic.make(
                "GC303",
                f"unknown guideline rule {rule!r}",
                doc.locate(f"{pointer}/rule"),
                did_you_mean(rule, guidelines.rules),
            )


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
