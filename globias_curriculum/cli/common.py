"""What every command shares: its options, how output is written and coloured, and the progress line."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import click

from .. import ConfigurationError
from ..report import EXIT_USAGE, Report
from ..reporters import FORMATS, reporter
from ..reporters.escape import printable
from ..reporters.style import Style

F = TypeVar("F", bound=Callable[..., Any])
PROGRESS_MIN_FILES = 200


class CannotWrite(click.ClickException):
    """An output that cannot be written is an I/O problem: exit 2, like unreadable input."""

    exit_code = EXIT_USAGE


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


@contextlib.contextmanager
def exit_cleanly_on_terminate() -> Iterator[None]:
    """While the block runs, SIGTERM ends it as Ctrl-C does: clean-up runs (staging folders, the folder lock),
    exit 143. The previous handler comes back afterwards (a library caller or a test runner keeps its own).

    A run killed between two renames leaves the export's journal behind, so the next run knows those
    files as its own (writing/folder.py). Worker processes put the default back (runner.py), so that a
    pool can still be terminated.
    """
    import signal

    previous = signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def colour_wanted(flag: bool | None, stream: Any) -> bool:
    """--color/--no-color first; then NO_COLOR and TERM=dumb turn it off; otherwise only on a terminal."""
    if flag is not None:
        return flag
    if "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    return bool(stream.isatty())


def default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def emit(chunks: Iterable[str], output: str | None) -> None:
    """To standard output, or atomically to `output` (never through a symlink or over a special file)."""
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    from ..writing.atomic import RefusedTarget, write_atomically

    try:
        write_atomically(output, chunks)
    except RefusedTarget as exc:
        raise CannotWrite(printable(str(exc))) from None
    except OSError as exc:
        raise CannotWrite(f"cannot write {printable(output)}: {exc.strerror or exc}") from None


def fail(diagnostics_report: Report, message: str) -> None:
    click.echo(f"error: {message}", err=True)
    for chunk in reporter("diagnostics", "text")(diagnostics_report, Style()):
        click.echo(chunk, err=True, nl=False)


def with_context(function: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a broken --framework/--guidelines file into its located diagnostics and exit 2."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except ConfigurationError as exc:
            fail(Report(diagnostics=exc.diagnostics), "the framework or guideline file is not valid:")
            return EXIT_USAGE

    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return wrapper


EXISTING = click.Path(exists=True, allow_dash=True)  # plain strings: no pathlib on the validate path; - is stdin


def options(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    def apply(function: F) -> F:
        for decorator in reversed(decorators):
            function = decorator(function)
        return function

    return apply


def format_option(kind: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS[kind]),
        default=None,
        help="Output format [default: github when GITHUB_ACTIONS=true, else text].",
    )


FAIL_ON = click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"], case_sensitive=False),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)


def output_folder(help: str) -> Callable[[F], F]:
    """`-o/--output`: the folder a command writes into (export, import, harvest), required."""
    return click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), required=True, help=help)


SUGGESTIONS = click.option(
    "--suggestions",
    type=click.IntRange(0, 10),
    default=3,
    show_default=True,
    help="Competency suggestions written as comments under each outcome (0: none).",
)
FRAMEWORK = click.option("--framework", type=EXISTING, default=None, help="Use this competency framework file.")
GUIDELINES = click.option("--guidelines", type=EXISTING, default=None, help="Use this guideline set file.")
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
    help="Worker processes [default: the machine's cores for 200 files or more, else 1].",
)
COLOUR = click.option(
    "--color/--no-color",
    "colour",
    default=None,
    help="Colour text output [default: on a terminal, unless NO_COLOR is set or TERM=dumb].",
)
QUIET = click.option("-q", "--quiet", is_flag=True, help="Findings only: no summary line, notes or progress.")
LIST_FILES = click.option("--list-files", is_flag=True, help="Print the files that would be read, then exit.")
EXCLUDE = click.option(
    "--exclude", multiple=True, metavar="PATTERN", help="Do not read paths matching this glob (repeatable)."
)
DISABLE = click.option(
    "--disable",
    multiple=True,
    metavar="CODE|RULE",
    help="Do not report this code, rule id or rule name (repeatable), e.g. --disable GC406 --disable R08.",
)
OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the report to this file (atomically) instead of standard output.",
)
RUN_OPTIONS = options(FAIL_ON, FRAMEWORK, GUIDELINES, MAX_BYTES, JOBS, EXCLUDE, DISABLE)

#: The end of every command's --help: what the exit code means.
EXIT_CODES = (
    "Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage error, no file found, "
    "an unreadable input or unwritable output, or a broken --framework/--guidelines file; 3 an internal error "
    "(please report it); 130 interrupted."
)
SETTINGS = (
    "Defaults for --framework, --guidelines, --fail-on, --disable and --exclude can be set in "
    "[tool.globias-curriculum] of pyproject.toml or in .globias-curriculum.yaml."
)


def epilog(*examples: str) -> str:
    """`--help`'s closing text: examples, exit codes and where settings come from (click keeps \b blocks)."""
    shown = "\n".join(f"  $ {e}" for e in examples)
    return f"\b\nExamples:\n{shown}\n\n{EXIT_CODES}\n\n{SETTINGS}"


class NothingFound(click.ClickException):
    """A run that found no file says so and exits 2: a wrong path in CI must not pass."""

    exit_code = EXIT_USAGE


def nothing_found(paths: Iterable[str]) -> NothingFound:
    listed = ", ".join(printable(p) for p in paths)
    return NothingFound(f"no file to check in {listed} (folders are searched for *.yaml and *.yml)")


def print_file_list(paths: Iterable[str], exclude: tuple[str, ...]) -> int:
    from ..runner import discover

    found = discover(paths, exclude)
    for path in found:
        click.echo(printable(path))
    if not found:
        raise nothing_found(list(paths))
    return 0


def text_style(colour: bool | None, stream: Any = None) -> Style:
    """Colour as asked, and source lines under findings (from the files, or what standard input held)."""
    from ..reading.files import STDIN_NAME, stdin_text
    from ..reporters.style import SourceLines

    given = {STDIN_NAME: text} if (text := stdin_text()) is not None else {}
    return Style(colour_wanted(colour, stream or sys.stdout), SourceLines(given))
