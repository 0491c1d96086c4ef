"""A CoverageReport as 80-column text: each course with its findings (each once, located, with its hint),
then the programme, then what belongs to no course, then one summary line."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from ..judging.model import AreaScore, CourseCoverage, CoverageReport
from .diagnostics import diagnostic_lines, summary_line
from .escape import printable
from .style import Style

WIDTH = 80
RANK_LETTERS = {1: "I", 2: "M", 3: "A"}
MATRIX_LIMIT = 100  # courses; beyond this the matrix is not a thing a person reads


def percent(score: float | None) -> str:
    return "-" if score is None else f"{score * 100:.0f}%"


def cell(rank: int | None) -> str:
    """I/M/A for the level a competency is taught at, r for required only, . for absent, + for level unknown."""
    if rank is None:
        return "."
    if rank < 0:
        return "r"
    return RANK_LETTERS.get(rank, "+")


def _shorten(text: str, width: int = WIDTH) -> str:
    return textwrap.shorten(printable(text), width, placeholder="…")


def _bar(score: float | None, width: int = 20) -> str:
    filled = round((score or 0) * width)
    return "#" * filled + "." * (width - filled)


def _areas(areas: list[AreaScore]) -> list[str]:
    lines = []
    for a in areas:
        label = _shorten(a.label, 30)
        lines.append(f"  {a.area:<8} {label:<30} {_bar(a.score)} {a.taught:>2}/{a.total:<2} {percent(a.score):>4}")
    return lines


def _course(c: CourseCoverage, style: Style) -> Iterator[str]:
    judged = [v for v in c.verdicts if v.status in ("pass", "fail")]
    passed = sum(v.status == "pass" for v in judged)
    yield ""
    yield _shorten(f"== {c.id}: {c.title}")
    yield f"   level {c.level or '-'} | rules passed {passed}/{len(judged)} ({percent(c.compliance)})"
    for d in sorted(c.diagnostics, key=lambda d: d.sort_key):
        yield from diagnostic_lines(d, style)
    for v in c.verdicts:
        if v.status == "waived":
            yield from textwrap.wrap(f"   waived {v.rule}: {printable(v.reason)}", WIDTH, subsequent_indent=" " * 10)
    taught = [a for a in c.areas if a.taught]
    if taught:
        yield "   competencies taught per area:"
        yield from _areas(taught)


def _matrix(report: CoverageReport) -> Iterator[str]:
    prog = report.programme
    assert prog is not None
    columns = prog.courses
    rows = report.matrix()
    for start in range(0, len(columns), 20):  # 20 columns of 3 fit beside the row labels in 80 columns
        chunk = columns[start : start + 20]
        yield "   " + " " * 10 + "".join(f"{i:>3}" for i in range(start + 1, start + len(chunk) + 1))
        for cid, row in rows.items():
            yield f"   {printable(cid):<10}" + "".join(f"{cell(row.get(course)):>3}" for course in chunk)


def _programme(report: CoverageReport) -> Iterator[str]:
    prog = report.programme
    assert prog is not None
    yield ""
    yield _shorten(f"== Programme {prog.id}: {prog.title}")
    yield "   courses in order:"
    for i, cid in enumerate(prog.courses, 1):
        yield _shorten(f"   {i:>2}. {cid}")
    if len(prog.courses) <= MATRIX_LIMIT:
        yield "   competency-by-course matrix (I/M/A: taught at level, r: required, .: absent):"
        yield from _matrix(report)
    else:
        yield f"   (no matrix: {len(prog.courses)} courses; each course's `taught` is in the JSON report)"
    yield "   coverage per area (taught by at least one course):"
    yield from _areas(prog.areas)
    yield "   GloBIAS survey demand topics:"
    for t in prog.topics:
        mark = "met" if t.met else "GAP"
        yield f"  {t.topic:<38} {_bar(t.score, 16)} {t.taught:>2}/{t.total:<2} {percent(t.score):>4} {mark}"
    if prog.chain:
        yield "   prerequisite chain:"
        for f in prog.chain:
            yield from textwrap.wrap(f"   - {printable(f.message)}", WIDTH, subsequent_indent="     ")


def to_text(report: CoverageReport, style: Style) -> Iterator[str]:
    fw, gl = report.framework, report.guidelines
    yield _shorten(f"Coverage against {fw['name']} {fw['version']}") + "\n"
    yield _shorten(f"Guidelines: {gl['name']} {gl['version']}") + "\n"
    yield "(GloBIAS-aligned, not an official GloBIAS guideline)\n"
    for c in report.courses:
        for line in _course(c, style):
            yield line + "\n"
    if report.programme:
        for line in _programme(report):
            yield line + "\n"
    others = report.report.sorted()
    if others:
        yield "\n== Files and programmes\n"
        for d in others:
            for line in diagnostic_lines(d, style):
                yield line + "\n"
    if not style.quiet:
        yield "\n" + summary_line(len(report.report.files), report.counts()) + "\n"
