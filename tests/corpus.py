"""A reproducible corpus of valid and mutated course documents, for agreement tests and benchmarks."""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from globias_curriculum.reading.parse import load_path

ROOT = Path(__file__).resolve().parent.parent


def seed_courses() -> list[dict[str, Any]]:
    """The shipped courses and valid examples, loaded with our loader (dates kept as strings)."""
    out = []
    for path in sorted([*(ROOT / "courses").glob("*.yaml"), *(ROOT / "examples").glob("*.yaml")]):
        doc = load_path(path).document
        is_course = doc is not None and isinstance(doc.data, dict) and doc.data.get("kind") == "course"
        if is_course and doc is not None and path.name != "invalid-course.yaml":
            out.append(doc.data)
    return out


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield (*prefix, k)
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield (*prefix, i)
            yield from _paths(v, (*prefix, i))


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        node = node[p]
    return node


_REPLACEMENTS: list[Any] = [
    None,
    0,
    -1,
    3.5,
    True,
    "",
    "x y",
    "2024-02-30",
    [],
    {},
    ["a"],
    {"k": "v"},
    "P",
    "ftp://x",
]


def mutate(doc: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One random structural change: drop a key, add an unknown key, or replace a value."""
    out = copy.deepcopy(doc)
    paths = list(_paths(out))
    path = rng.choice(paths)
    parent = _get(out, path[:-1])
    action = rng.randrange(3)
    if action == 0 and isinstance(parent, dict):
        del parent[path[-1]]
    elif action == 1 and isinstance(parent, dict):
        parent[rng.choice(["extra", "titel", "organizer", "levle"])] = "value"
    else:
        parent[path[-1]] = copy.deepcopy(rng.choice(_REPLACEMENTS))
    return out


def mutated_corpus(n: int, seed: int = 2026) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    seeds = seed_courses()
    return [mutate(rng.choice(seeds), rng) for _ in range(n)]


def dump(doc: dict[str, Any]) -> str:
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
