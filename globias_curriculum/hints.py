"""\"Did you mean\" hints, shared by every check that meets an unknown name."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    pool = list(candidates)
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered:  # a case slip is the likeliest mistake of all
        return lowered[word.lower()]
    import difflib  # only when a name is unknown: most runs never need it

    match = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    return match[0] if match else None


def did_you_mean(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    match = closest(word, candidates, cutoff)
    return f"did you mean {match!r}?" if match else None


#: How much of a value a message quotes: enough to recognise it, never a 50 KB string repeated per finding.
QUOTE_LIMIT = 60


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """`repr` of a value from a document, cut to `limit` characters with an ellipsis."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
