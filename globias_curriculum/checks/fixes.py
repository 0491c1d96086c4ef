"""Hints computed from the value a person wrote: the corrected value itself, ready to paste.

An organiser who writes `duration: 3 days` needs `P3D`, not a grammar of ISO 8601; `12/03/2025` needs both
ISO readings, because only they know which one they meant. Each function returns the fixed value(s), or
nothing when it cannot tell; it never guesses between readings on the user's behalf.
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import quote

from ..hints import closest

_UNITS = {
    "w": "W", "wk": "W", "wks": "W", "week": "W", "weeks": "W",
    "d": "D", "day": "D", "days": "D",
    "h": "H", "hr": "H", "hrs": "H", "hour": "H", "hours": "H",
    "m": "M", "min": "M", "mins": "M", "minute": "M", "minutes": "M",
}  # fmt: skip
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]+)")
_WORD_NUMBERS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "half a": "0.5", "a": "1", "an": "1"}


def duration(text: str) -> str | None:
    """`3 days` -> `P3D`; `2h 30min` -> `PT2H30M`; `1.5 days` -> `P1.5D`."""
    lowered = text.strip().lower()
    for word, number in _WORD_NUMBERS.items():
        lowered = re.sub(rf"\b{word}\b(?=\s+[a-z])", number, lowered)
    parts = _PART.findall(lowered)
    leftover = _PART.sub("", lowered).replace("and", "").replace(",", "").strip()
    if not parts or leftover:
        return None
    date_part, time_part = "", ""
    for number, unit in parts:
        letter = _UNITS.get(unit)
        if letter is None:
            return None
        value = number.replace(",", ".")
        if letter in "WD":
            date_part += value + letter
        else:
            time_part += value + letter
    return "P" + date_part + ("T" + time_part if time_part else "")


_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], start=1)}  # fmt: skip
_MONTHS |= {name[:3]: i for name, i in list(_MONTHS.items())} | {"sept": 9}


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def dates(text: str) -> list[str]:
    """Every ISO date `text` can mean: `12/03/2025` -> 2025-03-12 and 2025-12-03; `12 March 2025` -> one."""
    value = text.strip().lower().replace(",", " ")
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", value)
    if m:
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        readings = [_iso(year, b, a), _iso(year, a, b)]  # day-month first, as most of the world writes it
        return list(dict.fromkeys(r for r in readings if r))
    m = re.fullmatch(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", value)
    if m:
        found = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return [found] if found else []
    words = value.replace(".", " ").split()
    if len(words) == 3:
        day_first = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", words[0]) and words[1] in _MONTHS
        month_first = words[0] in _MONTHS and re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", words[1])
        if (day_first or month_first) and words[2].isdigit() and len(words[2]) == 4:
            day_word, month_word = (words[0], words[1]) if day_first else (words[1], words[0])
            found = _iso(int(words[2]), _MONTHS[month_word], int(re.sub(r"\D", "", day_word)))
            return [found] if found else []
    return []


_URL_UNSAFE = re.compile(r'[\s"<>\\^`{|}]')


def url(text: str) -> str | None:
    """`www.example.org/x` -> `https://www.example.org/x`; spaces and quotes percent-encoded."""
    value = text.strip()
    if not value or value.startswith(("javascript:", "data:", "mailto:", "file:")):
        return None
    if not re.match(r"https?://", value, re.I):
        if not re.match(r"[\w-]+(\.[\w-]+)+(/|$)", value):
            return None
        value = "https://" + value
    fixed = _URL_UNSAFE.sub(lambda m: quote(m.group()), value)
    return fixed if fixed != text else None


def language(text: str, codes: dict[str, str]) -> str | None:
    """`English` -> `en`; `EN` -> `en`; `en-GB` -> `en`."""
    value = text.strip()
    lowered = value.lower()
    if lowered in codes:
        return lowered
    if re.fullmatch(r"[a-z]{2}[-_][a-z]{2,3}", lowered) and lowered[:2] in codes:
        return lowered[:2]
    by_name = {name.lower(): code for code, name in codes.items()}
    return by_name.get(lowered)


def licence(text: str, ids: frozenset[str]) -> str | None:
    """`CC BY 4.0` -> `CC-BY-4.0`; `MIT License` -> `MIT`."""
    value = re.sub(r"\s+(licen[cs]e)$", "", text.strip(), flags=re.I)
    candidate = re.sub(r"[\s_]+", "-", value)
    upper = {i.upper(): i for i in ids}
    if candidate.upper() in upper:
        return upper[candidate.upper()]
    return closest(candidate, ids, cutoff=0.85)


def slug(text: str) -> str | None:
    """`Intro BIA 2025` -> `intro-bia-2025`: lower case, digits and `. _ -` only."""
    value = re.sub(r"[^a-z0-9._-]+", "-", text.strip().lower()).strip("-._")
    return value[:100] if value and value != text else None


def orcid(text: str) -> str | None:
    """`0000000218250097` or `0000 0002 1825 0097` -> `0000-0002-1825-0097`."""
    digits = re.sub(r"[\s-]", "", text.strip().removeprefix("https://orcid.org/").removeprefix("orcid.org/"))
    if re.fullmatch(r"\d{15}[\dX]", digits.upper()):
        d = digits.upper()
        return f"{d[0:4]}-{d[4:8]}-{d[8:12]}-{d[12:16]}"
    return None
