"""Courses + framework + guidelines -> a CoverageReport: rule verdicts, competencies per area, programme view.

Scores (also in README, "Coverage scores"):
  - rule compliance of a course = passed / (passed + failed) over the rules that apply and are not waived;
  - area coverage = competencies of the area taught / competencies in the area (a course, or the programme:
    taught by at least one of its courses);
  - demand-topic coverage = competencies taught across the programme / competencies in the areas tagged with
    that GloBIAS survey topic; a topic is "met" when at least one of them is taught.
A score with nothing to count is None (shown as "-"), never 0 or 1 by default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

from .checks.common import items, strings, text
from .checks.guidelines import CONDITIONS, CourseView, applies, to_diagnostic
from .diagnostics import Diagnostic, Location, Report, Severity
from .framework import Framework
from .loading import Document
from .validation import Context, FileResult, Options, Progress, validate_paths

COVERAGE_FORMAT_VERSION = "1.0"
DEMAND_TOPICS = (
    "statistics",
    "machine learning",
    "deep learning",
    "data management",
    "quality control and fraud prevention",
    "good practice and standards",
    "open-source tools",
    "workflows",
)


def to_json_value(value: Any) -> Any:
    """One level of a dataclass as JSON-ready data (verdicts and rules in their compact JSON form)."""
    if hasattr(value, "as_json"):
        return value.as_json()
    return {f.name: getattr(value, f.name) for f in fields(value)}


def plain(value: Any) -> Any:
    """Dataclasses to dicts; `dataclasses.asdict` deep-copies every leaf and took 1.6 s on 1,000 courses."""
    if is_dataclass(value) and not isinstance(value, type):
        return plain(to_json_value(value))
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What every course shares about a rule; stored once, not once per course."""

    rule: str
    name: str
    severity: str
    summary: str
    sources: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "summary": self.summary,
            "sources": list(self.sources),
        }


@dataclass(slots=True)
class RuleVerdict:
    info: RuleInfo
    status: str  # pass | fail | not-applicable | waived
    messages: tuple[str, ...] = ()  # a shared empty tuple unless the rule failed
    reason: str | None = None

    rule = property(lambda self: self.info.rule)
    name = property(lambda self: self.info.name)
    severity = property(lambda self: self.info.severity)
    summary = property(lambda self: self.info.summary)
    sources = property(lambda self: self.info.sources)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.info.rule, "status": self.status}
        if self.messages:
            out["messages"] = list(self.messages)
        if self.reason is not None:
            out["reason"] = self.reason
        return out


@dataclass(slots=True)
class AreaScore:
    area: str
    label: str
    taught: int
    total: int
    score: float | None


@dataclass(slots=True)
class CourseCoverage:
    id: str
    title: str
    file: str
    level: str | None
    taught: dict[str, int]
    required: list[str]
    verdicts: list[RuleVerdict]
    areas: list[AreaScore]
    compliance: float | None


@dataclass(slots=True)
class ChainFinding:
    course: str
    competency: str
    message: str


@dataclass(slots=True)
class TopicScore:
    topic: str
    areas: list[str]
    taught: int
    total: int
    score: float | None
    met: bool


@dataclass
class ProgrammeCoverage:
    id: str
    title: str
    courses: list[str]
    matrix: dict[str, dict[str, int]]  # competency -> course id -> rank taught (negative: required only)
    chain: list[ChainFinding]
    areas: list[AreaScore]
    topics: list[TopicScore]


@dataclass
class CoverageReport:
    framework: dict[str, str]
    guidelines: dict[str, str]
    courses: list[CourseCoverage]
    programme: ProgrammeCoverage | None
    report: Report
    levels: dict[str, str] = field(default_factory=dict)  # rank -> label
    area_labels: dict[str, str] = field(default_factory=dict)
    competency_labels: dict[str, str] = field(default_factory=dict)

    rules: list[RuleInfo] = field(default_factory=list)

    def as_dict(self, convert: bool = True) -> dict[str, Any]:
        """The JSON document; `convert=False` leaves dataclasses for a JSON encoder with `default=to_json_value`."""
        shape = plain if convert else (lambda value: value)
        return {
            "version": COVERAGE_FORMAT_VERSION,
            "framework": self.framework,
            "guidelines": self.guidelines,
            "rules": shape(self.rules),
            "levels": self.levels,
            "courses": shape(self.courses),
            "programme": shape(self.programme),
            "summary": self.report.counts(),
            "diagnostics": [d.as_dict() for d in self.report.sorted()],
        }


def course_coverage(doc: Document, context: Context) -> tuple[CourseCoverage, list[Diagnostic]]:
    fw = context.framework
    view = CourseView.build(doc, fw)
    waived = {text(e, "rule"): text(e, "reason") for _, e in items(doc.data, "guideline_exceptions")}
    verdicts, diagnostics = [], []
    infos = rule_infos(context)
    for rule in context.guidelines.rules.values():
        cond = rule.get("condition") or {}
        verdict = RuleVerdict(infos[str(rule.get("id"))], "not-applicable")
        verdicts.append(verdict)
        check = CONDITIONS.get(str(cond.get("kind")))
        if check is None or not applies(view, rule, fw):
            continue
        if verdict.rule in waived:
            verdict.status, verdict.reason = "waived", waived[verdict.rule]
            continue
        findings = check(view, cond, fw)
        verdict.status = "fail" if findings else "pass"
        verdict.messages = tuple(f.message for f in findings)
        diagnostics += [to_diagnostic(view, rule, f) for f in findings]
    judged = [v for v in verdicts if v.status in ("pass", "fail")]
    coverage = CourseCoverage(
        id=text(doc.data, "id") or Path(doc.path).stem,
        title=text(doc.data, "title") or "",
        file=doc.path,
        level=fw.level_names.get(text(doc.data, "level") or ""),
        taught=dict(sorted(view.taught.items())),
        required=sorted(view.required),
        verdicts=verdicts,
        areas=area_scores(fw, set(view.taught)),
        compliance=ratio(sum(v.status == "pass" for v in judged), len(judged)),
    )
    return coverage, diagnostics


_RULE_INFOS: dict[int, dict[str, RuleInfo]] = {}


def rule_infos(context: Context) -> dict[str, RuleInfo]:
    """One RuleInfo per rule of the guideline set, built once per set."""
    key = id(context.guidelines)
    if key not in _RULE_INFOS:
        _RULE_INFOS[key] = {
            str(r.get("id")): RuleInfo(
                str(r.get("id")),
                str(r.get("name")),
                str(r.get("severity")),
                str(r.get("summary", "")),
                tuple(str(s) for s in r.get("sources") or ()),
            )
            for r in context.guidelines.rules.values()
        }
    return _RULE_INFOS[key]


def area_scores(fw: Framework, taught: set[str]) -> list[AreaScore]:
    out = []
    for area_id, area in fw.areas.items():
        comps = fw.in_areas((area_id,))
        hit = sum(c in taught for c in comps)
        out.append(AreaScore(area_id, str(area.get("label", area_id)), hit, len(comps), ratio(hit, len(comps))))
    return out


def programme_coverage(
    courses: list[CourseCoverage],
    where: dict[str, dict[str, Location]],
    context: Context,
    programme: Document | None,
) -> tuple[ProgrammeCoverage, list[Diagnostic]]:
    fw = context.framework
    entry: set[str] = set()
    if programme is not None:
        entry = {text(p, "competency") or "" for _, p in items(programme.data, "entry_requirements")}
    matrix: dict[str, dict[str, int]] = {}
    for c in courses:
        for cid in c.required:
            matrix.setdefault(cid, {})[c.id] = -1
        for cid, rank in c.taught.items():
            matrix.setdefault(cid, {})[c.id] = rank
    order = [cid for cid in fw.competencies if cid in matrix] + sorted(set(matrix) - set(fw.competencies))
    chain, diagnostics = [], []
    rule = next(
        (
            r
            for r in context.guidelines.rules.values()
            if (r.get("condition") or {}).get("kind") == "prerequisite-order"
        ),
        None,
    )
    taught_before: set[str] = set()
    for c in courses:
        for cid in c.required:
            if cid not in taught_before and cid not in entry:
                message = f"{c.id} requires {cid}, which no earlier course teaches and is not an entry requirement"
                chain.append(ChainFinding(c.id, cid, message))
                if rule is not None:
                    diagnostics.append(
                        Diagnostic.make(
                            "GC414",
                            f"[{rule['id']}] {message}",
                            where[c.id].get(cid) or where[c.id][""],
                            "teach it in an earlier course, or add it to the programme's entry_requirements",
                            severity=Severity.parse(str(rule.get("severity", "info"))),
                            rule_name=str(rule.get("name")),
                        )
                    )
        taught_before |= set(c.taught)
    taught_all = {cid for c in courses for cid in c.taught}
    topics = []
    for topic in DEMAND_TOPICS:
        areas = [a for a, area in fw.areas.items() if topic in (area.get("demand_topics") or ())]
        comps = [cid for cid, a in fw.area_of.items() if a in areas]
        hit = [c for c in comps if c in taught_all]
        topics.append(TopicScore(topic, areas, len(hit), len(comps), ratio(len(hit), len(comps)), bool(hit)))
    data = programme.data if programme is not None else {}
    result = ProgrammeCoverage(
        id=text(data, "id") or "all-courses",
        title=text(data, "title") or f"all {len(courses)} courses, ordered by level, then id",
        courses=[c.id for c in courses],
        matrix={cid: matrix[cid] for cid in order},
        chain=chain,
        areas=area_scores(fw, taught_all),
        topics=topics,
    )
    return result, diagnostics


def _programme_order(courses: list[CourseCoverage], programme: Document | None, fw: Framework) -> list[CourseCoverage]:
    """The programme file's order; otherwise by level (introductory first), then id."""
    if programme is None:
        return sorted(courses, key=lambda c: (fw.levels[c.level].rank if c.level in fw.levels else 99, c.id))
    by_file = {Path(c.file).resolve(): c for c in courses}
    by_id = {c.id: c for c in courses}
    base = Path(programme.path).parent
    ordered: list[CourseCoverage] = []
    taken: set[str] = set()
    for _, entry in strings(programme.data, "courses"):
        found = by_id.get(entry) or by_file.get((base / entry).resolve())
        if found is not None and found.id not in taken:
            taken.add(found.id)
            ordered.append(found)
    return ordered


def _unlisted_programme_courses(results: list[FileResult]) -> list[Path]:
    seen = {Path(r.path).resolve() for r in results}
    extra: list[Path] = []
    for r in results:
        if r.kind != "programme" or r.document is None:
            continue
        for _, entry in strings(r.document.data, "courses"):
            path = (Path(r.path).parent / entry).resolve()
            if entry.endswith((".yaml", ".yml")) and path.is_file() and path not in seen:
                seen.add(path)
                extra.append(Path(os.path.relpath(path)))
    return extra


def _prerequisite_locations(doc: Document) -> dict[str, Location]:
    """Where each prerequisite competency is written ("" -> the course itself), for programme findings."""
    out = {"": doc.locate("")}
    for pointer, prereq in items(doc.data, "prerequisites"):
        cid = text(prereq, "competency")
        if cid:
            out.setdefault(cid, doc.locate(pointer))
    return out


def coverage_paths(
    paths: list[Path], context: Context, options: Options | None = None, progress: Progress | None = None
) -> CoverageReport:
    """Validate, then judge every course; a programme view when there are several courses or a programme file.

    Each course is judged while its document is loaded and then dropped, so memory grows with the number of
    courses only by their (small) coverage records.
    """
    options = options or Options()

    def visit(result: FileResult) -> Any:
        """Runs beside the checks of each file (in a worker, for large batches)."""
        if result.kind != "course" or result.document is None:
            return None
        coverage, diagnostics = course_coverage(result.document, context)
        return coverage, _prerequisite_locations(result.document), diagnostics

    validation = validate_paths(paths, context, options, visit, progress)
    extra = _unlisted_programme_courses(validation.results)
    if extra:  # a programme names course files that were not given: check them too
        more = validate_paths(extra, context, options, visit)
        validation.results += more.results
        validation.report.files += more.report.files
        validation.report.extend(more.report.diagnostics)
    report = validation.report
    courses: list[CourseCoverage] = []
    where: dict[str, dict[str, Location]] = {}
    for result in validation.results:
        if result.extra is None:
            continue
        coverage, locations, diagnostics = result.extra
        result.extra = None
        if coverage.id in where:
            continue  # a duplicate id is reported by validation
        courses.append(coverage)
        where[coverage.id] = locations
        report.extend(diagnostics)
    programmes = [r.document for r in validation.results if r.kind == "programme" and r.document is not None]
    fw = context.framework
    programme = None
    if programmes or len(courses) > 1:
        prog_doc = programmes[0] if programmes else None
        ordered = _programme_order(courses, prog_doc, fw)
        programme, diagnostics = programme_coverage(ordered, where, context, prog_doc)
        report.extend(diagnostics)
        in_programme = {c.id for c in ordered}
        courses = ordered + [c for c in courses if c.id not in in_programme]  # one numbering everywhere
    fw_data, gl_data = fw.document.data, context.guidelines.document.data
    return CoverageReport(
        framework={k: str(fw_data.get(k, "")) for k in ("id", "name", "version", "status")},
        guidelines={k: str(gl_data.get(k, "")) for k in ("id", "name", "version", "status")},
        courses=courses,
        programme=programme,
        report=report,
        rules=list(rule_infos(context).values()),
        levels={str(lv.rank): lv.label for lv in fw.levels.values()},
        area_labels={a: str(area.get("label", a)) for a, area in fw.areas.items()},
        competency_labels={cid: str(c.get("label", cid)) for cid, c in fw.competencies.items()},
    )
