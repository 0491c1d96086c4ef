"""Small helpers the meaning checks share: typed access to possibly broken data, and id checks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..diagnostics import Diagnostic
from ..framework import Framework
from ..identifiers import edam_local, edam_terms, iso639_1, spdx_licences
from ..loading import Document, escape
from ..suggest import closest, did_you_mean


def items(data: Any, key: str, pointer: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """(pointer, item) for each mapping in the list at data[key]; wrong shapes were reported by the schema."""
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield f"{pointer}/{escape(key)}/{i}", item


def strings(data: Any, key: str, pointer: str = "") -> Iterator[tuple[str, str]]:
    """(pointer, text) for each string in the list at data[key]."""
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield f"{pointer}/{escape(key)}/{i}", item


def text(data: Any, key: str) -> str | None:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def check_competency(doc: Document, fw: Framework, pointer: str, cid: str) -> Iterator[Diagnostic]:
    if cid in fw.competencies:
        return
    if cid in fw.areas:
        yield Diagnostic.make(
            "GC301",
            f"{cid!r} is a competency area, not a competency",
            doc.locate(pointer),
            hint=f"name one of its competencies, e.g. {cid}.1",
        )
        return
    yield Diagnostic.make(
        "GC301",
        f"unknown competency {cid!r} (framework {fw.id!r})",
        doc.locate(pointer),
        did_you_mean(cid, fw.competencies, cutoff=0.7),
    )


def check_area(doc: Document, fw: Framework, pointer: str, area: str) -> Iterator[Diagnostic]:
    if area not in fw.areas:
        yield Diagnostic.make(
            "GC301", f"unknown competency area {area!r}", doc.locate(pointer), did_you_mean(area, fw.areas)
        )


def check_level(doc: Document, fw: Framework, pointer: str, level: str) -> Iterator[Diagnostic]:
    if level not in fw.level_names:
        hint = did_you_mean(level, fw.level_names) or f"levels: {', '.join(fw.level_names)}"
        yield Diagnostic.make("GC302", f"unknown proficiency level {level!r}", doc.locate(pointer), hint)


def check_licence(doc: Document, pointer: str, licence: str) -> Iterator[Diagnostic]:
    table = spdx_licences()
    entry = table.get(licence)
    if entry is None:
        match = closest(licence, table, cutoff=0.75)
        hint = f"did you mean {match!r}?" if match else "use an SPDX id such as CC-BY-4.0 or MIT (spdx.org/licenses)"
        yield Diagnostic.make("GC309", f"{licence!r} is not an SPDX licence identifier", doc.locate(pointer), hint)
    elif entry["deprecated"]:
        yield Diagnostic.make("GC317", f"SPDX licence id {licence!r} is deprecated", doc.locate(pointer))


def check_language(doc: Document, pointer: str, code: str) -> Iterator[Diagnostic]:
    codes = iso639_1()
    if code not in codes:
        by_name = {name.lower(): c for c, name in codes.items()}
        hint = did_you_mean(code, codes) or (
            f"use the two-letter code {by_name[code.lower()]!r}" if code.lower() in by_name else None
        )
        yield Diagnostic.make("GC310", f"{code!r} is not an ISO 639-1 language code", doc.locate(pointer), hint)


def check_edam(doc: Document, pointer: str, value: str) -> Iterator[Diagnostic]:
    local, _ = edam_local(value)
    if value.startswith("edam-bi:"):
        return  # provisional by definition; the guideline set may flag their use
    terms = edam_terms()
    if local not in terms:
        yield Diagnostic.make(
            "GC315",
            f"{value!r} is not a known stable EDAM concept",
            doc.locate(pointer),
            did_you_mean(local, terms, cutoff=0.8)
            or ("EDAM-bioimaging ids are written edam-bi:<id>" if "__" in local else None),
        )
    elif terms[local][1]:
        yield Diagnostic.make("GC315", f"EDAM concept {value!r} ({terms[local][0]}) is deprecated", doc.locate(pointer))


_DURATION = re.compile(
    r"^P(?:(?P<w>[0-9.]+)W)?(?:(?P<d>[0-9.]+)D)?(?:T(?:(?P<h>[0-9.]+)H)?(?:(?P<m>[0-9.]+)M)?(?:(?P<s>[0-9.]+)S)?)?$"
)
TEACHING_HOURS_PER_DAY = 8
TEACHING_DAYS_PER_WEEK = 5


def teaching_hours(duration: str) -> float | None:
    """ISO 8601 duration in teaching hours: a day is 8 hours, a week 5 days (documented in the schema)."""
    m = _DURATION.match(duration)
    if not m:
        return None
    try:
        w, d, h, mi, s = (float(m.group(g) or 0) for g in "wdhms")
    except ValueError:
        return None
    days = w * TEACHING_DAYS_PER_WEEK + d
    return days * TEACHING_HOURS_PER_DAY + h + mi / 60 + s / 3600
