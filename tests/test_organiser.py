"""An organiser's first hour (issue 14): each usual mistake gives one located finding, and its hint,
applied literally by a machine that only knows the hint's wording, fixes the file.

The applier below is deliberately dumb: it understands the few sentence shapes our hints use ("write X",
"did you mean 'X'", "rename `a:` to `b:`", "quote it: X", "indent it under `p:`", "start `k` in column N",
"replace the tab with spaces", "write it as a list:" + example). A hint it cannot act on fails the test, so a
hint that drifts into advice nobody can follow literally is caught.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import globias_curriculum as gc
from globias_curriculum.cli import main
from globias_curriculum.diagnostics import Diagnostic, Severity

BASE = """\
kind: course
id: intro-fiji-qupath
title: "Introduction to bioimage analysis with Fiji and QuPath"
description: "A three-day hands-on introduction."
level: introductory
prerequisites: []
learning_outcomes:
  - statement: "Describe how pixel values, bit depth and pixel size define a digital image."
    competencies: [BIA.FND.1, BIA.FND.2]
"""

AFTER_LEVEL = "level: introductory\n"

# (name, text to replace in BASE, replacement, expected code): the mistakes issue 14 lists, as written
MISTAKES = [
    ("competency-label", "[BIA.FND.1, BIA.FND.2]", "[Digital image representation]", "GC301"),
    ("competency-near-label", "[BIA.FND.1, BIA.FND.2]", "[Thresholding]", "GC301"),
    ("tab-indent", "    competencies:", "\tcompetencies:", "GC101"),
    ("too-little-indent", "    competencies:", "   competencies:", "GC101"),
    ("too-much-indent", "    competencies:", "     competencies:", "GC101"),
    ("date-slashes", AFTER_LEVEL, AFTER_LEVEL + "instances:\n  - start_date: 12/03/2025\n    mode: online\n", "GC205"),
    ("date-dots", AFTER_LEVEL, AFTER_LEVEL + "instances:\n  - start_date: 12.03.2025\n    mode: online\n", "GC205"),
    ("date-words", AFTER_LEVEL, AFTER_LEVEL + "instances:\n  - start_date: 12 March 2025\n    mode: online\n", "GC205"),
    ("duration-words", AFTER_LEVEL, AFTER_LEVEL + "duration: 3 days\n", "GC205"),
    ("url-without-scheme", AFTER_LEVEL, AFTER_LEVEL + "url: www.example.org/bia-course\n", "GC205"),
    ("string-for-list", "prerequisites: []", "prerequisites: basic computer skills", "GC201"),
    ("string-for-mapping", AFTER_LEVEL, AFTER_LEVEL + "organiser: Example Imaging Facility\n", "GC201"),
    ("text-for-statement", "  - statement:", "  - text:", "GC203"),
    ("unindented-under-parent", AFTER_LEVEL, AFTER_LEVEL + "organiser:\nname: Example Imaging Facility\n", "GC203"),
    ("level-misspelt", "level: introductory", "level: beginer", "GC302"),
    ("language-name", AFTER_LEVEL, AFTER_LEVEL + "language: English\n", "GC205"),
    ("licence-spaces", AFTER_LEVEL, AFTER_LEVEL + "license: CC BY 4.0\n", "GC205"),
    ("competency-lower-case", "[BIA.FND.1, BIA.FND.2]", "[bia.fnd.1]", "GC301"),
    ("implicit-boolean", AFTER_LEVEL, AFTER_LEVEL + "language: no\n", "GC206"),
]


def _errors(text: str, tmp_path: Path, name: str = "course.yaml") -> list[Diagnostic]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = gc.validate(path)
    return [d for d in report.diagnostics if d.severity >= Severity.WARNING]


def _value_span(line: str, column: int) -> tuple[int, int]:
    """Start and end of the scalar at a 1-based column: a flow item stops at , or ], a block value at #."""
    start = column - 1
    if start > 0 and line[start - 1] in "[ ," and "[" in line[:start]:
        end = min((i for i in (line.find(",", start), line.find("]", start)) if i >= 0), default=len(line))
    else:
        comment = line.find(" #", start)
        end = comment if comment >= 0 else len(line)
    return start, start + len(line[start:end].rstrip())


def apply_hint(text: str, d: Diagnostic) -> str:
    """What an organiser who does exactly what the hint says would write."""
    assert d.hint, f"{d.code} {d.message} has no hint"
    lines = text.split("\n")
    index = d.location.line - 1
    line = lines[index]
    first, *example = d.hint.split("\n")
    if m := re.fullmatch(r"write it as a (?:list|mapping):", first):
        indent = len(line) - len(line.lstrip(" "))
        block = [" " * indent + row[2:] for row in example]
        block = [row.replace("...", "x") for row in block]
        lines[index : index + 1] = block
        return "\n".join(lines)
    if m := re.search(r"rename `(\w+):` to `(\w+):`", first):
        lines[index] = line.replace(f"{m[1]}:", f"{m[2]}:", 1)
        return "\n".join(lines)
    if re.fullmatch(r"indent it under `\w+:`", first):
        lines[index] = "  " + line
        return "\n".join(lines)
    if "replace the tab with spaces" in first:
        lines[index] = line.replace("\t", "    ")
        return "\n".join(lines)
    if m := re.search(r"start `\w+` in column (\d+)", first):
        lines[index] = " " * (int(m[1]) - 1) + line.lstrip(" ")
        return "\n".join(lines)
    if m := (
        re.fullmatch(r"write (\S+)(?: \(.*)?", first)
        or re.search(r"did you mean '([^']+)'", first)
        or re.fullmatch(r"quote it: (.+)", first)
    ):
        start, end = _value_span(line, d.location.column)
        lines[index] = line[:start] + m[1] + line[end:]
        return "\n".join(lines)
    raise AssertionError(f"no literal reading of the hint {d.hint!r}")


@pytest.mark.parametrize(("name", "old", "new", "code"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_gives_one_finding_whose_hint_fixes_the_file(
    tmp_path: Path, name: str, old: str, new: str, code: str
) -> None:
    assert _errors(BASE, tmp_path) == []
    assert old in BASE
    broken = BASE.replace(old, new, 1)
    found = _errors(broken, tmp_path)
    assert [d.code for d in found] == [code], [f"{d.code} {d.message}" for d in found]
    (d,) = found
    changed = next(i for i, (a, b) in enumerate(zip(BASE.split("\n"), broken.split("\n"), strict=False)) if a != b) + 1
    assert d.location.line >= changed, "the finding points at or after the first changed line"
    assert d.location.column >= 1
    fixed = apply_hint(broken, d)
    assert _errors(fixed, tmp_path) == [], fixed


def test_the_two_readings_of_an_ambiguous_date_are_both_valid_iso_dates(tmp_path: Path) -> None:
    broken = BASE.replace(AFTER_LEVEL, AFTER_LEVEL + "instances:\n  - start_date: 12/03/2025\n    mode: online\n")
    (d,) = _errors(broken, tmp_path)
    assert d.hint is not None
    assert re.findall(r"\d{4}-\d\d-\d\d", d.hint) == ["2025-03-12", "2025-12-03"]


def test_tess_and_gtn_level_spellings_are_read_with_an_info_not_an_error(tmp_path: Path) -> None:
    for spelling in ("Beginner", "beginner", "Introductory", "INTERMEDIATE"):
        path = tmp_path / "course.yaml"
        path.write_text(BASE.replace("level: introductory", f"level: {spelling}"), encoding="utf-8")
        found = gc.validate(path).diagnostics
        assert all(d.severity == Severity.INFO for d in found), (spelling, found)
        assert len(found) == (0 if spelling in ("beginner",) else 1), (spelling, found)


def test_text_output_quotes_the_line_with_a_caret_under_the_column(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "course.yaml"
    path.write_text(BASE.replace(AFTER_LEVEL, AFTER_LEVEL + "duration: 3 days\n"), encoding="utf-8")
    result = runner.invoke(main, ["validate", "--no-color", str(path)])
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{path}:6:11: GC205 error")
    assert lines[1] == "        6 | duration: 3 days"
    assert lines[2] == "          |           ^"
    assert lines[2].index("^") == lines[1].index("3 days")
    assert lines[3] == "    hint: write P3D"


def test_a_long_line_is_cut_around_the_column_and_escapes_control_characters(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "course.yaml"
    long_title = "x" * 300
    text = BASE.replace(AFTER_LEVEL, AFTER_LEVEL + f'duration: "{long_title}" # \x1b[31m\n')
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["validate", "--no-color", str(path)])
    assert "\x1b" not in result.output
    excerpt = [line for line in result.output.splitlines() if line.startswith("        6 | ")]
    assert excerpt and len(excerpt[0]) <= 4 + 8 + 100 + 2


def test_stdin_is_read_when_the_path_is_a_dash(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "--no-color", "-"], input=BASE.replace("introductory", "beginer"))
    assert result.exit_code == 1
    assert result.output.startswith("<stdin>:5:8: GC302 error")
    clean = runner.invoke(main, ["validate", "-"], input=BASE)
    assert clean.exit_code == 0 and "1 file checked: 0 error(s)" in clean.output


def test_quiet_prints_findings_only_and_nothing_when_clean(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(BASE, encoding="utf-8")
    assert runner.invoke(main, ["validate", "-q", str(good)]).output == ""
    bad = tmp_path / "bad.yaml"
    bad.write_text(BASE.replace("introductory", "beginer"), encoding="utf-8")
    result = runner.invoke(main, ["validate", "-q", "--no-color", str(bad)])
    assert result.exit_code == 1
    assert "GC302" in result.output and "file checked" not in result.output


def test_list_files_names_what_would_be_read_and_honours_exclude(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    for name in ("a.yaml", "b.yml", "drafts/c.yaml", "notes.txt"):
        (tmp_path / name).write_text(BASE, encoding="utf-8")
    result = runner.invoke(main, ["validate", "--list-files", str(tmp_path)])
    assert result.exit_code == 0
    assert sorted(result.output.split()) == sorted(str(tmp_path / n) for n in ("a.yaml", "b.yml", "drafts/c.yaml"))
    excluded = runner.invoke(main, ["validate", "--list-files", "--exclude", "*/drafts/*", str(tmp_path)])
    assert sorted(excluded.output.split()) == sorted(str(tmp_path / n) for n in ("a.yaml", "b.yml"))


def test_no_file_found_is_exit_2_with_a_message(runner: CliRunner, tmp_path: Path) -> None:
    for command in ("validate", "coverage"):
        result = runner.invoke(main, [command, str(tmp_path)])
        assert result.exit_code == 2, (command, result.output)
        assert "no file to check" in result.output


def test_coverage_to_a_file_says_where_it_wrote_and_what_it_found(runner: CliRunner, tmp_path: Path) -> None:
    course = tmp_path / "course.yaml"
    course.write_text(BASE, encoding="utf-8")
    target = tmp_path / "report.html"
    result = runner.invoke(main, ["coverage", "--format", "html", "-o", str(target), str(course)])
    assert result.exit_code == 0
    assert re.fullmatch(
        rf"wrote {re.escape(str(target))}: 1 course\(s\), 0 error\(s\), \d+ warning\(s\), \d+ info\n", result.output
    )
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_settings_file_supplies_defaults_that_the_command_line_overrides(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    course = BASE.replace(AFTER_LEVEL, AFTER_LEVEL + "language: English\n")
    (tmp_path / "course.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "drafts" / "draft.yaml").write_text(course, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.globias-curriculum]\nexclude = ["drafts/*"]\nfail-on = "info"\ndisable = ["R21"]\n', encoding="utf-8"
    )
    listed = runner.invoke(main, ["validate", "--list-files", "."])
    assert listed.output.split() == ["course.yaml"]
    # fail-on info from the settings: the coverage infos now fail the run; the disabled R21 is never reported
    coverage = runner.invoke(main, ["coverage", "--format", "json", "course.yaml"])
    report = json.loads(coverage.output)
    assert coverage.exit_code == 1
    assert all(d.get("rule_id") != "R21" for d in report["diagnostics"])
    assert runner.invoke(main, ["coverage", "--fail-on", "error", "-q", "course.yaml"]).exit_code == 0
    assert runner.invoke(main, ["--no-settings", "validate", "--list-files", "."]).output.split() == [
        "course.yaml",
        os.path.join("drafts", "draft.yaml"),
    ]


def test_a_broken_settings_file_is_a_usage_error_naming_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".globias-curriculum.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    (tmp_path / "course.yaml").write_text(BASE, encoding="utf-8")
    result = runner.invoke(main, ["validate", "course.yaml"])
    assert result.exit_code == 2
    assert ".globias-curriculum.yaml" in result.output and "fail_on" in result.output
    assert "Traceback" not in result.output


def test_every_command_documents_its_exit_codes_and_one_example(runner: CliRunner) -> None:
    import click

    from globias_curriculum.cli import COMMANDS

    for name in COMMANDS:
        text = runner.invoke(main, [name, "--help"]).output
        assert "Exit codes" in text, name
        rest = text.split("\n", 1)[1]  # past the usage line
        assert f"globias-curriculum {name} " in rest, f"{name}: no example"
        group = main.get_command(click.Context(main), name)
        if name == "schema":
            continue  # prints a JSON Schema or a path: nothing to colour
        for sub in group.commands if isinstance(group, click.Group) else [None]:
            help_text = runner.invoke(main, [name, *([sub] if sub else []), "--help"]).output
            assert "--color / --no-color" in help_text, (name, sub)


def test_version_flag(runner: CliRunner) -> None:
    for flag in ("-V", "--version"):
        result = runner.invoke(main, [flag])
        assert result.exit_code == 0 and result.output == f"globias-curriculum, version {gc.__version__}\n"


@pytest.mark.parametrize(
    "table",
    [
        '[tool."globias-curriculum"]\nexclude = ["drafts/*"]\n',
        '[tool]\nglobias-curriculum = { exclude = ["drafts/*"] }\n',
        '[tool]\nglobias-curriculum.exclude = ["drafts/*"]\n',
        'tool.globias-curriculum.exclude = ["drafts/*"]\n',
    ],
)
def test_every_toml_spelling_of_the_settings_table_is_read(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str
) -> None:
    """pyproject.toml is only parsed when its bytes mention the table; each way TOML can write it must."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "drafts").mkdir()
    (tmp_path / "course.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "drafts" / "draft.yaml").write_text(BASE, encoding="utf-8")
    project = '[project]\nname = "globias-curriculum"\n[project.scripts]\nglobias-curriculum = "x:main"\n'
    (tmp_path / "pyproject.toml").write_text(table + "\n" + project, encoding="utf-8")
    assert runner.invoke(main, ["validate", "--list-files", "."]).output.split() == ["course.yaml"]


@pytest.mark.parametrize(
    ("description", "warned"),
    [
        ("<p>Segmentation with <b>Fiji</b>.</p>", False),  # HTML meant as HTML, as published pages have
        ('<p class="intro">A course.</p>', False),
        ("Sizes < 5 µm and a < b.", False),
        ("<Ctrl>-click to select.", True),  # not an element: the sanitiser removes it
        ("<Q", True),  # an element's name, but no `>`: the rest would be read as the tag
        ("<b the rest of the sentence>", True),
        ("<!-- a comment --> Then text.", True),
    ],
)
def test_markup_a_registry_would_swallow_is_warned_and_html_is_not(
    tmp_path: Path, description: str, warned: bool
) -> None:
    path = tmp_path / "course.yaml"
    path.write_text(BASE.replace('"A three-day hands-on introduction."', json.dumps(description)), encoding="utf-8")
    codes = [d.code for d in gc.validate(path).diagnostics]
    assert codes == (["GC326"] if warned else []), codes
