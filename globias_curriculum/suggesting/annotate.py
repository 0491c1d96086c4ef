"""Competency suggestions written into a course file as comments, for a person to accept.

Only comment lines are added (above each outcome that names no competency), every other byte is kept, and the
file is re-read afterwards: if its data changed in any way the new text is refused. Lines this tool wrote before
(`# suggest: ...` directly above an outcome) are replaced, so running it twice gives the same file.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..context import Framework
from ..diagnostics import Diagnostic, Location
from ..reading.document import items, strings, text
from ..reading.parse import load_text
from ..writing.yamltext import comment
from .ranking import Suggestion, explain, rank

PREFIX = "suggest:"
_OURS = re.compile(r"^[ \t]*#[ \t]*suggest:")


#: A suggestion scoring under this share of the best one is not worth a person's time.
RELATIVE_CUT = 0.5


def worth_showing(suggestions: list[Suggestion]) -> list[Suggestion]:
    top = suggestions[0].score if suggestions else 0.0
    return [s for s in suggestions if s.score >= RELATIVE_CUT * top]


def suggestion_lines(suggestions: list[Suggestion], matches: int = 4) -> list[str]:
    """`suggest: BIA.SEG.2 Thresholding (0.41: threshold (label), otsu (keyword "Otsu"))`, one per suggestion
    worth showing."""
    lines = []
    for s in worth_showing(suggestions):
        lines.append(comment(f"{PREFIX} {s.competency} {s.label} ({s.score:.2f}: {explain(s.matches, matches)})"))
    return lines


class Annotated(NamedTuple):
    text: str  # the new file text (the old one when nothing changed or something went wrong)
    outcomes: list[tuple[int, str, list[Suggestion]]]  # (index, statement, suggestions) of unmapped outcomes
    diagnostics: list[Diagnostic]


def unmapped(data: object) -> list[tuple[int, str]]:
    """(index, statement) of each learning outcome that names no competency."""
    out = []
    for pointer, outcome in items(data, "learning_outcomes"):
        statement = text(outcome, "statement")
        if statement and not list(strings(outcome, "competencies")):
            out.append((int(pointer.rsplit("/", 1)[1]), statement))
    return out


def annotate(source: str, display: str, framework: Framework, limit: int = 3) -> Annotated:
    """`source` (a course file's text) with suggestion comments above every unmapped outcome."""
    loaded = load_text(source, display)
    if loaded.document is None:
        return Annotated(source, [], loaded.diagnostics)
    doc = loaded.document
    found = [(i, s, rank(s, framework, limit)) for i, s in unmapped(doc.data)]
    newline = "\r\n" if "\r\n" in source else "\n"
    lines = source.splitlines(keepends=True)
    inserts: dict[int, list[str]] = {}  # 0-based line -> comment lines to put above it
    for i, _, suggestions in found:
        line, _ = doc.positions.get(f"/learning_outcomes/{i}", (0, 0))
        if not line or not suggestions:
            continue
        indent = re.match(r"[ \t]*", lines[line - 1]).group() if line - 1 < len(lines) else ""  # type: ignore[union-attr]
        inserts.setdefault(line - 1, []).extend(f"{indent}# {t}{newline}" for t in suggestion_lines(suggestions))
    out: list[str] = []
    for n, line_text in enumerate(lines):
        if n in inserts:
            while out and _OURS.match(out[-1]):  # ours from an earlier run: replaced, not repeated
                out.pop()
            if out and not out[-1].endswith(("\n", "\r")):
                out[-1] += newline
            out += inserts[n]
        out.append(line_text)
    new = "".join(out)
    check = load_text(new, display)
    if check.document is None or check.document.data != doc.data:
        where = Location(display, 1, 1)
        problem = Diagnostic.make(
            "GC101", "adding suggestion comments would change the file's data; not written", where
        )
        return Annotated(source, found, [problem])
    return Annotated(new, found, [])
