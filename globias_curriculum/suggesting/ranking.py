"""Rank a framework's competencies for one outcome text, and say why each one ranks where it does.

Score of a competency: for every content word of the text, the word's rarity across competencies (BM25 idf)
times the weight of the heaviest field of the competency that contains it; a multi-word term of the competency
(a keyword, a tool, an EDAM label) found whole in the text adds half its weight again. Words that only the tool
lexicon brings in ("StarDist" -> "deep learning") count half. The sum is divided by what the text would score
if every word matched a label as part of a whole term, so a score (0 to 1) reads as "how much of the outcome
this competency explains".
"""

from __future__ import annotations

from typing import NamedTuple

from ..context import Framework
from .index import FIELD_WEIGHTS, Entry, Index, index_of
from .words import content_words, lexicon, phrase, tool_mentions

TOOL_FACTOR = 0.5
PLATFORM_FACTOR = 0.4
COORD = 0.0
PHRASE_BONUS = 0.5
MIN_SCORE = 0.03
#: The weight of a word no competency uses: about as rare as a word of one competency, so unknown words lower
#: every score alike.
_UNKNOWN = 2.0


class Match(NamedTuple):
    """One reason: a word of the outcome (`word`) met `term` of the competency, found in `field`."""

    word: str
    field: str
    term: str
    via: str | None = None  # the tool of the outcome that brought the word in, if any

    def __str__(self) -> str:
        named = self.field in ("keyword", "tool", "EDAM", "EDAM synonym") and self.term.lower() != self.word.lower()
        where = f'{self.field} "{self.term}"' if named else self.field
        return f"{self.word} ({where}{', via ' + self.via if self.via else ''})"


def explain(matches: tuple[Match, ...] | list[Match], limit: int = 6) -> str:
    """Matches grouped by where they matched: `threshold (label); otsu (keyword "Otsu"); deep, learning (label,
    via stardist)`. A word that is part of a longer matched word of its group (pre in pre-trained) is left out."""
    groups: dict[tuple[str, str, str | None], list[str]] = {}
    for m in matches:
        named = m.field in ("keyword", "tool", "EDAM", "EDAM synonym") and m.term.lower() != m.word.lower()
        groups.setdefault((m.field, f' "{m.term}"' if named else "", m.via), []).append(m.word)
    parts = []
    for (field, term, via), words in list(groups.items())[:limit]:
        kept = [w for w in dict.fromkeys(words) if not any(w != o and w in o for o in words)]
        parts.append(f"{', '.join(kept)} ({field}{term}{', via ' + via if via else ''})")
    return "; ".join(parts)


class Suggestion(NamedTuple):
    competency: str
    label: str
    score: float
    matches: tuple[Match, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "competency": self.competency,
            "label": self.label,
            "score": round(self.score, 3),
            "matched": [m._asdict() for m in self.matches],
        }


class _Query(NamedTuple):
    weights: dict[str, float]  # stem -> factor (1, or TOOL_FACTOR for lexicon words)
    written: dict[str, str]
    via: dict[str, str]
    sequences: tuple[tuple[str, ...], ...]  # stem sequences for phrase matching


def _query(text: str) -> _Query:
    weights: dict[str, float] = {}
    written: dict[str, str] = {}
    via: dict[str, str] = {}
    words = content_words(text)
    platforms = lexicon().platforms
    for w in words:
        factor = PLATFORM_FACTOR if w.written in platforms else 1.0
        weights[w.stem] = max(weights.get(w.stem, 0.0), factor)
        written.setdefault(w.stem, w.written)
    sequences = [phrase(text)]
    for tool, does in tool_mentions(text):
        for term in does:
            sequences.append(phrase(term))
            for w in content_words(term):
                if w.stem not in weights:
                    weights[w.stem] = TOOL_FACTOR
                    written[w.stem] = w.written
                    via[w.stem] = tool
    return _Query(weights, written, via, tuple(sequences))


def _contains(sequence: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(sequence[i : i + n] == part for i in range(len(sequence) - n + 1))


def _score(entry: Entry, query: _Query, index: Index) -> tuple[float, list[Match]]:
    total = 0.0
    matches: list[Match] = []
    for stem, factor in query.weights.items():
        term = entry.stems.get(stem)
        if term is None:
            continue
        total += factor * index.weight(stem) * term.weight
        matches.append(Match(query.written[stem], term.field, term.text, query.via.get(stem)))
    if COORD and matches:
        total *= (len(matches) / len(query.weights)) ** COORD
    for ph in entry.phrases:
        if any(_contains(seq, ph.stems) for seq in query.sequences):
            total += PHRASE_BONUS * ph.term.weight * sum(index.weight(s) for s in ph.stems)
    return total, matches


def rank(text: str, framework: Framework, limit: int = 5) -> list[Suggestion]:
    """The competencies `text` most likely teaches, best first, each with its score and what matched.

    Offline and deterministic; the framework's index is built on first use and kept. An outcome that shares no
    meaningful word with any competency gets no suggestion rather than a guess.
    """
    index = index_of(framework)
    query = _query(text)
    best = max(FIELD_WEIGHTS.values()) * (1 + PHRASE_BONUS)
    ceiling = sum(f * max(index.weight(s), _UNKNOWN) * best for s, f in query.weights.items())
    if ceiling <= 0:
        return []
    scored = []
    for entry in index.entries:
        total, matches = _score(entry, query, index)
        if total > 0:
            scored.append(Suggestion(entry.id, entry.label, total / ceiling, tuple(matches)))
    scored.sort(key=lambda s: (-s.score, s.competency))
    return [s for s in scored if s.score >= MIN_SCORE][:limit]
