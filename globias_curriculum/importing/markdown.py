"""The few Markdown structures training pages use to carry course facts: headed sections, bullet lists whose
items wrap onto unindented lines, Pandoc fenced divs (`::: objectives`), blockquote boxes, and links.

Text is returned as written, with only white space normalised (a wrapped line joined with one space).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")
_FENCE_OPEN = re.compile(r"^\s*(:{3,})\s*\{?\s*\.?([A-Za-z][\w-]*)")
_FENCE_CLOSE = re.compile(r"^\s*:{3,}\s*$")
_CODE_FENCE = re.compile(r"^\s*(```|~~~)")
LINK = re.compile(r"\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")


def normalise(text: str) -> str:
    """White space collapsed to single spaces, ends trimmed: the only change an imported text undergoes."""
    return " ".join(text.split())


class Section(NamedTuple):
    level: int
    heading: str
    text: str  # the lines under the heading, up to the next heading of the same or a higher level


def sections(body: str) -> list[Section]:
    """Every headed section (code blocks are skipped when looking for headings)."""
    lines = body.split("\n")
    heads: list[tuple[int, int, str]] = []
    in_code = False
    for i, line in enumerate(lines):
        if _CODE_FENCE.match(line):
            in_code = not in_code
            continue
        m = None if in_code else _HEADING.match(line)
        if m:
            heads.append((i, len(m.group(1)), m.group(2).strip()))
    out = []
    for n, (i, level, heading) in enumerate(heads):
        end = len(lines)
        for j, other_level, _ in heads[n + 1 :]:
            if other_level <= level:
                end = j
                break
        out.append(Section(level, heading, "\n".join(lines[i + 1 : end])))
    return out


def section(body: str, *names: str) -> Section | None:
    """The first section whose heading (case-insensitive, markup stripped) starts with `names[0]`, else with
    `names[1]`, and so on."""
    found = sections(body)
    for name in names:
        for s in found:
            if strip_markup(s.heading).lower().startswith(name.lower()):
                return s
    return None


def strip_markup(text: str) -> str:
    return normalise(re.sub(r"[*_`]", "", LINK.sub(r"\1", text)))


def bullets(text: str, top_level_only: bool = True) -> list[str]:
    """The items of the bullet or numbered lists in `text`, each with its wrapped lines joined.

    A line that is neither blank nor a new item continues the current item, indented or not (Carpentries
    objectives wrap without indentation). With `top_level_only`, nested items are left out of the result.
    """
    items: list[str] = []
    base: int | None = None
    current: list[str] | None = None
    nested = False
    for line in text.split("\n"):
        m = _BULLET.match(line)
        if m:
            indent = len(m.group(1).expandtabs(4))
            if base is None:
                base = indent
            if top_level_only and indent > base:
                nested = True
                continue
            nested = False
            if current is not None:
                items.append(normalise(" ".join(current)))
            current = [m.group(2)]
        elif not line.strip():
            if current is not None:
                items.append(normalise(" ".join(current)))
                current = None
            nested = False
        elif current is not None and not nested:
            current.append(line)
    if current is not None:
        items.append(normalise(" ".join(current)))
    return [i for i in items if i]


def paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines, each joined into one line."""
    return [normalise(block) for block in re.split(r"\n\s*\n", text) if block.strip()]


def fenced_divs(body: str, name: str) -> list[str]:
    """The contents of every Pandoc fenced div of class `name` (`:::: objectives`); nested divs are counted."""
    out: list[str] = []
    depth = 0
    capture: list[str] | None = None
    for line in body.split("\n"):
        opened = _FENCE_OPEN.match(line)
        if opened:
            if capture is None and opened.group(2).lower() == name:
                capture, depth = [], 1
                continue
            if capture is not None:
                depth += 1
        elif _FENCE_CLOSE.match(line) and capture is not None:
            depth -= 1
            if depth == 0:
                out.append("\n".join(capture))
                capture = None
                continue
        if capture is not None:
            capture.append(line)
    return out


def blockquote_box(body: str, name: str) -> str | None:
    """A carpentries/styles box: `> ## Heading` lines ended by `{: .name}`; its text without the `>` marks."""
    lines = body.split("\n")
    for end, line in enumerate(lines):
        if line.strip() == "{: ." + name + "}":
            start = end
            while start > 0 and lines[start - 1].startswith(">"):
                start -= 1
            return "\n".join(re.sub(r"^>\s?", "", ln) for ln in lines[start:end])
    return None


def links(text: str) -> list[tuple[str, str]]:
    return [(normalise(label), target) for label, target in LINK.findall(text)]


def first_paragraph(body: str) -> str | None:
    """The first paragraph of prose: headings, attribute lines, boxes, Liquid tags, images and HTML skipped."""
    for block in re.split(r"\n\s*\n", body):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        first = lines[0].lstrip()
        if first.startswith(("#", ">", "{:", "{%", "<", "!", "|", ":::", "```", "---", "- ", "* ", "+ ")):
            continue
        if re.match(r"^\d+[.)]\s", first):
            continue
        return normalise(" ".join(lines))
    return None
