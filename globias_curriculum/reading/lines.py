"""Offsets to 1-based lines and columns, counting line breaks as YAML (and libyaml's marks) do."""

from __future__ import annotations

import re

_BREAKS = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")
_BYTE_BREAKS = re.compile(rb"\r\n|\r|\n")


def line_and_column(text: str | bytes, offset: int) -> tuple[int, int]:
    """1-based position of `offset` in `text` (characters) or in its UTF-8 bytes."""
    ends = (
        [m.end() for m in _BREAKS.finditer(text, 0, offset)]
        if isinstance(text, str)
        else [m.end() for m in _BYTE_BREAKS.finditer(text, 0, offset)]
    )
    return len(ends) + 1, offset - (ends[-1] if ends else 0) + 1
