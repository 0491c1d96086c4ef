"""`framework`: list, show, search (issue 14). Figures are computed from the embedded framework, not typed in,
so a change to the data moves the expectation with it; what is asserted is how the command reads the data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import globias_curriculum as gc
from globias_curriculum.cli import main

from .conftest import ROOT

FRAMEWORK = yaml.safe_load((ROOT / "globias_curriculum" / "data" / "framework.yaml").read_text(encoding="utf-8"))
ALL = {c["id"]: c for a in FRAMEWORK["areas"] for c in a["competencies"]}


def test_list_names_every_area_and_competency_in_the_framework_order(runner: CliRunner) -> None:
    result = runner.invoke(main, ["framework", "--no-color"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    listed = [line.split()[0] for line in lines if line.startswith("  BIA.")]
    assert listed == list(ALL)
    for cid, comp in ALL.items():
        assert any(line.startswith(f"  {cid} ") and comp["label"] in line for line in lines), cid
    assert f"{len(ALL)} competencies in {len(FRAMEWORK['areas'])} areas" in result.output
    assert "introductory (also beginner)" in result.output


def test_list_as_json_is_the_same_data(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(main, ["framework", "list", "--format", "json"]).output)
    assert data["framework"]["version"] == FRAMEWORK["version"]
    assert [a["id"] for a in data["areas"]] == [a["id"] for a in FRAMEWORK["areas"]]
    assert [c["id"] for a in data["areas"] for c in a["competencies"]] == list(ALL)


def test_show_gives_descriptors_prerequisites_edam_sources_and_teaching_courses(runner: CliRunner) -> None:
    result = runner.invoke(main, ["framework", "show", "--no-color", "BIA.SEG.2", "--courses", str(ROOT / "courses")])
    assert result.exit_code == 0
    out = " ".join(result.output.split())  # the text is wrapped; compare words
    comp = ALL["BIA.SEG.2"]
    for descriptor in comp["descriptors"]:
        assert " ".join(descriptor["statement"].split()) in out
    for prerequisite in comp["prerequisites"]:
        assert f"{prerequisite} ({ALL[prerequisite]['label']})" in out
    for edam in comp["edam"]:
        assert edam["id"] in out
    catalogue = {s["key"]: s for s in FRAMEWORK["source_catalogue"]}
    for citation in comp["citations"]:
        assert f"[{citation['source']}] {catalogue[citation['source']]['title']}" in out
        assert " ".join(citation["locator"].split()) in out
    teaching = []
    for path in sorted((ROOT / "courses").glob("*.yaml")):
        course = yaml.safe_load(path.read_text(encoding="utf-8"))
        named = [c for o in course.get("learning_outcomes", []) for c in o.get("competencies", [])]
        named += [c for m in course.get("modules", []) or [] for c in m.get("competencies", [])]
        if "BIA.SEG.2" in named:
            teaching.append(path.name)
    assert teaching, "the shipped catalogue teaches thresholding"
    assert f"Taught in {len(teaching)} course file(s)" in out
    assert all(name in out for name in teaching)


def test_show_accepts_a_label_and_refuses_an_unknown_id_with_the_nearest(runner: CliRunner) -> None:
    by_label = runner.invoke(main, ["framework", "show", "--no-color", "thresholding"])
    assert by_label.exit_code == 0 and by_label.output.startswith("BIA.SEG.2  Thresholding\n")
    unknown = runner.invoke(main, ["framework", "show", "BIA.SEG.99"])
    assert unknown.exit_code == 1
    assert "no competency 'BIA.SEG.99'" in unknown.output and "did you mean BIA.SEG." in unknown.output


def test_search_stardist_finds_the_deep_learning_competency_first(runner: CliRunner) -> None:
    result = runner.invoke(main, ["framework", "search", "--format", "json", "stardist"])
    best = json.loads(result.output)["results"][0]
    assert result.exit_code == 0
    assert "StarDist" in ALL[best["competency"]]["keywords"]
    assert "deep" in ALL[best["competency"]]["label"].lower() or "DL" in ALL[best["competency"]]["label"]


def test_search_without_a_match_exits_1_and_says_where_to_look(runner: CliRunner) -> None:
    result = runner.invoke(main, ["framework", "search", "qqqzzz"])
    assert result.exit_code == 1
    assert "`globias-curriculum framework` lists them all" in result.output


def test_a_user_framework_is_listed_instead(runner: CliRunner, tmp_path: Path) -> None:
    mine = dict(FRAMEWORK)
    mine["areas"] = [FRAMEWORK["areas"][0]]
    path = tmp_path / "framework.yaml"
    path.write_text(yaml.safe_dump(mine, sort_keys=False), encoding="utf-8")
    result = runner.invoke(main, ["framework", "list", "--framework", str(path)])
    assert result.exit_code == 0, result.output
    listed = [line.split()[0] for line in result.output.splitlines() if line.startswith("  BIA.")]
    assert listed == [c["id"] for c in FRAMEWORK["areas"][0]["competencies"]]


def test_output_escapes_what_a_framework_file_says(runner: CliRunner, tmp_path: Path) -> None:
    mine = yaml.safe_load(yaml.safe_dump(FRAMEWORK))
    mine["areas"][0]["competencies"][0]["label"] = "Evil \x1b[2J label"
    path = tmp_path / "framework.yaml"
    path.write_text(yaml.safe_dump(mine, sort_keys=False), encoding="utf-8")
    for args in (["list"], ["show", mine["areas"][0]["competencies"][0]["id"]]):
        result = runner.invoke(main, ["framework", *args, "--framework", str(path)])
        assert "\x1b" not in result.output


@pytest.mark.parametrize("subcommand", ["list", "show", "search"])
def test_settings_reach_the_subcommands(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, subcommand: str
) -> None:
    mine = dict(FRAMEWORK)
    mine["areas"] = [FRAMEWORK["areas"][0]]
    (tmp_path / "mine.yaml").write_text(yaml.safe_dump(mine, sort_keys=False), encoding="utf-8")
    (tmp_path / ".globias-curriculum.yaml").write_text("framework: mine.yaml\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    outside = next(c["id"] for c in FRAMEWORK["areas"][1]["competencies"])
    args = {"list": [], "show": [outside], "search": [ALL[outside]["label"]]}[subcommand]
    result = runner.invoke(main, ["framework", subcommand, "--format", "json", *args])
    if subcommand == "show":
        assert result.exit_code == 1 and f"no competency '{outside}'" in result.output
    else:
        assert outside not in result.output


def test_library_lookup_matches_the_command() -> None:
    comp = gc.competency("BIA.ML.3")
    assert comp is not None and comp.label == ALL["BIA.ML.3"]["label"]
    assert [d for d, _ in comp.descriptors] == [d["level"] for d in ALL["BIA.ML.3"]["descriptors"]]
    assert gc.competency("BIA.NOPE.1") is None
    assert [a.id for a in gc.competency_areas()] == [a["id"] for a in FRAMEWORK["areas"]]


def test_readme_search_example_is_what_the_command_prints(runner: CliRunner) -> None:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```text\n\$ globias-curriculum (framework search [^\n]+)\n(.*?)```", readme, re.S)
    assert block
    result = runner.invoke(main, [*block.group(1).split(), "--no-color"])
    assert result.output == block.group(2)
