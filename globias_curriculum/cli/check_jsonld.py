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
@click.option(
    "--base-url",
    default=None,
    help="The page's address, against which relative IRIs resolve [default: https://example.com].",
)
@COLOUR
def command(
    files: tuple[str, ...],
    fmt: str | None,
    fail_on: str,
    max_bytes: int | None,
    base_url: str | None,
    colour: bool | None,
) -> int:
    """Check JSON-LD files and HTML pages (embedded JSON-LD and RDFa; folders are searched for .jsonld, .json,
    .html) against the Bioschemas training profiles: each Course, CourseInstance and LearningResource against
    the profile version it claims with dct:conformsTo. What ELIXIR TeSS would import is `tess-preview`.

    \b
    Example:  globias-curriculum check-jsonld site/
    Exit codes: 0 no finding at or above --fail-on; 1 findings; 2 a file cannot be read.
    """
    from .. import check_jsonld as run_check

    report = run_check(files, max_bytes=max_bytes, base_url=base_url)
    fmt = fmt or default_format()
    emit(reporter("diagnostics", fmt)(report, Style(colour_wanted(colour, sys.stdout))), None)
    return report.exit_code(Severity.parse(fail_on))
