"""`init`: a commented course template that validates as written, answers checked as `validate` checks them (at a
real terminal too), and no file ever written over without --force."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import globias_curriculum as gc
from globias_curriculum.authoring import (
    Answers,
    Outcome,
    check_answer,
    check_text,
    editor_schema_path,
    published_schema_url,
    render_course,
)
from globias_curriculum.authoring.template import FIELDS
from globias_curriculum.cli import main
from globias_curriculum.schema.artefacts import json_schema

from .conftest import CONTEXT, ROOT, make_course

FW = CONTEXT.framework
FULL = Answers(
    id="intro-bia-2026",
    title="Introduction to BioImage Analysis",
    description="Two days of hands-on image analysis with Fiji.",
    level="introductory",
    duration="P2D",
    language="en",
    license="CC-BY-4.0",
    url="https://example.org/intro-bia",
    keywords=("segmentation", "Fiji"),
    target_audience=("PhD students",),
    learning_outcomes=(Outcome("Segment nuclei with an automatic threshold.", ("BIA.SEG.2",)),),
)


def _codes(text: str) -> list[str]:
    return sorted(d.code for d in check_text(text, CONTEXT, "course.yaml"))


def test_the_empty_template_has_only_the_findings_of_a_minimal_course() -> None:
    """Nothing answered: TODO placeholders and commented examples, and `validate` says what it says of a course
    with just the required fields (today: nothing)."""
    text = render_course(Answers(id="my-course"), FW, published_schema_url())
    bare = {k: v for k, v in make_course().items() if k in ("kind", "id", "title", "description")}
    assert _codes(text) == _codes(yaml.safe_dump(bare))
    assert yaml.safe_load(text) == {
        "kind": "course",
        "id": "my-course",
        "title": "TODO: the course's name",
        "description": "TODO: what the course covers and how it is taught",
    }


def test_answers_become_values_and_the_file_validates_cleanly() -> None:
    text = render_course(FULL, FW, "none")
    assert _codes(text) == []
    data = yaml.safe_load(text)
    assert data["level"] == "introductory" and data["keywords"] == ["segmentation", "Fiji"]
    assert data["learning_outcomes"] == [
        {"statement": "Segment nuclei with an automatic threshold.", "competencies": ["BIA.SEG.2"]}
    ]


def test_the_first_line_is_the_modeline_yaml_language_server_reads() -> None:
    text = render_course(FULL, FW, published_schema_url("course"))
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={published_schema_url('course')}"
    assert published_schema_url("course").endswith("/course.schema.json")
    assert f"/v{gc.__version__}/" in published_schema_url("course")  # the schema of the release that wrote it


def test_every_course_field_of_the_schema_is_in_the_template_with_a_comment_above_it() -> None:
    """A field added to the schema must be explained in the template too."""
    assert [f.name for f in FIELDS] != [] and {f.name for f in FIELDS} == set(
        json_schema()["$defs"]["Course"]["properties"]
    )
    lines = render_course(Answers(id="my-course"), FW, "none").splitlines()
    for f in FIELDS:
        at = next(i for i, line in enumerate(lines) if line.startswith((f"{f.name}:", f"# {f.name}:")))
        assert lines[at - 1].startswith("# ") and not lines[at - 1].startswith(f"# {f.name}:"), f.name


def test_the_comments_name_the_allowed_values_validate_uses() -> None:
    text = " ".join(line.removeprefix("# ") for line in render_course(Answers(id="my-course"), FW, "none").splitlines())
    levels = " | ".join(sorted(FW.levels, key=lambda name: FW.levels[name].rank))
    assert levels in text and "beginner" in text
    assert " | ".join(json_schema()["$defs"]["CourseMode"]["enum"]) in text
    assert " | ".join(json_schema()["$defs"]["BloomLevel"]["enum"]) in text


def test_every_commented_example_is_itself_valid() -> None:
    """Uncommenting an example (as the template tells you to) never introduces an error."""
    course = {"kind": "course", "id": "examples", "title": "T", "description": "D"}
    for f in FIELDS:
        if f.example is not None:
            course.update(yaml.safe_load(f.example.replace("{first_level}", "introductory")))
    found = [d for d in check_text(yaml.safe_dump(course), CONTEXT, "x") if str(d.severity) == "error"]
    assert len(course) == len(FIELDS) and found == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("level", "beginer"),
        ("level", "Beginner"),
        ("duration", "2 days"),
        ("language", "xx"),
        ("license", "CC-BY-4"),
        ("license", "GPL-2.0"),
        ("id", "Intro BIA"),
        ("url", "ftp://example.org"),
        ("id", "x" * 101),
    ],
)
def test_an_answer_gets_exactly_what_validate_says_of_it_in_a_file(field: str, value: str | tuple[str]) -> None:
    in_file = make_course(**{field: list(value) if isinstance(value, tuple) else value})
    expected = [
        (d.code, d.message, d.hint)
        for d in check_text(json.dumps(in_file), CONTEXT, "x")
        if d.location.pointer.startswith(f"/{field}")
    ]
    found = [(d.code, d.message, d.hint) for d in check_answer(field, value, CONTEXT)]
    assert found == expected and found  # each of these values has a finding


def test_an_outcome_naming_an_unknown_competency_is_refused_with_the_id_to_use() -> None:
    (finding,) = check_answer("learning_outcomes", (Outcome("Segment nuclei", ("BIA.SEG.99",)),), CONTEXT)
    assert finding.code == "GC301" and "BIA.SEG" in (finding.hint or "")


# ------------------------------------------------------------------------------------------------ the command


def test_init_with_options_writes_a_file_that_validates(tmp_path: Path) -> None:
    path = tmp_path / "intro-bia-2026.yaml"
    args = [
        *("init", str(path), "--yes", "--title", "Intro to BIA", "--description", "Two days."),
        *("--level", "intermediate", "--duration", "P2D", "--language", "de", "--licence", "CC-BY-4.0"),
        *("--keywords", "segmentation, napari", "--audience", "PhD students"),
        *("--outcome", "Segment nuclei with StarDist"),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["id"] == "intro-bia-2026"  # from the file name
    assert (data["language"], data["keywords"]) == ("de", ["segmentation", "napari"])
    assert gc.validate([path]).exit_code() == 0
    # the outcome names no competency: suggestions are written above it as comments, for a person to accept
    assert "# suggest: BIA.ML.3" in path.read_text(encoding="utf-8")


def test_init_refuses_a_value_validate_would_refuse_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "course.yaml"
    result = CliRunner().invoke(main, ["init", str(path), "--yes", "--level", "beginer"])
    assert result.exit_code == 2
    assert "--level: unknown proficiency level 'beginer' (did you mean 'beginner'?)" in result.output
    assert not path.exists()


def test_init_never_writes_over_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "course.yaml"
    path.write_text("kind: course\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(path), "--yes"])
    assert result.exit_code == 2 and "exists; not replaced (--force replaces it)" in result.output
    assert path.read_text(encoding="utf-8") == "kind: course\n"
    assert CliRunner().invoke(main, ["init", str(path), "--yes", "--force"]).exit_code == 0
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["id"] == "course"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course.yaml"]  # no temporary file left behind


def test_init_does_not_follow_a_link_or_create_folders(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.yaml"
    target.write_text("kept\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert CliRunner().invoke(main, ["init", str(link), "--yes"]).exit_code == 2
    forced = CliRunner().invoke(main, ["init", str(link), "--yes", "--force"])
    assert forced.exit_code == 2 and "symbolic link" in forced.output
    assert target.read_text(encoding="utf-8") == "kept\n"
    missing = CliRunner().invoke(main, ["init", str(tmp_path / "no-such-folder" / "c.yaml"), "--yes"])
    assert missing.exit_code == 2 and "no such folder" in missing.output
    assert not (tmp_path / "no-such-folder").exists()


def test_init_names_the_schema_it_is_given(tmp_path: Path) -> None:
    path = tmp_path / "course.yaml"
    local = CliRunner().invoke(main, ["schema", "--path"]).output.strip()
    assert Path(local) == editor_schema_path("course") and Path(local).is_file()
    assert CliRunner().invoke(main, ["init", str(path), "--yes", "--schema", local]).exit_code == 0
    assert path.read_text(encoding="utf-8").startswith(f"# yaml-language-server: $schema={local}\n")


def test_schema_prints_the_installed_file_and_its_published_address() -> None:
    printed = CliRunner().invoke(main, ["schema", "programme"]).output
    assert printed == editor_schema_path("programme").read_text(encoding="utf-8")
    url = CliRunner().invoke(main, ["schema", "--url"]).output.strip()
    assert url == json.loads(editor_schema_path("course").read_text(encoding="utf-8"))["$id"]


def test_without_a_terminal_init_asks_nothing(tmp_path: Path) -> None:
    """CliRunner's input is not a terminal: no question waits for an answer that never comes."""
    result = CliRunner().invoke(main, ["init", str(tmp_path / "c.yaml")], input="")
    assert result.exit_code == 0 and "Title" not in result.output


def test_the_library_function_writes_only_a_valid_course(tmp_path: Path) -> None:
    report = gc.init_course(tmp_path / "a.yaml", title="Intro", learning_outcomes=[("Measure areas", ["BIA.QNT.1"])])
    assert report.exit_code() == 0 and (tmp_path / "a.yaml").is_file()
    bad = gc.init_course(tmp_path / "b.yaml", language="xx")
    assert [d.code for d in bad.diagnostics] == ["GC310"] and not (tmp_path / "b.yaml").exists()
    with pytest.raises(FileExistsError):
        gc.init_course(tmp_path / "a.yaml")


# ------------------------------------------------------------------------------------------------ at a terminal


class Terminal:
    """The command at a real pseudo-terminal: stdin and stdout are a tty, as when a person runs it."""

    def __init__(self, *args: str) -> None:
        self.master, slave = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "globias_curriculum", *args], stdin=slave, stdout=slave, stderr=slave,
            close_fds=True, cwd=ROOT,
        )  # fmt: skip
        os.close(slave)
        self.seen = b""
        self.position = 0

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.master, 4096)
        except OSError:  # the command ended and closed the terminal
            return False
        self.seen += chunk
        return bool(chunk)

    def expect(self, text: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while (found := self.seen.find(text.encode(), self.position)) < 0:
            if time.monotonic() > deadline or not self._read(0.1):
                raise AssertionError(f"never saw {text!r}; the terminal shows:\n{self.seen.decode(errors='replace')}")
        self.position = found + len(text)

    def answer(self, prompt: str, typed: str) -> None:
        self.expect(prompt)
        os.write(self.master, typed.encode() + b"\r")

    def finish(self, timeout: float = 20.0) -> tuple[int, str]:
        """The exit code and everything shown; a command still waiting for input after `timeout` is stopped."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read(0.1)
        while self._read(0.1) and self.process.poll() is not None and time.monotonic() < deadline + 1:
            pass
        os.close(self.master)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"still waiting after {timeout:.0f} s:\n{self.seen.decode(errors='replace')}")
        return self.process.returncode, self.seen.decode(errors="replace")


def test_at_a_terminal_each_answer_is_checked_as_it_is_typed(tmp_path: Path) -> None:
    path = tmp_path / "intro-bia-2026.yaml"
    term = Terminal("init", str(path))
    term.answer("Title (the course's name): ", "Introduction to BioImage Analysis")
    term.answer("[intro-bia-2026]: ", "")  # the id proposed from the file name, accepted
    term.answer("how it is taught): ", "Two days of hands-on image analysis with Fiji.")
    term.answer("Level (introductory, intermediate, advanced): ", "beginer")
    term.expect("Error: unknown proficiency level 'beginer' (did you mean 'beginner'?)")
    term.answer("Level (introductory, intermediate, advanced): ", "introductory")
    term.answer("P2D two days): ", "2 days")
    term.expect("Error: `duration` '2 days' is not valid")
    term.answer("P2D two days): ", "P2D")
    term.answer("fr ...): ", "en")
    term.answer("MIT ...): ", "CC-BY-4.0")
    term.answer("Web page (https://...): ", "")
    term.answer("Keywords (comma-separated): ", "segmentation, Fiji")
    term.answer("Target audience (comma-separated): ", "PhD students")
    term.answer("Learning outcome 1 (Enter when done): ", "Segment nuclei with an automatic threshold.")
    term.expect("suggested competencies: BIA.SEG.2 Thresholding")
    term.answer("Enter for none): ", "BIA.SEG.99")
    term.expect("Error: unknown competency 'BIA.SEG.99'")
    term.answer("Enter for none): ", "BIA.SEG.2")
    term.answer("Learning outcome 2 (Enter when done): ", "")
    code, shown = term.finish()
    assert code == 0, shown
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data == {
        "kind": "course",
        "id": "intro-bia-2026",
        "title": "Introduction to BioImage Analysis",
        "description": "Two days of hands-on image analysis with Fiji.",
        "keywords": ["segmentation", "Fiji"],
        "level": "introductory",
        "duration": "P2D",
        "language": "en",
        "license": "CC-BY-4.0",
        "target_audience": ["PhD students"],
        "learning_outcomes": [
            {"statement": "Segment nuclei with an automatic threshold.", "competencies": ["BIA.SEG.2"]}
        ],
    }
    assert gc.validate([path]).exit_code() == 0


def test_at_a_terminal_an_existing_file_is_refused_before_any_question(tmp_path: Path) -> None:
    path = tmp_path / "course.yaml"
    path.write_text("kind: course\n", encoding="utf-8")
    code, shown = Terminal("init", str(path)).finish()
    assert code == 2 and "exists; not replaced" in shown and "Title" not in shown


def test_readme_shows_what_init_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"For\n\n```sh\n(globias-curriculum init .*?)\n```", readme, re.S)
    shown = re.search(r"it writes \(abridged where marked\):\n\n```yaml\n(.*?)```", readme, re.S)
    assert command and shown, "README's course-format section shows an init command and the file it writes"
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, shlex.split(command.group(1).replace("\\\n", " "))[1:])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "intro-bia-2026.yaml").read_text(encoding="utf-8")
    at = 0
    for part in shown.group(1).split("[...]\n"):
        found = written.find(part, at)
        assert found >= 0, f"README shows lines init does not write, in this order:\n{part}"
        at = found + len(part)
