"""The loader: positions, YAML surprises, and bad files that must not stop the run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from globias_curriculum.cli import main
from globias_curriculum.reading.parse import load_text

from .conftest import FIXTURES


def test_positions_are_one_based_for_values_and_keys() -> None:
    doc = load_text("kind: course\ntools:\n  - name: Fiji\n    open_source: true\n", "t.yaml").document
    assert doc is not None
    assert doc.positions["/tools/0/name"] == (3, 11)
    assert doc.key_positions["/tools/0/open_source"] == (4, 5)
    assert doc.locate("/tools/0/missing").line == 3  # falls back to the nearest ancestor


def test_unquoted_dates_stay_strings_and_surprises_are_remembered() -> None:
    doc = load_text("start_date: 2025-03-10\nlanguage: no\nversion: 1.10\n", "t.yaml").document
    assert doc is not None
    assert doc.data == {"start_date": "2025-03-10", "language": False, "version": 1.1}
    assert doc.implicit["/language"].text == "no"
    assert doc.implicit["/version"].text == "1.10"


def test_keys_with_slashes_and_tildes_are_escaped_in_pointers() -> None:
    doc = load_text("a/b: 1\nc~d: 2\n", "t.yaml").document
    assert doc is not None
    assert set(doc.positions) == {"", "/a~1b", "/c~0d"}


def test_a_fifo_is_reported_without_blocking_and_the_run_goes_on(tmp_path: Path, runner: CliRunner) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    good = tmp_path / "good.yaml"
    good.write_bytes((FIXTURES / "valid" / "minimal.yaml").read_bytes())
    bad = tmp_path / "zz-bad.yaml"
    bad.write_text("kind: course\nid: [\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", "--format", "json", str(tmp_path)])
    assert result.exit_code == 2  # an unreadable file is an I/O problem, whatever else was found
    assert '"code": "GC108"' in result.output
    assert '"code": "GC101"' in result.output  # the file after it was still checked
    assert str(good) in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_is_gc108(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("kind: course\n", encoding="utf-8")
    path.chmod(0)
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert "GC108" in result.output


def test_a_directory_symlink_loop_is_not_followed(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "loop").symlink_to(tmp_path)
    (tmp_path / "c.yaml").write_bytes((FIXTURES / "valid" / "minimal.yaml").read_bytes())
    result = runner.invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "1 file checked" in result.output
