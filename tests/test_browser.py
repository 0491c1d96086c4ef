"""The HTML report in a real headless Chromium: it renders, shows the courses, and runs no course script."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from globias_curriculum.cli import main

from .conftest import ROOT
from .test_injection import hostile_course

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and os.environ.get("CI") != "true", reason="chromium not installed (CI installs it)"
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM, "chromium is missing: .ci/run installs the Debian package"
    profile = tmp_path / "profile"
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120
    )


def report(tmp_path: Path, *paths: str) -> Path:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["coverage", "--format", "html", "-o", str(out), *paths])
    assert result.exit_code in (0, 1), result.output
    return out


def test_report_renders_a_non_blank_page_with_every_course_title(tmp_path: Path) -> None:
    page = report(tmp_path, str(ROOT / "courses"))
    shot = tmp_path / "shot.png"
    chromium(tmp_path, "--window-size=1200,1600", f"--screenshot={shot}", page.as_uri())
    image = Image.open(shot).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000) or []
    assert image.size == (1200, 1600) and len(colours) > 50  # text, bars and heatmap, not a blank page
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    for title in ("Image Processing with Python (Data Carpentry)", "GloBIAS Bioimage Analysis Training School 2025"):
        assert title in dom
    assert dom.count("<svg") >= 3


def test_course_text_with_script_shows_as_text_and_runs_nothing(tmp_path: Path) -> None:
    page = report(tmp_path, str(hostile_course(tmp_path)))
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert "<title>Course coverage report</title>" in dom  # the injected script did not rename the page
    assert "PWNED" in dom and "<script" not in dom.lower()
    assert "&lt;script&gt;document.title=" in dom  # the text itself is shown


def test_exported_course_page_shows_hostile_text_and_runs_nothing(tmp_path: Path) -> None:
    course = tmp_path / "c.yaml"
    title = '</script><script>document.title="PWNED"</script><img src=x onerror="document.title=1">'
    course.write_text(
        (ROOT / "tests" / "fixtures" / "valid" / "minimal.yaml")
        .read_text(encoding="utf-8")
        .replace('"Fixture course"', "'" + title.replace("'", "''") + "'")
        + "instances:\n  - {start_date: 2025-01-01, mode: online}\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    args = ["export", "--format", "html", "-o", str(site), "--base-url", "https://example.org/", str(course)]
    assert CliRunner().invoke(main, args).exit_code == 0
    page = site / "courses" / "fixture-course" / "index.html"
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    page_title = dom.split("<title>")[1].split("</title>")[0]
    assert page_title.startswith("&lt;/script&gt;")  # still the course title as text: no script renamed the page
    assert dom.count("<script") == 1 and 'type="application/ld+json"' in dom
    assert "<img" not in dom
    assert "&lt;/script&gt;&lt;script&gt;document.title" in dom  # shown as text in the heading
