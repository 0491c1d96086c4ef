"""Run an export: validate each course and build its output beside the checks, stage it, then commit.

Memory stays flat: each course's output is written to the staging folder of the output folder as soon as it
is built (by the worker that checked it), and the run keeps only a small record per course. Nothing reaches
the output folder until every course is staged and nothing in the way may not be replaced; the rules of the
folder itself (one run at a time, only our own files replaced, nothing outside it, recovery after an
interrupted run) are `writing.folder.OwnedFolder`'s.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ..bioschemas import MAX_KEYWORDS, SCHEMA_CONTEXT
from ..context import Context
from ..diagnostics import Diagnostic, Location, Severity
from ..report import Report
from ..runner import CheckedFile, FileOutcome, Options, Progress, run
from ..writing.folder import FolderError, OwnedFolder, Planned, sha256_of
from . import site
from .jsonld import course_iri, course_to_jsonld, framework_iri, framework_to_jsonld

MANIFEST = ".globias-export.json"
_GRAPH_CONTEXT = [SCHEMA_CONTEXT, {"skos": "http://www.w3.org/2004/02/skos/core#"}]


def _json(document: Any) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Staged(NamedTuple):
    """One course's output, built and staged by the worker that checked it; what the commit needs of it."""

    id: str
    summary: site.CourseSummary  # what the index page shows
    rel: str  # where it goes in the output folder (for graph: the node, merged later)
    staged: str  # the staged file
    digest: str


class ExportResult(NamedTuple):
    report: Report
    written: list[str]  # relative paths in the output folder
    unchanged: list[str]


def course_output(course: dict[str, Any], context: Context, fmt: str, base: str) -> tuple[str, str]:
    """(relative path, content) of one course's file. Pure: same input, same bytes."""
    node = course_to_jsonld(course, context.framework, base, context=fmt != "graph")
    if fmt == "jsonld":
        return f"courses/{course['id']}.jsonld", _json(node)  # beside framework.jsonld, never over it
    if fmt == "graph":
        return f"graph-nodes/{course['id']}.json", _json(node)
    page = site.course_page(course, context.framework, node, "../../")
    return f"courses/{course['id']}/index.html", page


def shared_outputs(records: list[Staged], context: Context, fmt: str, base: str) -> Iterator[tuple[str, str]]:
    """The files built from every course at once: the framework, the index and the sitemap."""
    framework = framework_to_jsonld(context.framework, base)
    if fmt == "jsonld":
        yield "framework.jsonld", _json(framework)
    elif fmt == "html":
        yield "framework/index.html", site.framework_page(framework)
        yield "index.html", site.index_page([r.summary for r in records], "framework/")
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


def export_paths(
    paths: list[str],
    context: Context,
    out_dir: Path,
    fmt: str,
    base: str,
    force: bool = False,
    options: Options | None = None,
    move: Callable[[str, Path], None] | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Export every course that validates without error; nothing reaches `out_dir` unless all of it can."""
    report = Report()
    try:
        with OwnedFolder(out_dir, MANIFEST) as folder:
            planned = _build(paths, context, folder, fmt, base, options, progress, report)
            if planned is None:
                return ExportResult(report, [], [])
            refused = folder.refusals(planned, force)
            if refused:
                hint = "use --force to replace files this tool did not write, or choose another -o folder"
                report.extend(
                    [Diagnostic.make("GC516", r.reason, Location(str(out_dir / r.rel)), hint) for r in refused]
                )
                return ExportResult(report, [], [])
            written, unchanged = folder.commit(planned, move)
            return ExportResult(report, written, unchanged)
    except FolderError as exc:
        report.extend([Diagnostic.make("GC516", str(exc), Location(exc.path))])
    except OSError as exc:
        report.extend(
            [Diagnostic.make("GC516", f"cannot write: {exc.strerror or exc}", Location(str(exc.filename or out_dir)))]
        )
    return ExportResult(report, [], [])


def _build(
    paths: list[str],
    context: Context,
    folder: OwnedFolder,
    fmt: str,
    base: str,
    options: Options | None,
    progress: Progress | None,
    report: Report,
) -> list[Planned] | None:
    """Check every file, stage every course that has no error, then the shared files; None if staging failed."""

    def stage(result: CheckedFile) -> Staged | None:
        """Build and stage a course that validates without error; the others are reported, not exported."""
        doc = result.document
        if result.kind != "course" or doc is None or any(d.severity >= Severity.ERROR for d in result.diagnostics):
            return None
        course = doc.data
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
        staged = folder.staged_path(hashlib.sha1(result.path.encode("utf-8")).hexdigest())
        try:
            staged.write_bytes(data)
        except OSError as exc:  # a full disk, a file-size limit: reported, and nothing is committed
            result.diagnostics.append(
                Diagnostic.make("GC516", f"cannot stage the export: {exc.strerror or exc}", doc.locate(""))
            )
            return None
        link = f"courses/{course['id']}/"
        summary = site.summary(course, context.framework, link)
        return Staged(course["id"], summary, rel, str(staged), _digest(data))

    records: dict[str, Staged] = {}
    failed = False

    def collect(outcome: FileOutcome[Staged]) -> None:
        nonlocal failed
        report.add_file(outcome.path, outcome.kind)
        report.extend(outcome.diagnostics)
        failed = failed or any(d.io for d in outcome.diagnostics)
        staged = outcome.output
        if staged is not None and staged.id not in records:  # a duplicate id is reported; export the first
            records[staged.id] = staged

    report.extend(run(paths, context, options, stage, collect, progress))
    if failed:
        return None
    ordered = sorted(records.values(), key=lambda r: r.id)
    records.clear()
    if fmt == "graph":
        graph = folder.staged_path("graph.jsonld")
        write_graph(graph, ordered, context, base)
        return [Planned("graph.jsonld", str(graph), sha256_of(graph) or "")]
    planned = [Planned(r.rel, r.staged, r.digest) for r in ordered]
    for i, (rel, content) in enumerate(shared_outputs(ordered, context, fmt, base)):
        shared = folder.staged_path(f"shared-{i}")
        data = content.encode("utf-8")
        shared.write_bytes(data)
        planned.append(Planned(rel, str(shared), _digest(data)))
    return planned
