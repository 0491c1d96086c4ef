"""Run an export: validate, build every output in memory, check nothing would be clobbered, then write.

Each file is written atomically (temporary file, then rename), so an interrupted or failing run leaves every
earlier file whole and no partial one. A file already in the output folder is overwritten only when the
export wrote it before (its hash is in `.globias-export.json`), when it already holds exactly the new bytes,
or with `force`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checks.common import text
from ..diagnostics import Diagnostic, Location, Report
from ..output import write_atomically
from ..validation import Context, FileResult, Options, Progress, validate_paths
from . import site
from .jsonld import MAX_KEYWORDS, course_iri, course_to_jsonld, framework_iri, framework_to_jsonld, graph_to_jsonld

MANIFEST = ".globias-export.json"
FORMATS = ("jsonld", "graph", "html")
_SAFE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def _json(document: Any) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _digest(data: str) -> str:
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


@dataclass
class ExportResult:
    report: Report
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)


def plan(courses: list[dict[str, Any]], context: Context, fmt: str, base: str) -> dict[str, str]:
    """Relative path -> content, for every file of the export. Pure: same input, same bytes."""
    fw = context.framework
    files: dict[str, str] = {}
    if fmt == "graph":
        files["graph.jsonld"] = _json(graph_to_jsonld(courses, fw, base))
        return files
    framework = framework_to_jsonld(fw, base)
    if fmt == "jsonld":
        files["framework.jsonld"] = _json(framework)
        for course in courses:
            files[f"{course['id']}.jsonld"] = _json(course_to_jsonld(course, fw, base))
        return files
    entries = []
    for course in courses:
        files[f"courses/{course['id']}/index.html"] = site.course_page(
            course, course_to_jsonld(course, fw, base), "../../index.html"
        )
        entries.append((text(course, "title") or course["id"], f"courses/{course['id']}/index.html"))
    files["framework/index.html"] = site.framework_page(framework)
    files["index.html"] = site.index_page(entries, "framework/index.html")
    urls = [base, framework_iri(base)] + [course_iri(base, c["id"]) for c in courses]
    files["sitemap.xml"] = site.sitemap(urls)
    return files


def export_paths(
    paths: list[Path],
    context: Context,
    out_dir: Path,
    fmt: str,
    base: str,
    force: bool = False,
    options: Options | None = None,
    write: Callable[[Path, str], None] = write_atomically,
    progress: Progress | None = None,
) -> ExportResult:
    def visit(result: FileResult) -> Any:
        """Keep courses that validate without error; the others are reported and not exported."""
        if result.kind == "course" and result.document is not None:
            if any(d.severity.name == "ERROR" for d in result.diagnostics):
                return None
            if isinstance(result.document.data.get("id"), str) and _SAFE.match(result.document.data["id"]):
                if len(result.document.data.get("keywords") or []) > MAX_KEYWORDS:
                    result.diagnostics.append(
                        Diagnostic.make(
                            "GC517",
                            f"{len(result.document.data['keywords'])} keywords: only the first "
                            f"{MAX_KEYWORDS} are exported (TeSS accepts at most {MAX_KEYWORDS})",
                            result.document.locate("/keywords"),
                        )
                    )
                return result.document.data
        return None

    validation = validate_paths(paths, context, options, visit, progress)
    report = validation.report
    ids: set[str] = set()
    unique = []
    for course in (r.extra for r in validation.results if r.extra is not None):
        # a duplicate id is reported by validation; export the first
        if course["id"] not in ids:
            ids.add(course["id"])
            unique.append(course)
    result = ExportResult(report)
    files = plan(sorted(unique, key=lambda c: c["id"]), context, fmt, base)
    manifest_path = out_dir / MANIFEST
    try:
        previous = json.loads(manifest_path.read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError):
        previous = {}
    if not isinstance(previous, dict):
        previous = {}
    refused = []
    for rel, content in files.items():
        target = out_dir / rel
        if not target.exists() or force:
            continue
        try:
            current = target.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            refused.append(rel)
            continue
        if current != content and previous.get(rel) != _digest(current):
            refused.append(rel)
    if refused:
        report.extend(
            [
                Diagnostic.make(
                    "GC516",
                    "exists and was not written by this export; not overwritten",
                    Location(str(out_dir / rel)),
                    "use --force to overwrite it, or choose another -o folder",
                )
                for rel in refused
            ]
        )
        return result
    try:
        for rel, content in files.items():
            target = out_dir / rel
            if target.exists() and target.read_bytes() == content.encode("utf-8"):
                result.unchanged.append(target)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            write(target, content)
            result.written.append(target)
        manifest = {**previous, **{rel: _digest(content) for rel, content in files.items()}}
        write(manifest_path, _json({"files": dict(sorted(manifest.items())), "tool": "globias-curriculum"}))
    except OSError as exc:
        report.extend(
            [Diagnostic.make("GC516", f"cannot write: {exc.strerror or exc}", Location(str(exc.filename or out_dir)))]
        )
    return result
