"""The JSON Schemas for editors that scripts/generate_artefacts.py writes, one per document kind.

Each one's `$id` is the address where the release publishes it; the same file ships in the package, so a
modeline can name it by path and work offline.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

GENERATED = Path(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))) / "generated"

#: The document kinds that have an editor schema, as `generated/<kind>.schema.json`.
SCHEMA_KINDS = ("course", "programme", "framework", "guidelines")


def editor_schema_path(kind: str = "course") -> Path:
    """The installed editor schema of one document kind (an absolute path)."""
    if kind not in SCHEMA_KINDS:
        raise ValueError(f"unknown document kind {kind!r}; one of {', '.join(SCHEMA_KINDS)}")
    return (GENERATED / f"{kind}.schema.json").resolve()


def published_schema_url(kind: str = "course") -> str:
    """Where this release publishes the editor schema of `kind`: the schema's own `$id`."""
    with open(editor_schema_path(kind), encoding="utf-8") as handle:
        url: str = json.load(handle)["$id"]
    return url
