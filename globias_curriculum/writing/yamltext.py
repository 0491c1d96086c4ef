"""YAML text written by hand, for files people read and edit: scalars that load back to exactly the value, and
comments that stay comments.

PyYAML's emitter cannot place comments, so files with comments (imported courses, suggestions) are written line
by line. A string goes out plain when YAML reads it back as the same string, else double-quoted with every
character YAML would fold, refuse or reorder written as an escape. A comment never holds a line break: YAML
also breaks lines at U+0085, U+2028 and U+2029, which would turn the rest of a comment into data.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

#: What must not appear raw inside a double-quoted scalar or a comment: C0/C1 controls, DEL, the YAML line
#: breaks NEL/LS/PS, the byte-order mark, and the bidirectional controls that reorder what a reader sees.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/+()-]*$")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar that loads back to `text`."""
    body = json.dumps(text, ensure_ascii=False)[1:-1]  # escapes \ " and C0 controls the JSON way, valid YAML
    return '"' + _UNSAFE.sub(_escape, body) + '"'


def scalar(value: Any) -> str:
    """A scalar for a flow or block position: plain when that reads back unchanged, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if _PLAIN.match(text) and text == text.strip() and "  " not in text and _reads_back(text):
        return text
    return quoted(text)


def _reads_back(text: str) -> bool:
    try:
        same: bool = yaml.safe_load(text) == text  # not a number, boolean, null or date; no ": " or " #"
        return same
    except yaml.YAMLError:
        return False


def comment(text: str) -> str:
    """One comment line's text: every line break and control character shown as an escape, spaces collapsed."""
    return " ".join(_UNSAFE.sub(_escape, text).split())


def flow(value: Any) -> str:
    """A list or mapping of scalars on one line: `[a, b]`, `{name: x, url: "y"}`."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def folded_quoted(text: str, indent: int, width: int = 110) -> str:
    """A long string as a double-quoted scalar broken over several lines, which YAML joins with single spaces.

    Breaks only where one plain space separates two words (never inside an escape), and checks that the
    result loads back to `text`; otherwise it stays on one line.
    """
    single = quoted(text)
    if len(single) + indent <= width:
        return single
    pad = " " * (indent + 1)
    lines: list[str] = []
    current = ""
    for piece in re.split(r"(?<=[^ \\]) (?=[^ ])", single):
        if current and len(current) + 1 + len(piece) + (indent if not lines else len(pad)) > width:
            lines.append(current)
            current = piece
        else:
            current = f"{current} {piece}" if current else piece
    lines.append(current)
    result = ("\n" + pad).join(lines)
    try:
        if yaml.safe_load("v: " + result.replace("\n", "\n ")) != {"v": text}:
            return single
    except yaml.YAMLError:
        return single
    return result
