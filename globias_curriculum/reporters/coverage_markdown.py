"""A CoverageReport as Markdown for a pull-request comment: every piece of course text is literal."""

from __future__ import annotations

from collections.abc import Iterator

from ..judging.model import CoverageReport
from .coverage_text import MATRIX_LIMIT, cell, percent
from .escape import markdown as md
from .style import Style


def to_markdown(report: CoverageReport, style: Style) -> Iterator[str]:
    fw, gl = report.framework, report.guidelines
    out = [
        "## Course coverage",
        "",
        f"Framework: **{md(fw['name'])}** {md(fw['version'])}; guidelines: **{md(gl['name'])}** {md(gl['version'])} "
        "(GloBIAS-aligned, not an official GloBIAS guideline).",
        "",
        "| course | level | rules passed | failing rules |",
        "|---|---|---|---|",
    ]
    yield "\n".join(out) + "\n"
    for c in report.courses:
        fails = ", ".join(md(v.rule) for v in c.failing()) or "none"
        yield f"| {md(c.title)} ({md(c.id)}) | {md(c.level or '-')} | {percent(c.compliance)} | {fails} |\n"
    for c in report.courses:
        lines = ["", f"### {md(c.title)}", "", "| line | rule | severity | finding |", "|---|---|---|---|"]
        for d in sorted(c.diagnostics, key=lambda d: d.sort_key):
            rule = md(f"{d.rule_id} {d.rule}" if d.rule_id else f"{d.code} {d.rule}")
            hint = f" ({md(d.hint)})" if d.hint else ""
            lines.append(f"| {d.location.line} | {rule} | {d.severity} | {md(d.message)}{hint} |")
        for v in c.verdicts:
            if v.status == "waived":
                lines.append(f"| | {md(v.rule)} {md(v.info.name)} | waived | {md(v.reason or '')} |")
        taught = [f"{md(a.area)} {a.taught}/{a.total}" for a in c.areas if a.taught]
        lines += ["", f"Competencies taught per area: {', '.join(taught) or 'none'}."]
        yield "\n".join(lines) + "\n"
    prog = report.programme
    if prog:
        lines = ["", f"### Programme: {md(prog.title)}", ""]
        if len(prog.courses) <= MATRIX_LIMIT:
            lines += ["| competency | " + " | ".join(f"{i}" for i in range(1, len(prog.courses) + 1)) + " |"]
            lines += ["|---|" + "---|" * len(prog.courses)]
            for cid, row in report.matrix().items():
                lines.append(f"| {md(cid)} | " + " | ".join(cell(row.get(c)) for c in prog.courses) + " |")
        lines += ["", "Columns: " + "; ".join(f"{i}. {md(c)}" for i, c in enumerate(prog.courses, 1)) + "."]
        lines += ["", "| GloBIAS demand topic | taught | coverage |", "|---|---|---|"]
        lines += [
            f"| {md(t.topic)} | {t.taught}/{t.total} | {percent(t.score)}{'' if t.met else ' (gap)'} |"
            for t in prog.topics
        ]
        if prog.chain:
            lines += ["", "Prerequisite chain:", ""] + [f"- {md(f.message)}" for f in prog.chain]
        yield "\n".join(lines) + "\n"
    others = report.report.sorted()
    if others:
        lines = ["", "### Files and programmes", "", "| file | line | code | finding |", "|---|---|---|---|"]
        lines += [f"| {md(d.location.file)} | {d.location.line} | {d.code} | {md(d.message)} |" for d in others]
        yield "\n".join(lines) + "\n"
    counts = report.counts()
    yield f"\n{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info.\n"
