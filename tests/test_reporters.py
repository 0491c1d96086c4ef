"""Outputs other programs parse or terminals show: nothing in course text can break out of its place.

GitHub reads `::error file=…::message` lines from a log; a newline in a message or a `,` or `:` in a file
name must not start a second command or a second property. Terminals act on escape sequences; text output
shows them escaped. Each test fails if the escaping it guards is replaced by the identity.
"""

from __future__ import annotations

import re
import urllib.parse

from hypothesis import given, settings
from hypothesis import strategies as st

from globias_curriculum.diagnostics import Diagnostic, Location, Severity
from globias_curriculum.report import Report
from globias_curriculum.reporters.diagnostics import to_github, to_text
from globias_curriculum.reporters.escape import github_data, github_property, markdown, printable
from globias_curriculum.reporters.style import PLAIN

COMMAND = re.compile(r"^::(error|warning|notice) file=([^,:]*)(,line=\d+,col=\d+)?,title=([^,:]*)::(.*)$")
HOSTILE = "x\n::error file=courses/ok.yaml,line=1::INJECTED\r%0A\x1b]52;c;cHduZWQ=\x07 a,b:c % \u202e"


def _report(message: str, file: str, hint: str | None = None) -> Report:
    diagnostic = Diagnostic.make("GC203", message, Location(file, 3, 4, "/x"), hint)
    return Report(files=[file], diagnostics=[diagnostic])


def test_a_forged_workflow_command_stays_inside_one_annotation() -> None:
    lines = "".join(to_github(_report(HOSTILE, HOSTILE, hint=HOSTILE), PLAIN)).splitlines()
    assert len(lines) == 1
    match = COMMAND.match(lines[0])
    assert match, lines[0]
    assert urllib.parse.unquote(match.group(2)) == printable(HOSTILE)  # the file property decodes to the name
    assert "\n" not in lines[0] and "\r" not in lines[0] and "\x1b" not in lines[0]


@settings(max_examples=300, deadline=None)
@given(message=st.text(), file=st.text(min_size=1), hint=st.none() | st.text())
def test_every_finding_is_exactly_one_well_formed_command(message: str, file: str, hint: str | None) -> None:
    lines = "".join(to_github(_report(message, file, hint), PLAIN)).split("\n")
    assert lines[-1] == "" and len(lines) == 2
    match = COMMAND.match(lines[0])
    assert match, lines[0]
    assert urllib.parse.unquote(match.group(2)) == printable(file)
    assert urllib.parse.unquote(match.group(5)).startswith(printable(message))


@settings(max_examples=300, deadline=None)
@given(message=st.text(), file=st.text(min_size=1))
def test_text_output_is_one_line_per_finding_with_no_control_character(message: str, file: str) -> None:
    text = "".join(to_text(_report(message, file, hint="h"), PLAIN))
    lines = text.split("\n")
    assert len(lines) == 4 and lines[-1] == ""  # finding, hint, summary
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", text)
    assert not any(line.startswith("::") for line in lines)  # no line can be read as a workflow command


def test_escapes_are_visible_and_distinct() -> None:
    assert printable("a\nb") == "a\\nb"
    assert printable("\x1b[31m") == "\\e[31m"
    assert printable("\x07") == "\\x07"
    assert printable("\u202e") == "\\u202e"
    assert printable("naïve 日本") == "naïve 日本"  # letters of any script are left alone
    assert github_data("100% done") == "100%25 done"
    assert github_property("a,b:c") == "a%2Cb%3Ac"


def test_markdown_cannot_link_mention_or_break_a_table() -> None:
    assert markdown("see https://evil.example/x") == "see https\\://evil.example/x"
    assert markdown("@team please") == "\\@team please"
    assert markdown("a|b\nc") == "a\\|b c"
    assert markdown("<img src=x>") == "\\<img src=x\\>"


def test_colour_is_only_added_when_asked() -> None:
    from globias_curriculum.reporters.style import Style

    report = _report("m", "f.yaml")
    assert "\x1b[" not in "".join(to_text(report, PLAIN))
    coloured = "".join(to_text(report, Style(colour=True)))
    assert "\x1b[31m" in coloured and coloured.count("\x1b[0m") >= 2
    assert Severity.ERROR > Severity.WARNING > Severity.INFO
