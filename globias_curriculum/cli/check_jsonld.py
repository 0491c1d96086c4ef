"""`check-jsonld`: Bioschemas training-profile conformance of JSON-LD files and HTML pages."""

from __future__ import annotations

import click

from ..diagnostics import Severity
from ..reporters import reporter
from ..reporters.escape import printable
from .common import (
    COLOUR,
    EXISTING,
    FAIL_ON,
    MAX_BYTES,
    QUIET,
    NothingFound,
    default_format,
    emit,
    format_option,
    text_style,
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
@QUIET
def command(
    files: tuple[str, ...],
    fmt: str | None,
    fail_on: str,
    max_bytes: int | None,
    base_url: str | None,
    colour: bool | None,
    quiet: bool,
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
    if not report.files:
        raise NothingFound(f"no JSON-LD file or HTML page in {', '.join(printable(f) for f in files)}")
    fmt = fmt or default_format()
    emit(reporter("diagnostics", fmt)(report, text_style(colour)._replace(quiet=quiet)), None)
    return report.exit_code(Severity.parse(fail_on))
