"""How human-readable output is dressed: ANSI colour on a terminal, plain text elsewhere.

The decision is made once, by the CLI (`--color/--no-color`, NO_COLOR, TERM=dumb, whether the stream is a
terminal); reporters only ask the style to wrap text.
"""

from __future__ import annotations

from typing import NamedTuple

from ..diagnostics import Severity

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET, _BOLD, _DIM = "\033[0m", "\033[1m", "\033[2m"


class Style(NamedTuple):
    colour: bool = False

    def _wrap(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.colour else text

    def bold(self, text: str) -> str:
        return self._wrap(_BOLD, text)

    def dim(self, text: str) -> str:
        return self._wrap(_DIM, text)

    def severity(self, severity: Severity, text: str) -> str:
        return self._wrap(_COLOURS[severity], text)


PLAIN = Style()
