"""Run an export: validate each course and build its output beside the checks, stage it, then commit.

Memory stays flat: each course's output is written to a staging folder inside the output folder as soon as it
is built (by the worker that checked it), and the run keeps only a small record per course. Nothing reaches the
output folder until every course is built and no existing file would be clobbered; then each staged file is
renamed into place (atomic on one file system), so an interrupted or failing run leaves every earlier file
whole and no partial one. A file already in the output folder is overwritten only when this export wrote it
before (its hash is in `.globias-export.json`), when it already holds exactly the new bytes, or with `force`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..bioschemas import MAX_KEYWORDS, SCHEMA_CONTEXT
from ..context import Context
from ..diagnostics import Diagnostic, Location, Severity
from ..reading.document import text
from ..report import Report
from ..runner import CheckedFile, FileOutcome, Options, Progress, run
from ..writing.atomic import write_atomically
from . import site
from .jsonld import course_iri, course_to_jsonld, framework_iri, framework_to_jsonld

MANIFEST = ".globias-export.json"
STAGING = ".globias-staging"
_SAFE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_GRAPH_CONTEXT = [SCHEMA_CONTEXT, {"skos": "http://www.w3.org/2004/02/skos/core#"}]


def _json(document: Any) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str | None:
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 16), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Staged:
    """One course's output, built and staged; what the commit needs to know of it."""

    id: str
    title: str
    source: str
    rel: str  # where it goes in the output folder (for graph: the fragment, merged later)
    staged: str  # path of the staged file
    digest: str


@dataclass
class ExportResult:
    report: Report
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)


def course_output(course: dict[str, Any], context: Context, fmt: str, base: str) -> tuple[str, str]:
    """(relative path, content) of one course's file. Pure: same input, same bytes."""
    node = course_to_jsonld(course, context.framework, base, context=fmt != "graph")
    if fmt == "jsonld":
        return f"{course['id']}.jsonld", _json(node)
    if fmt == "graph":
        return f"graph-nodes/{course['id']}.json", _json(node)
    page = site.course_page(course, node, "../../index.html")
    return f"courses/{course['id']}/index.html", page


def shared_outputs(records: list[Staged], context: Context, fmt: str, base: str) -> Iterator[tuple[str, str]]:
    """The files built from every course at once: the framework, the index and the sitemap."""
    framework = framework_to_jsonld(context.framework, base)
    if fmt == "jsonld":
        yield "framework.jsonld", _json(framework)
    elif fmt == "html":
        yield "framework/index.html", site.framework_page(framework)
        yield "index.html", site.index_page([(r.title, r.rel) for r in records], "framework/index.html")
        urls = [base, framework_iri(base)] + [course_iri(base, r.id) for r in records]
        yield "sitemap.xml", site.sitemap(urls)


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line else line for line in text.rstrip("\n").split("\n"))


def write_graph(path: Path, records: list[Staged], context: Context, base: str) -> None:
    """One JSON-LD document, streamed: the framework, then each staged course node, in id order.

    The bytes are exactly those of json.dumps(indent=2, sort_keys=True) of the whole graph document.
    """
    framework = framework_to_jsonld(context.framework, base, context=False)
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write('{\n  "@context": ' + _indent(json.dumps(_GRAPH_CONTEXT, indent=2, sort_keys=True), 2).lstrip())
        out.write(',\n  "@graph": [\n')
        out.write(_indent(json.dumps(framework, indent=2, sort_keys=True, ensure_ascii=False), 4))
        for record in records:
            out.write(",\n")
            out.write(_indent(Path(record.staged).read_text(encoding="utf-8"), 4))
        out.write("\n  ]\n}\n")
        out.flush()
        os.fsync(out.fileno())


def _owned(out_dir: Path) -> dict[str, str]:
    try:
        files = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError):
        return {}
    return files if isinstance(files, dict) else {}


def export_paths(
    paths: list[str],
    context: Context,
    out_dir: Path,
    fmt: str,
    base: str,
    force: bool = False,
    options: Options | None = None,
    commit: Callable[[Path, Path], None] = os.replace,
    progress: Progress | None = None,
) -> ExportResult:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for stale in out_dir.glob(f"{STAGING}-*"):  # left by a run that was killed; ours only if marked
            if (stale / STAGING).is_file():
                shutil.rmtree(stale, ignore_errors=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING}-", dir=out_dir))
        (staging / STAGING).touch()
    except OSError as exc:
        report = Report(
            diagnostics=[Diagnostic.make("GC516", f"cannot write: {exc.strerror or exc}", Location(str(out_dir)))]
        )
        return ExportResult(report)
    try:
        return _export(paths, context, out_dir, staging, fmt, base, force, options, commit, progress)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _export(
    paths: list[str],
    context: Context,
    out_dir: Path,
    staging: Path,
    fmt: str,
    base: str,
    force: bool,
    options: Options | None,
    commit: Callable[[Path, Path], None],
    progress: Progress | None,
) -> ExportResult:
    def stage(result: CheckedFile) -> Staged | None:
        """Build and stage a course that validates without error; the others are reported, not exported."""
        doc = result.document
        if result.kind != "course" or doc is None or any(d.severity >= Severity.ERROR for d in result.diagnostics):
            return None
        course = doc.data
        if not (isinstance(course.get("id"), str) and _SAFE.match(course["id"])):
            return None
        if len(course.get("keywords") or []) > MAX_KEYWORDS:
            result.diagnostics.append(
                Diagnostic.make(
                    "GC517",
                    f"{len(course['keywords'])} keywords: only the first {MAX_KEYWORDS} are exported "
                    f"(TeSS accepts at most {MAX_KEYWORDS})",
                    doc.locate("/keywords"),
                )
            )
        rel, content = course_output(course, context, fmt, base)
        data = content.encode("utf-8")
        staged = staging / hashlib.sha1(result.path.encode("utf-8")).hexdigest()
        staged.write_bytes(data)
        return Staged(course["id"], text(course, "title") or course["id"], result.path, rel, str(staged), _digest(data))

    report = Report()
    records: dict[str, Staged] = {}

    def collect(outcome: FileOutcome[Staged]) -> None:
        report.add_file(outcome.path, outcome.kind)
        report.extend(outcome.diagnostics)
        staged = outcome.output
        if staged is not None and staged.id not in records:  # a duplicate id is reported; export the first
            records[staged.id] = staged

    report.extend(run(paths, context, options, stage, collect, progress))
    ordered = sorted(records.values(), key=lambda r: r.id)

    planned: list[tuple[str, Path]] = []  # (relative path, staged file)
    if fmt == "graph":
        graph = staging / "graph.jsonld"
        write_graph(graph, ordered, context, base)
        planned.append(("graph.jsonld", graph))
    else:
        planned += [(r.rel, Path(r.staged)) for r in ordered]
        for i, (rel, content) in enumerate(shared_outputs(ordered, context, fmt, base)):
            shared = staging / f"shared-{i}"
            shared.write_text(content, encoding="utf-8")
            planned.append((rel, shared))

    owned = _owned(out_dir)
    digests = {rel: _file_digest(source) or "" for rel, source in planned}
    refused = []
    for rel, _ in planned:
        target = out_dir / rel
        if force or not target.exists():
            continue
        current = _file_digest(target)
        if current is None or (current != digests[rel] and owned.get(rel) != current):
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
        return ExportResult(report)

    result = ExportResult(report)
    try:
        for rel, source in planned:
            target = out_dir / rel
            if target.exists() and _file_digest(target) == digests[rel]:
                result.unchanged.append(target)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            commit(source, target)
            result.written.append(target)
        manifest = {**owned, **digests}
        write_atomically(
            out_dir / MANIFEST, _json({"files": dict(sorted(manifest.items())), "tool": "globias-curriculum"})
        )
    except OSError as exc:
        report.extend(
            [Diagnostic.make("GC516", f"cannot write: {exc.strerror or exc}", Location(str(exc.filename or out_dir)))]
        )
    return result
