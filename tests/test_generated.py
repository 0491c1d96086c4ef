"""Generated artefacts match the schema; the pydantic models agree with the validator."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from typing import Any

import pydantic
import pytest

from globias_curriculum.reading.parse import load_path
from globias_curriculum.schema.artefacts import validator

from .conftest import ROOT
from .corpus import mutated_corpus, seed_courses


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
