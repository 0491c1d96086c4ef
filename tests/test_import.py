"""`import`: real NEUBIAS, GTN and Carpentries files become course files that keep every outcome verbatim and
in order, say what is missing instead of inventing it, validate, and never replace a file they did not write.

The verbatim reference is tests/fixtures/importers/outcomes.yaml, built independently of this code by the staged
research (its tool asserts every text is a substring of its source file).
"""

from __future__ import annotations

import copy
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

import globias_curriculum as gc
from globias_curriculum.context import Framework
from globias_curriculum.importing import import_sources
from globias_curriculum.importing.common import Environment, spdx
from globias_curriculum.importing.gtn import time_estimation
from globias_curriculum.importing.neubias import parse_day
from globias_curriculum.reading.document import Document

from .conftest import CONTEXT, FIXTURES

HERE = FIXTURES / "importers"
NEUBIAS, GTN, CARPENTRIES = HERE / "neubias", HERE / "gtn", HERE / "carpentries"
NEUBIAS_REPO = "https://github.com/NEUBIAS/training-resources"
NEUBIAS_COMMIT = "8bbaa51d4df0edb61b36bf6a437c695bae1fe3ef"
LESSONS = ["image-processing", "microscopy-novice", "image-analysis-python-napari", "image-processing-legacy-styles"]
REFERENCE: list[dict[str, Any]] = yaml.safe_load((HERE / "outcomes.yaml").read_text(encoding="utf-8"))


def reference(repo: str) -> dict[str, list[str]]:
    """Verbatim outcomes of one repository, per source path, in order."""
    out: dict[str, list[str]] = defaultdict(list)
    for entry in REFERENCE:
        if entry["source"]["repo_or_url"] == repo:
            out[entry["source"]["path"]].append(entry["text"])
    return out


def run(fmt: str, sources: list[Path], out: Path, **kwargs: Any) -> gc.importing.ImportResult:
    kwargs.setdefault("today", "2026-12-01")
    return gc.import_courses(fmt, sources, out, **kwargs)


def loaded(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def statements(course: dict[str, Any]) -> list[str]:
    return [o["statement"] for o in course.get("learning_outcomes") or []]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every fixture set imported once: NEUBIAS modules one by one, its orderings and dated pages, GTN, lessons."""
    base = tmp_path_factory.mktemp("imported")
    runs = {
        "modules": ("neubias", [NEUBIAS / "_modules"]),
        "neubias": ("neubias", [NEUBIAS]),
        "gtn": ("gtn", [GTN / "topics" / "imaging", GTN / "topics" / "fair" / "tutorials" / "bioimage-REMBI",
                        GTN / "topics" / "fair" / "tutorials" / "bioimage-metadata"]),
        "carpentries": ("carpentries", [CARPENTRIES / name for name in LESSONS]),
    }  # fmt: skip
    for name, (fmt, sources) in runs.items():
        result = run(fmt, sources, base / name, repository=NEUBIAS_REPO if fmt == "neubias" else None,
                     commit=NEUBIAS_COMMIT if fmt == "neubias" else None)  # fmt: skip
        assert result.report.diagnostics == [], name
        assert result.written, name
    return {name: base / name for name in runs}


# ---------------------------------------------------------------------------------------------- outcomes verbatim


def test_every_neubias_module_objective_is_kept_verbatim_and_in_order(imported: dict[str, Path]) -> None:
    expected = reference("NEUBIAS/training-resources")
    assert sum(len(v) for v in expected.values()) == 162
    for path, texts in expected.items():
        stem = Path(path).stem
        assert statements(loaded(imported["modules"] / f"neubias-{stem}.yaml")) == texts, path


def test_every_lesson_objective_is_kept_verbatim_and_in_order(imported: dict[str, Path]) -> None:
    """Workbench fenced divs (wrapped items, blank lines or none), the lesson's episode order, extra episodes."""
    for repo, lesson, count in [
        ("datacarpentry/image-processing", "dc-image-processing", 45),
        ("HealthBioscienceIDEAS/microscopy-novice", "ideas-microscopy-novice", 41),
        ("lauracmurphy/image-analysis-python-napari", "incubator-image-analysis-python-napari", 11),
    ]:
        expected = [t for texts in reference(repo).values() for t in texts]
        assert len(expected) == count
        assert statements(loaded(imported["carpentries"] / f"{lesson}.yaml")) == expected, lesson


def test_the_legacy_lesson_format_gives_the_objectives_of_its_yaml_front_matter(imported: dict[str, Path]) -> None:
    course = loaded(imported["carpentries"] / "dc-image-processing-legacy-styles.yaml")
    front = yaml.safe_load((CARPENTRIES / LESSONS[3] / "_episodes" / "07-thresholding.md").read_text().split("---")[1])
    folded = [" ".join(t.split()) for t in front["objectives"]]
    got = statements(course)
    assert "Use histograms to determine appropriate threshold values to use for the thresholding process." in folded
    start = got.index(folded[0])
    assert got[start : start + len(folded)] == folded
    assert [m["title"] for m in course["modules"]][:2] == ["Introduction", "Image Basics"]


def test_gtn_objectives_are_kept_verbatim_including_a_truncated_one(imported: dict[str, Path]) -> None:
    for path, texts in reference("galaxyproject/training-material").items():
        parts = Path(path).parts
        name = f"gtn-{parts[1]}-{parts[3]}".lower()
        if not (imported["gtn"] / f"{name}.yaml").exists():
            continue  # a tutorial the research quoted but did not copy
        assert statements(loaded(imported["gtn"] / f"{name}.yaml")) == texts or name.endswith("spot-detection")
    spot = statements(loaded(imported["gtn"] / "gtn-imaging-2d-spot-detection.yaml"))
    assert spot == [
        "Perform a 2D spots/blobs detection in an image fetched from IDR",
        "Count the detected spots and blo",
    ]


def test_a_course_ordering_keeps_the_objectives_of_its_modules_in_module_order(imported: dict[str, Path]) -> None:
    course = loaded(imported["neubias"] / "neubias-image-data-formats-course.yaml")
    expected = reference("NEUBIAS/training-resources")
    order = ["image_data_formats_course", "image_file_formats", "big_image_file_formats", "ome_tiff", "ome_zarr"]
    assert statements(course) == [t for stem in order for t in expected[f"_modules/{stem}.md"]]
    assert [m["title"] for m in course["modules"]] == ["Image data formats", "Big image data formats", "OME-TIFF",
                                                       "OME-Zarr"]  # fmt: skip
    assert course["description"].startswith("Performing modern microscopy one is exposed")


# ---------------------------------------------------------------------------------------------- nothing invented


def test_what_a_source_lacks_is_left_out_with_a_todo(imported: dict[str, Path]) -> None:
    text = (imported["modules"] / "neubias-binarization.yaml").read_text(encoding="utf-8")
    course = yaml.safe_load(text)
    for field in ("level", "duration", "language", "trainers", "edam_topics", "instances", "organiser"):
        assert field not in course
    for todo in ("# TODO: level:", "# TODO: duration:", "# TODO: language:", "# TODO: trainers:",
                 "# TODO: edam_topics:", "# TODO: competencies:"):  # fmt: skip
        assert todo in text
    assert all("competencies" not in o for o in course["learning_outcomes"])
    assert "# suggest: BIA.SEG.2 Thresholding" in text


def test_each_file_records_its_source_and_commit(imported: dict[str, Path]) -> None:
    text = (imported["neubias"] / "neubias-basic-batch-analysis-course.yaml").read_text(encoding="utf-8")
    head = text.split("kind: course")[0]
    assert "_courses/basic-batch-analysis-course.md" in head and NEUBIAS_COMMIT in head and NEUBIAS_REPO in head
    assert "on 2026-12-01" in head
    gtn_head = (imported["gtn"] / "gtn-imaging-biapy.yaml").read_text(encoding="utf-8").split("kind:")[0]
    assert "not a git checkout; read on 2026-12-01" in gtn_head


def test_a_dated_page_gives_its_instance_and_trainers(imported: dict[str, Path]) -> None:
    course = loaded(imported["neubias"] / "neubias-2025_01_embl_image_data_formats.yaml")
    assert course["instances"] == [
        {
            "start_date": "2025-01-16",
            "end_date": "2025-01-17",
            "mode": "hybrid",
            "location": {"name": "Germany, Heidelberg, Meyerhofstr. 1, EMBL, Room: IC Lecture hall"},
        }
    ]
    assert course["trainers"] == [
        {"name": "Bugra Oezdemir", "affiliation": "EMBL"},
        {"name": "Felix Schneider", "affiliation": "EMBL"},
        {"name": "Christian Tischer", "affiliation": "EMBL"},
    ]
    four_days = loaded(imported["neubias"] / "neubias-2026_05_embl_python_image_analysis.yaml")
    assert four_days["instances"][0]["start_date"] == "2026-05-04"
    assert four_days["instances"][0]["end_date"] == "2026-05-12"
    assert four_days["instances"][0]["mode"] == "onsite"
    assert len(four_days["trainers"]) == 7
    bern = (imported["neubias"] / "neubias-2025_02_bern_big_image_data_formats.yaml").read_text(encoding="utf-8")
    assert "instances" not in yaml.safe_load(bern) and "# TODO: instances: no day could be read" in bern
    assert yaml.safe_load(bern)["trainers"] == [{"name": "Christian Tischer", "affiliation": "EMBL"}]


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("- 2025 Jan 16, 9:30 - 16:00", "2025-01-16"),
        ("- **2024 August Tuesday 06, 9:30 - 12:00** ", "2024-08-06"),
        ("- Monday, 9:30 \u2013 16:00, May 04, 2026 day 1", "2026-05-04"),  # an en dash, as the page writes it
        ("2024 February 20", "2024-02-20"),
        ("Uni Bern, February 2025", None),
        ("45 minutes live demo", None),
        ("2025 Feb 30", None),
    ],
)
def test_schedule_lines_as_people_write_them(line: str, day: str | None) -> None:
    got = parse_day(line)
    assert (got.isoformat() if got else None) == day


@pytest.mark.parametrize(
    ("value", "iso"),
    [("30M", "PT30M"), ("1H", "PT1H"), ("2h", "PT2H"), ("30m", "PT30M"), ("15m", "PT15M"), ("15min", "PT15M"),
     ("30Mm", "PT30M"), ("1H30M", "PT1H30M"), ("4H", "PT4H"), ("", None), ("soon", None), (None, None)],
)  # fmt: skip
def test_gtn_time_estimation_variants(value: str | None, iso: str | None) -> None:
    assert time_estimation(value) == iso


def test_licence_spellings() -> None:
    assert spdx("CC-BY 4.0") == spdx("CC BY 4.0") == spdx("cc-by-4.0") == "CC-BY-4.0"
    assert spdx("CC BY-SA 4.0") == "CC-BY-SA-4.0"
    assert spdx("MIT") == "MIT"
    assert spdx("some licence") is None


# ---------------------------------------------------------------------------------------------- source quirks


def test_quirks_of_the_neubias_sources(imported: dict[str, Path]) -> None:
    # a front matter closed by '---' without a newline at the end of the file
    assert not (NEUBIAS / "_modules" / "sampling.md").read_bytes().endswith(b"\n")
    assert statements(loaded(imported["modules"] / "neubias-sampling.yaml"))
    # objectives given as one prose string
    containers = statements(loaded(imported["modules"] / "neubias-containers.yaml"))
    assert len(containers) == 1 and containers[0].startswith("By the end of this course")
    # a placeholder objective is not an outcome, and the file says so
    template = (imported["modules"] / "neubias-template.yaml").read_text(encoding="utf-8")
    assert "placeholder objective 'TODO'; not imported" in template
    # an absolute site link is the module it points to; a dangling link stays text and is said to dangle
    overview = loaded(imported["modules"] / "neubias-image_data_formats_course.yaml")
    # framework 0.2 cites NEUBIAS's connected_components module for BIA.SEG.3, so the absolute link maps to it
    assert {"competency": "BIA.SEG.3"} in overview["prerequisites"]
    source_text = (imported["modules"] / "neubias-image_data_formats_course.yaml").read_text(encoding="utf-8")
    assert "_modules/connected_components.md for BIA.SEG.3" in source_text  # the file says why
    dated = (imported["neubias"] / "neubias-2025_01_embl_image_data_formats.yaml").read_text(encoding="utf-8")
    assert "linked module 'tiff' is not in this checkout" in dated


def test_a_broken_front_matter_is_a_located_diagnostic(tmp_path: Path) -> None:
    root = tmp_path / "checkout"
    shutil.copytree(NEUBIAS, root)
    (root / "_courses" / "broken.md").write_text("---\ntitle: x\nmodule_order: [a, b\n---\nbody\n", encoding="utf-8")
    result = run("neubias", [root / "_courses" / "broken.md"], tmp_path / "out")
    (problem,) = result.report.diagnostics
    assert problem.code == "GC101" and problem.location.file == "_courses/broken.md"
    assert problem.location.line >= 3
    assert result.report.exit_code() == 1 and not (tmp_path / "out").exists()


def test_a_file_of_another_kind_is_refused_with_a_diagnostic(tmp_path: Path) -> None:
    result = run("neubias", [GTN / "topics" / "imaging" / "metadata.yaml"], tmp_path / "out")
    assert [d.code for d in result.report.diagnostics] == ["GC113"]
    result = run("carpentries", [NEUBIAS / "_modules"], tmp_path / "out")
    assert [d.code for d in result.report.diagnostics] == ["GC113"]


# ---------------------------------------------------------------------------------------------- validate


def test_every_imported_file_validates_without_errors_or_warnings(imported: dict[str, Path]) -> None:
    report = gc.validate([str(p) for p in imported.values()])
    assert len(report.files) == 85 + 13 + 8 + 4
    assert report.diagnostics == []


def test_prerequisite_links_become_competencies_where_the_framework_cites_the_module(tmp_path: Path) -> None:
    """Framework 0.2 ties module files to competencies (`citations`); framework 0.1 has none, so links stay text."""
    data = copy.deepcopy(CONTEXT.framework.document.data)
    data["source_catalogue"].append({"key": "NTRX", "title": "NEUBIAS", "url": NEUBIAS_REPO})
    for area in data["areas"]:
        for comp in area["competencies"]:
            if comp["id"] == "BIA.FND.1":
                comp["citations"] = [{"source": "NTRX", "locator": "_modules/pixels.md (objectives)"}]
    framework = Framework.from_document(Document("<test>", data))
    env = Environment(framework, "neubias", "2026-12-01", repository=NEUBIAS_REPO, commit=NEUBIAS_COMMIT)
    result = import_sources("neubias", [str(NEUBIAS / "_modules" / "binarization.md")], tmp_path, env)
    course = loaded(tmp_path / "neubias-binarization.yaml")
    assert course["prerequisites"][0] == {"competency": "BIA.FND.1"}
    assert course["prerequisites"][1]["text"].startswith("Data types (https://")
    assert "cites the objectives of _modules/pixels.md for BIA.FND.1" in result.files["neubias-binarization.yaml"]
    assert gc.validate([str(tmp_path)]).diagnostics == []


# ---------------------------------------------------------------------------------------------- never clobber


def test_a_file_it_did_not_write_is_never_replaced(tmp_path: Path) -> None:
    source = [NEUBIAS / "_modules" / "binarization.md"]
    mine = tmp_path / "neubias-binarization.yaml"
    mine.write_text("# my own course\n", encoding="utf-8")
    refused = run("neubias", source, tmp_path)
    assert [d.code for d in refused.report.diagnostics] == ["GC516"] and refused.report.exit_code() == 2
    assert mine.read_text(encoding="utf-8") == "# my own course\n"
    assert run("neubias", source, tmp_path, force=True).written == [mine]


def test_its_own_unedited_output_is_replaced_but_an_edited_one_is_not(tmp_path: Path) -> None:
    source = [NEUBIAS / "_modules" / "binarization.md"]
    first = run("neubias", source, tmp_path)
    target = tmp_path / "neubias-binarization.yaml"
    assert first.written == [target]
    again = run("neubias", source, tmp_path)
    assert again.unchanged == [target] and again.report.diagnostics == []
    later = run("neubias", source, tmp_path, today="2027-01-01")  # new bytes, file still ours and unedited
    assert later.written == [target] and "2027-01-01" in target.read_text(encoding="utf-8")
    target.write_text(target.read_text(encoding="utf-8").replace("TODO: level", "level"), encoding="utf-8")
    edited = run("neubias", source, tmp_path)
    assert [d.code for d in edited.report.diagnostics] == ["GC516"]


def test_nothing_is_written_when_one_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "neubias-binarization.yaml").write_text("x: 1\n", encoding="utf-8")
    sources = [NEUBIAS / "_modules" / "auto_threshold.md", NEUBIAS / "_modules" / "binarization.md"]
    result = run("neubias", sources, tmp_path)
    assert result.report.exit_code() == 2
    assert not (tmp_path / "neubias-auto_threshold.yaml").exists()


# ---------------------------------------------------------------------------------------------- GTN pathways


def test_a_learning_pathway_is_a_programme_and_says_which_tutorials_are_missing(tmp_path: Path) -> None:
    result = run("gtn", [GTN / "learning-pathways" / "bacterial-comparative-genomics.md"], tmp_path)
    assert result.report.diagnostics == []
    text = (tmp_path / "gtn-pathway-bacterial-comparative-genomics.yaml").read_text(encoding="utf-8")
    programme = yaml.safe_load(text)
    assert programme["kind"] == "programme" and programme["courses"] == []
    assert text.count("TODO: courses: the pathway's tutorial") == 6
    assert gc.validate([str(tmp_path)]).diagnostics == []


def test_a_learning_pathway_lists_its_imported_tutorials_in_order(tmp_path: Path) -> None:
    """A pathway written by this test in the format of GTN's learning-pathways/pathway-example.md."""
    root = tmp_path / "training-material"
    shutil.copytree(GTN, root)
    (root / "learning-pathways" / "imaging-basics.md").write_text(
        "---\nlayout: learning-pathway\ntitle: Imaging basics\ndescription: |\n  From images to numbers.\n"
        'pathway:\n  - section: "Module 1: Start"\n    tutorials:\n      - name: imaging-introduction\n'
        '        topic: imaging\n  - section: "Module 2: Spots"\n    tutorials:\n'
        "      - name: 2D-spot-detection\n        topic: imaging\n"
        "      - name: no-such-tutorial\n        topic: imaging\n"
        "---\n",
        encoding="utf-8",
    )
    result = run("gtn", [root / "learning-pathways" / "imaging-basics.md"], tmp_path / "out")
    assert result.report.diagnostics == []
    programme = loaded(tmp_path / "out" / "gtn-pathway-imaging-basics.yaml")
    assert programme["courses"] == ["gtn-imaging-imaging-introduction.yaml", "gtn-imaging-2d-spot-detection.yaml"]
    assert gc.validate([str(tmp_path / "out")]).diagnostics == []
    assert len(gc.coverage([str(tmp_path / "out" / "gtn-pathway-imaging-basics.yaml")]).courses) == 2


# ---------------------------------------------------------------------------------------------- round trip


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("ruby") is None, reason="the TeSS oracle needs ruby")
def test_import_export_tess_keeps_every_outcome_instance_and_trainer(imported: dict[str, Path], tmp_path: Path) -> None:
    import json
    import subprocess

    root = FIXTURES.parent.parent
    found = [p / "shared/oracles/tess/extract" for p in (root.parent, root.parent.parent)]
    oracle = next((p for p in found if p.exists()), None)
    if oracle is None:
        pytest.skip("the TeSS oracle is not beside the project (../shared/oracles/tess)")
    courses = sorted(p for name in ("neubias", "gtn", "carpentries") for p in imported[name].glob("*.yaml"))
    result = gc.export([str(p) for p in courses], tmp_path, base_url="https://example.org/bia/")
    assert result.report.exit_code() == 0
    files = sorted(str(p) for p in tmp_path.glob("courses/*.jsonld"))
    assert len(files) == len(courses)
    extracted = json.loads(subprocess.run([str(oracle), *files], capture_output=True, text=True, check=True).stdout)
    by_id = {Path(f).stem: extracted[f] for f in files}
    checked = {"outcomes": 0, "instances": 0, "trainers": 0}
    for path in courses:
        course = loaded(path)
        records = by_id[course["id"]]
        assert "error" not in records
        main = (records["courses"] + records["learning_resources"])[0]
        objectives = [line.removeprefix(" * ") for line in main["learning_objectives"].split("\n")]
        for statement in statements(course):
            assert statement in objectives, (course["id"], statement)
            checked["outcomes"] += 1
        starts = {i["start"] for i in records["course_instances"]}
        for instance in course.get("instances") or []:
            assert instance["start_date"] in starts
            checked["instances"] += 1
        names = {p["name"] for i in records["course_instances"] for p in i.get("instructors") or []}
        names |= {p.get("name") for p in main.get("authors") or []} if not course.get("instances") else set()
        for trainer in course.get("trainers") or []:
            assert trainer["name"] in names, (course["id"], trainer)
            checked["trainers"] += 1
    assert checked["outcomes"] > 250 and checked["instances"] == 3 and checked["trainers"] >= 14
