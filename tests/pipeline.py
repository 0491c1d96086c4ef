"""The whole check pipeline on one text, and the property every diagnostic must hold: shared by the
property-based tests and the fuzzing harness (fuzz/fuzz_loader.py)."""

from __future__ import annotations

from globias_curriculum.checks import check_document
from globias_curriculum.context import Context
from globias_curriculum.diagnostics import Diagnostic
from globias_curriculum.judging.judge import judge_course
from globias_curriculum.reading.parse import load_text


def check_all(text: str, context: Context) -> list[Diagnostic]:
    """Load, schema, meaning and guideline rules, as the CLI runs them on a course file."""
    result = load_text(text, "t.yaml")
    found = list(result.diagnostics)
    doc = result.document
    if doc is not None:
        found += check_document(doc, context)
        if isinstance(doc.data, dict) and doc.data.get("kind") == "course":
            found += judge_course(doc, context)[1]
    return found


def assert_inside(text: str, diagnostics: list[Diagnostic]) -> None:
    """Every diagnostic points inside the file (line 0, column 0: the whole file)."""
    lines = text.splitlines() or [""]
    widest = max(len(line) for line in lines)
    for d in diagnostics:
        loc = d.location
        if loc.line == 0:
            assert loc.column == 0, d
            continue
        assert 1 <= loc.line <= len(lines) + 1, d
        assert 1 <= loc.column <= widest + 1, d
