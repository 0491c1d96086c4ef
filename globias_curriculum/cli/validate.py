"""`validate`: every diagnostic of every file, in the chosen format."""

from __future__ import annotations

import sys

import click

from ..diagnostics import Severity
from ..reporters import reporter
from ..reporters.style import Style
from .common import (
    COLOUR,
    EXISTING,
    RUN_OPTIONS,
    colour_wanted,
    default_format,
    emit,
    format_option,
    progress_bar,
    with_context,
)


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=EXISTING)
@format_option("diagnostics")
@RUN_OPTIONS
@COLOUR
@with_context
def command(
    paths: tuple[str, ...],
    fmt: str | None,
    fail_on: str,
    framework: str | None,
    guidelines: str | None,
    max_bytes: int | None,
    jobs: int | None,
    colour: bool | None,
) -> int:
    """Validate course, programme, framework and guideline files (folders are searched for *.yaml)."""
    from .. import validate as run_validate

    report = run_validate(
        paths, framework=framework, guidelines=guidelines, max_bytes=max_bytes, jobs=jobs,
        progress=progress_bar("validate"),
    )  # fmt: skip
    fmt = fmt or default_format()
    emit(reporter("diagnostics", fmt)(report, Style(colour_wanted(colour, sys.stdout))), None)
    return report.exit_code(Severity.parse(fail_on))
