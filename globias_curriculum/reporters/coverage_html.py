"""CoverageReport -> one self-contained HTML page: no scripts, no network, no external assets; printable.

Every piece of course text goes through `html.escape`; charts are inline SVG. Colours: a sequential blue
scale for levels (doubled with letters I/M/A in each cell) and the Okabe-Ito palette for verdicts, so nothing
depends on telling red from green.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from ..diagnostics import Family
from ..judging.model import AreaScore, CourseCoverage, CoverageReport
from ..webpage import page
from .coverage_text import MATRIX_LIMIT, RANK_LETTERS, percent
from .style import Style

LEVEL_FILL = {1: "#c6dbef", 2: "#6baed6", 3: "#08519c"}
LEVEL_INK = {1: "#08306b", 2: "#08306b", 3: "#ffffff"}
STATUS = {  # Okabe-Ito: bluish green, vermillion, orange, grey
    "pass": ("#009e73", "pass"),
    "fail": ("#d55e00", "fail"),
    "waived": ("#e69f00", "waived"),
    "not-applicable": ("#999999", "n/a"),
}


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _bars(areas: list[AreaScore], title: str) -> str:
    row, label_w, bar_w = 24, 400, 340
    height = row * len(areas) + 8
    parts = [
        f'<svg role="img" aria-label="{escape(title)}" width="{label_w + bar_w + 90}" height="{height}" '
        f'viewBox="0 0 {label_w + bar_w + 90} {height}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, a in enumerate(areas):
        y = i * row + 4
        width = round((a.score or 0) * bar_w)
        parts += [
            f'<text x="0" y="{y + 15}" font-size="13">{escape(_clip(f"{a.area} {a.label}", 52))}</text>',
            f'<rect x="{label_w}" y="{y + 2}" width="{bar_w}" height="16" fill="#eeeeee"/>',
            f'<rect x="{label_w}" y="{y + 2}" width="{width}" height="16" fill="#3182bd"/>',
            f'<text x="{label_w + bar_w + 6}" y="{y + 15}" font-size="13">{a.taught}/{a.total} '
            f"({percent(a.score)})</text>",
        ]
    return "\n".join([*parts, "</svg>"])


def _heatmap(report: CoverageReport) -> str:
    prog = report.programme
    assert prog is not None
    matrix = report.matrix()
    cell, label_w, top = 26, 330, 40
    cols = len(prog.courses)
    width, height = label_w + cell * cols + 10, top + cell * len(matrix) + 10
    parts = [
        f'<svg role="img" aria-label="Competency-by-course heatmap" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">',
        "<title>Competency-by-course heatmap</title>",
    ]
    for j in range(cols):
        x = label_w + j * cell + cell / 2
        parts.append(f'<text x="{x}" y="{top - 8}" font-size="12" text-anchor="middle">{j + 1}</text>')
    for i, (cid, row) in enumerate(matrix.items()):
        y = top + i * cell
        label = f"{cid} {report.competency_labels.get(cid, '')}"
        parts.append(f'<text x="0" y="{y + 17}" font-size="12">{escape(_clip(label, 48))}</text>')
        for j, course in enumerate(prog.courses):
            rank = row.get(course)
            x = label_w + j * cell
            if rank is None:
                parts.append(f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="#f4f4f4"/>')
            elif rank < 0:
                parts.append(
                    f'<rect x="{x + 1}" y="{y + 1}" width="{cell - 4}" height="{cell - 4}" fill="#fff" '
                    f'stroke="#e69f00" stroke-width="2"/><text x="{x + cell / 2 - 1}" y="{y + 17}" '
                    f'font-size="12" text-anchor="middle" fill="#7a4f00">r</text>'
                )
            else:
                fill, ink = LEVEL_FILL.get(rank, "#bbbbbb"), LEVEL_INK.get(rank, "#000")
                parts.append(
                    f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{fill}">'
                    f"<title>{escape(cid)} in {escape(course)}</title></rect>"
                    f'<text x="{x + cell / 2 - 1}" y="{y + 17}" font-size="12" text-anchor="middle" '
                    f'fill="{ink}">{RANK_LETTERS.get(rank, "+")}</text>'
                )
    return "\n".join([*parts, "</svg>"])


def _status(status: str) -> str:
    colour, word = STATUS[status]
    return f'<span class="status" style="background:{colour}">{word}</span>'


def _course(c: CourseCoverage) -> str:
    rows = []
    for v in c.verdicts:
        if v.status == "not-applicable":
            continue
        info = v.info
        detail = "<br>".join(escape(m) for m in v.messages) or escape(v.reason or info.summary)
        rows.append(
            f"<tr><td>{_status(v.status)}</td><td>{escape(info.rule)} {escape(info.name)}</td>"
            f"<td>{info.severity}</td><td>{detail}</td><td>{escape(', '.join(info.sources))}</td></tr>"
        )
    taught = [a for a in c.areas if a.taught]
    return (
        f'<section class="course" id="course-{escape(c.id)}"><h3>{escape(c.title)}</h3>'
        f'<p class="note">{escape(c.id)} · level {escape(c.level or "-")} · rules passed {percent(c.compliance)}'
        f" · {escape(c.file)}</p>"
        "<table><tr><th>verdict</th><th>rule</th><th>severity</th><th>finding</th><th>sources</th></tr>"
        + "".join(rows)
        + "</table>"
        + (_bars(taught, f"Competencies taught per area: {c.title}") if taught else "<p>No competency taught.</p>")
        + "</section>"
    )


def to_html(report: CoverageReport, style: Style) -> Iterator[str]:
    fw, gl = report.framework, report.guidelines
    counts = report.counts()
    prog = report.programme
    body = [
        f"<h1>Course coverage report</h1><p>Against <b>{escape(fw['name'])}</b> {escape(fw['version'])} and "
        f"<b>{escape(gl['name'])}</b> {escape(gl['version'])}. {escape(fw.get('status', ''))}</p>",
        '<div class="cards">'
        f'<div class="card"><b>{len(report.courses)}</b>courses</div>'
        f'<div class="card"><b>{counts["error"]}</b>errors</div>'
        f'<div class="card"><b>{counts["warning"]}</b>warnings</div>'
        f'<div class="card"><b>{counts["info"]}</b>info</div></div>',
        "<h2>Courses</h2><table><tr><th>#</th><th>course</th><th>level</th><th>rules passed</th><th>failing</th></tr>",
    ]
    for i, c in enumerate(report.courses, 1):
        fails = ", ".join(v.rule for v in c.failing()) or "none"
        body.append(
            f'<tr><td>{i}</td><td><a href="#course-{escape(c.id)}">{escape(c.title)}</a></td>'
            f"<td>{escape(c.level or '-')}</td><td>{percent(c.compliance)}</td><td>{escape(fails)}</td></tr>"
        )
    body.append("</table>")
    if prog:
        legend = "".join(
            f'<span style="background:{LEVEL_FILL[r]};color:{LEVEL_INK[r]}">{RANK_LETTERS[r]}: '
            f"{escape(report.levels.get(str(r), ''))}</span>"
            for r in (1, 2, 3)
        )
        body += [
            f"<h2>Programme: {escape(prog.title)}</h2>",
            "<ol>" + "".join(f"<li>{escape(c)}</li>" for c in prog.courses) + "</ol>",
            f'<h3>Competency-by-course heatmap</h3><p class="legend">{legend}'
            '<span style="border:2px solid #e69f00">r: required</span></p>',
            _heatmap(report) if len(prog.courses) <= MATRIX_LIMIT else "<p>Too many courses for a heatmap.</p>",
            "<h3>Coverage per competency area</h3>",
            _bars(prog.areas, "Coverage per competency area"),
            "<h3>GloBIAS survey demand topics</h3><table><tr><th>topic</th><th>taught</th><th>coverage</th></tr>",
            "".join(
                f"<tr><td>{escape(t.topic)}</td><td>{t.taught}/{t.total}</td><td>{percent(t.score)}"
                f"{'' if t.met else ' — gap'}</td></tr>"
                for t in prog.topics
            )
            + "</table>",
        ]
        if prog.chain:
            body.append(
                "<h3>Prerequisite chain</h3><ul>"
                + "".join(f"<li>{escape(f.message)}</li>" for f in prog.chain)
                + "</ul>"
            )
    body.append("<h2>Per course</h2>")
    body += [_course(c) for c in report.courses]
    problems = [d for d in report.iter_diagnostics() if d.family < Family.GUIDELINES]
    if problems:
        body.append(
            "<h2>Validation problems</h2><ul>"
            + "".join(
                f"<li>{escape(d.location.file)}:{d.location.line}: {escape(d.code)} {escape(d.message)}</li>"
                for d in problems
            )
            + "</ul>"
        )
    yield page("Course coverage report", "\n".join(body))
