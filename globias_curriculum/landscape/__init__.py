"""The landscape: which competencies are taught where, at what level, online or in person, in which languages,
by whom, and where the gaps are, over any number of courses (harvested, imported or written by hand).

`landscape_paths` runs the shared pipeline (`runner.run`): each course is validated and reduced to its
`CourseFacts` in the worker, the parent adds them to a `Tally` as they arrive and drops them, so memory grows
with what is distinct (countries, competencies, people), not with the number of courses. A course with errors
is left out and its errors reported, as `export` does.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..context import Context
from ..diagnostics import Severity
from ..reading.files import FilePath
from ..report import Report
from ..runner import CheckedFile, FileOutcome, Options, Progress, run
from .facts import CourseFacts, course_facts
from .model import LANDSCAPE_FORMAT_VERSION, FormatError, Landscape, Tally, summarise

__all__ = ["LANDSCAPE_FORMAT_VERSION", "FormatError", "Landscape", "landscape_paths"]

DEFAULT_MIN_COURSES = 2


def landscape_paths(
    paths: Iterable[FilePath],
    context: Context,
    options: Options | None = None,
    min_courses: int = DEFAULT_MIN_COURSES,
    progress: Progress | None = None,
) -> Landscape:
    fw = context.framework
    tally = Tally(min_courses)
    topics_of_area = {a: tuple(str(t) for t in area.get("demand_topics") or ()) for a, area in fw.areas.items()}
    report = Report()

    def facts(checked: CheckedFile) -> CourseFacts | None:
        if checked.kind != "course" or checked.document is None or not isinstance(checked.document.data, dict):
            return None
        if any(d.severity is Severity.ERROR for d in checked.diagnostics):
            return None
        return course_facts(checked.document.data, checked.path, fw)

    def collect(outcome: FileOutcome[CourseFacts]) -> None:
        errors = [d for d in outcome.diagnostics if d.severity is Severity.ERROR]
        if errors:
            report.extend(errors)  # the course is left out: say why
        if outcome.output is not None:
            tally.add(outcome.output, fw, topics_of_area)

    cross = run(paths, context, options, facts, collect, progress)
    report.extend([d for d in cross if d.severity is Severity.ERROR])
    return summarise(tally, fw, report)
