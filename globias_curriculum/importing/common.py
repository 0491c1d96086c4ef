"""What every importer shares: the run's settings, the shapes of outcomes and TODOs, licence and duration
spellings, and the framework's own statements of which source files support which competency."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import NamedTuple

from ..context import Framework
from ..diagnostics import Diagnostic
from ..identifiers import spdx_status
from ..suggesting import rank
from ..suggesting.annotate import suggestion_lines
from .draft import Draft, Item
from .markdown import normalise
from .source import Origin

#: Placeholder objectives some sources carry; they are not outcomes.
PLACEHOLDERS = {"todo", "tbd", "tba", "..."}


class Environment(NamedTuple):
    """The settings of one import run."""

    framework: Framework
    format: str
    today: str  # ISO date, recorded as when the source was read
    suggestions: int = 3  # how many competency suggestions to write under each outcome (0: none)
    repository: str | None = None  # where a checkout without git came from
    commit: str | None = None
    version: str = ""  # of globias-curriculum, recorded in each file's header


def as_strings(value: object) -> list[str]:
    """A front-matter field that may be one string or a list of them (others dropped), as a list."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def slug(*parts: str) -> str:
    """A course id from source names: lower case, `a-z0-9._-`, at most 100 characters."""
    text = "-".join(p for p in parts if p).lower()
    text = re.sub(r"[^a-z0-9._-]+", "-", text).strip("-._")
    text = re.sub(r"-{2,}", "-", text)
    return (text or "imported")[:100].rstrip("-._")


def spdx(text: str | None) -> str | None:
    """An SPDX id from how sources spell licences: `CC-BY 4.0`, `CC BY 4.0`, `cc-by-4.0` -> CC-BY-4.0."""
    if not text:
        return None
    candidate = text.strip()
    m = re.fullmatch(r"(?i)cc[\s-]*(by(?:[\s-]*(?:nc|sa|nd))*)[\s-]*v?(\d\.\d)", candidate)
    if m:
        candidate = "CC-" + re.sub(r"[\s-]+", "-", m.group(1)).upper() + "-" + m.group(2)
    if candidate.lower() == "cc0" or candidate.lower() == "cc0 1.0":
        candidate = "CC0-1.0"
    return candidate if spdx_status(candidate) else None


_CC_URL = re.compile(r"creativecommons\.org/(licenses|publicdomain)/([a-z-]+)/(\d\.\d)", re.IGNORECASE)


def licence_of_checkout(root: str) -> tuple[str | None, str | None]:
    """(SPDX id, file name) when the checkout's licence file names exactly one Creative Commons licence."""
    for name in ("LICENSE.md", "LICENSE", "LICENSE.txt", "LICENCE.md", "LICENCE", "LICENSE.rst"):
        path = os.path.join(root, name)
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read(200_000)
        except OSError:
            continue
        found = {(kind.lower(), code.lower(), version) for kind, code, version in _CC_URL.findall(text)}
        ids = {
            ("CC0-1.0" if kind == "publicdomain" else f"CC-{code.upper()}-{version}") for kind, code, version in found
        }
        if len(ids) == 1:
            licence = ids.pop()
            return (licence if spdx_status(licence) else None), name
        return None, name
    return None, None


def iso_minutes(minutes: int) -> str | None:
    if minutes <= 0:
        return None
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest else "")


def outcome_items(statements: Iterable[str], where: str, env: Environment) -> tuple[list[Item], list[str]]:
    """Outcomes kept verbatim (white space normalised), each with its source and suggestions as comments;
    and notes on what was not imported (placeholders, empty items)."""
    items: list[Item] = []
    skipped: list[str] = []
    first = True
    for raw in statements:
        text = normalise(raw)
        if not text or text.lower() in PLACEHOLDERS:
            skipped.append(f"{where} lists the placeholder objective {raw!r}; not imported")
            continue
        comments = [f"from {where}"] if first else []
        first = False
        if env.suggestions:
            comments += suggestion_lines(rank(text, env.framework, limit=env.suggestions))
        items.append(Item({"statement": text}, comments))
    return items, skipped


OUTCOMES_TODO = (
    "TODO: competencies: no source names any. The `suggest:` lines under each outcome rank the likely "
    "competencies (`globias-curriculum suggest`); accept one by adding `competencies: [ID]` to the outcome."
)


def header(env: Environment, what: str, origin: Origin, licence_note: str | None) -> list[str]:
    lines = [
        f"Imported by globias-curriculum {env.version} (`globias-curriculum import {env.format}`) on {env.today}",
        f"from {what},",
        f"in {origin.describe(env.today)}.",
    ]
    if licence_note:
        lines.append(licence_note)
    lines += [
        "Texts are the source's own words (white space normalised). What the source does not say is left out",
        "with a TODO; competency suggestions are comments for a person to accept. Re-importing replaces this",
        "file only while it is unedited.",
    ]
    return lines


class Citations:
    """Which competencies a framework says a source file supports, from its `citations` (framework 0.2):
    `{source: NTR, locator: "_modules/pixels.md (objectives)"}` ties the objectives of that file in the
    repository of catalogue entry NTR to the competency. Framework 0.1 has none: nothing maps."""

    def __init__(self, framework: Framework) -> None:
        data = framework.document.data if isinstance(framework.document.data, dict) else {}
        self._places: dict[str, set[str]] = {}  # catalogue key -> normalised URLs it stands for
        for entry in data.get("source_catalogue") or ():
            if isinstance(entry, dict) and isinstance(entry.get("key"), str):
                urls = {_norm(u) for u in (entry.get("url"), entry.get("version")) if isinstance(u, str)}
                urls |= {_norm(m) for m in re.findall(r"github\.com/[\w.-]+/[\w.-]+", str(entry.get("version", "")))}
                self._places[entry["key"]] = {u for u in urls if u}
        self._cited: list[tuple[str, str, tuple[str, ...]]] = []  # (competency, source key, files)
        for cid, comp in framework.competencies.items():
            if comp.get("deprecated") is True:
                continue
            for citation in comp.get("citations") or ():
                if not isinstance(citation, dict):
                    continue
                locator = str(citation.get("locator", ""))
                paths, _, detail = locator.partition(" (")
                if detail.startswith("objectives"):
                    files = tuple(re.findall(r"[\w./-]+\.md", paths))
                    self._cited.append((cid, str(citation.get("source", "")), files))

    def competencies(self, places: Iterable[str], path: str) -> list[str]:
        """Competencies whose citations name the objectives of `path` in a source at one of `places`."""
        wanted = {_norm(p) for p in places if p}
        out: list[str] = []
        for cid, key, files in self._cited:
            if path in files and self._places.get(key, set()) & wanted and cid not in out:
                out.append(cid)
        return out


def _norm(url: str | None) -> str:
    if not url:
        return ""
    url = re.sub(r"^https?://", "", url.strip().lower())
    url = re.sub(r"\s.*$", "", url)
    return url.removeprefix("www.").rstrip("/").removesuffix(".git")


def note_suggestions(draft: Draft, env: Environment) -> None:
    if draft.fields.get("learning_outcomes") and env.suggestions:
        draft.note("learning_outcomes", OUTCOMES_TODO)
    elif draft.fields.get("learning_outcomes"):
        draft.note("learning_outcomes", "TODO: competencies: no source names any; add `competencies: [ID]`.")


class ReadResult(NamedTuple):
    """What an importer made of its sources: one draft per output file, and the problems it met."""

    drafts: list[Draft]
    diagnostics: list[Diagnostic]
