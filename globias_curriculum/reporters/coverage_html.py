"""CoverageReport -> one self-contained HTML page for a course organiser: no script, no network; printable.

The page is ordered by what a reader should do next: first WHAT TO FIX (errors with their location and how
to fix them, then warnings, then info), then the rules not met with the sources they rest on spelled out,
then the courses, the programme (gaps included) and one card per course, where the rules a course meets are
folded away below its findings. Every rule id is shown with its name and summary; Markdown `code` in
messages is shown as code; all course text is escaped (`webpage.inline`).

The page is written a piece at a time and keeps to a bounded size at the top: at most FIX_FIRST_LIMIT
findings of each severity there (each course's card lists all of its own); above MATRIX_LIMIT courses the
heatmap becomes a table of counts per competency. Colours double words and letters (I/M/A, gap), so nothing
depends on telling colours apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from html import escape
from typing import TYPE_CHECKING

from ..diagnostics import CODES, Diagnostic, Severity
from ..judging.model import AreaScore, CourseCoverage, CoverageReport, RuleInfo, SourceInfo
from ..webpage import PAGE_END, inline, page_start
from .coverage_text import MATRIX_LIMIT, RANK_LETTERS, percent
from .style import Style

if TYPE_CHECKING:
    from ..context import Context

FIX_FIRST_LIMIT = 300  # findings of one severity listed under "What to fix first"
OPEN_LIMIT = 40  # up to this many findings of a severity are shown open; more are folded per file
NAMES_LIMIT = 12  # courses named beside a rule; the rest are counted

LEVEL_FILL = {1: "#c6dbef", 2: "#6baed6", 3: "#08519c"}
LEVEL_INK = {1: "#08306b", 2: "#08306b", 3: "#ffffff"}
WORDS = {
    Severity.ERROR: ("error", "errors"),
    Severity.WARNING: ("warning", "warnings"),
    Severity.INFO: ("info", "info"),
}
ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)

STYLE = """<style>
.finding{list-style:none;margin:0 0 10px;padding:6px 10px;background:#fff;border:1px solid #d9dde3;
  border-left:5px solid var(--tone);border-radius:4px}
ol.findings,ul.findings{padding-left:0;margin:6px 0}
.finding .meta{margin-top:2px}.hint{margin-top:2px}.hint b{color:#2d3138}
.course .finding{padding:4px 8px;margin-bottom:6px}
.rule h4{margin:.6em 0 .2em}.rule{border-left:5px solid var(--tone)}
.sources{margin:.2em 0 .4em;padding-left:1.2em}.sources li{margin:.15em 0}
.heat{width:auto;border-collapse:separate;border-spacing:2px;background:none;font-size:12px;line-height:1}
.heat th,.heat td{border:none;padding:0}
.heat td{width:22px;min-width:22px;height:22px;text-align:center;vertical-align:middle;background:#eef0f2}
.heat thead th{text-align:center;font-weight:600;background:none;padding:0 0 2px}
.heat th.comp{position:sticky;left:0;z-index:1;background:#f6f7f9;font-weight:400;text-align:left;
  width:19em;min-width:19em;max-width:19em;padding:2px 8px 2px 0;line-height:1.25}
.heat tr.area th{background:#f6f7f9;text-align:left;font-weight:600;padding:10px 0 2px;position:sticky;left:0}
.heat tr.untaught td{background:repeating-linear-gradient(135deg,#f7d9d3 0 4px,#fff 4px 8px)}
.heat td.req{background:#fff;box-shadow:inset 0 0 0 2px #e69f00;color:#7a4f00}
.legend span{display:inline-block;padding:0 6px;margin:0 6px 4px 0;border-radius:3px}
.gaps li{margin:.2em 0}.rule p{margin:.2em 0 .4em}table.bars{width:auto;min-width:60%}
h3.severity{border-left:5px solid var(--tone);padding-left:8px}
@media (max-width:700px){table.stack td.num{text-align:left}table.stack td.count{display:inline-block;padding-right:0}
  .heat th.comp{width:9.5em;min-width:9.5em;max-width:9.5em}table.bars{width:100%}
  .bars .bar{width:56px}}
</style>"""


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _severity_count(severity: Severity, n: int) -> str:
    one, many = WORDS[severity]
    return _plural(n, one, many)


def _badge(kind: str, word: str | None = None) -> str:
    return f'<span class="badge {kind}">{escape(word or kind)}</span>'


def _location(d: Diagnostic) -> str:
    loc = d.location
    where = f"{loc.file}:{loc.line}:{loc.column}" if loc.line else f"{loc.file} (the whole file)"
    return f'<code class="loc">{escape(where)}</code>'


def _rule_link(info: RuleInfo) -> str:
    return f'<a href="#rule-{escape(info.rule)}"><b>{escape(info.rule)}</b></a> {escape(info.name)}'


def _explained(d: Diagnostic, rules: dict[str, RuleInfo]) -> str:
    """What made the finding: the guideline rule (id, name, summary) or the check's code (rule name, summary)."""
    info = rules.get(d.rule_id or "")
    if info is not None:
        return f"{_rule_link(info)}: {inline(info.summary)}"
    code = CODES.get(d.code)
    summary = f": {inline(code.summary)}" if code else ""
    return f"<b>{escape(d.code)}</b> {escape(d.rule)}{summary}"


def _finding(d: Diagnostic, rules: dict[str, RuleInfo], compact: bool = False) -> str:
    severity = str(d.severity)
    hint = f'<div class="hint"><b>How to fix:</b> {inline(d.hint)}</div>' if d.hint else ""
    if compact:  # on a course's card: the file is the card's; line and column are enough
        where = f"line {d.location.line}:{d.location.column}" if d.location.line else "whole file"
        meta = f"{escape(where)} · {_explained(d, rules)}"
    else:
        meta = f"{_location(d)} · {_explained(d, rules)}"
    return (
        f'<li class="finding {severity}"><div>{_badge(severity)} {inline(d.message)}</div>'
        f'<div class="meta">{meta}</div>{hint}</li>'
    )


def _authors(authors: tuple[str, ...]) -> str:
    if len(authors) > 3:
        return "; ".join(authors[:3]) + " et al."
    return "; ".join(authors)


def _source(key: str, sources: dict[str, SourceInfo]) -> str:
    found = sources.get(key)
    if found is None:
        return f"<li><b>{escape(key)}</b> (not in the source catalogue this report was given)</li>"
    title = f'<a href="{escape(found.url)}">{escape(found.title)}</a>' if found.url else escape(found.title)
    by = ", ".join(x for x in (_authors(found.authors), str(found.year) if found.year else "") if x)
    return f'<li>{title}{" — " + escape(by) if by else ""} <span class="note">[{escape(key)}]</span></li>'


class _RuleTally:
    """How the courses fared on one rule: counts, and the first courses that fail or waive it."""

    def __init__(self) -> None:
        self.counts = {"pass": 0, "fail": 0, "waived": 0, "not-applicable": 0}
        self.failing: list[tuple[str, str]] = []  # (course id, title)
        self.waived: list[tuple[str, str, str]] = []  # (course id, title, reason)


def _tally(courses: Iterable[CourseCoverage]) -> dict[str, _RuleTally]:
    tallies: dict[str, _RuleTally] = {}
    for c in courses:
        for v in c.verdicts:
            t = tallies.setdefault(v.rule, _RuleTally())
            t.counts[v.status] = t.counts.get(v.status, 0) + 1
            if v.status == "fail" and len(t.failing) < NAMES_LIMIT:
                t.failing.append((c.id, c.title))
            elif v.status == "waived" and len(t.waived) < NAMES_LIMIT:
                t.waived.append((c.id, c.title, v.reason or ""))
    return tallies


def _course_link(cid: str, title: str) -> str:
    return f'<a href="#course-{escape(cid)}">{escape(title)}</a>'


def _rule_card(info: RuleInfo, tally: _RuleTally | None, sources: dict[str, SourceInfo], single: bool) -> str:
    severity = str(info.severity)
    t = tally or _RuleTally()
    applies = t.counts["pass"] + t.counts["fail"]
    parts = [
        f'<div class="box rule {severity}" id="rule-{escape(info.rule)}">',
        f"<h4>{_badge(severity)} {escape(info.rule)} {escape(info.name)}</h4><p>{inline(info.summary)}</p>",
    ]
    if t.counts["fail"] and single:
        parts.append('<p class="meta">Not met by this course.</p>')
    elif t.counts["fail"]:
        names = ", ".join(_course_link(cid, title) for cid, title in t.failing)
        more = f" and {t.counts['fail'] - len(t.failing)} more" if t.counts["fail"] > len(t.failing) else ""
        parts.append(
            f'<p class="meta">Not met by {t.counts["fail"]} of the {applies} courses it applies to: {names}{more}.</p>'
        )
    elif applies:
        met = "Met by this course." if single else f"Met by all {_plural(applies, 'course')} it applies to."
        parts.append(f'<p class="meta">{met}</p>')
    else:
        none = "Does not apply to this course." if single else "Applies to none of these courses."
        parts.append(f'<p class="meta">{none}</p>')
    if t.waived:
        waived = "; ".join(f"{_course_link(cid, title)} ({inline(reason)})" for cid, title, reason in t.waived)
        parts.append(f'<p class="meta">Waived by {waived}.</p>')
    if info.sources:
        parts.append(
            '<p class="meta">Sources:</p><ul class="sources">'
            + "".join(_source(k, sources) for k in info.sources)
            + "</ul>"
        )
    parts.append("</div>")
    return "".join(parts)


def _reference(report: CoverageReport) -> Context | None:
    """The embedded framework and guidelines, when the report was judged against exactly those (ids and
    versions): where source details and deprecated competencies are looked up if the report lacks them."""
    from ..configuration import load_context

    context = load_context()
    pairs = ((report.framework, context.framework.document.data), (report.guidelines, context.guidelines.document.data))
    same = all(mine.get(k) == str(data.get(k, "")) for mine, data in pairs for k in ("id", "version"))
    return context if same else None


def _sources(report: CoverageReport, reference: Context | None) -> dict[str, SourceInfo]:
    if report.sources or reference is None:
        return report.sources
    entries = [*reference.framework.sources.values()]
    own = reference.guidelines.document.data.get("source_catalogue")
    entries += [e for e in own if isinstance(e, dict)] if isinstance(own, list) else []
    return {str(e.get("key")): SourceInfo.from_catalogue(e) for e in entries}


# ---------------------------------------------------------------------------------------------- sections


def _header(report: CoverageReport, counts: dict[str, int], n_courses: int) -> str:
    fw, gl = report.framework, report.guidelines
    status = f' <span class="note">{escape(fw.get("status", ""))}</span>' if fw.get("status") else ""
    cards = [f'<a class="card" href="#courses"><b>{n_courses}</b>{"course" if n_courses == 1 else "courses"}</a>']
    for severity in ORDER:
        n = counts[str(severity)]
        one, many = WORDS[severity]
        cards.append(
            f'<a class="card {severity if n else "pass"}" href="#{many}"><b>{n}</b>{one if n == 1 else many}</a>'
        )
    return (
        "<h1>Course coverage report</h1>"
        f"<p>Judged against <b>{escape(fw['name'])}</b> {escape(fw['version'])} and <b>{escape(gl['name'])}</b> "
        f"{escape(gl['version'])}.{status}</p>"
        f'<nav class="cards" aria-label="Summary">{"".join(cards)}</nav>'
    )


def _fix_first(
    report: CoverageReport, rules: dict[str, RuleInfo], titles: dict[str, str], counts: dict[str, int]
) -> Iterator[str]:
    buckets: dict[Severity, dict[str, list[Diagnostic]]] = {s: {} for s in ORDER}
    listed = dict.fromkeys(ORDER, 0)
    files = {s: set[str]() for s in ORDER}
    for d in report.iter_diagnostics():
        files[d.severity].add(d.location.file)
        if listed[d.severity] < FIX_FIRST_LIMIT:
            buckets[d.severity].setdefault(d.location.file, []).append(d)
            listed[d.severity] += 1
    errors, warnings, infos = (counts[str(s)] for s in ORDER)
    if errors:
        lead = (
            f"<b>{_severity_count(Severity.ERROR, errors)}</b> in {_plural(len(files[Severity.ERROR]), 'file')}: "
            "fix these first. A file with errors fails <code>validate</code> and is left out of "
            "<code>export</code>."
        )
    else:
        lead = "<b>No errors.</b>"
    rest = [_severity_count(s, counts[str(s)]) for s in (Severity.WARNING, Severity.INFO) if counts[str(s)]]
    if rest:
        then = "Then " if errors else ""
        lead += (
            f" {then}{' and '.join(rest)}: guideline rules not met and other checks worth a look, most important first."
        )
    elif not errors:
        lead += " Nothing to fix: no warning and no info either."
    yield f'<section id="fix-first"><h2>What to fix first</h2><p>{lead}</p>'
    for severity, total in zip(ORDER, (errors, warnings, infos), strict=True):
        if not total:
            continue
        many = WORDS[severity][1]
        yield f'<h3 class="severity {severity}" id="{many}">{_severity_count(severity, total).capitalize()}</h3>'
        folded = severity != Severity.ERROR and total > OPEN_LIMIT
        if folded:
            yield f'<p class="note">By file; open a file to see its {many}.</p>'
        for i, (file, found) in enumerate(buckets[severity].items()):
            title = titles.get(file)
            label = (f"{escape(title)} " if title else "") + f'<code class="loc">{escape(file)}</code>'
            items = "".join(_finding(d, rules) for d in found)
            if folded:  # the first file open, so the first screen shows a finding to fix
                yield (
                    f"<details{' open' if i == 0 else ''}><summary>{_badge(str(severity), str(len(found)))} "
                    f'{label}</summary><ol class="findings">{items}</ol></details>'
                )
            else:
                yield f'<h4>{label}</h4><ol class="findings">{items}</ol>'
        if listed[severity] < total:
            yield (
                f'<p class="note">… and {total - listed[severity]} more {many}: each course\'s card below lists all '
                "of its own.</p>"
            )
    yield "</section>"


def _rules_section(
    report: CoverageReport, tallies: dict[str, _RuleTally], sources: dict[str, SourceInfo], single: bool
) -> Iterator[str]:
    failing = [r for r in report.rules if tallies.get(r.rule) and tallies[r.rule].counts["fail"]]
    others = [r for r in report.rules if r not in failing]
    yield '<section id="rules"><h2>Rules not met</h2>'
    if not failing:
        yield "<p>Every course meets every guideline rule that applies to it.</p>"
    else:
        yield (
            f"<p>{_plural(len(failing), 'guideline rule')} of {len(report.rules)} not met by at least one course, "
            "most severe first, each with the sources it rests on.</p>"
        )
    for severity in ORDER:
        group = sorted((r for r in failing if r.severity == severity), key=lambda r: -tallies[r.rule].counts["fail"])
        if group:
            yield f"<h3>{escape(WORDS[severity][1].capitalize())}</h3>"
            yield "".join(_rule_card(r, tallies.get(r.rule), sources, single) for r in group)
    if others:
        yield (
            f'<details class="passes"><summary>{_plural(len(others), "rule")} met by every course they apply to, '
            "or applying to none</summary>"
            + "".join(_rule_card(r, tallies.get(r.rule), sources, single) for r in others)
            + "</details>"
        )
    yield "</section>"


def _course_counts(c: CourseCoverage) -> dict[Severity, int]:
    counts = dict.fromkeys(ORDER, 0)
    for d in c.diagnostics:
        counts[d.severity] += 1
    return counts


def _count_cell(severity: Severity, n: int) -> str:
    label = WORDS[severity][1]
    shown = _badge(str(severity), str(n)) if n else "0"
    return f'<td class="num count" data-label="{label}">{shown}</td>'


def _courses_table(report: CoverageReport) -> Iterator[str]:
    yield (
        '<section id="courses"><h2>Courses</h2><table class="stack"><thead><tr><th class="num">#</th><th>course</th>'
        '<th>level</th><th class="num">rules met</th><th class="num">errors</th><th class="num">warnings</th>'
        '<th class="num">info</th></tr></thead><tbody>'
    )
    for i, c in enumerate(report.courses, 1):
        counts = _course_counts(c)
        judged = [v for v in c.verdicts if v.status in ("pass", "fail")]
        met = sum(v.status == "pass" for v in judged)
        yield (
            f'<tr><td class="num" data-label="#">{i}</td><td data-label="course">{_course_link(c.id, c.title)}</td>'
            f'<td data-label="level">{escape(c.level or "not declared")}</td>'
            f'<td class="num" data-label="rules met">{met}/{len(judged)} ({percent(c.compliance)})</td>'
            + "".join(_count_cell(s, counts[s]) for s in ORDER)
            + "</tr>"
        )
    yield "</tbody></table></section>"


def _bars(areas: list[AreaScore], caption: str) -> str:
    rows = "".join(
        f'<tr><td><span class="nowrap"><code>{escape(a.area)}</code></span> {escape(a.label)}</td>'
        f'<td class="nowrap"><span class="bar" role="img" aria-label="{percent(a.score)}">'
        f'<span style="width:{round((a.score or 0) * 100)}%"></span></span> '
        f"{a.taught}/{a.total} ({percent(a.score)})</td></tr>"
        for a in areas
    )
    return (
        f'<table class="bars"><caption class="note" style="text-align:left">{escape(caption)}</caption>'
        "<thead><tr><th>area</th><th>competencies taught</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _legend(report: CoverageReport) -> str:
    levels = "".join(
        f'<span style="background:{LEVEL_FILL[r]};color:{LEVEL_INK[r]}">{RANK_LETTERS[r]}: '
        f"taught at {escape(report.levels.get(str(r), ''))} level</span>"
        for r in (1, 2, 3)
    )
    return (
        f'<p class="legend note">{levels}<span style="background:#bbbbbb">+: taught, level not stated</span>'
        '<span style="box-shadow:inset 0 0 0 2px #e69f00">r: required beforehand</span>'
        '<span style="background:repeating-linear-gradient(135deg,#f7d9d3 0 4px,#fff 4px 8px)">'
        "gap: taught by no course</span></p>"
    )


def _heatmap(report: CoverageReport, area_of: dict[str, str], live: set[str] | None) -> str:
    prog = report.programme
    assert prog is not None
    matrix = report.matrix(include_untaught=True)
    titles = {c.id: c.title for c in report.courses[: len(prog.courses)]}
    head = "".join(
        f'<th scope="col"><a href="#course-{escape(cid)}" title="{escape(titles.get(cid, cid))}">{j}</a></th>'
        for j, cid in enumerate(prog.courses, 1)
    )
    rows: list[str] = []
    current = None
    for cid, row in matrix.items():
        if live is not None and cid not in live and not row:
            continue  # a deprecated competency nobody teaches is no gap
        area = area_of.get(cid, "")
        if area != current:
            current = area
            label = report.area_labels.get(area, "")
            span = len(prog.courses) + 1
            rows.append(f'<tr class="area"><th colspan="{span}">{escape(area)} {escape(label)}</th></tr>')
        taught = any(rank >= 0 for rank in row.values())
        gap = "" if taught else " " + _badge("gap")
        cells = []
        for course in prog.courses:
            rank = row.get(course)
            tip = f"{cid} in {titles.get(course, course)}"
            if rank is None:
                cells.append("<td></td>")
            elif rank < 0:
                cells.append(f'<td class="req" title="{escape(tip)}: required">r</td>')
            else:
                fill, ink = LEVEL_FILL.get(rank, "#bbbbbb"), LEVEL_INK.get(rank, "#000")
                letter = RANK_LETTERS.get(rank, "+")
                cells.append(f'<td style="background:{fill};color:{ink}" title="{escape(tip)}">{letter}</td>')
        name = escape(report.competency_labels.get(cid, ""))
        marked = "" if taught else ' class="untaught"'
        rows.append(
            f'<tr{marked}><th class="comp" scope="row"><code>{escape(cid)}</code> {name}{gap}</th>{"".join(cells)}</tr>'
        )
    return (
        '<div class="scroll"><table class="heat" aria-label="Competency-by-course heatmap">'
        f'<thead><tr><th class="comp">course →</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def _competency_counts(report: CoverageReport, live: set[str] | None) -> str:
    """The heatmap's content as counts, for a programme too large to draw one column per course."""
    prog = report.programme
    assert prog is not None
    taught: dict[str, dict[int, int]] = {}
    required: dict[str, int] = {}
    for course in report.courses[: len(prog.courses)]:
        for cid, rank in course.taught.items():
            by_rank = taught.setdefault(cid, {})
            by_rank[rank] = by_rank.get(rank, 0) + 1
        for cid in course.required:
            required[cid] = required.get(cid, 0) + 1
    rows = []
    for cid, label in report.competency_labels.items():
        if live is not None and cid not in live and cid not in taught:
            continue
        by_rank = taught.get(cid, {})
        total = sum(by_rank.values())
        split = ", ".join(
            f"{n} at {report.levels.get(str(r), r)} level" if r > 0 else f"{n} level not stated"
            for r, n in sorted(by_rank.items(), reverse=True)
        )
        shown = f"{_plural(total, 'course')} ({escape(split)})" if total else _badge("gap", "gap: taught by no course")
        rows.append(
            f'<tr><td data-label="competency"><code>{escape(cid)}</code> {escape(label)}</td>'
            f'<td data-label="taught by">{shown}</td>'
            f'<td class="num" data-label="required by">{required.get(cid, 0)}</td></tr>'
        )
    return (
        f'<p class="note">{len(prog.courses)} courses are too many for a heatmap; instead, how many courses teach '
        "each competency, at which level, and how many require it beforehand:</p>"
        '<table class="stack"><thead><tr><th>competency</th><th>taught by</th><th class="num">required by</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _gaps(report: CoverageReport, area_of: dict[str, str], live: set[str] | None) -> str:
    prog = report.programme
    assert prog is not None
    taught = {cid for course in report.courses[: len(prog.courses)] for cid in course.taught}
    by_area: dict[str, list[str]] = {}
    for cid in report.competency_labels:
        if cid not in taught and (live is None or cid in live):
            by_area.setdefault(area_of.get(cid, ""), []).append(cid)
    if not by_area:
        return "<h3>Gaps</h3><p>Every competency of the framework is taught by at least one course.</p>"
    count = sum(len(v) for v in by_area.values())
    items = "".join(
        f"<li><b>{escape(area)} {escape(report.area_labels.get(area, ''))}</b>: "
        + ", ".join(f"<code>{escape(c)}</code> {escape(report.competency_labels.get(c, ''))}" for c in cids)
        + "</li>"
        for area, cids in by_area.items()
    )
    return (
        f'<h3 id="gaps">Gaps: {_plural(count, "competency", "competencies")} no course teaches</h3>'
        f'<ul class="gaps">{items}</ul>'
    )


def _programme(report: CoverageReport, reference: Context | None) -> Iterator[str]:
    prog = report.programme
    assert prog is not None
    if reference is not None:
        area_of = dict(reference.framework.area_of)
        live = {c for c in reference.framework.competencies if c not in reference.framework.replaced_by}
    else:  # a user's framework: areas from the ids' shape (BIA.SEG.2 -> BIA.SEG); every competency counts
        areas = list(report.area_labels)
        area_of = {cid: next((a for a in areas if cid.startswith(a + ".")), "") for cid in report.competency_labels}
        live = None
    order = "the programme file's order" if prog.ordered_by == "programme" else "order of level, then id"
    yield (
        f'<section id="programme"><h2>Programme: {escape(prog.title)}</h2>'
        f"<p>{_plural(len(prog.courses), 'course')} in {order}; numbered as in the courses table.</p>"
    )
    yield _gaps(report, area_of, live)
    if len(prog.courses) <= MATRIX_LIMIT:
        yield "<h3>Competency-by-course heatmap</h3>" + _legend(report) + _heatmap(report, area_of, live)
    else:
        yield "<h3>Competencies across the programme</h3>" + _competency_counts(report, live)
    yield "<h3>Coverage per competency area</h3>" + _bars(prog.areas, "Competencies taught by at least one course")
    rows = "".join(
        f'<tr><td data-label="topic">{escape(t.topic)}</td>'
        f'<td class="num" data-label="taught">{t.taught}/{t.total}</td>'
        f'<td class="num" data-label="coverage">{percent(t.score)}</td>'
        f'<td data-label="status">{_badge("pass", "met") if t.met else _badge("gap", "gap")}</td></tr>'
        for t in prog.topics
    )
    yield (
        "<h3>GloBIAS survey demand topics</h3>"
        '<table class="stack"><thead><tr><th>topic</th><th class="num">taught</th><th class="num">coverage</th>'
        f"<th>status</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    if prog.chain:
        yield (
            "<h3>Prerequisite chain</h3><ul>"
            + "".join(f"<li>{_course_link(f.course, f.course)}: {inline(f.message)}</li>" for f in prog.chain)
            + "</ul>"
        )
    yield "</section>"


def _course(c: CourseCoverage, rules: dict[str, RuleInfo], single: bool) -> str:
    counts = _course_counts(c)
    judged = [v for v in c.verdicts if v.status in ("pass", "fail")]
    met = [v for v in c.verdicts if v.status == "pass"]
    score = f"rules met {len(met)}/{len(judged)} ({percent(c.compliance)})"
    chips = [_badge("pass" if c.compliance == 1 else "info", score)]
    chips += [_badge(str(s), _severity_count(s, counts[s])) for s in ORDER if counts[s]]
    if not any(counts.values()):
        chips.append(_badge("pass", "nothing to fix"))
    findings = sorted(c.diagnostics, key=lambda d: (-d.severity, d.sort_key))
    parts = [
        f'<article class="box course" id="course-{escape(c.id)}"><h3>{escape(c.title)}</h3>',
        f'<p class="meta"><code>{escape(c.id)}</code> · level {escape(c.level or "not declared")} · '
        f'<code class="loc">{escape(c.file)}</code></p><p>{" ".join(chips)}</p>',
    ]
    if findings:  # folded when the report is this one course: "What to fix first" lists the same findings
        listed = "".join(_finding(d, rules, compact=True) for d in findings)
        summary = ", ".join(_severity_count(s, counts[s]) for s in ORDER if counts[s])
        parts.append(
            f"<details{'' if single else ' open'}><summary>Findings: {summary}"
            f'{" (as listed above)" if single else ""}</summary><ul class="findings">{listed}</ul></details>'
        )
    waived = [v for v in c.verdicts if v.status == "waived"]
    if waived:
        parts.append(
            "<p><b>Waived:</b> "
            + "; ".join(f"{_rule_link(v.info)} ({inline(v.reason or 'no reason given')})" for v in waived)
            + "</p>"
        )
    taught = [a for a in c.areas if a.taught]
    parts.append(_bars(taught, "Competencies taught per area") if taught else "<p>No competency taught.</p>")
    others = [v for v in c.verdicts if v.status == "not-applicable"]
    if met or others:
        listed = "".join(
            f"<li>{_badge('pass', 'met')} {_rule_link(v.info)}: {inline(v.info.summary)}</li>" for v in met
        ) + "".join(
            f"<li>{_badge('not-applicable', 'n/a')} {_rule_link(v.info)}: {inline(v.info.summary)}</li>" for v in others
        )
        parts.append(
            f'<details class="passes"><summary>{_plural(len(met), "rule")} met, {len(others)} not applicable</summary>'
            f'<ul class="plain">{listed}</ul></details>'
        )
    parts.append("</article>")
    return "".join(parts)


def to_html(report: CoverageReport, style: Style) -> Iterator[str]:
    """The page, a section at a time (a 10,000-course report is never one string)."""
    counts = report.counts()
    rules = {r.rule: r for r in report.rules}
    reference = _reference(report)
    sources = _sources(report, reference)
    titles: dict[str, str] = {}
    n_courses = 0
    for c in report.courses:
        titles[c.file] = c.title
        n_courses += 1
    yield page_start("Course coverage report", STYLE)
    yield _header(report, counts, n_courses)
    yield from _fix_first(report, rules, titles, counts)
    yield from _rules_section(report, _tally(report.courses), sources, n_courses == 1)
    yield from _courses_table(report)
    if report.programme:
        yield from _programme(report, reference)
    yield '<section id="per-course"><h2>Per course</h2>'
    for c in report.courses:
        yield _course(c, rules, n_courses == 1)
    yield "</section>"
    yield PAGE_END
