"""README's "Your first course in ten minutes", run as written in an empty folder: every `sh` command through
the installed console script, every `yaml` block applied as its step says (replace the outcomes, append the
rest). A step that stops working, or prints something other than what the walkthrough promises, fails here."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = re.search(r"## Your first course in ten minutes\n(.*?)\n## ", README, re.S)
COURSE = "courses/intro-fiji-qupath-2026.yaml"


def _blocks() -> list[tuple[str, str]]:
    assert SECTION, "README has the walkthrough"
    return re.findall(r"```(sh|yaml)\n(.*?)```", SECTION.group(1), re.S)


def _run(folder: Path, line: str) -> subprocess.CompletedProcess[str]:
    argv = shlex.split(line)
    assert argv[0] == "globias-curriculum", line
    executable = shutil.which("globias-curriculum")
    assert executable, "the console script is installed"
    return subprocess.run([executable, *argv[1:]], cwd=folder, capture_output=True, text=True, timeout=120)


def _replace_outcomes(text: str, block: str) -> str:
    """The outcomes block of the template ends at the first blank line after `learning_outcomes:`."""
    start = text.index("\nlearning_outcomes:\n") + 1
    end = text.index("\n\n", start) + 1
    return text[:start] + block + text[end:]


@pytest.mark.slow
def test_the_walkthrough_runs_as_written(tmp_path: Path) -> None:
    (tmp_path / "courses").mkdir()
    course = tmp_path / COURSE
    outputs: dict[str, subprocess.CompletedProcess[str]] = {}
    yaml_blocks = 0
    for kind, body in _blocks():
        if kind == "yaml":
            text = course.read_text(encoding="utf-8")
            if body.startswith("learning_outcomes:"):
                text = _replace_outcomes(text, body)
            else:
                text = text.rstrip("\n") + "\n\n" + body
            course.write_text(text, encoding="utf-8")
            yaml_blocks += 1
            continue
        for line in body.strip().splitlines():
            result = _run(tmp_path, line)
            assert result.returncode == 0, (line, result.stdout[-2000:], result.stderr[-2000:])
            outputs[" ".join(shlex.split(line)[1:3])] = result
    assert yaml_blocks == 2

    # what each step promises
    assert course.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    assert "# suggest: BIA.SEG.2" in outputs["init courses/intro-fiji-qupath-2026.yaml"].stderr + _template_once(
        tmp_path
    )
    assert outputs["framework search"].stdout.startswith("BIA.SEG.2 ")
    assert outputs["framework show"].stdout.startswith("BIA.SEG.2  Thresholding")
    assert outputs["validate courses/"].stdout.endswith("1 file checked: 0 error(s), 0 warning(s), 0 info\n")
    first = outputs["coverage courses/intro-fiji-qupath-2026.yaml"].stdout
    assert "keywords` is not declared" in first and "no tools are listed" in first
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    final = _run(tmp_path, f"globias-curriculum coverage {COURSE}").stdout
    assert "is not declared" not in final and "no tools are listed" not in final
    assert re.search(r"1 file checked: 0 error\(s\), \d+ warning\(s\), \d+ info\n$", final)
    assert (tmp_path / "site" / "courses" / "intro-fiji-qupath-2026" / "index.html").is_file()
    preview = outputs["tess-preview site/courses/"].stdout
    assert preview.endswith(
        "TeSS would create 1 event(s) and 0 material(s), drop 0 record(s); "
        "0 document(s) TeSS cannot read or finds nothing in\n"
    )


def _template_once(folder: Path) -> str:
    """The template as init writes it, for the promise that suggestions are written above each outcome."""
    other = folder / "again.yaml"
    _run(folder, f"globias-curriculum init {other.name} --yes --outcome 'Segment nuclei with an automatic threshold.'")
    return other.read_text(encoding="utf-8")
