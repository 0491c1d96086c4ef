"""What an organiser tells `init`, and the checks each answer gets: those of `validate`, nothing of our own.

An answer is judged by writing the template with that answer alone (every other field left out or a
placeholder) and running the checks of a course on it; the findings located at that field are the answer's.
So `level: beginer` gets the same "did you mean 'beginner'?" as it would in a file, and a check added to
`validate` later applies to `init` without a change here.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, NamedTuple, cast

from ..checks import check_document
from ..context import Context
from ..diagnostics import Diagnostic
from ..reading.parse import load_text


class Outcome(NamedTuple):
    """One learning outcome: its statement and the framework competencies (ids) it teaches."""

    statement: str
    competencies: tuple[str, ...] = ()


class Answers(NamedTuple):
    """The fields `init` asks for. None (or empty) leaves a field out: it stays in the template as a commented
    example; a missing title or description becomes a TODO placeholder, since a course needs both."""

    id: str
    title: str | None = None
    description: str | None = None
    level: str | None = None
    duration: str | None = None
    language: str | None = None
    license: str | None = None
    url: str | None = None
    keywords: tuple[str, ...] = ()
    target_audience: tuple[str, ...] = ()
    learning_outcomes: tuple[Outcome, ...] = ()


#: A value for `check_answer`: text, a list of texts (keywords, target_audience) or of outcomes.
AnswerValue = str | tuple[str, ...] | tuple[Outcome, ...] | None

_PROBE = Answers(id="probe", title="probe", description="probe")


def check_text(text: str, context: Context, display: str = "<init>") -> list[Diagnostic]:
    """Every finding `validate` has for one course file's text (it is not read from disk)."""
    loaded = load_text(text, display)
    if loaded.document is None:
        return loaded.diagnostics
    return check_document(loaded.document, context, expect="course")


def check_course(answers: Answers, context: Context, display: str = "<init>") -> list[Diagnostic]:
    """Every finding `validate` has for the template these answers give (without suggestion comments)."""
    from .template import render_course

    return check_text(render_course(answers, context.framework, schema="none", suggestions=0), context, display)


def check_answer(field: str, value: AnswerValue, context: Context) -> list[Diagnostic]:
    """The findings for one answer, judged alone: those `validate` locates at `field` (or inside it)."""
    if field not in Answers._fields:
        raise ValueError(f"init does not ask for {field!r}")
    probe = _PROBE._replace(**{field: cast(Any, value)})
    found = check_course(probe, context)
    return [d for d in found if d.location.pointer == f"/{field}" or d.location.pointer.startswith(f"/{field}/")]


def parse_list(text: str | None) -> tuple[str, ...]:
    """`segmentation, Fiji ,, napari` -> ("segmentation", "Fiji", "napari"): how a list is typed at a prompt."""
    return tuple(part.strip() for part in (text or "").split(",") if part.strip())


def parse_ids(text: str | None) -> tuple[str, ...]:
    """Competency ids typed at a prompt, separated by commas or spaces."""
    return tuple(part for part in re.split(r"[\s,;]+", text or "") if part)


def slug_from(text: str) -> str:
    """A course id proposed from a file name or a title: `Intro to BIA (2026)` -> `intro-to-bia-2026`.
    Empty when nothing usable is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9._-]+", "-", ascii_text)
    slug = re.sub(r"-{2,}", "-", slug).lstrip("._-")[:100].rstrip("._-")
    return slug
