"""A loaded document: plain data, where each node was written, and typed access to data that may be broken.

Checks read documents whose shape the schema may already have refused; `items`, `strings` and `text` take
what is there and skip what is not, so no check has to guard against a list where a mapping belongs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Location


def escape(token: str) -> str:
    """A JSON pointer token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


@dataclass(frozen=True)
class Scalar:
    """How a plain scalar was written, kept for hints such as "quote `no`"."""

    text: str
    tag: str


@dataclass
class Document:
    path: str
    data: Any
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    implicit: dict[str, Scalar] = field(default_factory=dict)

    def locate(self, pointer: str, *, key: bool = False) -> Location:
        """The position of the node at `pointer`, or of its key, or of the nearest ancestor that has one."""
        p = pointer
        while True:
            table = self.key_positions if key else self.positions
            if p in table:
                line, col = table[p]
                return Location(self.path, line, col, pointer)
            if key and p in self.positions:
                line, col = self.positions[p]
                return Location(self.path, line, col, pointer)
            if not p:
                return Location(self.path, 1, 1, pointer)
            p = p.rsplit("/", 1)[0]
            key = True  # an ancestor is best shown at its key


def items(data: Any, key: str, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(pointer, item) for each mapping in the list at data[key]; wrong shapes were reported by the schema."""
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield f"{pointer}/{escape(key)}/{i}", item


def strings(data: Any, key: str, pointer: str = "") -> Iterator[tuple[str, str]]:
    """(pointer, text) for each string in the list at data[key]."""
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield f"{pointer}/{escape(key)}/{i}", item


def text(data: Any, key: str) -> str | None:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None
