"""Findings as SARIF 2.1.0, the format code-scanning services read (GitHub's `upload-sarif`, GitLab, IDEs).

One run, one rule per code that occurs (a guideline finding's rule is `GC401/R10`: the code says what kind of
finding, the guideline rule which one, so an alert can be dismissed for one rule without hiding the others).
Columns are Unicode code points, as ours are; SARIF's default would be UTF-16 code units. File paths become
relative URI references with `%SRCROOT%` as their base, percent-encoded, so a name with spaces or `#` stays
one path.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import quote

from ..diagnostics import CODES, Diagnostic, Severity
from ..version import __version__
from .style import Style

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/GloBIAS-BioimageAnalysts/globias-curriculum"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rule_key(d: Diagnostic) -> str:
    return f"{d.code}/{d.rule_id}" if d.rule_id else d.code


def artifact_uri(path: str) -> tuple[str, str | None]:
    """(uri, uriBaseId): a relative path against the source root, an absolute one as a file: URI."""
    posix = path.replace(os.sep, "/")
    if os.path.isabs(path):
        return "file://" + quote(posix), None
    return quote(posix.removeprefix("./")), "%SRCROOT%"


def _rule(key: str, d: Diagnostic) -> dict[str, Any]:
    code = CODES.get(d.code)
    summary = code.summary if code else d.code
    rule: dict[str, Any] = {
        "id": key,
        "name": f"{d.rule}/{d.rule_name}" if d.rule_name and d.rule_name != d.rule else d.rule,
        "shortDescription": {"text": summary},
        "defaultConfiguration": {"level": LEVEL[code.severity if code else d.severity]},
        "helpUri": f"{INFORMATION_URI}#diagnostic-codes",
    }
    if d.rule_id:
        rule["properties"] = {"guidelineRule": d.rule_id}
    return rule


def _result(d: Diagnostic, index: int) -> dict[str, Any]:
    uri, base = artifact_uri(d.location.file)
    artifact: dict[str, Any] = {"uri": uri}
    if base:
        artifact["uriBaseId"] = base
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if d.location.line > 0:
        physical["region"] = {"startLine": d.location.line, "startColumn": max(d.location.column, 1)}
    text = d.message + (f"\nHint: {d.hint}" if d.hint else "")
    result: dict[str, Any] = {
        "ruleId": rule_key(d),
        "ruleIndex": index,
        "level": LEVEL[d.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
    }
    if d.location.pointer:
        result["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": d.location.pointer, "kind": "element"}]
    return result


def to_sarif(diagnostics: Iterable[Diagnostic], style: Style | None = None) -> Iterator[str]:
    rules: dict[str, dict[str, Any]] = {}
    index: dict[str, int] = {}
    results = []
    for d in diagnostics:
        key = rule_key(d)
        if key not in rules:
            index[key] = len(rules)
            rules[key] = _rule(key, d)
        results.append(_result(d, index[key]))
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "globias-curriculum",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": list(rules.values()),
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    yield json.dumps(log, indent=2, ensure_ascii=False) + "\n"
