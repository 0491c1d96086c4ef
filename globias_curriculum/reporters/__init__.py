"""Every output a person or a program reads, from one registry: (what is reported, format) -> reporter.

A reporter takes the report and a `Style` and returns chunks of text, written in order, so a large report
is never one string. To add a format, write the function in the module of what it reports and list it here;
the CLI offers exactly what this registry holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .style import Style

Reporter = Callable[[Any, Style], Iterable[str]]


def _diagnostics() -> dict[str, Reporter]:
    from ..report import Report
    from .diagnostics import to_github, to_json, to_text
    from .sarif import to_sarif

    def sarif(report: Report, style: Style) -> Iterable[str]:
        return to_sarif(report.sorted(), style)

    return {"text": to_text, "json": to_json, "github": to_github, "sarif": sarif}


def _coverage() -> dict[str, Reporter]:
    from ..judging.model import CoverageReport
    from .coverage_html import to_html
    from .coverage_markdown import to_markdown
    from .coverage_text import to_text
    from .diagnostics import github_command
    from .sarif import to_sarif

    def to_json(report: CoverageReport, style: Style) -> Iterable[str]:
        return report.iter_json()

    def to_github(report: CoverageReport, style: Style) -> Iterable[str]:
        return (github_command(d) + "\n" for d in report.iter_diagnostics())

    def sarif(report: CoverageReport, style: Style) -> Iterable[str]:
        return to_sarif(report.iter_diagnostics(), style)

    return {
        "text": to_text, "markdown": to_markdown, "json": to_json, "html": to_html, "github": to_github,
        "sarif": sarif,
    }  # fmt: skip


#: The formats of each kind of report, imported only when that kind is reported.
FORMATS: dict[str, tuple[str, ...]] = {
    "diagnostics": ("text", "json", "github", "sarif"),
    "coverage": ("text", "markdown", "json", "html", "github", "sarif"),
}
_LOADERS = {"diagnostics": _diagnostics, "coverage": _coverage}


def reporter(kind: str, fmt: str) -> Reporter:
    table = _LOADERS[kind]()
    assert tuple(table) == FORMATS[kind], "FORMATS lists what each loader provides"
    return table[fmt]
