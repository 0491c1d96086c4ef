"""ELIXIR TeSS's vocabularies and value rules (ElixirTeSS/TeSS at 7681ab6), as data and small functions.

Each function restates one piece of TeSS's model code; the source is named in its docstring and in
/work/staging/tess/SPEC.md (sections 5 to 7).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "data"


@functools.cache
def vocabularies() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((DATA / "tess-vocabularies.json").read_text("utf-8"))
    return loaded


@functools.cache
def licences() -> tuple[frozenset[str], dict[str, str], dict[str, str]]:
    """LicenceDictionary: the ids, every listed URL -> id (a later entry wins), lower-cased id -> id."""
    entries: dict[str, Any] = json.loads((DATA / "tess-licences.json").read_text("utf-8"))["licences"]
    by_uri: dict[str, str] = {}
    by_lower: dict[str, str] = {}
    for key, entry in entries.items():
        entry = entry or {}
        for url in [*(entry.get("see_also") or []), entry.get("reference"), entry.get("details_url")]:
            if isinstance(url, str):
                by_uri[url] = key
        by_lower[key.lower()] = key
    return frozenset(entries), by_uri, by_lower


def normalise_licence(value: str) -> str:
    """HasLicence#licence=: the dictionary id the value maps to, or the value itself."""
    _, by_uri, by_lower = licences()
    return by_uri.get(value) or by_lower.get(value.lower()) or value


def difficulty_id(value: str) -> str:
    """HasDifficultyLevel#difficulty_level=: the key whose title is exactly the value, or the value."""
    for key, title in vocabularies()["difficulty"].items():
        if title == value:
            return str(key)
    return value


def _trigrams(word: str) -> set[str]:
    if not word.strip():
        return set()
    padded = f"  {word} ".lower()
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """lib/trigram_similarity.rb."""
    t1, t2 = _trigrams(a), _trigrams(b)
    if not t1 or not t2:
        return 0.0
    return len(t1 & t2) / len(t1 | t2)


def best_match(dictionary: str, word: str) -> str | None:
    """Dictionary#best_match: the key itself, else the key most similar above 0.3 (the first on ties)."""
    keys = [str(k) for k in vocabularies()[dictionary]]
    if word in keys:
        return word
    best, found = 0.0, None
    for key in keys:
        score = similarity(word, key)
        if score > best:
            best, found = score, key
    return found if best > 0.3 else None


# validate_url 1.0.15 on uri 1.1.1: the RFC 2396 absolute-URI expression for http/https (URI.regexp).
_ALNUM = r"a-zA-Z0-9"
_ESC = r"%[a-fA-F0-9]{2}"
_IPV4 = r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}"
_HEX4 = r"[a-fA-F0-9]{1,4}"
_IPV6 = rf"\[(?:(?:{_HEX4}:)*(?:{_HEX4}|{_IPV4})|(?:(?:{_HEX4}:)*{_HEX4})?::(?:(?:{_HEX4}:)*(?:{_HEX4}|{_IPV4}))?)\]"
_HOST = rf"(?:(?:[{_ALNUM}\-.]|%[0-9a-fA-F]{{2}})+|{_IPV4}|{_IPV6})"
_PCHAR = rf"(?:[\-_.!~*'(){_ALNUM}:@&=+$,]|{_ESC})"
_SEGMENT = rf"{_PCHAR}*(?:;{_PCHAR}*)*"
_URIC = rf"(?:[\-_.!~*'(){_ALNUM};/?:@&=+$,\[\]]|{_ESC})"
_USERINFO = rf"(?:[\-_.!~*'(){_ALNUM};:&=+$,]|{_ESC})*"
_REGISTRY = rf"(?:[\-_.!~*'(){_ALNUM}$,;:@&=+]|{_ESC})+"
_AUTHORITY = rf"//(?:(?:(?:{_USERINFO}@)?(?:(?P<host>{_HOST})(?::\d*)?))?|(?P<registry>{_REGISTRY}))"
_PATH = rf"/{_SEGMENT}(?:/{_SEGMENT})*"
_OPAQUE = rf"(?:[\-_.!~*'(){_ALNUM};?:@&=+$,]|{_ESC}){_URIC}*"
_URL = re.compile(
    rf"(?i:https?):(?:{_OPAQUE}|(?:(?:{_AUTHORITY}|(?!//))(?:{_PATH})?)(?:\?{_URIC}*)?)(?:\#{_URIC}*)?",
    re.ASCII,
)


def valid_url(value: Any) -> bool:
    """UrlValidator: an absolute http(s) URL with a host, every character allowed by RFC 2396."""
    if not isinstance(value, str):
        return False
    m = _URL.fullmatch(value)
    return bool(m and (m.group("host") or m.group("registry")))


_ORCID = re.compile(r"\A[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9,X]{4}\Z")


def valid_orcid(value: str) -> bool:
    """OrcidValidator after normalize_orcid: the pattern and the ISO 7064 MOD 11-2 check digit."""
    value = re.sub(r"\Ahttps?://orcid\.org/", "", value)
    if not _ORCID.match(value):
        return False
    digits = value.replace("-", "")
    total = 0
    for d in digits[:-1]:
        if not d.isdigit():
            return False
        total = (total + int(d)) * 2
    result = (12 - total % 11) % 11
    return digits[-1] == ("X" if result == 10 else str(result))


def blank(value: Any) -> bool:
    """ActiveSupport's blank?: nil, false, empty, or only Unicode white space."""
    if value is None or value is False:
        return True
    if isinstance(value, str):
        return value.strip() == "" and all(c.isspace() for c in value)
    if isinstance(value, (list, dict)):
        return len(value) == 0
    return False


def ruby_strip(value: str) -> str:
    return value.strip("\0\t\n\v\f\r ")
