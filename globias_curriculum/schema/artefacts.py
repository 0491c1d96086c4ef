"""The packaged, generated schema artefacts, loaded and compiled once per process."""

from __future__ import annotations

import functools
import json
import os
from typing import Any

from .compiled import Compiler, Validator

KINDS = {
    "course": "Course",
    "programme": "Programme",
    "framework": "CompetencyFramework",
    "guidelines": "GuidelineSet",
}


GENERATED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "generated")


def _read(name: str) -> str:
    with open(os.path.join(GENERATED, name), encoding="utf-8") as handle:
        return handle.read()


@functools.cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema that `gen-json-schema` wrote from schema/globias_curriculum.yaml."""
    schema: dict[str, Any] = json.loads(_read("globias_curriculum.schema.json"))
    return schema


@functools.cache
def type_descriptions() -> dict[str, dict[str, str]]:
    """Pattern -> the LinkML type it comes from and that type's description, for readable messages."""
    table: dict[str, dict[str, str]] = json.loads(_read("types.json"))
    return table


def class_schema(kind: str) -> dict[str, Any]:
    return dict(json_schema()["$defs"][KINDS[kind]])


@functools.cache
def validator(kind: str) -> Validator:
    """The compiled structural check for one document kind: value, path -> errors."""
    return Compiler(json_schema()).validator(f"#/$defs/{KINDS[kind]}")
