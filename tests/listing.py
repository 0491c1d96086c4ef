"""The one format of every expected-diagnostic listing: `NAME.expected` beside the input `NAME`.

    # why this input is wrong (free text)
    12:5 GC205              a diagnostic: line:column code (0:0 is the whole file)
    1:1 GC401 R01           a guideline finding: line:column code rule-id
    verdict R01 fail        coverage fixtures: the verdict the rule must reach

An input with no `.expected` beside it must give no diagnostic at all. Lines are compared in the order the
tool reports them (by position within a file).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from globias_curriculum.diagnostics import Diagnostic

SUFFIX = ".expected"


@dataclass(frozen=True)
class Expected:
    diagnostics: list[str] = field(default_factory=list)
    verdicts: dict[str, str] = field(default_factory=dict)


def line_of(d: Diagnostic) -> str:
    """A diagnostic as a listing line."""
    loc = d.location
    return f"{loc.line}:{loc.column} {d.code}" + (f" {d.rule_id}" if d.rule_id else "")


def lines_of(diagnostics: Iterable[Diagnostic]) -> list[str]:
    return [line_of(d) for d in sorted(diagnostics, key=lambda d: d.sort_key)]


def read(path: Path) -> Expected:
    expected = Expected()
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("verdict "):
            _, rule, status = line.split()
            expected.verdicts[rule] = status
        else:
            expected.diagnostics.append(" ".join(line.split()))
    return expected


def expected_for(path: Path) -> Expected | None:
    listing = path.with_name(path.name + SUFFIX)
    return read(listing) if listing.exists() else None


def inputs(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name.endswith(suffixes))


def orphans(folder: Path, suffixes: tuple[str, ...]) -> list[str]:
    """Listings with no input beside them."""
    names = {p.name for p in inputs(folder, suffixes)}
    return sorted(p.name for p in folder.glob("*" + SUFFIX) if p.name.removesuffix(SUFFIX) not in names)
