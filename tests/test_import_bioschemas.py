"""`import bioschemas`: JSON-LD files and HTML pages, read by the reader tess-preview uses, become course files.

The round trip is the strongest check we have: what `export` writes for every shipped course comes back through
`import bioschemas` as a course that `export` turns into the very same bytes. The TeSS corpus (real pages of
GTN, SIB, EMBL-EBI, IFB, NBIS, Carpentries, schema.org examples) must give files that validate.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

import globias_curriculum as gc
from globias_curriculum.importing.bioschemas import COMPETENCY_MODULE

from .conftest import FIXTURES, SHIPPED_COURSES

BASE = "https://example.org/bia/"
REGISTRY = FIXTURES / "registry"


def loaded(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def imported(sources: list[Path], out: Path, **kwargs: Any) -> gc.importing.ImportResult:
    return gc.import_courses("bioschemas", sources, out, today="2026-12-01", **kwargs)


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    base = tmp_path_factory.mktemp("round-trip")
    first, courses, second = base / "first", base / "courses", base / "second"
    gc.export(SHIPPED_COURSES, first, base_url=BASE)
    result = imported([first], courses)
    assert result.report.counts()["error"] == 0
    gc.export([courses], second, base_url=BASE)
    return first, courses, second


def test_export_import_export_gives_the_same_bytes_for_every_shipped_course(
    round_trip: tuple[Path, Path, Path],
) -> None:
    first, _, second = round_trip
    documents = sorted(p.relative_to(first) for p in first.rglob("*.jsonld"))
    assert len(documents) == len(SHIPPED_COURSES) + 1  # and framework.jsonld
    for rel in documents:
        assert (second / rel).read_bytes() == (first / rel).read_bytes(), rel


def test_outcomes_come_back_verbatim_and_in_order(round_trip: tuple[Path, Path, Path]) -> None:
    _, courses, _ = round_trip
    for path in SHIPPED_COURSES:
        source = loaded(path)
        back = loaded(courses / f"{source['id']}.yaml")
        assert [o["statement"] for o in back.get("learning_outcomes") or []] == [
            o["statement"] for o in source.get("learning_outcomes") or []
        ], path.name


def test_the_course_wide_competencies_are_one_module_and_no_outcome_gets_one_by_guesswork(
    round_trip: tuple[Path, Path, Path],
) -> None:
    _, courses, _ = round_trip
    source = loaded(Path("examples/complete-course.yaml"))
    back = loaded(courses / "intro-bia-2025.yaml")
    assert back["modules"] == [{"title": COMPETENCY_MODULE, "competencies": ["BIA.SEG.2"]}]
    assert all("competencies" not in o for o in back["learning_outcomes"])
    for key in ("title", "level", "duration", "language", "license", "trainers", "organiser", "edam_topics"):
        assert back[key] == source[key], key
    assert back["instances"][0]["location"] == source["instances"][0]["location"]


def test_the_imported_catalogue_validates_without_findings(round_trip: tuple[Path, Path, Path]) -> None:
    _, courses, _ = round_trip
    report = gc.validate([courses])
    assert report.counts() == {"error": 0, "warning": 0, "info": 0}


def test_an_html_page_gives_the_same_course_as_its_json_ld(tmp_path: Path) -> None:
    course = Path("examples/complete-course.yaml")
    gc.export([course], tmp_path / "jsonld", base_url=BASE)
    gc.export([course], tmp_path / "html", base_url=BASE, format="html")
    imported([tmp_path / "jsonld" / "courses"], tmp_path / "a")
    imported([tmp_path / "html" / "courses"], tmp_path / "b")
    assert loaded(tmp_path / "a" / "intro-bia-2025.yaml") == loaded(tmp_path / "b" / "intro-bia-2025.yaml")


def test_rdfa_and_json_ld_of_one_schema_org_example_give_the_same_course(tmp_path: Path) -> None:
    corpus = REGISTRY / "corpus"
    for n in ("0333", "0334", "0337"):
        a = imported([corpus / f"schemaorg__eg-{n}-jsonld.html"], tmp_path / f"{n}-jsonld")
        b = imported([corpus / f"schemaorg__eg-{n}-rdfa.html"], tmp_path / f"{n}-rdfa")
        assert a.files and b.files
        assert comparable(a.files) == comparable(b.files), n


def comparable(files: dict[str, str]) -> dict[str, Any]:
    """The data of each file, descriptions with white space collapsed (the examples indent them differently),
    instances in one order."""
    out = {}
    for name, text in files.items():
        data = yaml.safe_load(text)
        data["description"] = " ".join(data["description"].split())
        data["instances"] = sorted(data.get("instances", []), key=repr)  # RDFa gives its nodes in another order
        out[name] = data
    return out


def test_every_document_of_the_tess_corpus_gives_files_that_validate(tmp_path: Path) -> None:
    result = imported([REGISTRY], tmp_path / "out")
    assert len(result.written) > 200
    # documents TeSS cannot read (GC520) or finds nothing in (GC521, info) are reported, never a traceback
    assert {d.code for d in result.report.diagnostics} <= {"GC520", "GC521"}
    unreadable = {Path(d.location.file).name for d in result.report.diagnostics if d.code == "GC520"}
    assert unreadable == {"elixirtpl__index.html", "elixirtpl__2024-12-12__index.html", "elixirtpl__tutorial01.html",
                          "json-too-deep.json"}  # fmt: skip
    report = gc.validate([tmp_path / "out"])
    assert report.counts()["error"] == 0
    assert report.counts()["warning"] == 0


def test_what_a_page_lacks_or_says_unreadably_is_a_todo_not_a_value(tmp_path: Path) -> None:
    rules = REGISTRY / "rules"
    cases = {
        "unknown-level.jsonld": ("level", "# TODO: level: the page says 'Expert'"),
        "language-not-iso.jsonld": ("language", "# TODO: language: the page says 'English'"),
        "licence-not-mappable.jsonld": ("license", "# TODO: license: "),  # not an IRI: the reader drops it
    }
    for name, (field, todo) in cases.items():
        result = imported([rules / name], tmp_path / name)
        [text] = result.files.values()
        assert field not in yaml.safe_load(text), name
        assert todo in text, name
    # the bare id a JSON-LD page writes is read as the id it spells (TeSS resolves it as a relative IRI)
    [text] = imported([rules / "licence-bare-id.jsonld"], tmp_path / "bare").files.values()
    assert yaml.safe_load(text)["license"] == "CC-BY-4.0"


def test_tess_fixture_with_instances_keeps_dates_modes_and_places(tmp_path: Path) -> None:
    result = imported([REGISTRY / "corpus" / "tre__ebi-course-face-to-face.json"], tmp_path / "out")
    [text] = result.files.values()
    course = yaml.safe_load(text)
    [instance] = course["instances"]
    assert instance["start_date"].count("-") == 2
    assert instance["mode"] in ("onsite", "hybrid")
    assert instance["location"]["country"]


def test_a_file_it_did_not_write_is_never_replaced(tmp_path: Path) -> None:
    gc.export([Path("examples/complete-course.yaml")], tmp_path / "site", base_url=BASE)
    out = tmp_path / "out"
    out.mkdir()
    (out / "intro-bia-2025.yaml").write_text("kind: course\n", encoding="utf-8")
    result = imported([tmp_path / "site" / "courses"], out)
    assert [d.code for d in result.report.diagnostics] == ["GC516"]
    assert result.report.exit_code() == 2
    assert (out / "intro-bia-2025.yaml").read_text(encoding="utf-8") == "kind: course\n"


def test_the_cli_imports_a_folder_of_pages(tmp_path: Path) -> None:
    import subprocess
    import sys

    shutil.copy(REGISTRY / "rules" / "event-kept.jsonld", tmp_path / "event.jsonld")
    done = subprocess.run(
        [sys.executable, "-m", "globias_curriculum", "import", "bioschemas", str(tmp_path), "-o", str(tmp_path / "o")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "1 file(s) written" in done.stderr
