"""Large batches: workers give the same report as a serial run; progress shows only on a terminal."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from globias_curriculum.cli import main

from .conftest import FIXTURES, ROOT


def _batch(folder: Path, copies: int) -> Path:
    """Valid and invalid files mixed, with duplicate ids across files, so every check has work."""
    sources = sorted((FIXTURES / "invalid").glob("*.yaml")) + sorted((ROOT / "courses").glob("*.yaml"))
    for i in range(copies):
        for source in sources:
            shutil.copyfile(source, folder / f"{i:03d}-{source.name}")
    return folder


@pytest.mark.slow
def test_jobs_2_gives_the_same_diagnostics_in_the_same_order(tmp_path: Path, runner: CliRunner) -> None:
    folder = _batch(tmp_path, 6)
    for command in (["validate", "--format", "json"], ["coverage", "--format", "json"]):
        serial = runner.invoke(main, [*command, "--jobs", "1", str(folder)])
        parallel = runner.invoke(main, [*command, "--jobs", "2", str(folder)])
        assert serial.exit_code == parallel.exit_code == 1
        assert serial.output == parallel.output
        assert '"GC304"' in serial.output  # the cross-file check ran over the results of both workers


def _run_on_a_terminal(args: list[str]) -> str:
    """Run the CLI with stderr on a pseudo-terminal; return what the terminal received."""
    main_fd, child_fd = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    process = subprocess.Popen(
        [sys.executable, "-m", "globias_curriculum", *args],
        stdout=subprocess.DEVNULL,
        stderr=child_fd,
        env=env,
    )
    os.close(child_fd)
    chunks = []
    while True:
        try:
            data = os.read(main_fd, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=120)
    os.close(main_fd)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_shows_on_a_terminal_for_large_batches_only(tmp_path: Path) -> None:
    folder = _batch(tmp_path, 4)  # over 200 files
    assert len(list(folder.iterdir())) >= 200
    shown = _run_on_a_terminal(["validate", str(folder)])
    assert "validate [" in shown and " files" in shown
    small = _run_on_a_terminal(["validate", str(ROOT / "courses")])
    assert "validate [" not in small


def test_no_progress_when_stderr_is_piped_or_in_ci(tmp_path: Path) -> None:
    folder = _batch(tmp_path, 4)
    piped = subprocess.run(
        [sys.executable, "-m", "globias_curriculum", "validate", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert piped.stderr == ""
    env = {**os.environ, "CI": "true"}
    main_fd, child_fd = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "globias_curriculum", "validate", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=child_fd,
        env=env,
    )
    os.close(child_fd)
    process.wait(timeout=120)
    try:
        leftover = os.read(main_fd, 4096)
    except OSError:
        leftover = b""
    os.close(main_fd)
    assert b"validate [" not in leftover
