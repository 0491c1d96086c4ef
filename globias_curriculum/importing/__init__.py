"""Bring existing training material in as course (and programme) files, losing nothing the source says.

One module per source format, each with `NAME`, `SUMMARY` and `read(sources, environment) -> ReadResult`
(drafts and diagnostics); `FORMATS` maps the format name of `globias-curriculum import FORMAT` to its module, so a
new format (the Bioschemas reader) plugs in as one module and one line here. The drafts are rendered by
`render.render` and written into a folder this command owns (`writing.owned`): a file it did not write, or one
edited since, is never replaced.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from ..diagnostics import Diagnostic, Location
from ..report import Report
from ..writing.atomic import RefusedTarget
from ..writing.owned import OwnedFolder
from .common import Environment, ReadResult
from .render import render

#: format name -> module of this package
FORMATS = {
    "neubias": "neubias",
    "gtn": "gtn",
    "carpentries": "carpentries",
    "bioschemas": "bioschemas",
}
MANIFEST = ".globias-import.json"


def importer(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{FORMATS[name]}")


@dataclass
class ImportResult:
    report: Report
    files: dict[str, str] = field(default_factory=dict)  # file name -> text (what was or would be written)
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)


def import_sources(
    fmt: str, sources: list[str], out_dir: Path, environment: Environment, force: bool = False
) -> ImportResult:
    """Read `sources` in format `fmt` and write one YAML file per course into `out_dir` (all or none)."""
    read: ReadResult = importer(fmt).read(sources, environment)
    report = Report(diagnostics=list(read.diagnostics))
    result = ImportResult(report)
    for draft in read.drafts:
        if draft.file_name in result.files:
            where = Location(draft.sources[0] if draft.sources else "")
            report.extend([Diagnostic.make("GC304", f"a second source would also be written to {draft.file_name}",
                                           where, "import them into different folders")])  # fmt: skip
            continue
        result.files[draft.file_name] = render(draft)
        report.add_file(str(out_dir / draft.file_name), draft.kind)
    if not result.files:
        return result
    folder = OwnedFolder(out_dir, MANIFEST)
    data = {name: text.encode("utf-8") for name, text in result.files.items()}
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        refused = folder.refused(data, force)
        if refused:
            report.extend([
                Diagnostic.make("GC516", "exists and was not written by this import (or was edited since); not "
                                "overwritten", Location(str(out_dir / name)),
                                "use --force to overwrite it, or choose another -o folder")
                for name in refused
            ])  # fmt: skip
            return result
        written = folder.write(data)
    except (OSError, RefusedTarget) as exc:
        message = f"cannot write: {getattr(exc, 'strerror', None) or exc}"
        report.extend([Diagnostic.make("GC516", message, Location(str(getattr(exc, "filename", None) or out_dir)))])
        return result
    result.written, result.unchanged = written.written, written.unchanged
    return result
