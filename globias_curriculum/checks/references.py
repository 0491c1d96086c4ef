"""GC3xx checks of one reference each (competency, area, level, licence, language, EDAM), shared by every kind."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..context import Framework
from ..diagnostics import Diagnostic
from ..hints import closest, did_you_mean
from ..identifiers import edam_ids, edam_labels, edam_local, edam_status, iso639_1, spdx_ids, spdx_status
from ..reading.document import Document, strings, text


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
    status = spdx_status(licence)
    if status is None:
        match = closest(licence, spdx_ids(), cutoff=0.75)
        hint = f"did you mean {match!r}?" if match else "use an SPDX id such as CC-BY-4.0 or MIT (spdx.org/licenses)"
        yield Diagnostic.make("GC309", f"{licence!r} is not an SPDX licence identifier", doc.locate(pointer), hint)
    elif status == "deprecated":
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
    status = edam_status(local)
    if status is None:
        yield Diagnostic.make(
            "GC315",
            f"{value!r} is not a known stable EDAM concept",
            doc.locate(pointer),
            did_you_mean(local, edam_ids(), cutoff=0.8)
            or ("EDAM-bioimaging ids are written edam-bi:<id>" if "__" in local else None),
        )
    elif status == "deprecated":
        label = edam_labels().get(local, "")
        yield Diagnostic.make("GC315", f"EDAM concept {value!r} ({label}) is deprecated", doc.locate(pointer))


def iter_source_diagnostics(
    doc: Document, catalogue: set[str], pointer: str, entry: dict[str, Any]
) -> Iterator[Diagnostic]:
    for spointer, key in strings(entry, "sources", pointer):
        if key not in catalogue:
            yield Diagnostic.make(
                "GC312",
                f"source {key!r} is not in the document's `source_catalogue`",
                doc.locate(spointer),
                did_you_mean(key, catalogue) or "add it to `source_catalogue` with its title and URL",
            )


def iter_unique_id_diagnostics(
    doc: Document, seen: dict[str, str], pointer: str, ident: str | None, what: str
) -> Iterator[Diagnostic]:
    if ident is None:
        return
    if ident in seen:
        yield Diagnostic.make(
            "GC304",
            f"duplicate {what} id {ident!r}",
            doc.locate(f"{pointer}/id"),
            hint=f"first defined at {seen[ident]}",
        )
    else:
        loc = doc.locate(f"{pointer}/id")
        seen[ident] = f"line {loc.line}"


def iter_prerequisite_diagnostics(
    doc: Document, fw: Framework, pointer: str, prereq: dict[str, object]
) -> Iterator[Diagnostic]:
    competency, level, free_text = text(prereq, "competency"), text(prereq, "level"), text(prereq, "text")
    if competency:
        yield from check_competency(doc, fw, f"{pointer}/competency", competency)
    if level:
        yield from check_level(doc, fw, f"{pointer}/level", level)
    if not competency and not (free_text or "").strip():
        yield Diagnostic.make(
            "GC314",
            "a prerequisite needs a `competency` or a `text`",
            doc.locate(pointer),
            hint="for a course with no prerequisites write `prerequisites: []`",
        )
