"""The landscape page in headless Chromium: it renders, with its headings and the tile map, and no script runs."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from PIL import Image

from globias_curriculum.cli import main

from .conftest import ROOT
from .test_browser import chromium, pytestmark  # noqa: F401 - the same skip rule as the other browser tests


def test_the_landscape_page_renders_with_its_headings_and_the_map(tmp_path: Path) -> None:
    page = tmp_path / "landscape.html"
    result = CliRunner().invoke(main, ["landscape", str(ROOT / "courses"), "--format", "html", "-o", str(page)])
    assert result.exit_code == 0, result.output
    shot = tmp_path / "shot.png"
    chromium(tmp_path, "--window-size=1200,1400", f"--screenshot={shot}", page.as_uri())
    image = Image.open(shot).convert("RGB")
    assert image.size == (1200, 1400) and len(image.getcolors(maxcolors=1_000_000) or []) > 50
    # the map's tiles are drawn: a Germany tile in the darkest blue (the catalogue's most frequent country)
    assert (8, 81, 156) in {c for _, c in image.getcolors(maxcolors=1_000_000) or []}
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    for heading in ("Where courses are taught", "Competency areas by region", "Survey demand against supply",
                    "Levels and years", "Trainers"):  # fmt: skip
        assert f"<h2>{heading}</h2>" in dom
    assert "Courses per country, tile-grid world map" in dom
    assert "Germany: 5 course(s)" in dom
