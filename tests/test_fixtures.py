"""Every fixture gives exactly the diagnostics listed beside it (tests/listing.py); valid ones give none."""

from __future__ import annotations

from pathlib import Path

import pytest

from globias_curriculum.diagnostics import CODES
from globias_curriculum.runner import Options, validate_paths

from . import listing
from .conftest import CONTEXT, FIXTURES

INVALID = listing.inputs(FIXTURES / "invalid", (".yaml", ".yml"))
VALID = listing.inputs(FIXTURES / "valid", (".yaml", ".yml"))
MAX_BYTES = 1500  # so that invalid/too-large.yaml stays small


def _found(path: Path) -> list[str]:
    return listing.lines_of(validate_paths([path], CONTEXT, Options(max_bytes=MAX_BYTES)).diagnostics)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_has_no_diagnostics(path: Path) -> None:
    assert listing.expected_for(path) is None, "a valid fixture has no listing"
    assert _found(path) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_gives_its_listed_diagnostics(path: Path) -> None:
    expected = listing.expected_for(path)
    assert expected is not None and expected.diagnostics, f"{path.name} has no listing beside it"
    assert _found(path) == expected.diagnostics


def test_every_listing_has_its_input() -> None:
    for folder, suffixes in [
        (FIXTURES / "invalid", (".yaml", ".yml")),
        (FIXTURES / "coverage", (".yaml",)),
    ]:
        assert listing.orphans(folder, suffixes) == [], folder


def test_enough_invalid_fixtures_and_every_code_covered() -> None:
    assert len(INVALID) >= 30
    listings = [*FIXTURES.glob("invalid/*.expected"), *FIXTURES.glob("coverage/*.expected")]
    covered = {line.split()[1] for path in listings for line in listing.read(path).diagnostics}
    # Covered by named tests instead of fixture listings:
    #   GC108 a file that cannot be read, which git cannot hold (test_loading.py makes a FIFO);
    #   GC114 more findings than a file shows, from a 2,000-entry programme (test_hostile.py);
    #   GC414 a programme of several files (test_coverage.py, fixtures/coverage/programme-order);
    # JSON-LD codes (GC5xx) are listed by their own fixtures (test_check_jsonld.py, test_tess_preview.py) and
    # export's refusals by test_export.py.
    assert {c for c in CODES if not c.startswith("GC5")} - covered == {"GC108", "GC114", "GC414"}
