"""How human-readable output is dressed: ANSI colour on a terminal, plain text elsewhere.

The decision is made once, by the CLI (`--color/--no-color`, NO_COLOR, TERM=dumb, whether the stream is a
terminal); reporters only ask the style to wrap text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..diagnostics import Severity

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET, _BOLD, _DIM = "\033[0m", "\033[1m", "\033[2m"


class Style(NamedTuple):
    colour: bool = False
    #: (file, line) -> the text of that line, for showing it under a finding with a caret; None: not shown
    source: Callable[[str, int], str | None] | None = None
    quiet: bool = False  # findings only: no summary line

    def _wrap(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.colour else text

    def bold(self, text: str) -> str:
        return self._wrap(_BOLD, text)

    def dim(self, text: str) -> str:
        return self._wrap(_DIM, text)

    def severity(self, severity: Severity, text: str) -> str:
        return self._wrap(_COLOURS[severity], text)


PLAIN = Style()


class SourceLines:
    """Lines of the files findings point into, read when first asked for (a file at a time, at most 1 MB),
    or given (text read from standard input)."""

    LIMIT = 1_000_000

    def __init__(self, given: dict[str, str] | None = None) -> None:
        self._given = given or {}
        self._file: str | None = None
        self._lines: list[str] = []

    def __call__(self, file: str, line: int) -> str | None:
        if file != self._file:
            self._file = file
            text = self._given.get(file)
            if text is None:
                try:
                    with open(file, encoding="utf-8", errors="replace", newline="") as handle:
                        text = handle.read(self.LIMIT)
                except OSError:
                    text = ""
            self._lines = text.splitlines()
        return self._lines[line - 1] if 0 < line <= len(self._lines) else None
