"""The command line through click's runner, and once as a real subprocess."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from globias_curriculum.cli import main
from globias_curriculum.diagnostics import CODES
from globias_curriculum.report import Report

from .conftest import FIXTURES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_shipped_courses_examples_and_embedded_data_validate_clean(runner: CliRunner) -> None:
    paths = [str(ROOT / "courses"), str(ROOT / "globias_curriculum" / "data")]
    paths += [str(p) for p in sorted((ROOT / "examples").glob("*.yaml")) if p.name != "invalid-course.yaml"]
    result = runner.invoke(main, ["validate", "--fail-on", "info", "--format", "json", *paths])
    report = json.loads(result.output)
    assert report["diagnostics"] == []
    assert result.exit_code == 0
    assert len(report["files"]) >= 8 + 2 + 1


def test_courses_catalogue_has_at_least_eight_real_courses_with_sources() -> None:
    import yaml

    courses = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "courses").glob("*.yaml"))]
    courses = [c for c in courses if c["kind"] == "course"]
    assert len(courses) >= 8
    assert all(c["source_url"].startswith("https://") for c in courses)


def test_invalid_example_prints_exactly_what_readme_shows(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "--no-color", "examples/invalid-course.yaml"], catch_exceptions=False)
    assert result.exit_code == 1
    block = re.search(r"```text\n(\$ globias-curriculum validate examples/invalid-course.yaml\n)(.*?)```", README, re.S)
    assert block, "README must show the output for examples/invalid-course.yaml"
    assert result.output == block.group(2)


def test_readme_code_table_matches_the_registry() -> None:
    rows = re.findall(r"^\| (GC\d{3}) \| `([a-z0-9-]+)` \| (\w+) \|", README, re.M)
    assert rows == [(c.code, c.rule, str(c.severity)) for c in CODES.values()]


def test_readme_starts_with_the_two_commands() -> None:
    head = README[:1500]
    assert "pip install . && globias-curriculum validate courses/ && globias-curriculum coverage courses/" in head
    assert 'pip install -e ".[test]" && python -m pytest' in head


def test_json_output_is_versioned_with_every_field(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "--format", "json", str(FIXTURES / "invalid" / "unknown-level.yaml")])
    doc = json.loads(result.output)
    assert doc["version"] == "2.0"
    assert doc["files"] == [{"path": str(FIXTURES / "invalid" / "unknown-level.yaml"), "kind": "course"}]
    (diag,) = doc["diagnostics"]
    fields = {"code", "family", "rule", "rule_id", "severity", "message", "file", "line", "column", "pointer", "hint"}
    assert set(diag) == fields
    assert Report.from_json(result.output).to_json() == result.output  # reads back to the same report
    assert (diag["code"], diag["rule"], diag["pointer"], diag["line"]) == ("GC302", "unknown-level", "/level", 5)


def test_github_format_is_chosen_on_actions_and_escapes_properties(runner: CliRunner) -> None:
    path = str(FIXTURES / "invalid" / "unknown-field.yaml")
    result = runner.invoke(main, ["validate", path], env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert result.output.startswith(f"::error file={path},line=10,col=1,title=GC203 unknown-field::unknown field")
    assert "did you mean 'organiser'?" in result.output


def test_text_format_is_path_line_col_code_severity(runner: CliRunner) -> None:
    path = str(FIXTURES / "invalid" / "end-before-start.yaml")
    result = runner.invoke(main, ["validate", "--format", "text", path])
    assert result.output.splitlines()[0].startswith(f"{path}:12:15: GC305 error ")
    assert "\033[" not in result.output  # no colour when not on a terminal


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on_sets_the_threshold(runner: CliRunner, fail_on: str, code: int) -> None:
    path = str(FIXTURES / "invalid" / "durations-exceed.yaml")  # one warning
    assert runner.invoke(main, ["validate", "--fail-on", fail_on, path]).exit_code == code


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    assert runner.invoke(main, ["validate", "no/such/path.yaml"]).exit_code == 2
    assert runner.invoke(main, ["validate"]).exit_code == 2
    assert runner.invoke(main, ["validate", "--format", "xml", "courses"]).exit_code == 2


def test_a_broken_framework_file_exits_2_with_located_diagnostics(runner: CliRunner, tmp_path: Path) -> None:
    broken = FIXTURES / "invalid" / "framework-unknown-source.yaml"
    result = runner.invoke(main, ["validate", "--framework", str(broken), "courses"])
    assert result.exit_code == 2
    assert f"{broken}:13:46: GC312" in result.output


def test_a_user_framework_replaces_the_embedded_one(runner: CliRunner, tmp_path: Path) -> None:
    course = tmp_path / "c.yaml"
    course.write_text(
        (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8").replace("BIA.FND.1", "FX.A.1"),
        encoding="utf-8",
    )
    guidelines = tmp_path / "g.yaml"
    guidelines.write_text(
        'kind: guidelines\nid: g\nname: "G"\nversion: "1"\nframework: fixture-framework\nrules: []\n', encoding="utf-8"
    )
    framework = str(FIXTURES / "valid" / "framework.yaml")
    args = ["validate", "--framework", framework, "--guidelines", str(guidelines), str(course)]
    assert runner.invoke(main, args).exit_code == 0
    # with the embedded framework the same course names an unknown competency
    assert "GC301" in runner.invoke(main, ["validate", str(course)]).output


def test_duplicate_course_ids_across_files(runner: CliRunner, tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_bytes((FIXTURES / "valid" / "minimal.yaml").read_bytes())
    result = runner.invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'b.yaml'}:2:5: GC304" in result.output
    assert f"first used in {tmp_path / 'a.yaml'}:2" in result.output


def test_real_subprocess_runs_module_and_exits_with_findings() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "globias_curriculum", "validate", "examples/invalid-course.yaml"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    assert "examples/invalid-course.yaml:6:8: GC302 error" in result.stdout
    assert result.stderr == ""


def test_validate_start_up_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from globias_curriculum.cli import main\n"
        "try:\n    main(['validate', 'courses'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('linkml', 'linkml_runtime', 'rdflib', 'pyld', 'pyshacl', 'jsonschema', 'pydantic')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr


def test_readme_course_example_is_the_complete_example_file() -> None:
    block = re.search(r"A complete course:\n\n```yaml\n(.*?)```", README, re.S)
    assert block
    example = (ROOT / "examples" / "complete-course.yaml").read_text(encoding="utf-8")
    assert example.split("\n", 1)[1] == block.group(1)


def test_readme_shows_the_coverage_text_of_the_minimal_example(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(main, ["coverage", "examples/minimal-course.yaml"])
    block = re.search(r"```text\n\$ globias-curriculum coverage examples/minimal-course.yaml\n(.*?)```", README, re.S)
    assert block and result.output == block.group(1)
