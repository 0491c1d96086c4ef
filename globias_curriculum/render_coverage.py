"""CoverageReport -> text (80 columns), Markdown (pull-request comments) and JSON. HTML is in render_html."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator

from .coverage import AreaScore, CourseCoverage, CoverageReport, to_json_value
from .render import to_text as diagnostics_text

WIDTH = 80
RANK_LETTERS = {1: "I", 2: "M", 3: "A"}
STATUS_WORDS = {"pass": "pass", "fail": "FAIL", "waived": "waived", "not-applicable": "n/a"}


def percent(score: float | None) -> str:
    return "-" if score is None else f"{score * 100:.0f}%"


def cell(rank: int | None) -> str:
    """I/M/A for the level a competency is taught at, r for required only, . for absent, + for level unknown."""
    if rank is None:
        return "."
    if rank < 0:
        return "r"
    return RANK_LETTERS.get(rank, "+")


def _bar(score: float | None, width: int = 20) -> str:
    filled = round((score or 0) * width)
    return "#" * filled + "." * (width - filled)


def _areas_text(areas: list[AreaScore]) -> list[str]:
    lines = []
    for a in areas:
        label = textwrap.shorten(a.label, 30, placeholder="…")
        lines.append(f"  {a.area:<8} {label:<30} {_bar(a.score)} {a.taught:>2}/{a.total:<2} {percent(a.score):>4}")
    return lines


def _course_text(c: CourseCoverage) -> list[str]:
    judged = [v for v in c.verdicts if v.status in ("pass", "fail")]
    passed = sum(v.status == "pass" for v in judged)
    lines = [
        "",
        textwrap.shorten(f"== {c.id}: {c.title}", WIDTH, placeholder="…"),
        f"   level {c.level or '-'} | rules passed {passed}/{len(judged)} ({percent(c.compliance)})",
        f"   file {c.file}",
    ]
    for v in c.verdicts:
        if v.status == "fail":
            for message in v.messages:
                text = f"   FAIL {v.rule:<4} {v.severity:<7} {v.name}: {message}"
                lines += textwrap.wrap(text, WIDTH, subsequent_indent=" " * 21)
        elif v.status == "waived":
            lines += textwrap.wrap(f"   waived {v.rule}: {v.reason}", WIDTH, subsequent_indent=" " * 10)
    lines.append("   competencies taught per area:")
    lines += [line for line, a in zip(_areas_text(c.areas), c.areas, strict=True) if a.taught]
    return lines


def to_text(report: CoverageReport) -> str:
    fw, gl = report.framework, report.guidelines
    lines = [
        textwrap.shorten(f"Coverage against {fw['name']} {fw['version']}", WIDTH, placeholder="…"),
        textwrap.shorten(f"Guidelines: {gl['name']} {gl['version']}", WIDTH, placeholder="…"),
        "(GloBIAS-aligned, not an official GloBIAS guideline)",
    ]
    for c in report.courses:
        lines += _course_text(c)
    prog = report.programme
    if prog:
        lines += ["", textwrap.shorten(f"== Programme {prog.id}: {prog.title}", WIDTH, placeholder="…")]
        lines.append("   courses in order:")
        lines += [_clip(f"   {i:>2}. {cid}") for i, cid in enumerate(prog.courses, 1)]
        lines.append("   competency-by-course matrix (I/M/A: taught at level, r: required, .: absent):")
        lines += _matrix_text(report)
        lines.append("   coverage per area (taught by at least one course):")
        lines += _areas_text(prog.areas)
        lines.append("   GloBIAS survey demand topics:")
        for t in prog.topics:
            mark = "met" if t.met else "GAP"
            lines.append(f"  {t.topic:<38} {_bar(t.score, 16)} {t.taught:>2}/{t.total:<2} {percent(t.score):>4} {mark}")
        if prog.chain:
            lines.append("   prerequisite chain:")
            for f in prog.chain:
                lines += textwrap.wrap(f"   - {f.message}", WIDTH, subsequent_indent="     ")
    lines.append("")
    return "\n".join(lines) + "\n" + diagnostics_text(report.report)


def _clip(line: str) -> str:
    return line if len(line) <= WIDTH else line[: WIDTH - 1] + "…"


def _matrix_text(report: CoverageReport) -> list[str]:
    prog = report.programme
    assert prog is not None
    columns = prog.courses
    out = []
    for start in range(0, len(columns), 20):  # 20 columns of 3 fit beside the row labels in 80 columns
        chunk = columns[start : start + 20]
        out.append("   " + " " * 10 + "".join(f"{i:>3}" for i in range(start + 1, start + len(chunk) + 1)))
        for cid, row in prog.matrix.items():
            out.append(f"   {cid:<10}" + "".join(f"{cell(row.get(course)):>3}" for course in chunk))
    return out


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def md(text: object) -> str:
    """Course text as literal Markdown: no markup, links, HTML or table breaks can come through."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", flat).replace("&", "&amp;")


def to_markdown(report: CoverageReport) -> str:
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
    for c in report.courses:
        fails = ", ".join(v.rule for v in c.verdicts if v.status == "fail") or "none"
        out.append(f"| {md(c.title)} ({md(c.id)}) | {md(c.level or '-')} | {percent(c.compliance)} | {fails} |")
    for c in report.courses:
        out += ["", f"### {md(c.title)}", "", "| rule | severity | finding |", "|---|---|---|"]
        for v in c.verdicts:
            if v.status == "fail":
                out += [f"| {v.rule} {md(v.name)} | {v.severity} | {md(m)} |" for m in v.messages]
            elif v.status == "waived":
                out.append(f"| {v.rule} {md(v.name)} | waived | {md(v.reason or '')} |")
        taught = [f"{a.area} {a.taught}/{a.total}" for a in c.areas if a.taught]
        out += ["", f"Competencies taught per area: {', '.join(taught) or 'none'}."]
    prog = report.programme
    if prog:
        out += ["", f"### Programme: {md(prog.title)}", ""]
        out += ["| competency | " + " | ".join(f"{i}" for i in range(1, len(prog.courses) + 1)) + " |"]
        out += ["|---|" + "---|" * len(prog.courses)]
        for cid, row in prog.matrix.items():
            out.append(f"| {md(cid)} | " + " | ".join(cell(row.get(c)) for c in prog.courses) + " |")
        out += ["", "Columns: " + "; ".join(f"{i}. {md(c)}" for i, c in enumerate(prog.courses, 1)) + "."]
        out += ["", "| GloBIAS demand topic | taught | coverage |", "|---|---|---|"]
        out += [
            f"| {t.topic} | {t.taught}/{t.total} | {percent(t.score)}{'' if t.met else ' (gap)'} |" for t in prog.topics
        ]
        if prog.chain:
            out += ["", "Prerequisite chain:", ""] + [f"- {md(f.message)}" for f in prog.chain]
    counts = report.report.counts()
    out += ["", f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info.", ""]
    return "\n".join(out)


def iter_json(report: CoverageReport) -> Iterator[str]:
    """The JSON report a piece at a time: each course and each diagnostic is encoded on its own (the C
    encoder builds its whole output before returning, even through iterencode), so a 10,000-course report
    is never one string. The bytes equal `to_json`'s: compact separators, keys in sorted order."""
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=to_json_value).encode
    document = report.as_dict(convert=False)
    document.pop("diagnostics")  # encoded one by one below
    streamed = {"courses": document.pop("courses"), "diagnostics": report.report.sorted()}
    for i, key in enumerate(sorted([*document, *streamed])):
        yield ("{" if i == 0 else ",") + encode(key) + ":"
        if key in streamed:
            yield "["
            for j, item in enumerate(streamed[key]):
                yield ("," if j else "") + encode(item.as_dict() if key == "diagnostics" else item)
            yield "]"
        else:
            yield encode(document[key])
    yield "}\n"


def to_json(report: CoverageReport) -> str:
    # compact: only the C encoder is fast enough for a registry-sized programme; pipe through `jq` to read it
    document = report.as_dict(convert=False)  # dataclasses go straight to the C encoder through `default`
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=to_json_value) + "\n"
