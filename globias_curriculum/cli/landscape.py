"""`landscape`: which competencies are taught where, at what level, online or onsite, by whom; and the gaps."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..landscape import Landscape

from .common import COLOUR, EXISTING, FRAMEWORK, JOBS, MAX_BYTES, OUTPUT, emit, progress_bar, text_style, with_context


@click.command("landscape")
@click.argument("paths", nargs=-1, required=True, type=EXISTING)
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json", "html"]), default="text",
              show_default=True, help="Output format.")  # fmt: skip
@OUTPUT
@click.option("--min-courses", type=click.IntRange(1, 1_000_000), default=2, show_default=True,
              help="A competency taught by fewer courses than this in a region is a gap there.")  # fmt: skip
@FRAMEWORK
@MAX_BYTES
@JOBS
@COLOUR
@with_context
def command(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    min_courses: int,
    framework: str | None,
    max_bytes: int | None,
    jobs: int | None,
    colour: bool | None,
) -> int:
    """The landscape of any number of courses (harvested, imported or written by hand): competencies by area,
    level, region (continent of each instance's country; online apart) and year; the GloBIAS survey's demand
    topics against supply per region; the gaps; languages, delivery modes, open licences; trainers and organisers.

    \b
    Examples:
      globias-curriculum landscape courses/
      globias-curriculum landscape harvested/ courses/ --format html -o landscape.html
      globias-curriculum landscape courses/ --format json -o landscape.json --min-courses 3
    Courses with errors are left out and their errors printed on stderr.

    \b
    Exit codes: 0 every course counted; 1 a course had errors and was left out; 2 unreadable input.
    """
    from .. import landscape_report as run_landscape

    result = run_landscape(paths, framework=framework, max_bytes=max_bytes, jobs=jobs, min_courses=min_courses,
                           progress=progress_bar("landscape"))  # fmt: skip
    if result.report.diagnostics:
        import sys

        from ..reporters import reporter

        for chunk in reporter("diagnostics", "text")(result.report, text_style(colour, sys.stderr)):
            click.echo(chunk, err=True, nl=False)
        sys.stderr.flush()
    emit(render(result, fmt), output)
    return result.exit_code()


def render(result: Landscape, fmt: str) -> list[str]:
    from ..landscape import html, text

    data = result.data
    if fmt == "json":
        return [result.to_json()]
    if fmt == "html":
        return [html.to_html(data)]
    if fmt == "markdown":
        return list(text.to_markdown(data))
    return list(text.to_text(data))
