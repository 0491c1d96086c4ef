"""Coverage: judge every course against the guideline rules, and several courses as a programme.

`coverage_paths` runs the shared pipeline (`runner.run`) with `judge_course` as its per-file hook, spools each
judged course to a `CourseStore` as it arrives, then orders the courses (the programme file's order, or by
level, then id) and judges the programme in one more pass over the store.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ..checks.cross_file import file_key
from ..context import Context
from ..reading.document import Document, strings
from ..reading.files import FilePath
from ..report import Report
from ..runner import CheckedFile, FileOutcome, Options, Progress, run
from .judge import judge_course, judge_programme, rule_infos
from .model import CourseCoverage, CourseStore, CoverageReport, RuleInfo, SourceInfo

__all__ = ["CoverageReport", "coverage_paths"]


def coverage_paths(
    paths: Iterable[FilePath], context: Context, options: Options | None = None, progress: Progress | None = None
) -> CoverageReport:
    """Validate and judge every course; a programme view when there are several courses or a programme file."""
    if options is not None and options.disable:
        context = context._replace(guidelines=context.guidelines.without(options.disable))
    rules = rule_infos(context)
    store = CourseStore(rules)
    report = Report()
    programmes: list[Document] = []
    index: list[tuple[str, int]] = []  # (id, level rank) per stored course, in the order stored

    def judge(checked: CheckedFile) -> CourseCoverage | None:
        if checked.kind != "course" or checked.document is None:
            return None
        course, findings = judge_course(checked.document, context)
        checked.diagnostics.extend(findings)
        return course

    def collect(outcome: FileOutcome[CourseCoverage]) -> None:
        report.add_file(outcome.path, outcome.kind)
        course = outcome.output
        if outcome.programme is not None:
            programmes.append(outcome.programme)
        if course is None:
            report.extend(outcome.diagnostics)
            return
        course.diagnostics = outcome.diagnostics
        level = context.framework.levels.get(course.level or "")
        index.append((course.id, level.rank if level else 99))
        store.add(course)

    report.extend(run(paths, context, options, judge, collect, progress))
    programme = None
    if programmes or len(store) > 1:
        document = programmes[0] if programmes else None
        order = _teaching_order(index, store, document)
        listed = set(order)
        store.reorder(order + [i for i in range(len(index)) if i not in listed])  # one numbering everywhere
        programme, findings = judge_programme(
            (store[i] for i in range(len(order))), context, document, "programme" if document else "level"
        )
        report.extend(findings)
    fw, gl = context.framework, context.guidelines
    return CoverageReport(
        framework={k: str(fw.document.data.get(k, "")) for k in ("id", "name", "version", "status")},
        guidelines={k: str(gl.document.data.get(k, "")) for k in ("id", "name", "version", "status")},
        rules=list(rules.values()),
        courses=store,
        programme=programme,
        report=report,
        levels={str(lv.rank): lv.label for lv in fw.levels.values()},
        area_labels={a: str(area.get("label", a)) for a, area in fw.areas.items()},
        competency_labels={cid: str(c.get("label", cid)) for cid, c in fw.competencies.items()},
        sources=_cited_sources(context, rules.values()),
    )


def _cited_sources(context: Context, rules: Iterable[RuleInfo]) -> dict[str, SourceInfo]:
    """The catalogue entries the rules cite, from the guideline set's own catalogue, else the framework's:
    the report spells sources out, whichever framework and guidelines were used."""
    catalogue = dict(context.framework.sources)
    own = context.guidelines.document.data.get("source_catalogue")
    for entry in own if isinstance(own, list) else ():
        if isinstance(entry, dict) and entry.get("key"):
            catalogue[str(entry["key"])] = entry
    cited = {key for rule in rules for key in rule.sources}
    return {key: SourceInfo.from_catalogue(catalogue[key]) for key in sorted(cited) if key in catalogue}


def _teaching_order(index: list[tuple[str, int]], store: CourseStore, programme: Document | None) -> list[int]:
    """Positions of the stored courses in teaching order: the programme file's, else by level, then id.

    A course id used twice (reported by the cross-file pass) counts once: the file a programme lists, or
    else the first one read.
    """
    first: dict[str, int] = {}
    for i, (cid, _) in enumerate(index):
        first.setdefault(cid, i)
    if programme is None:
        return sorted(first.values(), key=lambda i: (index[i][1], index[i][0]))
    by_id = first
    by_file = {file_key(course.file): i for i, course in enumerate(store.added())}  # programmes are small
    base = os.path.dirname(programme.path)
    order: list[int] = []
    taken: set[str] = set()
    for _, entry in strings(programme.data, "courses"):
        found = by_id.get(entry)
        if found is None:
            found = by_file.get(file_key(os.path.join(base, entry)))
        if found is not None and index[found][0] not in taken:
            taken.add(index[found][0])
            order.append(found)
    return order
