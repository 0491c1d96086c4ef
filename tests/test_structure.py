"""The compiled structural validator agrees with the reference `jsonschema` implementation."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from globias_curriculum.reading.parse import load_path
from globias_curriculum.schema.artefacts import KINDS, json_schema, validator
from globias_curriculum.schema.compiled import Compiler, UnsupportedSchema, is_iso_date

from .conftest import FIXTURES
from .corpus import mutated_corpus, seed_courses


def _reference(kind: str) -> jsonschema.protocols.Validator:
    schema = {**json_schema(), "$ref": f"#/$defs/{KINDS[kind]}"}
    for key in ("properties", "required", "additionalProperties", "type"):
        schema.pop(key, None)
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("date")(lambda value: not isinstance(value, str) or is_iso_date(value))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=checker)


def _paths_ours(kind: str, data: Any) -> set[tuple[Any, ...]]:
    return {e.path for e in validator(kind)(data, ())}


def _paths_reference(kind: str, data: Any) -> set[tuple[Any, ...]]:
    return {tuple(e.absolute_path) for e in _reference(kind).iter_errors(data)}


def _errors_ours(kind: str, data: Any) -> set[tuple[tuple[Any, ...], str]]:
    """(path, keyword) per error, in jsonschema's convention: an unknown field is reported at its object."""
    out = set()
    for e in validator(kind)(data, ()):
        path = e.path[:-1] if e.keyword == "additionalProperties" else e.path
        out.add((path, e.keyword))
    return out


def _leaves(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError]:
    """An anyOf of [object, null] fails in its object branch: descend to the errors there, as we report."""
    if error.validator == "anyOf" and error.context:
        branches = error.validator_value
        kept = [c for c in error.context if branches[c.schema_path[0]] != {"type": "null"}]
        if len({c.schema_path[0] for c in kept}) == 1:
            return [leaf for c in kept for leaf in _leaves(c)]
    return [error]


def _errors_reference(kind: str, data: Any) -> set[tuple[tuple[Any, ...], str]]:
    """jsonschema's errors; where a value has the wrong type, only that error: we stop there on purpose,
    since `const` or `pattern` on a value of the wrong type would be a second finding for one mistake."""
    found = {
        (tuple(leaf.absolute_path), str(leaf.validator))
        for e in _reference(kind).iter_errors(data)
        for leaf in _leaves(e)
    }
    mistyped = {path for path, keyword in found if keyword == "type"}
    return {(path, keyword) for path, keyword in found if path not in mistyped or keyword == "type"}


MUTANTS = mutated_corpus(400)


@pytest.mark.parametrize("index", range(len(MUTANTS)))
def test_same_errors_at_the_same_paths_as_jsonschema_on_mutated_courses(index: int) -> None:
    doc = MUTANTS[index]
    assert _errors_ours("course", doc) == _errors_reference("course", doc)


def test_the_mutated_corpus_holds_both_verdicts() -> None:
    verdicts = [bool(_paths_ours("course", d)) for d in MUTANTS]
    assert 50 < sum(verdicts) < len(MUTANTS)  # the test above would be empty if either side were missing


def test_same_errors_at_the_same_paths_on_every_fixture_and_seed() -> None:
    docs = [load_path(p).document for p in sorted((FIXTURES / "invalid").glob("*.yaml"))]
    docs += [load_path(p).document for p in sorted((FIXTURES / "valid").glob("*.yaml"))]
    checked = 0
    for doc in docs:
        if doc is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get("kind"), str):
            continue
        if doc.data["kind"] not in KINDS:
            continue
        kind = doc.data["kind"]
        assert _errors_ours(kind, doc.data) == _errors_reference(kind, doc.data), doc.path
        checked += 1
    for seed in seed_courses():
        assert not _paths_reference("course", seed) and not _paths_ours("course", seed)
    assert checked > 40


def test_an_unknown_keyword_is_refused_at_compile_time() -> None:
    with pytest.raises(UnsupportedSchema):
        Compiler({"$defs": {"X": {"type": "string", "minLength": 2}}}).compile_ref("#/$defs/X")


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2024-02-29", True),
        ("2023-02-29", False),
        ("2024-02-30", False),
        ("20240301", False),
        ("2024-3-1", False),
    ],
)
def test_iso_dates(value: str, ok: bool) -> None:
    assert is_iso_date(value) is ok
