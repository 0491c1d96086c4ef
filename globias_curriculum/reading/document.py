"""A loaded document: plain data, where each node was written, and typed access to data that may be broken.

Checks read documents whose shape the schema may already have refused; `items`, `strings` and `text` take
what is there and skip what is not, so no check has to guard against a list where a mapping belongs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from ..diagnostics import Location


def escape(token: str) -> str:
    """A JSON pointer token (RFC 6901)."""
    if "~" not in token and "/" not in token:  # nearly every key: skip two string copies
        return token
    return token.replace("~", "~0").replace("/", "~1")


class Scalar(NamedTuple):
    """How a plain scalar was written, kept for hints such as "quote `no`"."""

    text: str
    tag: str


Position = tuple[int, int]


class Document:
    """`data` as plain Python values; where each node (and each mapping key) starts, by JSON pointer."""

    __slots__ = ("data", "implicit", "key_positions", "path", "positions")

    def __init__(
        self,
        path: str,
        data: Any,
        positions: dict[str, Position] | None = None,
        key_positions: dict[str, Position] | None = None,
        implicit: dict[str, Scalar] | None = None,
    ) -> None:
        self.path = path
        self.data = data
        self.positions: dict[str, Position] = positions if positions is not None else {}
        self.key_positions: dict[str, Position] = key_positions if key_positions is not None else {}
        self.implicit: dict[str, Scalar] = implicit if implicit is not None else {}

    def __getstate__(self) -> tuple[Any, ...]:  # programmes travel back from worker processes
        return (self.path, self.data, self.positions, self.key_positions, self.implicit)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.path, self.data, self.positions, self.key_positions, self.implicit = state

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
