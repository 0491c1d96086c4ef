"""`validate`: every diagnostic of every file, in the chosen format."""

from __future__ import annotations

import click

from ..diagnostics import Severity
from ..reporters import reporter
from .common import (
    COLOUR,
    EXISTING,
    LIST_FILES,
    QUIET,
    RUN_OPTIONS,
    default_format,
    emit,
    epilog,
    format_option,
    nothing_found,
    print_file_list,
    progress_bar,
    text_style,
    with_context,
)


@click.command(
    "validate",
    epilog=epilog(
        "globias-curriculum validate courses/",
        "globias-curriculum validate --format github --fail-on warning courses/",
        "cat course.yaml | globias-curriculum validate -",
    ),
)
@click.argument("paths", nargs=-1, required=True, type=EXISTING)
@format_option("diagnostics")
@RUN_OPTIONS
@COLOUR
@QUIET
@LIST_FILES
@with_context
def command(
    paths: tuple[str, ...],
    fmt: str | None,
    fail_on: str,
    framework: str | None,
    guidelines: str | None,
    max_bytes: int | None,
    jobs: int | None,
    exclude: tuple[str, ...],
    disable: tuple[str, ...],
    colour: bool | None,
    quiet: bool,
    list_files: bool,
) -> int:
    """Validate course, programme, framework and guideline files (folders are searched for *.yaml; - reads
    standard input)."""
    if list_files:
        return print_file_list(paths, exclude)
    from .. import validate as run_validate

    report = run_validate(
        paths, framework=framework, guidelines=guidelines, max_bytes=max_bytes, jobs=jobs, exclude=exclude,
        disable=disable, progress=None if quiet else progress_bar("validate"),
    )  # fmt: skip
    if not report.files:
        raise nothing_found(paths)
    fmt = fmt or default_format()
    emit(reporter("diagnostics", fmt)(report, text_style(colour)._replace(quiet=quiet)), None)
    return report.exit_code(Severity.parse(fail_on))
