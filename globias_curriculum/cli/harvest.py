"""`harvest`: crawl publishers' sitemaps and pages into course files (the only command that uses the network)."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable

import click

from .common import COLOUR, FRAMEWORK, SUGGESTIONS, colour_wanted, output_folder, with_context


def _progress() -> Callable[[int, int], None] | None:
    """A progress bar on stderr when it is a terminal (not in CI), for any number of pages."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    last = [0.0]

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - last[0] < 0.1:
            return
        last[0] = now
        filled = 30 * done // max(total, 1)
        sys.stderr.write(f"\rharvest [{'#' * filled}{'.' * (30 - filled)}] {done}/{total} pages")
        if done == total:
            sys.stderr.write("\r" + " " * 70 + "\r")
        sys.stderr.flush()

    return show


@click.command("harvest")
@click.argument("sources", nargs=-1, required=True)
@output_folder("Folder for the course files (created if missing); it also remembers each page.")
@click.option(
    "--rate",
    type=click.FloatRange(0.01, 1000),
    default=1.0,
    show_default=True,
    help="Requests per second to one host (robots.txt's Crawl-delay, if longer, wins).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=4,
    show_default=True,
    help="Requests in flight at once, over all hosts.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.1, 600),
    default=20.0,
    show_default=True,
    help="Seconds to wait for one response.",
)
@click.option(
    "--retries",
    type=click.IntRange(0, 10),
    default=3,
    show_default=True,
    help="Further attempts after a timeout, HTTP 429 or 5xx.",
)
@click.option(
    "--backoff",
    type=click.FloatRange(0, 600),
    default=1.0,
    show_default=True,
    help="Seconds before the first retry, doubled for each next one (Retry-After, if longer, wins).",
)
@click.option("--force", is_flag=True, help="Overwrite files in the folder that harvest did not write.")
@SUGGESTIONS
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="The summary on stdout.",
)
@FRAMEWORK
@COLOUR
@with_context
def command(
    sources: tuple[str, ...], out_dir: str, rate: float, workers: int, timeout: float, retries: int,
    backoff: float, force: bool, suggestions: int, fmt: str, framework: str | None, colour: bool | None,
) -> int:  # fmt: skip
    """Harvest course pages into course files. SOURCE is a sitemap URL, a page URL, a TeSS JSON API export file
    (its records' pages are visited) or a folder of saved pages.

    \b
    Examples:
      globias-curriculum harvest https://example.org/sitemap.xml -o harvested/
      globias-curriculum harvest https://example.org/courses/x/ tess-events.json saved-pages/ -o harvested/
    Polite: robots.txt obeyed, --rate per host, --workers in flight, timeouts, retries with backoff. A second
    run asks for each page with its ETag / Last-Modified; an interrupted run (Ctrl-C) resumes where it stopped.
    Each page is read as tess-preview reads it and written as `import bioschemas` writes it.

    \b
    Exit codes: 0 every page settled; 1 some pages failed; 2 nothing could be harvested, or a bad SOURCE;
    130 interrupted (run again to resume).
    """
    from pathlib import Path

    from .. import harvest
    from ..harvesting.sources import is_url

    for source in sources:
        if not is_url(source) and not os.path.exists(source):
            raise click.BadParameter(f"{source!r} is neither an http(s) URL nor an existing file or folder",
                                     param_hint="SOURCE")  # fmt: skip
    try:
        summary = harvest(
            list(sources), Path(out_dir), framework=framework, rate=rate, workers=workers, timeout=timeout,
            retries=retries, backoff=backoff, force=force, suggestions=suggestions, progress=_progress(),
        )  # fmt: skip
    except KeyboardInterrupt:
        click.echo("interrupted: what was fetched is kept; run the same command again to resume", err=True)
        raise
    if fmt == "json":
        click.echo(json.dumps(summary.as_dict(), indent=1))
    from ..reporters.style import Style

    style = Style(colour_wanted(colour, sys.stderr if fmt == "json" else sys.stdout))
    for n, line in enumerate(summary.lines()):
        click.echo(style.bold(line) if n == 0 else line, err=fmt == "json")
    return summary.exit_code()
