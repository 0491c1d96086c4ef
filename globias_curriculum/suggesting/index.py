"""A framework's competencies as weighted word stems, built from whatever fields the framework has.

Framework 0.1 gives each competency a label, a description and EDAM mappings; framework 0.2 adds level
`descriptors`, `keywords` (StarDist, Otsu, ...) and `tools`. Every field present is used, each with a weight that
says how much a match in it means: a keyword or the label names the competency, a level descriptor only
describes it. EDAM mappings bring their labels and, for EDAM-bioimaging concepts, their synonyms.
Deprecated competencies (`deprecated: true`) are left out: courses should map to their replacements.
"""

from __future__ import annotations

import csv
import functools
import math
import os
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from ..context import Framework
from .words import DATA, content_words, phrase

#: How much a match in each field counts. Tuned on benchmarks/suggest (see README "Suggest competencies").
FIELD_WEIGHTS: dict[str, float] = {
    "label": 3.0,
    "keyword": 2.5,
    "tool": 2.0,
    "description": 1.5,
    "EDAM": 1.5,
    "EDAM synonym": 1.2,
    "descriptor": 0.75,
    "area": 0.5,
}
#: An abbreviation written out in a competency's text ("smFISH" -> "fluorescence") counts this much of its field.
EXPANDED = 0.5


class Term(NamedTuple):
    """Where a stem of a competency comes from: the field and the term as the framework writes it."""

    field: str
    text: str
    weight: float


class Phrase(NamedTuple):
    stems: tuple[str, ...]
    term: Term


class Entry(NamedTuple):
    id: str
    label: str
    stems: dict[str, Term]  # stem -> the heaviest term it occurs in
    phrases: tuple[Phrase, ...]


class Index(NamedTuple):
    entries: tuple[Entry, ...]
    idf: dict[str, float]

    def weight(self, stem: str) -> float:
        return self.idf.get(stem, 0.0)


@functools.cache
def edam_terms() -> dict[str, tuple[str, tuple[str, ...]]]:
    """EDAM-bioimaging alpha06 local id -> (label, synonyms); obsolete concepts left out."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    with open(os.path.join(DATA, "edam-bioimaging-alpha06.tsv"), encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        next(rows, None)
        for row in rows:
            if len(row) < 5 or row[4].strip().upper() == "TRUE":
                continue
            local = row[0].rsplit("/", 1)[-1]
            out[local] = (row[1], tuple(s for s in row[2].split("|") if s.strip()))
    return out


def _local(edam_id: str) -> str:
    for prefix in ("http://edamontology.org/", "edam-bi:", "edam:"):
        if edam_id.startswith(prefix):
            return edam_id[len(prefix) :]
    return edam_id


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    if isinstance(value, dict):
        return [v for v in value.values() if isinstance(v, str)]
    return []


def _terms(comp: dict[str, Any], area: dict[str, Any]) -> Iterator[Term]:
    """Every text of a competency, with the field it comes from."""
    w = FIELD_WEIGHTS
    yield from (Term("label", t, w["label"]) for t in _strings(comp.get("label")))
    yield from (Term("keyword", t, w["keyword"]) for t in _strings(comp.get("keywords")))
    yield from (Term("tool", t, w["tool"]) for t in _strings(comp.get("tools")))
    yield from (Term("description", t, w["description"]) for t in _strings(comp.get("description")))
    yield from (Term("descriptor", t, w["descriptor"]) for t in _strings(comp.get("descriptors")))
    yield from (Term("area", t, w["area"]) for t in _strings(area.get("label")))
    known = edam_terms()
    for mapping in comp.get("edam") or ():
        if not isinstance(mapping, dict):
            continue
        label, synonyms = known.get(_local(str(mapping.get("id", ""))), ("", ()))
        labels = {t for t in (*_strings(mapping.get("label")), label) if t}
        yield from (Term("EDAM", t, w["EDAM"]) for t in sorted(labels))
        yield from (Term("EDAM synonym", t, w["EDAM synonym"]) for t in synonyms if t not in labels)


def _entry(cid: str, comp: dict[str, Any], area: dict[str, Any]) -> Entry:
    stems: dict[str, Term] = {}
    phrases: list[Phrase] = []
    for term in _terms(comp, area):
        for word in content_words(term.text):
            found = term if not word.expanded else term._replace(weight=term.weight * EXPANDED)
            if word.stem not in stems or stems[word.stem].weight < found.weight:
                stems[word.stem] = found
        if term.field not in ("description", "descriptor"):
            sequence = phrase(term.text)
            if len(sequence) >= 2:
                phrases.append(Phrase(sequence, term))
    return Entry(cid, str(comp.get("label", cid)), stems, tuple(phrases))


def build(framework: Framework) -> Index:
    entries = []
    for cid, comp in framework.competencies.items():
        if comp.get("deprecated") is True:
            continue
        area = framework.areas.get(framework.area_of.get(cid, ""), {})
        entries.append(_entry(cid, comp, area))
    # rarity is counted over the fields that name a competency: framework 0.2's level descriptors mention
    # "segmentation" in a dozen competencies, which made the word look common (top-3 84.5 % -> 86.2 %)
    naming = (
        {s: t for s, t in e.stems.items() if t.field not in ("description", "descriptor", "area")} for e in entries
    )
    return Index(tuple(entries), _idf(naming))


def _idf(documents: Iterable[dict[str, Term]]) -> dict[str, float]:
    """Okapi BM25's inverse document frequency over competencies: a stem every competency has counts ~0."""
    counts: dict[str, int] = {}
    total = 0
    for stems in documents:
        total += 1
        for s in stems:
            counts[s] = counts.get(s, 0) + 1
    return {s: math.log(1 + (total - n + 0.5) / (n + 0.5)) for s, n in counts.items()}


_CACHE: dict[int, tuple[Any, Index]] = {}


def index_of(framework: Framework) -> Index:
    """Built once per framework document (the embedded one is shared by every call of a process)."""
    data = framework.document.data
    key = id(data)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is data:
        return hit[1]
    built = build(framework)
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[key] = (data, built)
    return built
