"""`export`: Bioschemas JSON-LD for training registries, written atomically into a folder this tool owns."""

from __future__ import annotations

import sys

import click

from ..diagnostics import Severity
from ..reporters import reporter
from ..reporters.escape import printable
from .common import (
    COLOUR,
    EXISTING,
    FAIL_ON,
    FRAMEWORK,
    GUIDELINES,
    JOBS,
    QUIET,
    epilog,
    exit_cleanly_on_terminate,
    output_folder,
    progress_bar,
    text_style,
    with_context,
)


@click.command(
    "export",
    epilog=epilog(
        "globias-curriculum export courses/ -o site/ --format html --base-url https://example.org/bia/",
        "globias-curriculum export courses/ -o jsonld/ --base-url https://example.org/bia/",
    ),
)
@click.argument("paths", nargs=-1, required=True, type=EXISTING)
@output_folder("Folder to write into (created if missing).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonld", "graph", "html"]),
    default="jsonld",
    show_default=True,
    help="jsonld: a file per course and the framework; graph: one document; html: pages and sitemap.xml.",
)
@click.option("--base-url", default=None, help="Absolute http(s) URL the export will be published at.")
@click.option(
    "--placeholder-urls",
    is_flag=True,
    help="No --base-url: use the example.org placeholder (for a trial; never publish such files).",
)
@click.option("--force", is_flag=True, help="Overwrite files in the folder that this export did not write.")
@FAIL_ON
@FRAMEWORK
@GUIDELINES
@JOBS
@COLOUR
@QUIET
@with_context
def command(
    paths: tuple[str, ...],
    out_dir: str,
    fmt: str,
    base_url: str | None,
    placeholder_urls: bool,
    force: bool,
    fail_on: str,
    framework: str | None,
    guidelines: str | None,
    jobs: int | None,
    colour: bool | None,
    quiet: bool,
) -> int:
    """Export courses as Bioschemas JSON-LD for training registries such as ELIXIR TeSS."""
    from .. import export as run_export
    from ..exporting.jsonld import DEFAULT_BASE_URL, BaseUrlError, normalise_base_url

    if base_url is None and not placeholder_urls:
        raise click.UsageError(
            "--base-url is required: where will these files be published? (--placeholder-urls for a trial)"
        )
    try:
        base = normalise_base_url(base_url or DEFAULT_BASE_URL)
    except BaseUrlError as exc:
        raise click.BadParameter(str(exc), param_hint="--base-url") from None
    with exit_cleanly_on_terminate():
        result = run_export(
            paths, out_dir, base_url=base, format=fmt, force=force, framework=framework, guidelines=guidelines,
            jobs=jobs, progress=progress_bar("export"),
        )  # fmt: skip
    report = result.report
    if report.diagnostics:
        for chunk in reporter("diagnostics", "text")(report, text_style(colour, sys.stderr)._replace(quiet=quiet)):
            click.echo(chunk, err=True, nl=False)
    if not quiet:
        click.echo(
            f"{len(result.written)} file(s) written, {len(result.unchanged)} unchanged, in {printable(out_dir)}",
            err=True,
        )
    return report.exit_code(Severity.parse(fail_on))
