"""GC4xx: guideline rules are data; this module implements each *condition kind* once.

To add a condition kind: write a function `(view, condition, framework) -> list[Finding]`, register it in
`CONDITIONS`, document it in the schema's ConditionKind enum, and add a passing and a failing fixture under
tests/fixtures/coverage/.

A rule applies to a course when its scope holds: the course level is one of `levels` (if given) AND the
course teaches any of `teaches_competencies` or any competency of `teaches_areas` (if either is given).
Programme-only rules are judged by the programme, not here. A course can waive a rule with
`guideline_exceptions`, giving a reason; the report shows the waiver instead of a finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..context import BloomRange, Framework
from ..diagnostics import Diagnostic, Severity
from ..identifiers import is_open_licence
from ..reading.document import Document, items, strings, text
from ..units import teaching_hours

#: Outcomes per teaching hour above which a course promises more than it can teach (documented in README).
MAX_OUTCOMES_PER_HOUR = 2
MIN_OUTCOME_ALLOWANCE = 3
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


@dataclass
class CourseView:
    """What the rules read from one course, computed once."""

    doc: Document
    level_rank: int | None
    taught: dict[str, int] = field(default_factory=dict)  # competency -> highest rank taught (0: level unknown)
    required: set[str] = field(default_factory=set)
    required_at: dict[str, tuple[int, str]] = field(default_factory=dict)  # competency -> (rank, pointer)

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data  # type: ignore[no-any-return]

    @classmethod
    def build(cls, doc: Document, fw: Framework) -> CourseView:
        course_level = fw.level(text(doc.data, "level"))
        rank = course_level.rank if course_level else None
        view = cls(doc, rank)
        for pointer, outcome in items(doc.data, "learning_outcomes"):
            level = fw.level(text(outcome, "level"))
            for _, cid in strings(outcome, "competencies", pointer):
                view._teach(cid, level.rank if level else rank or 0)
        for pointer, module in items(doc.data, "modules"):
            for _, cid in strings(module, "competencies", pointer):
                view._teach(cid, rank or 0)
        for pointer, prereq in items(doc.data, "prerequisites"):
            required = text(prereq, "competency")
            if required:
                view.required.add(required)
                level = fw.level(text(prereq, "level"))
                if level is not None:
                    view.required_at.setdefault(required, (level.rank, f"{pointer}/level"))
        return view

    def _teach(self, cid: str, rank: int) -> None:
        self.taught[cid] = max(rank, self.taught.get(cid, 0))


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    pointer: str
    hint: str | None = None


Condition = Callable[[CourseView, dict[str, Any], Framework], list[Finding]]


def _competencies(condition: dict[str, Any], fw: Framework) -> list[str]:
    out = [c for c in condition.get("competencies") or () if isinstance(c, str)]
    return out + fw.in_areas(condition.get("areas") or ())


def _label(fw: Framework, cid: str) -> str:
    return fw.label(cid)


def outcome_words(statement: str) -> list[str]:
    """Lower-case words of an outcome, leading adverbs ("Automatically", "Visually") skipped."""
    words = [w.lower() for w in _WORD.findall(statement)]
    while words and words[0].endswith("ly") and len(words) > 1:
        words.pop(0)
    return words


def outcome_bloom(fw: Framework, outcome: dict[str, Any]) -> BloomRange | None:
    """The Bloom ranks an outcome can have: its declared `bloom_level`, else those of its first verb (or
    two-word verb, "carry out"); None for a tool action, an unlisted verb or no statement."""
    declared = text(outcome, "bloom_level")
    if declared in fw.bloom_ranks:
        rank = fw.bloom_ranks[declared]
        return BloomRange(rank, rank)
    words = outcome_words(text(outcome, "statement") or "")
    if not words or words[0] in fw.tool_action_verbs:
        return None
    return fw.bloom_range(" ".join(words[:2])) or fw.bloom_range(words[0])


def field_present(view: CourseView, cond: dict[str, Any], fw: Framework) -> list[Finding]:
    return [
        Finding("GC401", f"`{name}` is not declared", "", hint=f"add `{name}:` to the course")
        for name in cond.get("fields") or ()
        if view.data.get(name) is None
    ]


def outcomes_present(view: CourseView, cond: dict[str, Any], fw: Framework) -> list[Finding]:
    if list(items(view.data, "learning_outcomes")):
        return []
    return [Finding("GC402", "the course states no learning outcome", "", "add `learning_outcomes:`")]


def outcomes_mapped(view: CourseView, cond: dict[str, Any], fw: Framework) -> list[Finding]:
    return [
        Finding("GC403", "the outcome names no competency", f"{pointer}/statement", "add `competencies: [...]`")
        for pointer, outcome in items(view.data, "learning_outcomes")
        if not list(strings(outcome, "competencies"))
    ]


def observable_verbs(view: CourseView, cond: dict[str, Any], fw: Framework) -> list[Finding]:
    phrases = [str(v).lower() for v in cond.get("verbs") or fw.non_observable_verbs]
    out = []
    for pointer, outcome in items(view.data, "learning_outcomes"):
        words = outcome_words(text(outcome, "statement") or "")
        start = " ".join(words)
        hit = next((p for p in phrases if start == p or start.startswith(p + " ")), None)
        if hit:
            out.append(
                Finding(
                    "GC404",
                    f"the outcome starts with {hit!r}, which cannot be observed or assessed",
                    f"{pointer}/statement",
                    hint="start with what learners will do, e.g. describe, apply, measure, compare",
                )
            )
    return out


def tool_action_verbs(view: CourseView, cond: dict[str, Any], fw: Framework) -> list[Finding]:
    out = []
    for pointer, outcome in items(view.data, "learning_outcomes"):
        words = outcome_words(text(outcome, "statement") or "")
        if words and words[0] in fw.tool_action_verbs:
            out.append(
                Finding(
                    "GC416",
                    f"the outcome starts with {words[0]!r}, a software action that says nothing about what is learnt",
                    f"{pointer}/statement",
                    "say what learners do with it: identify, measure, compare ...",
                )
            )
    return out


def outcome_levels_fit(view: CourseView, cond: dict[str, Any], fw: Framework) -> list[Finding]:
    """Course difficulty and outcome Bloom levels are separate scales; only an implausible whole is flagged:
    every outcome at or above `all_at_or_above`, or every outcome at or below `all_at_or_below`."""
    ranges = [r for _, o in items(view.data, "learning_outcomes") if (r := outcome_bloom(fw, o)) is not None]
    if not ranges:
        return []
    level = text(view.data, "level") or "this"
    above, below = cond.get("all_at_or_above"), cond.get("all_at_or_below")
    if above in fw.bloom_ranks and all(r.low >= fw.bloom_ranks[above] for r in ranges):
        return [
            Finding(
                "GC405",
                f"every outcome of this {level} course is at Bloom level {above!r} or above",
                "/learning_outcomes",
                "add outcomes learners can reach first: describe, identify, apply",
            )
        ]
    if below in fw.bloom_ranks and all(r.high <= fw.bloom_ranks[below] for r in ranges):
        return [
            Finding(
                "GC405",
                f"every outcome of this {level} course is at Bloom level {below!r} or below",
                "/learning_outcomes",
                "check the course level, or add outcomes that analyse, evaluate or design",
            )
        ]
    return []


def prerequisite_levels_fit(view: CourseView, cond: dict[str, Any], fw: Framework) -> list[Finding]:
    """A course assumes the descriptors below the level it teaches a competency at: requiring the competency
    at that level or above contradicts teaching it."""
    out = []
    for cid, (rank, pointer) in view.required_at.items():
        taught = view.taught.get(cid, 0)
        if taught and rank >= taught:
            required = next((lv.id for lv in fw.levels.values() if lv.rank == rank), str(rank))
            at = next((lv.id for lv in fw.levels.values() if lv.rank == taught), str(taught))
            out.append(
                Finding(
                    "GC417",
                    f"requires {_label(fw, cid)} at {required!r} but teaches it at {at!r}",
                    pointer,
                    "require the level below the one taught, or teach it at a higher level",
                )
            )
    return out


def compound_outcome(view: CourseView, cond: dict[str, Any], fw: Framework) -> list[Finding]:
    out = []
    for pointer, outcome in items(view.data, "learning_outcomes"):
        statement = text(outcome, "statement") or ""
        for joined in re.findall(r"(?:\band\b|/)\s*([A-Za-z]+)", statement):
            if fw.bloom_range(joined) is not None or joined.lower() in fw.tool_action_verbs:
                out.append(
                    Finding(
                        "GC406",
                        f"the outcome joins two verbs (…and {joined.lower()})",
                        f"{pointer}/statement",
                        "split it into one outcome per verb",
                    )
                )
                break
    return out


def _missing(view: CourseView, wanted: list[str], match: str, have: Callable[[str], bool]) -> list[str]:
    missing = [c for c in wanted if not have(c)]
    if match == "any" and len(missing) < len(wanted):
        return []
    return missing


def teaches_any(view: CourseView, cond: dict[str, Any], fw: Framework) -> list[Finding]:
    wanted = _competencies(cond, fw)
    if any(c in view.taught for c in wanted):
        return []
    what = ", ".join(cond.get("areas") or ()) or ", ".join(_label(fw, c) for c in wanted)
    return [Finding("GC407", f"teaches none of {what}", "/learning_outcomes", "add an outcome or module for it")]


def teaches_all(view: CourseView, cond: dict[str, Any], fw: Framework) -> list[Finding]:
    return [
        Finding("GC407", f"does not teach {_label(fw, c)}", "/learning_outcomes", "add an outcome or module for it")
        for c in _competencies(cond, fw)
        if c not in view.taught
    ]


def teaches_or_requires(view: CourseView, cond: dict[str, Any], fw: Framework) -> list[Finding]:
    """With `match: any`, one finding names every alternative; with `all`, one finding per missing competency."""
    match = cond.get("match") or "any"
    missing = _missing(view, _competencies(cond, fw), match, lambda c: c in view.taught or c in view.required)
    if match == "any" and len(missing) > 1:
        return [
            Finding(
                "GC408",
                "neither teaches nor requires any of " + " or ".join(_label(fw, c) for c in missing),
                "/prerequisites",
                "teach one of them, or list it under `prerequisites`",
            )
        ]
    return [
        Finding(
            "GC408",
            f"neither teaches nor requires {_label(fw, c)}",
            "/prerequisites",
            "teach it, or list it under `prerequisites`",
        )
        for c in missing
    ]


def requires(view: CourseView, cond: dict[str, Any], fw: Framework) -> list[Finding]:
    wanted = _competencies(cond, fw)
    missing = _missing(view, wanted, cond.get("match") or "any", lambda c: c in view.required)
    if not missing:
        return []
    options = " or ".join(_label(fw, c) for c in missing)
    return [
        Finding(
            "GC409",
            f"does not list {options} as a prerequisite",
            "/prerequisites",
            f"add `- {{competency: {missing[0]}}}` to `prerequisites`",
        )
    ]


def _licences(view: CourseView) -> list[tuple[str, str]]:
    """(pointer, licence) of the course and of each of its materials that declares one."""
    candidates = [("/license", text(view.data, "license"))]
    candidates += [(f"{p}/license", text(m, "license")) for p, m in items(view.data, "materials")]
    return [(p, lic) for p, lic in candidates if lic]


def licence_declared(view: CourseView, cond: dict[str, Any], fw: Framework) -> list[Finding]:
    if _licences(view):
        return []
    return [Finding("GC418", "no licence is declared for the course or its materials", "", "add `license: CC-BY-4.0`")]


def open_licence(view: CourseView, cond: dict[str, Any], fw: Framework) -> list[Finding]:
    """Every declared licence is open; a course that declares none is licence-declared's to report."""
    licences = _licences(view)
    return [
        Finding(
            "GC410",
            f"licence {lic!r} is not an open licence",
            pointer,
            "CC-BY-4.0 or another OSI/FSF-approved or CC BY/CC0 licence lets others reuse the materials",
        )
        for pointer, lic in licences
        if lic and not is_open_licence(lic)
    ]


def tools_declared(view: CourseView, cond: dict[str, Any], fw: Framework) -> list[Finding]:
    tools = list(items(view.data, "tools"))
    if not tools:
        return [Finding("GC411", "no tools are listed", "", "add `tools:` with `open_source: true/false`")]
    return [
        Finding(
            "GC411",
            f"tool {text(t, 'name')!r} does not say whether it is open source",
            p,
            "add `open_source: true` or `false`",
        )
        for p, t in tools
        if not isinstance(t.get("open_source"), bool)
    ]


def open_source_tools(view: CourseView, cond: dict[str, Any], fw: Framework) -> list[Finding]:
    tools = [t for _, t in items(view.data, "tools")]
    if any(t.get("open_source") is True for t in tools):
        return []
    return [
        Finding(
            "GC412",
            "no open-source tool is taught",
            "/tools" if tools else "",
            "Fiji, napari, QuPath, CellProfiler and ilastik are open source",
        )
    ]


def duration_plausible(view: CourseView, cond: dict[str, Any], fw: Framework) -> list[Finding]:
    """No more outcomes than the declared time allows; a course without a duration has nothing to compare."""
    duration = text(view.data, "duration")
    hours = teaching_hours(duration or "")
    if hours is None:
        return []
    if hours == 0:  # P0D is a duration, and not a plausible one: it is not the same as none
        return [
            Finding("GC413", f"the course lasts no time ({duration})", "/duration", "give its real length, e.g. P2D")
        ]
    outcomes = len(list(items(view.data, "learning_outcomes")))
    allowed = max(MIN_OUTCOME_ALLOWANCE, int(hours * MAX_OUTCOMES_PER_HOUR))
    if outcomes > allowed:
        return [
            Finding(
                "GC413",
                f"{outcomes} outcomes for {duration} ({hours:g} teaching hours): at most {allowed} can be reached",
                "/learning_outcomes",
                "merge or drop outcomes",
            )
        ]
    return []


def provisional_edam(view: CourseView, cond: dict[str, Any], fw: Framework) -> list[Finding]:
    return [
        Finding(
            "GC415",
            f"{value!r} is a provisional EDAM-bioimaging id; it may change",
            p,
            "prefer a stable EDAM id where one fits",
        )
        for p, value in strings(view.data, "edam_topics")
        if value.startswith("edam-bi:")
    ]


CONDITIONS: dict[str, Condition] = {
    "field-present": field_present,
    "outcomes-present": outcomes_present,
    "outcomes-mapped": outcomes_mapped,
    "observable-verbs": observable_verbs,
    "tool-action-verbs": tool_action_verbs,
    "outcome-levels-fit": outcome_levels_fit,
    "prerequisite-levels-fit": prerequisite_levels_fit,
    "compound-outcome": compound_outcome,
    "teaches-any": teaches_any,
    "teaches-all": teaches_all,
    "teaches-or-requires": teaches_or_requires,
    "requires": requires,
    "licence-declared": licence_declared,
    "open-licence": open_licence,
    "tools-declared": tools_declared,
    "open-source-tools": open_source_tools,
    "duration-plausible": duration_plausible,
    "provisional-edam": provisional_edam,
}
PROGRAMME_CONDITIONS = {"prerequisite-order"}


def applies(view: CourseView, rule: dict[str, Any], fw: Framework) -> bool:
    scope = rule.get("scope") or {}
    if scope.get("programme_only") or (rule.get("condition") or {}).get("kind") in PROGRAMME_CONDITIONS:
        return False
    levels = [fw.canonical_level(str(lv)) for lv in scope.get("levels") or ()]
    if levels:
        course_level = fw.canonical_level(text(view.data, "level"))
        if course_level not in levels:
            return False
    triggers = [*(scope.get("teaches_competencies") or ()), *fw.in_areas(scope.get("teaches_areas") or ())]
    return not (triggers or scope.get("teaches_areas")) or any(c in view.taught for c in triggers)


def to_diagnostic(view: CourseView, rule: dict[str, Any], finding: Finding) -> Diagnostic:
    return Diagnostic.make(
        finding.code,
        finding.message,
        view.doc.locate(finding.pointer, key=bool(finding.pointer)),
        finding.hint,
        severity=Severity.parse(str(rule.get("severity", "warning"))),
        rule_name=str(rule.get("name") or ""),
        rule_id=str(rule["id"]),
    )
