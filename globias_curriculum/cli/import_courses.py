"""`import`: existing training material (NEUBIAS, GTN, Carpentries) as course files, one per course."""

from __future__ import annotations

import sys

import click

from ..reporters import reporter
from ..reporters.escape import printable
from ..reporters.style import Style
from .common import COLOUR, EXISTING, FRAMEWORK, SUGGESTIONS, colour_wanted, output_folder, with_context


def _formats() -> list[str]:
    from ..importing import FORMATS

    return list(FORMATS)


@click.command("import")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(_formats()))
@click.argument("sources", nargs=-1, required=True, type=EXISTING)
@output_folder("Folder to write the course files into (created if missing).")
@click.option("--force", is_flag=True, help="Overwrite files in the folder that this import did not write.")
@SUGGESTIONS
@click.option("--repository", default=None, help="The repository URL a checkout without git came from.")
@click.option("--commit", default=None, help="The commit a checkout without git was taken from.")
@FRAMEWORK
@COLOUR
@with_context
def command(
    fmt: str,
    sources: tuple[str, ...],
    out_dir: str,
    force: bool,
    suggestions: int,
    repository: str | None,
    commit: str | None,
    framework: str | None,
    colour: bool | None,
) -> int:
    """Import courses from FORMAT sources: NEUBIAS modules and course pages, GTN tutorials and learning pathways,
    Carpentries lessons, Bioschemas JSON-LD files and HTML pages (read as ELIXIR TeSS reads them).

    \b
    Examples:
      globias-curriculum import neubias training-resources/_courses/image-data-formats-course.md -o courses/
      globias-curriculum import gtn training-material/topics/imaging/ -o courses/gtn/
      globias-curriculum import carpentries image-processing/ -o courses/
      globias-curriculum import bioschemas saved-pages/ site/courses/ -o courses/imported/
    Outcomes are kept verbatim; what the source lacks is left out with a TODO comment; competency suggestions
    are comments. A file in the folder that this import did not write, or that was edited since, is never
    replaced (--force to do it anyway).

    \b
    Exit codes: 0 written; 1 a source had errors; 2 unreadable input, a file that would be overwritten, or an
    unwritable folder.
    """
    from pathlib import Path

    from .. import import_courses

    result = import_courses(
        fmt, list(sources), Path(out_dir), framework=framework, force=force, suggestions=suggestions,
        repository=repository, commit=commit,
    )  # fmt: skip
    report = result.report
    if report.diagnostics:
        for chunk in reporter("diagnostics", "text")(report, Style(colour_wanted(colour, sys.stderr))):
            click.echo(chunk, err=True, nl=False)
    click.echo(
        f"{len(result.written)} file(s) written, {len(result.unchanged)} unchanged, in {printable(out_dir)}", err=True
    )
    return report.exit_code()
