"""`coverage`: courses judged against the guideline rules, as text, Markdown, JSON or one HTML page."""

from __future__ import annotations

import sys

import click

from ..diagnostics import Severity
from ..reporters import reporter
from ..reporters.style import Style
from .common import (
    COLOUR,
    EXISTING,
    OUTPUT,
    RUN_OPTIONS,
    colour_wanted,
    default_format,
    emit,
    format_option,
    progress_bar,
    with_context,
)


@click.command("coverage")
@click.argument("paths", nargs=-1, required=True, type=EXISTING)
@format_option("coverage")
@OUTPUT
@RUN_OPTIONS
@COLOUR
@with_context
def command(
    paths: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    fail_on: str,
    framework: str | None,
    guidelines: str | None,
    max_bytes: int | None,
    jobs: int | None,
    colour: bool | None,
) -> int:
    """Judge courses against the guideline rules; several courses, or a programme file, form a programme."""
    from .. import coverage as run_coverage

    report = run_coverage(
        paths, framework=framework, guidelines=guidelines, max_bytes=max_bytes, jobs=jobs,
        progress=progress_bar("coverage"),
    )  # fmt: skip
    style = Style(colour_wanted(colour, sys.stdout) and output is None)
    emit(reporter("coverage", fmt or default_format())(report, style), output)
    return report.exit_code(Severity.parse(fail_on))
