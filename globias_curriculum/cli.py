"""The command line: parse options, call the library, render, exit. Nothing here decides a finding.

Exit codes: 0 clean; 1 findings at or above --fail-on; 2 usage error, unreadable input, or a broken
--framework / --guidelines file.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from . import __version__
from .diagnostics import Report, Severity
from .loading import DEFAULT_MAX_BYTES
from .render import RENDERERS, to_text
from .validation import ConfigurationError, Context, Options, iter_files, load_context, validate_paths

_SEVERITIES = click.Choice(["error", "warning", "info"], case_sensitive=False)
_EXISTING = click.Path(exists=True, path_type=Path)


PROGRESS_MIN_FILES = 200
_JOBS = click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes [default: the machine's cores for 500 files or more, else 1].",
)


_DIAGNOSTIC_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(RENDERERS)),
    default=None,
    help="Output format [default: github when GITHUB_ACTIONS=true, else text].",
)
_FAIL_ON = click.option(
    "--fail-on",
    type=_SEVERITIES,
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
_FRAMEWORK = click.option("--framework", type=_EXISTING, default=None, help="Use this competency framework file.")
_GUIDELINES = click.option("--guidelines", type=_EXISTING, default=None, help="Use this guideline set file.")
_MAX_BYTES = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Files larger than this are reported, not read.",
)


def progress_bar(label: str) -> Callable[[int, int], None] | None:
    """A progress line on stderr for large batches, only when stderr is a terminal and not in CI."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None
    last = [0.0]

    def show(done: int, total: int) -> None:
        if total < PROGRESS_MIN_FILES:
            return
        now = time.monotonic()
        if done < total and now - last[0] < 0.1:
            return
        last[0] = now
        filled = 30 * done // total
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total} files")
        if done == total:
            sys.stderr.write("\r" + " " * (len(label) + 60) + "\r")
        sys.stderr.flush()

    return show


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _context(framework: Path | None, guidelines: Path | None) -> Context:
    try:
        return load_context(framework, guidelines)
    except ConfigurationError as exc:
        broken = Report(diagnostics=exc.diagnostics)
        click.echo("error: the framework or guideline file is not valid:", err=True)
        click.echo(to_text(broken), err=True, nl=False)
        sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="globias-curriculum")
def main() -> None:
    """Check BioImage Analysis course descriptions against a GloBIAS-aligned competency framework."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=_EXISTING)
@_DIAGNOSTIC_FORMAT
@_FAIL_ON
@_FRAMEWORK
@_GUIDELINES
@_MAX_BYTES
@click.option("--color/--no-color", default=None, help="Colour the text output [default: on a terminal].")
@_JOBS
def validate(
    paths: tuple[Path, ...],
    fmt: str | None,
    fail_on: str,
    framework: Path | None,
    guidelines: Path | None,
    max_bytes: int,
    color: bool | None,
    jobs: int | None,
) -> None:
    """Validate course, programme, framework and guideline files (directories are searched for *.yaml)."""
    context = _context(framework, guidelines)
    validation = validate_paths(
        paths, context, Options(max_bytes=max_bytes, jobs=jobs), progress=progress_bar("validate")
    )
    fmt = fmt or _default_format()
    if fmt == "text":
        use_colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ if color is None else color
        output = to_text(validation.report, colour=use_colour)
    else:
        output = RENDERERS[fmt](validation.report)
    click.echo(output, nl=False)
    sys.exit(validation.report.exit_code(Severity.parse(fail_on)))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=_EXISTING)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json", "html"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to this file (atomically) instead of standard output.",
)
@_FAIL_ON
@_FRAMEWORK
@_GUIDELINES
@_MAX_BYTES
@_JOBS
def coverage(
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    fail_on: str,
    framework: Path | None,
    guidelines: Path | None,
    max_bytes: int,
    jobs: int | None,
) -> None:
    """Judge courses against the guideline rules; several courses, or a programme file, form a programme."""
    from .coverage import coverage_paths
    from .output import write_atomically
    from .render_coverage import iter_json, to_markdown
    from .render_coverage import to_text as coverage_text
    from .render_html import to_html

    context = _context(framework, guidelines)
    result = coverage_paths(list(paths), context, Options(max_bytes=max_bytes, jobs=jobs), progress_bar("coverage"))
    renderers = {"text": coverage_text, "markdown": to_markdown, "html": to_html}
    text = iter_json(result) if fmt == "json" else renderers[fmt](result)
    if output is None:
        for chunk in [text] if isinstance(text, str) else text:
            sys.stdout.write(chunk)
        sys.stdout.flush()
    else:
        try:
            write_atomically(output, text)
        except OSError as exc:
            click.echo(f"error: cannot write {output}: {exc.strerror or exc}", err=True)
            sys.exit(2)
    sys.exit(result.report.exit_code(Severity.parse(fail_on)))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=_EXISTING)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write into (created if missing).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonld", "graph", "html"]),
    default="jsonld",
    show_default=True,
    help="jsonld: a file per course and the framework; graph: one document; html: pages and sitemap.xml.",
)
@click.option("--base-url", default=None, help="Absolute URL the export is published at; @ids derive from it.")
@click.option("--force", is_flag=True, help="Overwrite files in the folder that this export did not write.")
@_FAIL_ON
@_FRAMEWORK
@_GUIDELINES
@_JOBS
def export(
    paths: tuple[Path, ...],
    out_dir: Path,
    fmt: str,
    base_url: str | None,
    force: bool,
    fail_on: str,
    framework: Path | None,
    guidelines: Path | None,
    jobs: int | None,
) -> None:
    """Export courses as Bioschemas JSON-LD for training registries such as ELIXIR TeSS."""
    from .export.jsonld import DEFAULT_BASE_URL
    from .export.writer import export_paths

    base = base_url or DEFAULT_BASE_URL
    if not re.match(r"^https?://[^\s/?#]+(/[^\s?#]*)?$", base):
        raise click.BadParameter("must be an absolute http(s) URL without query or fragment", param_hint="--base-url")
    base = base if base.endswith("/") else base + "/"
    if base_url is None:
        click.echo(f"note: no --base-url; @ids use the placeholder {base}", err=True)
    context = _context(framework, guidelines)
    result = export_paths(
        list(paths), context, out_dir, fmt, base, force, Options(jobs=jobs), progress=progress_bar("export")
    )
    report = result.report
    if report.diagnostics:
        click.echo(to_text(report), err=True, nl=False)
    click.echo(f"{len(result.written)} file(s) written, {len(result.unchanged)} unchanged, in {out_dir}", err=True)
    sys.exit(report.exit_code(Severity.parse(fail_on)))


@main.command("check-jsonld")
@click.argument("files", nargs=-1, required=True, type=_EXISTING)
@_DIAGNOSTIC_FORMAT
@_FAIL_ON
def check_jsonld(files: tuple[Path, ...], fmt: str | None, fail_on: str) -> None:
    """Check JSON-LD files (or HTML pages embedding it) against the Bioschemas profiles and TeSS's rules."""
    from .export.check import check_jsonld_path

    report = Report()
    for path in iter_files(files, (".jsonld", ".json", ".html", ".htm")):
        report.files.append(str(path))
        report.extend(check_jsonld_path(path))
    fmt = fmt or _default_format()
    output = to_text(report) if fmt == "text" else RENDERERS[fmt](report)
    click.echo(output, nl=False)
    sys.exit(report.exit_code(Severity.parse(fail_on)))
