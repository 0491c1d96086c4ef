"""Generated artefacts match the schema; the pydantic models agree with the validator; the editor schemas accept
what validate accepts and refuse what it refuses, as far as a JSON Schema can know."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from importlib import resources
from typing import Any

import jsonschema
import pydantic
import pytest

from globias_curriculum import __version__
from globias_curriculum.authoring import SCHEMA_KINDS, editor_schema_path, published_schema_url
from globias_curriculum.checks import check_document
from globias_curriculum.diagnostics import Family, Severity
from globias_curriculum.reading.document import Document
from globias_curriculum.reading.parse import load_path
from globias_curriculum.schema.artefacts import KINDS, validator

from .conftest import CONTEXT, MINIMAL_COURSE, ROOT, SHIPPED_COURSES
from .corpus import mutated_corpus, seed_courses

_MINIMAL = MINIMAL_COURSE


@pytest.mark.slow
def test_generated_artefacts_do_not_drift_from_the_schema() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_artefacts.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr


def test_context_maps_course_terms_to_schema_org() -> None:
    text = resources.files("globias_curriculum").joinpath("generated", "globias_curriculum.context.jsonld")
    context = json.loads(text.read_text(encoding="utf-8"))["@context"]
    assert context["schema"] == "http://schema.org/"
    assert context["Course"]["@id"] == "schema:Course"
    assert context["start_date"]["@id"] == "schema:startDate"


def _pydantic_accepts(data: dict[str, Any]) -> bool:
    from globias_curriculum.generated.model import Course

    try:
        Course.model_validate(data)
    except pydantic.ValidationError:
        return False
    return True


def test_pydantic_models_accept_every_shipped_course() -> None:
    for data in seed_courses():
        assert _pydantic_accepts(data), data.get("id")
    doc = load_path(ROOT / "courses" / "globias-naples-2025.yaml").document
    assert doc is not None
    from globias_curriculum.generated.model import Course

    course = Course.model_validate(doc.data)
    assert course.instances and str(course.instances[0].start_date) == "2025-07-07"


def test_pydantic_models_reject_structural_errors_the_validator_finds() -> None:
    # pydantic coerces some values JSON Schema rejects (e.g. 0 -> False); compare only one direction.
    rejected = [d for d in mutated_corpus(150, seed=7) if list(validator("course")(d, ()))]
    agree = sum(not _pydantic_accepts(d) for d in rejected)
    assert rejected and agree / len(rejected) > 0.8


# ------------------------------------------------------------------------------------------ editor schemas


def _editor(kind: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(editor_schema_path(kind).read_text(encoding="utf-8"))
    return schema


def _editor_validator(kind: str) -> jsonschema.Draft201909Validator:
    return jsonschema.Draft201909Validator(_editor(kind), format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER)


def test_every_generated_file_is_written_by_the_script() -> None:
    """The drift test covers what ARTEFACTS lists; a generated file it does not list would go stale unseen."""
    spec = importlib.util.spec_from_file_location("generate_artefacts", ROOT / "scripts" / "generate_artefacts.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    written = {path.name for path in script.ARTEFACTS if path.parent.name == "generated"}
    present = {p.name for p in (ROOT / "globias_curriculum" / "generated").iterdir() if p.name != "__init__.py"}
    assert present - {"__pycache__"} == written
    assert {f"{kind}.schema.json" for kind in SCHEMA_KINDS} <= written


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_an_editor_schema_is_a_schema_whose_root_is_one_document_of_its_kind(kind: str) -> None:
    schema = _editor(kind)
    jsonschema.Draft201909Validator.check_schema(schema)
    assert schema["$ref"] == f"#/$defs/{KINDS[kind]}"
    assert schema["$defs"][KINDS[kind]]["properties"]["kind"]["const"] == kind
    assert schema["$id"] == published_schema_url(kind) and f"/v{__version__}/" in schema["$id"]


def test_the_editor_schemas_accept_every_shipped_document() -> None:
    shipped = [(path, "course") for path in SHIPPED_COURSES] + [
        (ROOT / "examples" / "programme.yaml", "programme"),
        (ROOT / "examples" / "neubias-programme.yaml", "programme"),
        (ROOT / "globias_curriculum" / "data" / "framework.yaml", "framework"),
        (ROOT / "globias_curriculum" / "data" / "guidelines.yaml", "guidelines"),
    ]
    for path, kind in shipped:
        document = load_path(path).document
        assert document is not None
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in _editor_validator(kind).iter_errors(document.data)]
        assert errors == [], path.name


def _refused_by_validate_as_the_editor_schema_can_see(data: dict[str, Any]) -> bool:
    """validate's errors the editor schema can know of: structure, the kind, SPDX ids and ISO 639-1 codes (the
    lists it holds); not the framework's competencies and levels, nor anything across fields."""
    found = check_document(Document("x", data, {}), CONTEXT, expect="course")
    return any(d.severity >= Severity.ERROR and (d.family == Family.STRUCTURE or d.code in SEEN) for d in found)


SEEN = {"GC113", "GC309", "GC310"}  # unknown kind, not an SPDX id, not an ISO 639-1 code


def test_the_course_editor_schema_agrees_with_validate_on_mutated_courses() -> None:
    validator = _editor_validator("course")
    corpus = mutated_corpus(300, seed=11)
    disagree = [d for d in corpus if validator.is_valid(d) == _refused_by_validate_as_the_editor_schema_can_see(d)]
    assert disagree == []


@pytest.mark.parametrize(
    ("field", "value", "accepted"),
    [
        ("language", "xx", False),
        ("language", "de", True),
        ("license", "CC-BY-4", False),
        ("license", "GPL-2.0", True),  # deprecated: validate warns, does not refuse
        ("level", "Beginner", True),  # an alias in another case: the framework decides, not the schema
        ("level", "beginer", True),  # unknown to this framework, maybe not to the user's: left to validate
        ("duration", "2 days", False),
    ],
)
def test_the_editor_schema_refuses_what_validate_refuses_whatever_the_framework(
    field: str, value: str, accepted: bool
) -> None:
    course = {**_MINIMAL, field: value}
    assert _editor_validator("course").is_valid(course) is accepted
    if not accepted:
        assert _refused_by_validate_as_the_editor_schema_can_see(course)


def test_levels_complete_to_the_frameworks_levels_and_messages_say_what_a_pattern_means() -> None:
    course = _editor("course")["$defs"]
    ranked = sorted(CONTEXT.framework.levels.values(), key=lambda level: level.rank)
    assert course["Course"]["properties"]["level"]["examples"] == [level.id for level in ranked]
    assert course["LearningOutcome"]["properties"]["level"]["examples"] == [level.id for level in ranked]
    duration = course["Course"]["properties"]["duration"]
    assert duration["patternErrorMessage"] == "expected an ISO 8601 duration such as PT3H, P5D or P1DT4H30M"
    assert course["LanguageCode"]["enumDescriptions"][course["LanguageCode"]["enum"].index("de")] == "German"
