"""check-jsonld: Bioschemas profile conformance, node by node, against the version each node claims.

Every fixture in fixtures/jsonld/profiles gives exactly the diagnostics listed beside it (tests/listing.py,
info summary lines included); the real documents of fixtures/registry/corpus are read without a reading
error wherever TeSS reads them; the profile data is the Bioschemas website's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from globias_curriculum import check_jsonld
from globias_curriculum.cli import main
from globias_curriculum.diagnostics import CODES
from globias_curriculum.jsonld.profiles import ProfileDataError, check_jsonld_path, parse_profiles, profiles

from . import listing
from .conftest import FIXTURES, ROOT

PROFILES = FIXTURES / "jsonld" / "profiles"
INPUTS = listing.inputs(PROFILES, (".jsonld", ".json", ".html"))
CORPUS = FIXTURES / "registry" / "corpus"
#: 5xx codes shown by other tests: retired ones, the export's own, and tess-preview's (test_tess_preview.py)
NOT_CHECK_JSONLD = {"GC508", "GC509", "GC510", "GC511", "GC512", "GC513", "GC514", "GC516", "GC517", "GC521"}


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_fixture_gives_its_listed_diagnostics(path: Path) -> None:
    expected = listing.expected_for(path)
    found = listing.lines_of(check_jsonld_path(path))
    assert found == (expected.diagnostics if expected else [])


def test_every_listing_has_its_input_and_every_check_jsonld_code_is_shown() -> None:
    assert listing.orphans(PROFILES, (".jsonld", ".json", ".html")) == []
    covered = {line.split()[1] for p in PROFILES.glob("*.expected") for line in listing.read(p).diagnostics}
    assert {c for c in CODES if c.startswith("GC5")} - covered == NOT_CHECK_JSONLD


def test_an_older_version_is_checked_against_its_own_lists() -> None:
    """Course 0.9-DRAFT has the same minimum as 1.0; CourseInstance 0.1 required `name`: the claimed version's
    lists decide, and the finding says which version was used."""
    found = check_jsonld_path(PROFILES / "older-version.jsonld")
    messages = [d.message for d in found if d.code in ("GC503", "GC522")]
    assert any("0.9-DRAFT-2020_12_08, a draft, not the current release 1.0-RELEASE" in m for m in messages)
    assert any("minimum property of Course 0.9-DRAFT-2020_12_08" in m for m in messages)
    data = profiles()
    assert data.by_name["CourseInstance"].versions["0.1-DRAFT-2018_09_24"].minimum != (
        data.by_name["CourseInstance"].versions["1.0-RELEASE"].minimum
    )


def test_recommended_properties_are_one_info_line_per_node() -> None:
    found = [d for d in check_jsonld_path(PROFILES / "complete-course.jsonld") if d.code == "GC504"]
    assert len(found) == 2 and all(d.severity.name == "INFO" for d in found)
    assert "abstract" in found[0].message and "8 recommended properties" in found[0].message


def test_profile_data_is_the_websites_and_malformed_data_is_refused() -> None:
    data = profiles()
    course = data.by_name["Course"]
    assert course.current == "1.0-RELEASE" and course.type == "Course"
    assert course.versions["1.0-RELEASE"].minimum == ("description", "keywords", "name")
    assert data.by_name["TrainingMaterial"].type == "LearningResource"
    assert data.aliases == {"LearningResource": "TrainingMaterial"}
    raw = json.loads((ROOT / "globias_curriculum" / "data" / "bioschemas-profiles.json").read_text("utf-8"))
    raw["profiles"]["Course"]["current"] = "9.9"
    with pytest.raises(ProfileDataError):
        parse_profiles(raw)
    with pytest.raises(ProfileDataError):
        parse_profiles({"profiles": []})


def test_messages_never_show_internal_labels(tmp_path: Path) -> None:
    """Node positions travel as a private property; nothing of it may reach a message, in any document."""
    texts = []
    for path in [*INPUTS, *sorted(CORPUS.glob("*.json*")), *sorted(CORPUS.glob("*.html"))]:
        texts += [d.message + (d.hint or "") for d in check_jsonld_path(path)]
    assert texts and not [t for t in texts if "x-globias" in t or "urn:" in t or "_:" in t]


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("tess-gtn__*.html")))
def test_gtn_pages_read_with_their_id_alias(name: str) -> None:
    """GTN pages use schema.org's `id`/`type` aliases: no reading error (was GC501), no ISO language error."""
    found = check_jsonld_path(CORPUS / name)
    assert not [d for d in found if d.code in ("GC501", "GC520")], found


def test_cli_exit_codes_and_json(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(main, ["check-jsonld", "--format", "json", str(PROFILES / "complete-course.jsonld")])
    assert ok.exit_code == 0 and {d["code"] for d in json.loads(ok.output)["diagnostics"]} == {"GC504"}
    bad = runner.invoke(main, ["check-jsonld", str(PROFILES / "missing-description.jsonld")])
    assert bad.exit_code == 1 and "GC503" in bad.output
    fifo = tmp_path / "pipe.jsonld"
    import os

    os.mkfifo(fifo)
    assert runner.invoke(main, ["check-jsonld", str(fifo)]).exit_code == 2


def test_library_api_reads_folders_and_takes_a_base(tmp_path: Path) -> None:
    (tmp_path / "a.jsonld").write_text((PROFILES / "relative-licence.jsonld").read_text("utf-8"), "utf-8")
    report = check_jsonld([tmp_path], base_url="https://courses.example.org/bia/")
    (licence,) = [d for d in report.diagnostics if d.code == "GC524"]
    assert "'https://courses.example.org/bia/CC-BY-4.0'" in licence.message


def test_our_exported_folder_checks_clean_and_the_framework_is_a_vocabulary(tmp_path: Path) -> None:
    """README suggests `check-jsonld site/`: the export's framework.jsonld is a DefinedTermSet, not training,
    so it gets an info saying so; a document typed only as something else still gets GC505."""
    import globias_curriculum as gc

    gc.export([ROOT / "courses"], tmp_path, base_url="https://example.org/bia/")
    report = gc.check_jsonld([tmp_path])
    assert report.exit_code() == 0
    framework = [d for d in report.diagnostics if d.location.file.endswith("framework.jsonld")]
    assert [d.code for d in framework] == ["GC525"]
    event = tmp_path / "event.jsonld"
    event.write_text('{"@context": "https://schema.org/", "@type": "Event", "name": "x"}', encoding="utf-8")
    assert [d.code for d in gc.check_jsonld([event]).diagnostics] == ["GC505"]
