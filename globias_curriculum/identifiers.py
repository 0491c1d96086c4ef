"""Domain identifiers the schema can only shape-check: ORCID check digits, SPDX ids, ISO 639-1, EDAM.

The reference lists ship as data files (see globias_curriculum/data/NOTICE.md) and load on first use.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
EDAM_IRI = "http://edamontology.org/"
#: The schema's HttpUrl pattern (a test keeps them equal), for URLs that come from elsewhere: --base-url.
HTTP_URL_PATTERN = r"""^https?://[^\s/?#."<>\\^`{|}][^\s"<>\\^`{|}]*$"""
_HTTP_URL = re.compile(HTTP_URL_PATTERN.removesuffix("$") + r"\Z")


def is_http_url(text: str) -> bool:
    """An absolute http(s) URL that is also a valid IRI: what `validate` accepts in every URL field."""
    return bool(_HTTP_URL.match(text))


ORCID_SHAPE = re.compile(r"^(https://orcid\.org/)?[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$")


def _data(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


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
def spdx_licences() -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = _data("spdx-licenses.json")["licenses"]
    return table


@functools.cache
def iso639_1() -> dict[str, str]:
    table: dict[str, str] = _data("iso639-1.json")["codes"]
    return table


@functools.cache
def edam_terms() -> dict[str, tuple[str, bool]]:
    """Stable EDAM local id (topic_3383) -> (label, deprecated)."""
    out: dict[str, tuple[str, bool]] = {}
    for iri, label, deprecated in _data("edam-labels.json"):
        out[iri.removeprefix(EDAM_IRI)] = (label, deprecated in (True, "true"))
    return out


def edam_local(value: str) -> tuple[str, bool]:
    """(local id, provisional) for edam:x, edam-bi:x or a full IRI; EDAM-bioimaging ids are provisional."""
    if value.startswith("edam-bi:"):
        return value.removeprefix("edam-bi:"), True
    local = value.removeprefix("edam:").removeprefix(EDAM_IRI)
    return local, local not in edam_terms()


def edam_iri(value: str) -> str:
    return EDAM_IRI + edam_local(value)[0]
