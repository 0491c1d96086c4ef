"""The command line: parse options, call the library API, pick a reporter, exit. Nothing here decides a finding.

Exit codes (README, "Exit codes"): 0 clean; 1 findings at or above --fail-on; 2 usage error, unreadable input
or unwritable output, or a broken --framework / --guidelines file; 3 an internal error (a bug: the one-line
message asks for a report; --debug shows the traceback); 130 interrupted.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click

from . import ConfigurationError, __version__
from .diagnostics import Severity
from .report import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, Report
from .reporters import FORMATS, reporter
from .reporters.escape import printable
from .reporters.style import Style

F = TypeVar("F", bound=Callable[..., Any])
ISSUES_URL = "https://github.com/GloBIAS-BioimageAnalysts/globias-curriculum/issues"
PROGRESS_MIN_FILES = 200


class CannotWrite(click.ClickException):
    """An output that cannot be written is an I/O problem: exit 2, like unreadable input."""

    exit_code = EXIT_USAGE


class _Cli(click.Group):
    """Turns what escapes a command into the documented exit codes: no traceback unless --debug."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        debug = "--debug" in (kwargs.get("args") or (args[0] if args else None) or sys.argv[1:])
        try:
            code = super().main(*args, **kwargs)
        except click.exceptions.Abort:
            click.echo("interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except Exception as exc:
            if debug:
                raise
            click.echo(
                f"internal error: {type(exc).__name__}: {printable(str(exc))[:300]}\n"
                f"This is a bug in globias-curriculum {__version__}; please report it at {ISSUES_URL} "
                "(run again with --debug for the traceback).",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)
        sys.exit(code if isinstance(code, int) else 0)


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


def colour_wanted(flag: bool | None, stream: Any) -> bool:
    """--color/--no-color first; then NO_COLOR and TERM=dumb turn it off; otherwise only on a terminal."""
    if flag is not None:
        return flag
    if "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    return bool(stream.isatty())


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def emit(chunks: Iterable[str], output: str | None) -> None:
    """To standard output, or atomically to `output` (never through a symlink or over a special file)."""
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    from .writing.atomic import RefusedTarget, write_atomically

    try:
        write_atomically(output, chunks)
    except RefusedTarget as exc:
        raise CannotWrite(printable(str(exc))) from None
    except OSError as exc:
        raise CannotWrite(f"cannot write {printable(output)}: {exc.strerror or exc}") from None


def _fail(diagnostics_report: Report, message: str) -> None:
    click.echo(f"error: {message}", err=True)
    for chunk in reporter("diagnostics", "text")(diagnostics_report, Style()):
        click.echo(chunk, err=True, nl=False)


def with_context(function: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a broken --framework/--guidelines file into its located diagnostics and exit 2."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except ConfigurationError as exc:
            _fail(Report(diagnostics=exc.diagnostics), "the framework or guideline file is not valid:")
            return EXIT_USAGE

    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return wrapper


_EXISTING = click.Path(exists=True)  # plain strings: pathlib is not imported on the validate path


def _options(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    def apply(function: F) -> F:
        for decorator in reversed(decorators):
            function = decorator(function)
        return function

    return apply


def format_option(kind: str) -> Callable[[F], F]:
    default_help = " [default: github when GITHUB_ACTIONS=true, else text]" if "github" in FORMATS[kind] else ""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS[kind]),
        default=None,
        help=f"Output format{default_help or ' [default: text]'}.",
    )


FAIL_ON = click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"], case_sensitive=False),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
FRAMEWORK = click.option("--framework", type=_EXISTING, default=None, help="Use this competency framework file.")
GUIDELINES = click.option("--guidelines", type=_EXISTING, default=None, help="Use this guideline set file.")
MAX_BYTES = click.option(
    "--max-bytes",
    type=click.IntRange(min=1, max=1 << 30),
    default=None,
    help="Files larger than this are reported, not read [default: 1000000; at most 1 GiB].",
)
JOBS = click.option(
    "--jobs",
    type=click.IntRange(min=1, max=256),
    default=None,
    help="Worker processes [default: the machine's cores for 500 files or more, else 1].",
)
COLOUR = click.option("--color/--no-color", "colour", default=None, help="Colour text output [default: on a terminal].")
OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the report to this file (atomically) instead of standard output.",
)
RUN_OPTIONS = _options(FAIL_ON, FRAMEWORK, GUIDELINES, MAX_BYTES, JOBS)


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="globias-curriculum")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
def cli(debug: bool) -> None:
    """Check BioImage Analysis course descriptions against a GloBIAS-aligned competency framework."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=_EXISTING)
@format_option("diagnostics")
@RUN_OPTIONS
@COLOUR
@with_context
def validate(
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
    from . import validate as run_validate

    report = run_validate(
        paths, framework=framework, guidelines=guidelines, max_bytes=max_bytes, jobs=jobs,
        progress=progress_bar("validate"),
    )  # fmt: skip
    fmt = fmt or _default_format()
    emit(reporter("diagnostics", fmt)(report, Style(colour_wanted(colour, sys.stdout))), None)
    return report.exit_code(Severity.parse(fail_on))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=_EXISTING)
@format_option("coverage")
@OUTPUT
@RUN_OPTIONS
@COLOUR
@with_context
def coverage(
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
    from . import coverage as run_coverage

    report = run_coverage(
        paths, framework=framework, guidelines=guidelines, max_bytes=max_bytes, jobs=jobs,
        progress=progress_bar("coverage"),
    )  # fmt: skip
    style = Style(colour_wanted(colour, sys.stdout) and output is None)
    emit(reporter("coverage", fmt or "text")(report, style), output)
    return report.exit_code(Severity.parse(fail_on))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=_EXISTING)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False),
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
@with_context
def export(
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
) -> int:
    """Export courses as Bioschemas JSON-LD for training registries such as ELIXIR TeSS."""
    from . import export as run_export
    from .exporting.jsonld import DEFAULT_BASE_URL, BaseUrlError, normalise_base_url

    if base_url is None and not placeholder_urls:
        raise click.UsageError(
            "--base-url is required: where will these files be published? (--placeholder-urls for a trial)"
        )
    try:
        base = normalise_base_url(base_url or DEFAULT_BASE_URL)
    except BaseUrlError as exc:
        raise click.BadParameter(str(exc), param_hint="--base-url") from None
    result = run_export(
        paths, out_dir, base_url=base, format=fmt, force=force, framework=framework, guidelines=guidelines,
        jobs=jobs, progress=progress_bar("export"),
    )  # fmt: skip
    report = result.report
    if report.diagnostics:
        for chunk in reporter("diagnostics", "text")(report, Style(colour_wanted(None, sys.stderr))):
            click.echo(chunk, err=True, nl=False)
    click.echo(
        f"{len(result.written)} file(s) written, {len(result.unchanged)} unchanged, in {printable(out_dir)}", err=True
    )
    return report.exit_code(Severity.parse(fail_on))


@cli.command("check-jsonld")
@click.argument("files", nargs=-1, required=True, type=_EXISTING)
@format_option("diagnostics")
@FAIL_ON
@MAX_BYTES
@COLOUR
def check_jsonld(
    files: tuple[str, ...], fmt: str | None, fail_on: str, max_bytes: int | None, colour: bool | None
) -> int:
    """Check JSON-LD files (or HTML pages embedding it) against the Bioschemas training profiles."""
    from . import check_jsonld as run_check

    report = run_check(files, max_bytes=max_bytes)
    fmt = fmt or _default_format()
    emit(reporter("diagnostics", fmt)(report, Style(colour_wanted(colour, sys.stdout))), None)
    return report.exit_code(Severity.parse(fail_on))


main = cli  # the console script's entry point
