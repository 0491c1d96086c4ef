"""`coverage`: courses judged against the guideline rules, as text, Markdown, JSON, GitHub annotations or one
HTML page."""

from __future__ import annotations

import click

from ..diagnostics import Severity
from ..reporters import reporter
from ..reporters.escape import printable
from .common import (
    COLOUR,
    EXISTING,
    LIST_FILES,
    OUTPUT,
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
    "coverage",
    epilog=epilog(
        "globias-curriculum coverage courses/intro.yaml",
        "globias-curriculum coverage courses/ --format html -o report.html",
        "globias-curriculum coverage programme.yaml --fail-on warning",
    ),
)
@click.argument("paths", nargs=-1, required=True, type=EXISTING)
@format_option("coverage")
@OUTPUT
@RUN_OPTIONS
@COLOUR
@QUIET
@LIST_FILES
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
    exclude: tuple[str, ...],
    disable: tuple[str, ...],
    colour: bool | None,
    quiet: bool,
    list_files: bool,
) -> int:
    """Judge courses against the guideline rules; several courses, or a programme file, form a programme."""
    if list_files:
        return print_file_list(paths, exclude)
    from .. import coverage as run_coverage

    report = run_coverage(
        paths, framework=framework, guidelines=guidelines, max_bytes=max_bytes, jobs=jobs, exclude=exclude,
        disable=disable, progress=None if quiet else progress_bar("coverage"),
    )  # fmt: skip
    if not report.report.files:
        raise nothing_found(paths)
    style = text_style(colour if output is None else False)._replace(quiet=quiet)
    emit(reporter("coverage", fmt or default_format())(report, style), output)
    if output is not None and not quiet:
        counts = report.counts()
        click.echo(
            f"wrote {printable(output)}: {len(report.courses)} course(s), {counts['error']} error(s), "
            f"{counts['warning']} warning(s), {counts['info']} info",
            err=True,
        )
    return report.exit_code(Severity.parse(fail_on))
