"""A Draft as readable YAML: our field order, comments where a person needs them, values that load back exactly.

Short entries go on one line (`- {title: "OME-Zarr", duration: PT45M}`), outcomes and instances as blocks.
The renderer checks its own output: the text must load with the safe loader to exactly the draft's data, or it
raises (a bug, never a silently different file).
"""

from __future__ import annotations

from typing import Any

import yaml

from ..writing.yamltext import comment, flow, folded_quoted, scalar
from .draft import Draft, Item

COURSE_ORDER = (
    "kind", "id", "title", "description", "url", "source_url", "keywords", "level", "duration", "language",
    "license", "target_audience", "prerequisites", "learning_outcomes", "modules", "tools", "trainers",
    "organiser", "materials", "assessment", "edam_topics", "instances", "guideline_exceptions", "provenance",
)  # fmt: skip
PROGRAMME_ORDER = ("kind", "id", "title", "description", "url", "entry_requirements", "courses")
WIDTH = 118
_LONG_TEXT = ("title", "description", "assessment")
_BLOCK_LISTS = ("learning_outcomes", "instances")


def _comments(lines: list[str], indent: int) -> list[str]:
    """Comment lines, long ones wrapped at word boundaries with the continuation indented."""
    pad = " " * indent
    out = []
    for line in lines:
        if line.startswith("suggest:"):  # one line each, so that `suggest --write` and grep find them whole
            out.append(f"{pad}# {comment(line)}")
            continue
        words = comment(line).split(" ")
        current = f"{pad}#"
        for word in words:
            if len(current) + 1 + len(word) > WIDTH and current.strip() not in ("#", "#  "):
                out.append(current)
                current = f"{pad}#  "
            current += " " + word
        out.append(current.rstrip())
    return out


def _mapping_block(value: dict[str, Any], indent: int, first_prefix: str) -> list[str]:
    """A mapping as `- key: v` then `  key: v` lines; nested mappings and lists of scalars in flow style."""
    lines = []
    pad = " " * indent
    for i, (key, v) in enumerate(value.items()):
        prefix = first_prefix if i == 0 else pad
        if isinstance(v, str) and key in ("statement", "name", "title", "text"):
            lines.append(f"{prefix}{key}: {folded_quoted(v, len(prefix) + len(key) + 2, WIDTH)}")
        else:
            lines.append(f"{prefix}{key}: {flow(v)}")
    return lines


def _list(key: str, items: list[Any]) -> list[str]:
    lines = [f"{key}:"]
    for entry in items:
        item = entry if isinstance(entry, Item) else Item(entry)
        lines += _comments(item.comments, 2)
        value = item.value
        if isinstance(value, dict):
            one_line = f"  - {flow(value)}"
            if key not in _BLOCK_LISTS and len(one_line) <= WIDTH:
                lines.append(one_line)
            else:
                lines += _mapping_block(value, 4, "  - ")
        else:
            lines.append(f"  - {flow(value)}")
    return lines


def _field(key: str, value: Any) -> list[str]:
    if isinstance(value, list):
        if all(not isinstance(v, dict | Item) for v in value):
            one_line = f"{key}: {flow(value)}"
            if len(one_line) <= WIDTH:
                return [one_line]
        return _list(key, value)
    if isinstance(value, dict):
        return [f"{key}: {flow(value)}"]
    if isinstance(value, str) and key in _LONG_TEXT:
        return [f"{key}: {folded_quoted(value, len(key) + 2, WIDTH)}"]
    return [f"{key}: {scalar(value)}"]


def plain(value: Any) -> Any:
    """The data a draft value stands for (Items unwrapped)."""
    if isinstance(value, Item):
        return plain(value.value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def render(draft: Draft) -> str:
    fields = {"kind": draft.kind, "id": draft.id, **draft.fields}
    known = COURSE_ORDER if draft.kind == "course" else PROGRAMME_ORDER
    order = known + tuple(sorted(k for k in fields if k not in known))  # a field is never dropped for its name
    lines = _comments(draft.header, 0)
    for key in order:
        lines += _comments(draft.notes.get(key, []), 0)
        if key in fields:
            lines += _field(key, fields[key])
    text = "\n".join(lines) + "\n"
    expected = {k: plain(fields[k]) for k in order if k in fields}
    loaded = yaml.safe_load(text)
    if loaded != expected:  # pragma: no cover - a bug in this module, never a property of the input
        raise AssertionError(f"rendering {draft.id} changed its data")
    return text
