"""Judging: one course against every guideline rule, and a programme of courses in teaching order.

`judge_course` runs beside the checks of each file (in a worker for large batches) and sees the whole
document; `judge_programme` runs once, reading the judged courses back one at a time.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from ..context import Context, Framework, GuidelineSet
from ..diagnostics import Diagnostic, Location, Severity
from ..reading.document import Document, items, text
from .conditions import CONDITIONS, PROGRAMME_CONDITIONS, CourseView, applies, to_diagnostic
from .model import AreaScore, ChainFinding, CourseCoverage, ProgrammeCoverage, RuleInfo, RuleVerdict, TopicScore, ratio


@functools.cache
def _rule_infos(guidelines: GuidelineSet) -> dict[str, RuleInfo]:
    return {
        str(r.get("id")): RuleInfo(
            str(r.get("id")),
            str(r.get("name")),
            Severity.parse(str(r.get("severity", "warning"))),
            str(r.get("summary", "")),
            _cited_sources(r),
        )
        for r in guidelines.live_rules
    }


def _cited_sources(rule: dict[str, object]) -> tuple[str, ...]:
    """The source keys a rule cites, once each, in order."""
    keys: list[str] = []
    citations = rule.get("citations")
    for citation in citations if isinstance(citations, list) else ():
        key = citation.get("source") if isinstance(citation, dict) else None
        if isinstance(key, str) and key not in keys:
            keys.append(key)
    return tuple(keys)


def rule_infos(context: Context) -> dict[str, RuleInfo]:
    """One RuleInfo per rule of the guideline set, built once per set."""
    return _rule_infos(context.guidelines)


def judge_course(doc: Document, context: Context) -> tuple[CourseCoverage, list[Diagnostic]]:
    """The course's verdict on every rule, what it teaches per area, and the findings of failed rules."""
    fw = context.framework
    view = CourseView.build(doc, fw)
    waived = {text(e, "rule"): text(e, "reason") for _, e in items(doc.data, "guideline_exceptions")}
    infos = rule_infos(context)
    verdicts, diagnostics = [], []
    for rule in context.guidelines.live_rules:
        condition = rule.get("condition") or {}
        verdict = RuleVerdict(infos[str(rule.get("id"))], "not-applicable")
        verdicts.append(verdict)
        check = CONDITIONS.get(str(condition.get("kind")))
        if check is None or not applies(view, rule, fw):
            continue
        if verdict.rule in waived:
            verdict.status, verdict.reason = "waived", waived[verdict.rule]
            continue
        findings = check(view, condition, fw)
        verdict.status = "fail" if findings else "pass"
        verdict.messages = tuple(f.message for f in findings)
        diagnostics += [to_diagnostic(view, rule, f) for f in findings]
    judged = [v for v in verdicts if v.status in ("pass", "fail")]
    coverage = CourseCoverage(
        id=text(doc.data, "id") or Path(doc.path).stem,
        title=text(doc.data, "title") or "",
        file=doc.path,
        level=fw.canonical_level(text(doc.data, "level")),
        taught=dict(sorted(view.taught.items())),
        required=sorted(view.required),
        verdicts=verdicts,
        areas=area_scores(fw, set(view.taught)),
        compliance=ratio(sum(v.status == "pass" for v in judged), len(judged)),
        prerequisite_at=_prerequisite_locations(doc),
    )
    return coverage, diagnostics


def _prerequisite_locations(doc: Document) -> dict[str, Location]:
    """Where each prerequisite competency is written ("" -> the course itself), for programme findings."""
    out = {"": doc.locate("")}
    for pointer, prereq in items(doc.data, "prerequisites"):
        cid = text(prereq, "competency")
        if cid:
            out.setdefault(cid, doc.locate(pointer))
    return out


def area_scores(fw: Framework, taught: set[str]) -> list[AreaScore]:
    """Live competencies only: a deprecated one keeps its id but is no longer part of what an area asks."""
    out = []
    for area_id, area in fw.areas.items():
        comps = fw.in_areas((area_id,), include_deprecated=False)
        hit = sum(c in taught for c in comps)
        out.append(AreaScore(area_id, str(area.get("label", area_id)), hit, len(comps), ratio(hit, len(comps))))
    return out


def demand_topics(fw: Framework) -> list[str]:
    """The framework's demand topics in its order; a framework that lists none has those its areas name."""
    if fw.demand_topics:
        return list(fw.demand_topics)
    named = [str(t) for area in fw.areas.values() for t in area.get("demand_topics") or ()]
    return list(dict.fromkeys(named))


def judge_programme(
    courses: Iterable[CourseCoverage], context: Context, programme: Document | None, ordered_by: str
) -> tuple[ProgrammeCoverage, list[Diagnostic]]:
    """The prerequisite chain in teaching order, coverage per area and per GloBIAS demand topic.

    `courses` is read once, in teaching order; only sets of competency ids are kept across courses.
    """
    fw = context.framework
    entry: set[str] = set()
    if programme is not None:
        entry = {text(p, "competency") or "" for _, p in items(programme.data, "entry_requirements")}
    rule = next(
        (r for r in context.guidelines.live_rules if (r.get("condition") or {}).get("kind") in PROGRAMME_CONDITIONS),
        None,
    )
    chain: list[ChainFinding] = []
    diagnostics: list[Diagnostic] = []
    order: list[str] = []
    taught_before: set[str] = set()
    for course in courses:
        order.append(course.id)
        for cid in course.required:
            if cid in taught_before or cid in entry:
                continue
            message = f"{course.id} requires {cid}, which no earlier course teaches and is not an entry requirement"
            chain.append(ChainFinding(course.id, cid, message))
            if rule is not None:
                diagnostics.append(
                    Diagnostic.make(
                        "GC414",
                        message,
                        course.prerequisite_at.get(cid) or course.prerequisite_at[""],
                        "teach it in an earlier course, or add it to the programme's entry_requirements",
                        severity=Severity.parse(str(rule.get("severity", "info"))),
                        rule_name=str(rule.get("name")),
                        rule_id=str(rule.get("id")),
                    )
                )
        taught_before |= set(course.taught)
    topics = []
    for topic in demand_topics(fw):
        areas = [a for a, area in fw.areas.items() if topic in (area.get("demand_topics") or ())]
        comps = fw.in_areas(areas, include_deprecated=False)
        hit = [c for c in comps if c in taught_before]
        topics.append(TopicScore(topic, areas, len(hit), len(comps), ratio(len(hit), len(comps)), bool(hit)))
    data = programme.data if programme is not None else {}
    default_title = f"all {len(order)} courses, ordered by level, then id"
    result = ProgrammeCoverage(
        id=text(data, "id") or "all-courses",
        title=text(data, "title") or default_title,
        courses=order,
        chain=chain,
        areas=area_scores(fw, taught_before),
        topics=topics,
        ordered_by=ordered_by,
    )
    return result, diagnostics
