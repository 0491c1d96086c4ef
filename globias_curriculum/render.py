"""Report -> text. One function per output format; a registry so the CLI stays a lookup."""

from __future__ import annotations

import json
from collections.abc import Callable

from .diagnostics import Diagnostic, Report, Severity

JSON_FORMAT_VERSION = "1.0"

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET, _BOLD, _DIM = "\033[0m", "\033[1m", "\033[2m"


def _position(d: Diagnostic) -> str:
    loc = d.location
    return f"{loc.file}:{loc.line}:{loc.column}" if loc.line else loc.file


def to_text(report: Report, colour: bool = False) -> str:
    """`path:line:col: CODE severity message`, a hint line below; a one-line summary at the end."""
    lines = []
    for d in report.sorted():
        sev = str(d.severity)
        if colour:
            head = f"{_BOLD}{_position(d)}{_RESET}: {_COLOURS[d.severity]}{d.code} {sev}{_RESET}"
        else:
            head = f"{_position(d)}: {d.code} {sev}"
        lines.append(f"{head} {d.message} [{d.rule}]")
        if d.hint:
            lines.append(f"    {_DIM if colour else ''}hint: {d.hint}{_RESET if colour else ''}")
    counts = report.counts()
    checked = len(report.files)
    lines.append(
        f"{checked} file{'s' if checked != 1 else ''} checked: "
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info"
    )
    return "\n".join(lines) + "\n"


def to_json(report: Report) -> str:
    """A versioned document; field names are stable (see README, 'JSON output')."""
    doc = {
        "version": JSON_FORMAT_VERSION,
        "files": sorted(report.files),
        "summary": report.counts(),
        "diagnostics": [d.as_dict() for d in report.sorted()],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(report: Report) -> str:
    """GitHub Actions workflow commands, so findings show on the changed lines of a pull request."""
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for d in report.sorted():
        loc = d.location
        props = [f"file={_escape_property(loc.file)}"]
        if loc.line:
            props += [f"line={loc.line}", f"col={loc.column}"]
        props.append(f"title={_escape_property(f'{d.code} {d.rule}')}")
        message = d.message + (f" (hint: {d.hint})" if d.hint else "")
        lines.append(f"::{level[d.severity]} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": to_text,
    "json": to_json,
    "github": to_github,
}
