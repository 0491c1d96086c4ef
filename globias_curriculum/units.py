"""ISO 8601 durations in teaching hours: a day is 8 hours, a week 5 days (documented in the schema)."""

from __future__ import annotations

import functools
import math
import re

_DURATION = re.compile(
    r"P(?:(?P<w>[0-9.]+)W)?(?:(?P<d>[0-9.]+)D)?(?:T(?:(?P<h>[0-9.]+)H)?(?:(?P<m>[0-9.]+)M)?(?:(?P<s>[0-9.]+)S)?)?"
)
TEACHING_HOURS_PER_DAY = 8
TEACHING_DAYS_PER_WEEK = 5


@functools.lru_cache(maxsize=1024)  # a few durations (PT2H, P1D) repeat across thousands of modules
def teaching_hours(duration: str) -> float | None:
    """None when the text is not a duration or its value is not finite."""
    m = _DURATION.fullmatch(duration)  # whole value: `$` would let a trailing newline through
    if not m:
        return None
    try:
        w, d, h, mi, s = (float(m.group(g) or 0) for g in "wdhms")
    except ValueError:
        return None
    days = w * TEACHING_DAYS_PER_WEEK + d
    hours = days * TEACHING_HOURS_PER_DAY + h + mi / 60 + s / 3600
    return hours if math.isfinite(hours) else None  # 300 digits read as a float are infinite


_UNITS = (("w", "week"), ("d", "day"), ("h", "hour"), ("m", "minute"), ("s", "second"))


def describe_duration(duration: str) -> str:
    """`P1DT4H30M` as "1 day, 4 hours, 30 minutes", for people; anything else as it is written."""
    m = _DURATION.fullmatch(duration)
    if not m or duration in ("P", "PT"):
        return duration
    parts = []
    for group, word in _UNITS:
        value = m.group(group)
        if value:
            number = float(value)
            shown = f"{number:g}"
            parts.append(f"{shown} {word}{'' if number == 1 else 's'}")
    return ", ".join(parts) or duration
