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
    """`path:line:col: CODE severity message [rule]`, and the hint indented below it."""
    head = f"{style.bold(position(d))}: {style.severity(d.severity, f'{d.code} {d.severity}')}"
    yield f"{head} {printable(d.message)} {rule_label(d)}"
    if d.hint:
        yield "    " + style.dim(f"hint: {printable(d.hint)}")


def summary_line(files: int, counts: dict[str, int]) -> str:
    return (
        f"{files} file{'s' if files != 1 else ''} checked: "
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"
    )


def to_text(report: Report, style: Style) -> Iterator[str]:
    for d in report.sorted():
        for line in diagnostic_lines(d, style):
            yield line + "\n"
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
