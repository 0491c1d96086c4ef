"""Domain identifiers the schema can only shape-check: ORCID check digits, SPDX ids, ISO 639-1, EDAM.

The reference lists ship as data files (see globias_curriculum/data/NOTICE.md) and load on first use.
"""

from __future__ import annotations

import functools
import json
import os
import re
from typing import Any

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
EDAM_IRI = "http://edamontology.org/"
#: The schema's HttpUrl pattern (a test keeps them equal), for URLs that come from elsewhere: --base-url.
HTTP_URL_PATTERN = r"""^https?://[^\s/?#."<>\\^`{|}][^\s"<>\\^`{|}]*$"""
_HTTP_URL = re.compile(HTTP_URL_PATTERN.removesuffix("$") + r"\Z")


def is_http_url(text: str) -> bool:
    """An absolute http(s) URL that is also a valid IRI: what `validate` accepts in every URL field."""
    return bool(_HTTP_URL.match(text))


ORCID_SHAPE = re.compile(r"^(https://orcid\.org/)?[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$")


def _data(name: str) -> Any:
    with open(os.path.join(DATA, name), encoding="utf-8") as handle:
        return json.load(handle)


def orcid_checksum_ok(orcid: str) -> bool:
    """ISO 7064 MOD 11-2, as ORCID specifies for the last character."""
    digits = orcid.removeprefix("https://orcid.org/").replace("-", "")
    if len(digits) != 16 or not digits[:15].isdigit():
        return False
    total = 0
    for ch in digits[:15]:
        total = (total + int(ch)) * 2
    check = (12 - total % 11) % 11
    return digits[15] == ("X" if check == 10 else str(check))


@functools.cache
def _sets() -> dict[str, dict[str, frozenset[str]]]:
    """generated/identifiers.json: the ids alone, several times faster to read than the labelled tables."""
    path = os.path.join(os.path.dirname(DATA), "generated", "identifiers.json")
    with open(path, encoding="utf-8") as handle:
        raw = json.load(handle)
    return {table: {k: frozenset(v.split()) for k, v in parts.items()} for table, parts in raw.items()}


def spdx_status(licence: str) -> str | None:
    """ "current", "deprecated", or None when it is not an SPDX licence id."""
    sets = _sets()["spdx"]
    return "current" if licence in sets["current"] else "deprecated" if licence in sets["deprecated"] else None


def spdx_ids() -> frozenset[str]:
    sets = _sets()["spdx"]
    return sets["current"] | sets["deprecated"]


def spdx_osi_or_fsf(licence: str) -> bool:
    return licence in _sets()["spdx"]["open"]


def is_open_licence(licence: str) -> bool:
    """The guideline rule `open-licence`'s reading (README, "condition kinds"): an SPDX id that is OSI- or
    FSF-approved, or CC BY, CC BY-SA or CC0; never NC or ND. Coverage and the landscape share it."""
    if spdx_status(licence) is None:
        return False
    if licence.startswith("CC"):
        return licence.startswith(("CC-BY-", "CC0-")) and "-NC" not in licence and "-ND" not in licence
    return spdx_osi_or_fsf(licence)


@functools.cache
def iso639_1() -> dict[str, str]:
    table: dict[str, str] = _data("iso639-1.json")["codes"]
    return table


@functools.cache
def edam_labels() -> dict[str, str]:
    """Stable EDAM local id (topic_3383) -> label, for messages and export."""
    return {iri.removeprefix(EDAM_IRI): label for iri, label, _ in _data("edam-labels.json")}


def edam_status(local: str) -> str | None:
    """ "current", "deprecated", or None when `local` (topic_3383) is not a stable EDAM concept."""
    sets = _sets()["edam"]
    return "current" if local in sets["current"] else "deprecated" if local in sets["deprecated"] else None


def edam_ids() -> frozenset[str]:
    sets = _sets()["edam"]
    return sets["current"] | sets["deprecated"]


def edam_local(value: str) -> tuple[str, bool]:
    """(local id, provisional) for edam:x, edam-bi:x or a full IRI; EDAM-bioimaging ids are provisional."""
    if value.startswith("edam-bi:"):
        return value.removeprefix("edam-bi:"), True
    local = value.removeprefix("edam:").removeprefix(EDAM_IRI)
    return local, edam_status(local) is None


def edam_iri(value: str) -> str:
    return EDAM_IRI + edam_local(value)[0]
