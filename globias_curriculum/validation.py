"""Paths in, a Report out: find the files, load each, run the checks for its kind, then the cross-file checks.

One file at a time, keeping only what the cross-file checks need, so memory stays flat on large batches.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checks.catalogue import iter_framework_diagnostics, iter_guideline_diagnostics
from .checks.collection import iter_duplicate_course_ids, iter_programme_diagnostics
from .checks.course import iter_course_diagnostics
from .checks.structure import iter_structure_diagnostics
from .diagnostics import Diagnostic, Report
from .framework import Framework, GuidelineSet, load_framework_document, load_guidelines_document
from .loading import DEFAULT_MAX_BYTES, Document, load_path
from .schema import KINDS
from .suggest import did_you_mean

YAML_SUFFIXES = (".yaml", ".yml")


class ConfigurationError(Exception):
    """The framework or guideline file itself is broken: the run cannot judge anything (exit 2)."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("invalid framework or guidelines")
        self.diagnostics = diagnostics


@dataclass
class Context:
    framework: Framework
    guidelines: GuidelineSet


def load_context(framework_path: Path | None = None, guidelines_path: Path | None = None) -> Context:
    """The embedded data is validated by the test suite; a user's own files are validated here, every run."""
    fw_doc, problems = load_framework_document(framework_path)
    if fw_doc is not None and framework_path is not None:
        problems += check_document(fw_doc, None)
    if fw_doc is None or _errors(problems):
        raise ConfigurationError(problems)
    framework = Framework.from_document(fw_doc)
    gl_doc, problems = load_guidelines_document(guidelines_path)
    if gl_doc is not None and (guidelines_path is not None or framework_path is not None):
        problems += check_document(gl_doc, Context(framework, GuidelineSet(gl_doc)), expect="guidelines")
    if gl_doc is None or _errors(problems):
        raise ConfigurationError(problems)
    return Context(framework, GuidelineSet.from_document(gl_doc))


def _errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity.name == "ERROR" for d in diagnostics)


def iter_files(paths: Iterable[Path], suffixes: tuple[str, ...]) -> Iterator[Path]:
    """Files as given; directories recursed for `suffixes` in sorted order, skipping hidden folders.

    Symlinked folders are not followed, so a link loop cannot trap the walk.
    """
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(suffixes) and not name.startswith("."):
                        yield Path(root) / name
        else:
            yield path


def iter_yaml_files(paths: Iterable[Path]) -> Iterator[Path]:
    return iter_files(paths, YAML_SUFFIXES)


def guess_kind(data: dict[str, object]) -> str:
    if "areas" in data or "levels" in data:
        return "framework"
    if "rules" in data:
        return "guidelines"
    if "courses" in data:
        return "programme"
    return "course"


def check_document(doc: Document, context: Context | None, expect: str | None = None) -> list[Diagnostic]:
    """Every diagnostic for one loaded document. With no context (checking a framework) only its own checks."""
    data = doc.data
    if not isinstance(data, dict):
        return [Diagnostic.make("GC112", "the document must be a mapping of keys to values", doc.locate(""))]
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:  # a list or mapping here is not hashable
        guess = expect or guess_kind(data)
        if kind is None:
            message, hint = "missing top-level `kind`", f"add `kind: {guess}` at the top"
            loc = doc.locate("")
        else:
            message = f"unknown document kind {kind!r}"
            hint = did_you_mean(str(kind), KINDS) or f"kinds: {', '.join(KINDS)}"
            loc = doc.locate("/kind")
        return [Diagnostic.make("GC113", message, loc, hint)]
    out = list(iter_structure_diagnostics(doc, str(kind)))
    if kind == "framework":
        out += iter_framework_diagnostics(doc)
    elif context is None:
        pass
    elif kind == "course":
        out += iter_course_diagnostics(doc, context.framework, context.guidelines)
    elif kind == "guidelines":
        out += iter_guideline_diagnostics(doc, context.framework)
    return out


@dataclass
class FileResult:
    path: str
    kind: str | None
    diagnostics: list[Diagnostic]
    document: Document | None = None  # kept only for documents the cross-file checks need
    extra: Any = None  # what the caller's `visit` made of the whole document


#: Below this many files a worker pool costs more than it saves. benchmarks/run.py's sweep, three runs on
#: 2 cores: two workers won from 400 files in two runs and from 800 in the third, never below 200.
PARALLEL_THRESHOLD = 500


@dataclass
class Options:
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int | None = None  # None: the machine's cores for batches of PARALLEL_THRESHOLD files or more

    def workers_for(self, files: int) -> int:
        if self.jobs is None:
            cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
            wanted = cores if files >= PARALLEL_THRESHOLD else 1
        else:
            wanted = self.jobs
        wanted = max(1, min(wanted, files))
        if wanted == 1:
            return 1
        import multiprocessing  # only when a pool could be needed: it is not free to import

        if "fork" not in multiprocessing.get_all_start_methods():
            return 1  # the workers inherit the loaded framework by fork; elsewhere run serially
        return wanted


def check_file(path: Path, context: Context, options: Options) -> FileResult:
    result = load_path(path, str(path), options.max_bytes)
    if result.document is None:
        return FileResult(str(path), None, result.diagnostics)
    doc = result.document
    diagnostics = result.diagnostics + check_document(doc, context)
    kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
    return FileResult(str(path), kind if isinstance(kind, str) and kind in KINDS else None, diagnostics, doc)


def _slim(doc: Document) -> Document:
    """A course reduced to what the cross-file checks read: its id and where the id is."""
    data = doc.data
    keep = {k: data[k] for k in ("kind", "id") if k in data}
    positions: dict[str, tuple[int, int]] = {p: doc.positions[p] for p in ("", "/id") if p in doc.positions}
    keys: dict[str, tuple[int, int]] = {p: doc.key_positions[p] for p in ("/id",) if p in doc.key_positions}
    return Document(doc.path, keep, positions, keys)


@dataclass
class Validation:
    report: Report
    results: list[FileResult] = field(default_factory=list)


Visit = Callable[[FileResult], Any]
Progress = Callable[[int, int], None]


def _process(path: Path, context: Context, options: Options, visit: Visit | None) -> FileResult:
    """One file, start to finish; runs in a worker process when the batch is parallel."""
    result = check_file(path, context, options)
    if visit is not None:
        result.extra = visit(result)
    if result.document is not None and result.kind == "course":
        result.document = _slim(result.document)
    elif result.kind != "programme":
        result.document = None
    return result


_WORK: tuple[Context, Options, Visit | None] | None = None  # handed to forked workers, never pickled


def _run_chunk(paths: list[Path]) -> list[FileResult]:
    assert _WORK is not None
    context, options, visit = _WORK
    return [_process(path, context, options, visit) for path in paths]


def _parallel(
    files: list[Path], workers: int, work: tuple[Context, Options, Visit | None], progress: Progress | None
) -> list[FileResult]:
    """Contiguous chunks, results in input order: the report is identical to a serial run's."""
    import multiprocessing

    global _WORK
    # small chunks keep each worker's result buffers small (workers are not recycled: a fresh fork of a
    # parent that already holds thousands of results would copy its pages as it touches them)
    size = max(8, min(64, len(files) // (workers * 8)))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    results: list[FileResult] = []
    _WORK = work
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for chunk in pool.imap(_run_chunk, chunks):
                results.extend(chunk)
                if progress is not None:
                    progress(len(results), len(files))
    finally:
        _WORK = None
    return results


def validate_paths(
    paths: Iterable[Path],
    context: Context,
    options: Options | None = None,
    visit: Visit | None = None,
    progress: Progress | None = None,
) -> Validation:
    """Check every file. `visit` sees each whole document before it is dropped (its return value is kept as
    `FileResult.extra`), so memory stays flat; with several workers it runs in the worker.

    Programme documents are kept in the results (they are small and coverage reads them); courses keep only
    their id for the cross-file checks, and nothing else is kept.
    """
    options = options or Options()
    files = list(iter_yaml_files(paths))
    workers = options.workers_for(len(files))
    if workers > 1:
        results = _parallel(files, workers, (context, options, visit), progress)
    else:
        results = []
        for path in files:
            results.append(_process(path, context, options, visit))
            if progress is not None:
                progress(len(results), len(files))
    report = Report()
    for result in results:
        report.files.append(result.path)
        report.extend(result.diagnostics)
    report.extend(list(iter_cross_file_diagnostics(results, context)))
    for r in results:
        if r.kind == "course":
            r.document = None
    return Validation(report, results)


def iter_cross_file_diagnostics(results: list[FileResult], context: Context) -> Iterator[Diagnostic]:
    courses = [r.document for r in results if r.kind == "course" and r.document is not None]
    yield from iter_duplicate_course_ids(courses)
    known = {str(d.data.get("id")) for d in courses if isinstance(d.data.get("id"), str)}
    for r in results:
        if r.kind == "programme" and r.document is not None:
            yield from iter_programme_diagnostics(r.document, context.framework, known, Path(r.path).parent)
