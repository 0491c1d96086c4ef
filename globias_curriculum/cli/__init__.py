"""The command line: parse options, call the library API, pick a reporter, exit. Nothing here decides a finding.

Each command lives in its own module of this package and is imported only when it runs (`COMMANDS`), so a
pre-commit hook pays for the options of `validate` alone. To add a command: write `cli/<name>.py` with a
click command named `command`, add it to `COMMANDS`, and give it an example and its exit codes in `--help`.

Exit codes (README, "Exit codes"): 0 clean; 1 findings at or above --fail-on; 2 usage error, unreadable input
or unwritable output, or a broken --framework / --guidelines file; 3 an internal error (a bug: the one-line
message asks for a report; --debug shows the traceback); 130 interrupted.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from .. import __version__
from ..report import EXIT_INTERNAL, EXIT_INTERRUPTED
from ..reporters.escape import printable

ISSUES_URL = "https://github.com/GloBIAS-BioimageAnalysts/globias-curriculum/issues"

#: command name -> module in this package (each defines `command`), in the order `--help` lists them.
COMMANDS = {
    "validate": "validate",
    "coverage": "coverage",
    "export": "export",
    "check-jsonld": "check_jsonld",
    "import": "import_courses",
    "suggest": "suggest",
    "tess-preview": "tess_preview",
    "framework": "framework",
    "init": "init",
    "schema": "schema",
    "harvest": "harvest",
    "landscape": "landscape",
}
SUBCOMMANDS = {"framework": ("list", "show", "search")}  # groups: settings reach their subcommands too


class _Cli(click.Group):
    """Loads each command when it is used, and turns what escapes a command into the documented exit codes:
    no traceback unless --debug."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = COMMANDS.get(name)
        if module is None:
            return None
        command: click.Command = importlib.import_module(f"{__name__}.{module}").command
        return command

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


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="globias-curriculum")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.option(
    "--settings/--no-settings",
    "use_settings",
    default=True,
    help="Read defaults from [tool.globias-curriculum] in pyproject.toml or .globias-curriculum.yaml "
    "(the nearest at or above the working folder) [default: read].",
)
@click.pass_context
def cli(ctx: click.Context, debug: bool, use_settings: bool) -> None:
    """Check BioImage Analysis course descriptions against a GloBIAS-aligned competency framework.

    \b
    Start here:
      globias-curriculum validate courses/        check course files, with located hints
      globias-curriculum coverage courses/        judge them against the guideline rules
      globias-curriculum <command> --help         options, examples and exit codes of a command
    """
    if not use_settings:
        return
    from .settings import SettingsError, default_map, find

    try:
        found = find()
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from None
    if found is not None:
        ctx.default_map = default_map(found[1], list(COMMANDS), SUBCOMMANDS)


main = cli  # the console script's entry point
