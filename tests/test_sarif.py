"""SARIF 2.1.0 output, checked against the SARIF JSON Schema of Microsoft's SARIF SDK (tests/reference)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from globias_curriculum.cli import main

from .conftest import ROOT

SCHEMA = json.loads((Path(__file__).parent / "reference" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.validators.validator_for(SCHEMA)(SCHEMA, format_checker=jsonschema.FormatChecker())


def _sarif(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = runner.invoke(main, [*args, "--format", "sarif"])
    assert result.exit_code in (0, 1), result.output
    log: dict[str, Any] = json.loads(result.stdout)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(log)]
    assert errors == []
    return log


def test_validate_findings_are_schema_valid_sarif_with_lines_columns_and_hints(runner: CliRunner) -> None:
    text = runner.invoke(main, ["validate", "--format", "json", "examples/invalid-course.yaml"]).output
    expected = json.loads(text)["diagnostics"]
    log = _sarif(runner, "validate", "examples/invalid-course.yaml")
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert len(results) == len(expected)
    for result, d in zip(results, expected, strict=True):
        assert result["ruleId"] == d["code"]
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == d["code"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": "examples/invalid-course.yaml", "uriBaseId": "%SRCROOT%"}
        assert location["region"] == {"startLine": d["line"], "startColumn": d["column"]}
        assert result["message"]["text"].startswith(d["message"])
        if d["hint"]:
            assert result["message"]["text"].endswith(f"Hint: {d['hint']}")


def test_coverage_findings_name_the_guideline_rule(runner: CliRunner) -> None:
    log = _sarif(runner, "coverage", "examples/minimal-course.yaml")
    (run,) = log["runs"]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    guideline = [r for r in run["results"] if "/" in r["ruleId"]]
    assert guideline, "the minimal course misses guideline rules"
    for result in guideline:
        code, rule_id = result["ruleId"].split("/")
        assert rules[result["ruleId"]]["properties"]["guidelineRule"] == rule_id
        assert code.startswith("GC4")
    assert len(rules) == len({r["ruleId"] for r in run["results"]}), "one rule entry per rule that occurs"


def test_a_clean_catalogue_is_a_valid_log_with_no_errors(runner: CliRunner) -> None:
    log = _sarif(runner, "validate", str(ROOT / "courses"))
    assert log["runs"][0]["results"] == []


@pytest.mark.parametrize("name", ["with space.yaml", "hash#and%percent.yaml", "ünï.yaml"])
def test_file_names_become_valid_uri_references(
    runner: CliRunner, tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text("kind: course\nid: x\n", encoding="utf-8")
    log = _sarif(runner, "validate", name)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    from urllib.parse import unquote

    assert {unquote(u) for u in uris} == {name}
    assert all(" " not in u and "#" not in u for u in uris)
