"""Nothing gets out, nothing is lost: no file a course names is ever opened; failed writes leave no trace."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from globias_curriculum.cli import main
from globias_curriculum.writing.atomic import write_atomically

from .conftest import FIXTURES

_OPENED: list[str] | None = None


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _OPENED is not None and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


@pytest.fixture
def opened() -> Iterator[list[str]]:
    global _OPENED
    _OPENED = []
    try:
        yield _OPENED
    finally:
        _OPENED = None


def test_paths_named_in_a_course_are_never_opened(tmp_path: Path, runner: CliRunner, opened: list[str]) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read\n", encoding="utf-8")
    course = tmp_path / "course.yaml"
    course.write_text(
        (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8") + "materials:\n"
        f"  - {{url: 'file://{secret}', title: '{secret}'}}\n"
        "  - {url: 'https://example.org/../secret.txt'}\n"
        f"source_url: 'file://{secret}'\n"
        f"assessment: '{secret}'\n"
        "instances:\n  - {start_date: 2025-01-01, mode: online}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    opened.clear()  # only what the commands open counts, not the set-up above
    for args in (
        ["validate", str(course)],
        ["coverage", "--format", "html", "-o", str(tmp_path / "r.html"), str(course)],
        ["export", "--format", "html", "-o", str(out), "--base-url", "https://example.org/", str(course)],
    ):
        runner.invoke(main, args, catch_exceptions=False)
    assert opened, "the audit hook saw no open at all: it is not working"
    assert str(course) in opened
    assert not [p for p in opened if "secret" in p]


def test_a_failing_write_keeps_the_previous_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.html"
    target.write_text("the previous report\n", encoding="utf-8")
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, text: str) -> int:
            self.handle.write(text[: len(text) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: FullDisk(real_fdopen(fd, *a, **k)))
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, "the new report " * 1000)
    assert target.read_text(encoding="utf-8") == "the previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_an_interrupt_during_the_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "graph.jsonld"

    def interrupted(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, "{}\n")
    assert list(tmp_path.iterdir()) == []


def test_a_coverage_report_that_cannot_be_written_exits_2(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    target = folder / "missing-dir" / "report.html"  # its folder does not exist
    result = runner.invoke(main, ["coverage", "--format", "html", "-o", str(target), str(FIXTURES / "valid")])
    assert result.exit_code == 2 and "cannot write" in result.output
    assert not target.exists()
