"""GC3xx checks of one reference each (competency, area, level, licence, language, EDAM, source), shared by
every kind.

One mistake gets one finding. The schema only shape-checks what a course writes for a competency or a level,
so that a label (`Thresholding`), a near label or an id in the wrong case (`bia.seg.2`) reaches these checks and
gets one finding whose hint names the id to use; a level in another case (`Beginner`, as TeSS writes it) is
accepted with an info finding.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..context import Framework
from ..diagnostics import Diagnostic
from ..hints import closest, did_you_mean
from ..identifiers import DATA, edam_ids, edam_labels, edam_local, edam_status, iso639_1, spdx_ids, spdx_status
from ..reading.document import Document, items, strings, text

_ID_SHAPE = re.compile(r"^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*\.[0-9]+$")
EDAM_KINDS = ("topic", "operation", "data", "format")


def check_competency(doc: Document, fw: Framework, pointer: str, cid: str) -> Iterator[Diagnostic]:
    """A known, live competency; a deprecated one names its replacement, an unknown one the id to use."""
    if cid in fw.competencies:
        if cid in fw.replaced_by:
            yield _deprecated_competency(doc, fw, pointer, cid)
        return
    if cid in fw.areas:
        yield Diagnostic.make(
            "GC301",
            f"{cid!r} is a competency area, not a competency",
            doc.locate(pointer),
            hint=f"name one of its competencies, e.g. {cid}.1",
        )
        return
    match = suggest_competency(fw, cid)
    yield Diagnostic.make(
        "GC301",
        f"unknown competency {cid!r} (framework {fw.id!r})",
        doc.locate(pointer),
        f"did you mean {match!r}{_paren(fw, match)}?" if match else None,
    )


def _paren(fw: Framework, cid: str) -> str:
    label = fw.competencies.get(cid, {}).get("label")
    return f" ({label})" if label else ""


def suggest_competency(fw: Framework, written: str) -> str | None:
    """The competency a writer most likely meant: the id in another case, a near id, its label or a near
    label, or a keyword; live competencies before deprecated ones."""
    live = [c for c in fw.competencies if c not in fw.replaced_by]
    if _ID_SHAPE.match(written.strip()):
        return closest(written.strip(), live, cutoff=0.7) or closest(written.strip(), fw.competencies, cutoff=0.7)
    wanted = " ".join(written.lower().split())
    labels: dict[str, str] = {}
    for cid in [*live, *fw.replaced_by]:
        labels.setdefault(str(fw.competencies[cid].get("label", "")).lower(), cid)
    if wanted in labels:
        return labels[wanted]
    import difflib  # only when a name is unknown

    near = difflib.get_close_matches(wanted, labels, n=1, cutoff=0.75)
    if near:
        return labels[near[0]]
    keywords: dict[str, str] = {}
    for cid in live:
        for keyword in fw.competencies[cid].get("keywords") or ():
            keywords.setdefault(str(keyword).lower(), cid)
    near = difflib.get_close_matches(wanted, keywords, n=1, cutoff=0.85)
    if near:
        return keywords[near[0]]
    near = difflib.get_close_matches(wanted, labels, n=1, cutoff=0.6)
    return labels[near[0]] if near else None


def _deprecated_competency(doc: Document, fw: Framework, pointer: str, cid: str) -> Diagnostic:
    replacements = [r for r in fw.replaced_by[cid] if r in fw.competencies]
    hint = (
        "use " + " or ".join(f"{r!r}{_paren(fw, r)}" for r in replacements)
        if replacements
        else "it has no replacement; remove it"
    )
    return Diagnostic.make("GC318", f"competency {fw.label(cid)} is deprecated", doc.locate(pointer), hint)


def check_deprecated_rule(
    doc: Document, replaced_by: dict[str, tuple[str, ...]], pointer: str, rule: str
) -> Iterator[Diagnostic]:
    if rule in replaced_by:
        replacements = replaced_by[rule]
        hint = ("replaced by " + ", ".join(repr(r) for r in replacements)) if replacements else "it judges nothing now"
        yield Diagnostic.make("GC318", f"guideline rule {rule!r} is deprecated", doc.locate(pointer), hint)


def check_area(doc: Document, fw: Framework, pointer: str, area: str) -> Iterator[Diagnostic]:
    if area not in fw.areas:
        yield Diagnostic.make(
            "GC301", f"unknown competency area {area!r}", doc.locate(pointer), did_you_mean(area, fw.areas)
        )


def check_level(doc: Document, fw: Framework, pointer: str, level: str) -> Iterator[Diagnostic]:
    """An id or alias of the framework; written in another case it is read as that level (info)."""
    if level in fw.level_names:
        return
    canonical = fw.level_folded.get(level.lower())
    if canonical is not None:
        written = next(n for n in fw.level_names if n.lower() == level.lower())
        yield Diagnostic.make(
            "GC319",
            f"level {level!r} is read as {canonical!r}",
            doc.locate(pointer),
            hint=f"level names are lower case: write {written!r}",
        )
        return
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


@functools.cache
def edam_bioimaging() -> dict[str, str]:
    """EDAM-bioimaging alpha06: local id -> label, read from the TSV the package ships on first use (a course
    rarely names one)."""
    import csv

    path = os.path.join(DATA, "edam-bioimaging-alpha06.tsv")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        next(rows, None)
        return {
            row[0].removeprefix("http://edamontology.org/"): row[1] for row in rows if len(row) > 4 and row[4] != "TRUE"
        }


def edam_kind(local: str) -> str | None:
    """topic, operation, data or format: EDAM and EDAM-bioimaging ids start with their branch."""
    head = local.split("_", 1)[0]
    return head if head in EDAM_KINDS else None


def check_edam(doc: Document, pointer: str, value: str, expect_kind: str | None = None) -> Iterator[Diagnostic]:
    """A stable EDAM id that exists and is not deprecated, or an EDAM-bioimaging alpha06 id that exists; of
    `expect_kind` when one is given."""
    local, _ = edam_local(value)
    if value.startswith("edam-bi:"):
        if local not in edam_bioimaging():
            yield Diagnostic.make(
                "GC315",
                f"{value!r} is not an EDAM-bioimaging alpha06 concept",
                doc.locate(pointer),
                did_you_mean(local, edam_bioimaging(), cutoff=0.8)
                or ("stable EDAM ids are written edam:<id>" if edam_status(local) else None),
            )
            return
    else:
        status = edam_status(local)
        if status is None:
            yield Diagnostic.make(
                "GC315",
                f"{value!r} is not a known stable EDAM concept",
                doc.locate(pointer),
                did_you_mean(local, edam_ids(), cutoff=0.8)
                or ("EDAM-bioimaging ids are written edam-bi:<id>" if local in edam_bioimaging() else None),
            )
            return
        if status == "deprecated":
            label = edam_labels().get(local, "")
            yield Diagnostic.make("GC315", f"EDAM concept {value!r} ({label}) is deprecated", doc.locate(pointer))
            return
    kind = edam_kind(local)
    if expect_kind is not None and kind is not None and kind != expect_kind:
        yield Diagnostic.make(
            "GC322",
            f"{value!r} is an EDAM {kind}, not a {expect_kind}",
            doc.locate(pointer),
            hint="a course's edam_topics say what it is about: use an EDAM topic"
            if expect_kind == "topic"
            else f"write `kind: {kind}`",
        )


def edam_label(value: str) -> str | None:
    local, _ = edam_local(value)
    if value.startswith("edam-bi:"):
        return edam_bioimaging().get(local)
    return edam_labels().get(local)


def iter_citation_diagnostics(
    doc: Document, catalogue: Iterable[str], pointer: str, entry: Any, key: str = "citations"
) -> Iterator[Diagnostic]:
    """Every citation of an entry names a source of the catalogue (`{source, locator}` shape is the schema's)."""
    known = set(catalogue)
    for cpointer, citation in items(entry, key, pointer):
        source = text(citation, "source")
        if source is not None and source not in known:
            yield Diagnostic.make(
                "GC312",
                f"source {source!r} is not in the `source_catalogue`",
                doc.locate(f"{cpointer}/source"),
                did_you_mean(source, known) or "add it to `source_catalogue` with its authors, year and URL or DOI",
            )


def iter_unique_id_diagnostics(
    doc: Document, seen: dict[str, str], pointer: str, ident: str | None, what: str, field: str = "id"
) -> Iterator[Diagnostic]:
    if ident is None:
        return
    if ident in seen:
        yield Diagnostic.make(
            "GC304",
            f"duplicate {what} id {ident!r}",
            doc.locate(f"{pointer}/{field}"),
            hint=f"first defined at {seen[ident]}",
        )
    else:
        loc = doc.locate(f"{pointer}/{field}")
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


def iter_competency_list(doc: Document, fw: Framework, entry: Any, key: str, pointer: str) -> Iterator[Diagnostic]:
    for cpointer, cid in strings(entry, key, pointer):
        yield from check_competency(doc, fw, cpointer, cid)
