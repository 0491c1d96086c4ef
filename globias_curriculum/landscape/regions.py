"""Where a course is taught: country names as pages write them -> ISO code, continent, and tile on the map.

The table is `data/countries.json` (its `about` says where every column comes from). The six continents are the
regions of the GloBIAS survey; online teaching and self-paced material are regions of their own, so that
"taught in Africa" never silently includes a webinar held elsewhere.
"""

from __future__ import annotations

import functools
import json
import os
import re
from typing import Any, NamedTuple

DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "countries.json")
ONLINE = "online"
SELF_PACED = "self-paced"
UNPLACED = "unplaced"  # an onsite instance whose country is missing or not recognised
#: Regions in the order every output shows them: the survey's continents (most respondents first), then the rest.
CONTINENTS = ("EU", "NA", "SA", "AS", "AF", "OC")


class Country(NamedTuple):
    code: str
    name: str
    continent: str
    col: int
    row: int


@functools.cache
def _table() -> dict[str, Any]:
    with open(DATA, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


@functools.cache
def countries() -> dict[str, Country]:
    return {
        c["code"]: Country(c["code"], c["name"], c["continent"], int(c["col"]), int(c["row"]))
        for c in _table()["countries"]
    }


@functools.cache
def _names() -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in _table()["countries"]:
        for name in (entry["code"], entry["name"], *entry.get("aliases", ())):
            out.setdefault(_key(name), entry["code"])
    return out


def region_labels() -> dict[str, str]:
    labels: dict[str, str] = dict(_table()["continents"])
    ordered = {code: labels[code] for code in CONTINENTS}
    others = {ONLINE: "Online", SELF_PACED: "Self-paced (no dated instance)", UNPLACED: "Onsite, place unknown"}
    return {**ordered, **others}


@functools.lru_cache(maxsize=4096)
def country(text: str | None) -> Country | None:
    """The country a page's `country` names: an ISO code (`DE`, `DEU`), a name or a common spelling."""
    if not text:
        return None
    code = _names().get(_key(text))
    if code is None and "," in text:  # "Heidelberg, Germany"
        code = _names().get(_key(text.rsplit(",", 1)[1]))
    return countries().get(code) if code else None
