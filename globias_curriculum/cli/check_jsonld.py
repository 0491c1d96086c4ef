"""`check-jsonld`: Bioschemas training-profile conformance of JSON-LD files and HTML pages."""

from __future__ import annotations

import sys

import click

from ..diagnostics import Severity
from ..reporters import reporter
from ..reporters.style import Style
from .common import (
    COLOUR,
    EXISTING,
    FAIL_ON,
    MAX_BYTES,
    colour_wanted,
    default_format,
    emit,
    format_option,
)


@click.command("check-jsonld")
@click.argument("files", nargs=-1, required=True, type=EXISTING)
@format_option("diagnostics")
@FAIL_ON
@MAX_BYTES
@COLOUR
def command(files: tuple[str, ...], fmt: str | None, fail_on: str, max_bytes: int | None, colour: bool | None) -> int:
    """Check JSON-LD files (or HTML pages embedding it) against the Bioschemas training profiles."""
    from .. import check_jsonld as run_check

    report = run_check(files, max_bytes=max_bytes)
    fmt = fmt or default_format()
    emit(reporter("diagnostics", fmt)(report, Style(colour_wanted(colour, sys.stdout))), None)
    return report.exit_code(Severity.parse(fail_on))
