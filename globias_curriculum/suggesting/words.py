"""Text to comparable word stems, the same way for an outcome and for a competency, so that "segmenting",
"segmentation" and "Segment" meet, and "colocalization" meets "colocalisation".

The shipped lexicon (suggesting/lexicon.yaml, beside this module: it is not a document `validate` knows, so it
does not live in data/) supplies what the stemmer cannot know: abbreviations, word forms
it keeps apart, and the words that only say how an outcome is phrased ("Understand", "Learn how to").
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import unicodedata
from typing import Any, NamedTuple

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(os.path.dirname(HERE), "data")
_WORD = re.compile(r"[a-z0-9]+(?:[.'\u2019][a-z0-9]+)*")
_AMERICAN = [
    (re.compile(p), r) for p, r in ((r"iz(e|es|ed|ing|ation|ations)$", r"is\1"), (r"yz(e|es|ed|ing)$", r"ys\1"))
]


class Word(NamedTuple):
    """One content word of a text: its stem and the word as written (for explanations)."""

    stem: str
    written: str
    expanded: bool = False  # written out from an abbreviation of the text


class Lexicon(NamedTuple):
    abbreviations: dict[str, tuple[str, ...]]  # "dl" -> ("deep", "learning")
    same_word: dict[str, str]
    ignored: frozenset[str]
    platforms: frozenset[str]  # words of general-purpose platform names: they count less
    tools: dict[tuple[str, ...], tuple[str, ...]]  # ("coloc", "2") -> ("colocalisation",)


@functools.cache
def lexicon() -> Lexicon:
    with open(os.path.join(HERE, "lexicon.yaml"), encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return Lexicon(
        {str(k).lower(): tuple(_split(str(v))) for k, v in (data.get("abbreviations") or {}).items()},
        {str(k).lower(): str(v).lower() for k, v in (data.get("same_word") or {}).items()},
        frozenset(str(w).lower() for w in data.get("ignored_words") or ()),
        frozenset(w for name in data.get("platforms") or () for w in _split(str(name))),
        {tuple(_split(str(k))): tuple(str(d) for d in v or ()) for k, v in (data.get("tools") or {}).items()},
    )


@functools.cache
def _stemmer() -> Any:
    return importlib.import_module("snowballstemmer").stemmer("english")


def _split(text: str) -> list[str]:
    """Lower-case words; hyphens, slashes and brackets separate words, apostrophes and dots inside do not."""
    text = unicodedata.normalize("NFKC", text).lower()
    return [w.replace("\u2019", "'").removesuffix("'s").replace("'", "") for w in _WORD.findall(text)]


@functools.lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """The comparable form of one lower-case word (British spelling, Snowball stem, no trailing -i)."""
    word = lexicon().same_word.get(word, word)
    for pattern, replacement in _AMERICAN:
        word = pattern.sub(replacement, word)
    stemmed: str = _stemmer().stemWord(word)
    return stemmed[:-1] if len(stemmed) > 4 and stemmed.endswith("i") else stemmed


def content_words(text: str, *, expand: bool = True) -> list[Word]:
    """The words of `text` that can match, in order, with abbreviations written out after themselves."""
    lex = lexicon()
    out: list[Word] = []
    raw = _split(text)
    hyphenated = _hyphen_joined(text)
    for word in raw:
        if word in lex.ignored or (len(word) < 2 and not word.isdigit()):
            continue
        out.append(Word(stem(word), word))
        if expand and word in lex.abbreviations:
            out += [Word(stem(w), word, True) for w in lex.abbreviations[word] if w not in lex.ignored]
    for joined in hyphenated:  # "pre-trained" also counts as "pretrained", "OME-Zarr" as "omezarr"
        out.append(Word(stem(joined.replace("-", "")), joined))
    return out


def _hyphen_joined(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", unicodedata.normalize("NFKC", text).lower())


def phrase(text: str) -> tuple[str, ...]:
    """A multi-word term as its sequence of stems (ignored words dropped), for contiguous matching."""
    lex = lexicon()
    return tuple(stem(w) for w in _split(text) if w not in lex.ignored)


def tool_mentions(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(the tool as written, what it does) for each tool of the lexicon that `text` names."""
    words = _split(text)
    found = []
    for name, does in lexicon().tools.items():
        n = len(name)
        if any(tuple(words[i : i + n]) == name for i in range(len(words) - n + 1)):
            found.append((" ".join(name), does))
    return found
