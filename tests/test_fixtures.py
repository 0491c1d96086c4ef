"""Every fixture validates to exactly the diagnostics listed for it; the listing and the files agree."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from globias_curriculum.diagnostics import CODES
from globias_curriculum.validation import Options, load_context, validate_paths

from .conftest import FIXTURES

LISTING = yaml.safe_load((FIXTURES / "invalid" / "_expected.yaml").read_text(encoding="utf-8"))
INVALID = sorted(p.name for p in (FIXTURES / "invalid").iterdir() if not p.name.startswith("_"))
VALID = sorted(p.name for p in (FIXTURES / "valid").iterdir())
CONTEXT = load_context()


def _run(path: Path) -> list[tuple[str, int, int]]:
    report = validate_paths([path], CONTEXT, Options(max_bytes=LISTING["max_bytes"])).report
    return [(d.code, d.location.line, d.location.column) for d in report.sorted()]


@pytest.mark.parametrize("name", VALID)
def test_valid_fixture_has_no_diagnostics(name: str) -> None:
    assert _run(FIXTURES / "valid" / name) == []


@pytest.mark.parametrize("name", INVALID)
def test_invalid_fixture_gives_its_listed_diagnostics(name: str) -> None:
    expected = [(e["code"], e["line"], e["column"]) for e in LISTING["fixtures"][name]]
    assert expected, f"{name} is listed with no diagnostic"
    assert _run(FIXTURES / "invalid" / name) == expected


def test_every_fixture_is_listed_and_every_listing_has_a_file() -> None:
    assert sorted(LISTING["fixtures"]) == INVALID


def test_enough_invalid_fixtures_and_every_code_covered() -> None:
    assert len(INVALID) >= 30
    covered = {e["code"] for entries in LISTING["fixtures"].values() for e in entries}
    coverage_listing = yaml.safe_load((FIXTURES / "coverage" / "_expected.yaml").read_text(encoding="utf-8"))
    covered |= {d["code"] for entry in coverage_listing["fixtures"].values() for d in entry["diagnostics"]}
    jsonld_listing = yaml.safe_load((FIXTURES / "jsonld" / "invalid" / "_expected.yaml").read_text(encoding="utf-8"))
    covered |= {d["code"] for entries in jsonld_listing["fixtures"].values() for d in entries}
    # Covered by named tests instead of fixture listings:
    #   GC108 a file that cannot be read, which git cannot hold (test_loading.py makes a FIFO);
    #   GC414 a programme of several files (test_coverage.py, fixtures/coverage/programme-order);
    #   GC504 recommended properties, many per document (test_export.py::test_recommended_...);
    #   GC516 and GC517 export refusals and truncation (test_export.py).
    assert set(CODES) - covered == {"GC108", "GC414", "GC504", "GC516", "GC517"}
