"""A Report as text, JSON or GitHub workflow commands. Each returns chunks of text to print in order."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..report import Report
from .escape import github_data, github_property, printable
from .style import Style


def shown_path(path: str) -> str:
    """A file name as printed: escaped, and never starting with `::`, which a CI log reads as a workflow
    command (`./` in front names the same file)."""
    shown = printable(path)
    return "./" + shown if shown.startswith(":") else shown


def position(d: Diagnostic) -> str:
    loc = d.location
    return f"{shown_path(loc.file)}:{loc.line}:{loc.column}" if loc.line else shown_path(loc.file)


def rule_label(d: Diagnostic) -> str:
    """`[level-declared R01]` for a guideline finding, `[duplicate-key]` for any other."""
    return f"[{d.rule} {d.rule_id}]" if d.rule_id else f"[{d.rule}]"


def diagnostic_lines(d: Diagnostic, style: Style) -> Iterator[str]:
    """`path:line:col: CODE severity message [rule]`, the source line with a caret under the column (when the
    style can read sources), and the hint below; a hint of several lines (a YAML example) keeps its lines."""
    head = f"{style.bold(position(d))}: {style.severity(d.severity, f'{d.code} {d.severity}')}"
    yield f"{head} {printable(d.message)} {rule_label(d)}"
    yield from _excerpt(d, style)
    if d.hint:
        first, *rest = d.hint.split("\n")
        yield "    " + style.dim(f"hint: {printable(first)}")
        for line in rest:
            yield "    " + style.dim(f"      {printable(line)}")


EXCERPT_WIDTH = 100


def _excerpt(d: Diagnostic, style: Style) -> Iterator[str]:
    """The line the finding is on and a caret under its column; a long line is cut around the column.

    Guideline findings (those with a rule id) judge the course as a whole, "no licence is declared", and
    point at the block they concern; quoting `kind: course` under each would be noise, so only findings
    about a written value get an excerpt.
    """
    if d.rule_id is not None:
        return
    loc = d.location
    text = style.source(loc.file, loc.line) if style.source is not None and loc.line > 0 else None
    if text is None:
        return
    column = max(loc.column, 1)
    start = max(0, column - 1 - EXCERPT_WIDTH // 2) if len(text) > EXCERPT_WIDTH else 0
    shown = text[start : start + EXCERPT_WIDTH]
    before = ("…" if start else "") + printable(shown[: column - 1 - start])
    number = f"{loc.line:>5} | "
    yield "    " + style.dim(number) + ("…" if start else "") + printable(shown)
    yield "    " + style.dim(" " * (len(number) - 2) + "| ") + " " * len(before) + style.bold("^")


def summary_line(files: int, counts: dict[str, int]) -> str:
    return (
        f"{files} file{'s' if files != 1 else ''} checked: "
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"
    )


def to_text(report: Report, style: Style) -> Iterator[str]:
    for d in report.sorted():
        for line in diagnostic_lines(d, style):
            yield line + "\n"
    if not style.quiet:
        yield summary_line(len(report.files), report.counts()) + "\n"


def to_json(report: Report, style: Style) -> Iterator[str]:
    """The versioned document `Report.from_json` reads back (README, "JSON output")."""
    yield report.to_json()


GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github_command(d: Diagnostic) -> str:
    """One workflow command on one line: nothing in it can end the line or start another command."""
    loc = d.location
    props = [f"file={github_property(loc.file)}"]
    if loc.line:
        props += [f"line={loc.line}", f"col={loc.column}"]
    props.append(f"title={github_property(f'{d.code} {d.rule}' + (f' {d.rule_id}' if d.rule_id else ''))}")
    message = d.message + (f" (hint: {d.hint})" if d.hint else "")
    return f"::{GITHUB_LEVEL[d.severity]} {','.join(props)}::{github_data(message)}"


def to_github(report: Report, style: Style) -> Iterator[str]:
    """GitHub Actions workflow commands, so findings show on the changed lines of a pull request."""
    for d in report.sorted():
        yield github_command(d) + "\n"
