"""The pipeline behind validate, coverage and export: paths in, every file checked, one cross-file pass.

1. Discover: the files named, and `*.yaml`/`*.yml` under the folders named (sorted, hidden folders skipped,
   each file once however it is spelled).
2. Per file, in a worker process for large batches: read, parse, the checks of its kind (`checks.CHECKS`),
   then the caller's hook, which sees the whole document: coverage judges it, export builds its output.
   The document is then dropped; only a small record is kept (a course's id, a programme, which is small).
3. Files a programme lists but that were not named are read the same way, so that
4. one cross-file pass (duplicate course ids, programme listings) sees every file of the run.

Outcomes reach the caller's `on_file` in input order whatever the number of workers, as they arrive, so
callers can stream them and memory stays flat.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, NamedTuple, TypeVar

from .checks import check_document, document_kind
from .checks.cross_file import CourseEntry, RunIndex, file_key, iter_cross_file_diagnostics
from .checks.programme import listed_files, may_read
from .context import Context
from .diagnostics import Diagnostic
from .reading.document import Document, text
from .reading.files import DEFAULT_MAX_BYTES, STDIN, STDIN_NAME, YAML_SUFFIXES, FilePath, iter_files
from .reading.parse import load_path
from .report import Report

T = TypeVar("T")

#: Below this many files a worker pool costs more than it saves. benchmarks/run.py's --jobs sweep (validate
#: --jobs 1 against --jobs 2, 21 paired rounds a size, 2 cores, quiet machine; two runs on 2026-12-01, the
#: second in benchmarks/results/latest.md): two workers were faster in 20 and 19 of 21 rounds at 200 files
#: (median 6 % less time) and in every round from 400 on, but in at most 1 of 21 rounds at 50 and 100 files.
PARALLEL_THRESHOLD = 200


class Options(NamedTuple):
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int | None = None  # None: the machine's cores for batches of PARALLEL_THRESHOLD files or more
    exclude: tuple[str, ...] = ()  # glob patterns of paths (or file names) not to read
    disable: frozenset[str] = frozenset()  # codes, rule ids or rule names whose findings are dropped

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


class CheckedFile(NamedTuple):
    """One file after its checks, as a hook sees it. A hook may add to `diagnostics`."""

    path: str
    kind: str | None
    document: Document | None
    diagnostics: list[Diagnostic]


#: Runs in the worker beside the checks; what it returns must pickle (it travels back to the parent).
Hook = Callable[[CheckedFile], T | None]


class FileOutcome(Generic[T]):
    """What is kept of a file once its document is dropped: this is what travels back from a worker."""

    __slots__ = ("course", "diagnostics", "kind", "output", "path", "programme")

    def __init__(self, path: str, kind: str | None, diagnostics: list[Diagnostic], output: T | None = None) -> None:
        self.path = path
        self.kind = kind
        self.diagnostics = diagnostics
        self.output = output
        self.course: CourseEntry | None = None
        self.programme: Document | None = None

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.path, self.kind, self.diagnostics, self.output, self.course, self.programme)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.path, self.kind, self.diagnostics, self.output, self.course, self.programme = state


Progress = Callable[[int, int], None]
OnFile = Callable[[FileOutcome[T]], None]


class _Work(NamedTuple):
    context: Context
    options: Options
    hook: Hook[Any] | None


def discover(paths: Iterable[FilePath], exclude: tuple[str, ...] = ()) -> dict[str, str]:
    """The files of a run, each once (`a/../b.yaml` and `b.yaml` are one file): path -> its file_key.
    A path matching an `exclude` pattern (or whose file name does) is left out."""
    files: dict[str, str] = {}
    seen: set[str] = set()
    for path in iter_files(paths, YAML_SUFFIXES):
        if exclude and excluded(path, exclude):
            continue
        key = file_key(path)
        if key not in seen:
            seen.add(key)
            files[path] = key
    return files


def excluded(path: str, patterns: tuple[str, ...]) -> bool:
    import fnmatch

    name = os.path.basename(path)
    return any(fnmatch.fnmatch(path, p) or fnmatch.fnmatch(name, p) for p in patterns)


def kept(diagnostics: list[Diagnostic], disable: frozenset[str]) -> list[Diagnostic]:
    """Findings not switched off by code (GC406), rule id (R08) or rule name (compound-outcome)."""
    if not disable:
        return diagnostics
    return [d for d in diagnostics if not ({d.code, d.rule, d.rule_id} & disable)]


def check_file(path: str, work: _Work) -> FileOutcome[Any]:
    """One file, start to finish; runs in a worker process when the batch is parallel."""
    display = STDIN_NAME if path == STDIN else path
    loaded = load_path(path, display, work.options.max_bytes)
    doc = loaded.document
    if doc is None:
        return FileOutcome(display, None, loaded.diagnostics)
    checked = CheckedFile(display, document_kind(doc), doc, loaded.diagnostics + check_document(doc, work.context))
    output = work.hook(checked) if work.hook is not None else None
    found = capped(kept(checked.diagnostics, work.options.disable))
    outcome: FileOutcome[Any] = FileOutcome(checked.path, checked.kind, found, output)
    if checked.kind == "course":
        cid = text(doc.data, "id")
        if cid is not None:
            outcome.course = CourseEntry(cid, doc.locate("/id"), path)  # the parent resolves the path
    elif checked.kind == "programme":
        outcome.programme = doc
    return outcome


#: Findings shown per file: a 40 KB programme of 2,000 missing entries must not print megabytes.
MAX_FINDINGS_PER_FILE = 200


def capped(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The first MAX_FINDINGS_PER_FILE findings by position, and one GC114 for the rest, at the severity of
    the worst one left out, so the exit code still tells the truth."""
    if len(diagnostics) <= MAX_FINDINGS_PER_FILE:
        return diagnostics
    ordered = sorted(diagnostics, key=lambda d: d.sort_key)
    shown, rest = ordered[:MAX_FINDINGS_PER_FILE], ordered[MAX_FINDINGS_PER_FILE:]
    worst = max(d.severity for d in rest)
    summary = Diagnostic.make(
        "GC114",
        f"{len(rest):,} more findings in this file are not shown",
        rest[0].location._replace(line=0, column=0, pointer=""),
        "fix the findings above and run again",
        severity=worst,
    )
    return [*shown, summary]


_WORK: _Work | None = None  # handed to forked workers by inheritance, never pickled


def _worker_start() -> None:
    """A worker dies on SIGTERM, whatever handler its parent had: that is how a pool is terminated."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _check_chunk(paths: list[str]) -> list[FileOutcome[Any]]:
    assert _WORK is not None
    return [check_file(path, _WORK) for path in paths]


def _outcomes(files: list[str], work: _Work) -> Iterator[FileOutcome[Any]]:
    """Every file's outcome, in input order; contiguous chunks across a pool of forked workers."""
    workers = work.options.workers_for(len(files))
    if workers == 1:
        for path in files:
            yield check_file(path, work)
        return
    import multiprocessing

    global _WORK
    # small chunks keep each worker's result buffers small (workers are not recycled: a fresh fork of a
    # parent that already holds thousands of results would copy its pages as it touches them)
    size = max(8, min(64, len(files) // (workers * 8)))
    chunks = (files[i : i + size] for i in range(0, len(files), size))  # handed out as the pool asks
    _WORK = work
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_worker_start) as pool:
            for chunk in pool.imap(_check_chunk, chunks):
                yield from chunk
    finally:
        _WORK = None


def run(
    paths: Iterable[FilePath],
    context: Context,
    options: Options | None = None,
    hook: Hook[T] | None = None,
    on_file: OnFile[T] | None = None,
    progress: Progress | None = None,
) -> list[Diagnostic]:
    """Check every file of `paths` and every file a programme among them lists; hand each outcome to
    `on_file` as it arrives; return the diagnostics of the one cross-file pass."""
    work = _Work(context, options or Options(), hook)
    files = discover(paths, work.options.exclude)
    index = RunIndex()
    seen = set(files.values())
    done, total = 0, len(files)
    while files:
        listed: dict[str, str] = {}
        for outcome in _outcomes(list(files), work):
            key = files.pop(STDIN if outcome.path == STDIN_NAME else outcome.path)  # memory shrinks as it goes
            index.kinds[key] = outcome.kind
            if outcome.course is not None:
                index.add_course(outcome.course)
            if outcome.programme is not None:
                index.programmes.append(outcome.programme)
                listed.update(_unseen(outcome.programme, seen))
            if on_file is not None:
                on_file(outcome)
            done += 1
            if progress is not None:
                progress(done, total)
        files = listed
        total += len(listed)
    by_file: dict[str, list[Diagnostic]] = {}
    for d in kept(list(iter_cross_file_diagnostics(index)), work.options.disable):
        by_file.setdefault(d.location.file, []).append(d)
    return [d for found in by_file.values() for d in capped(found)]


def _unseen(programme: Document, seen: set[str]) -> dict[str, str]:
    """Course files a programme lists that the run has not read yet: path -> its file_key."""
    out = {}
    for _, _, path in listed_files(programme):
        if not may_read(programme.path, path):
            continue  # reported by the cross-file pass
        key = file_key(path)
        if key not in seen and os.path.isfile(path):
            seen.add(key)
            out[path] = key
    return out


def validate_paths(
    paths: Iterable[FilePath], context: Context, options: Options | None = None, progress: Progress | None = None
) -> Report:
    """The `validate` command as a function: every diagnostic of every file, and the cross-file pass."""
    report = Report()

    def collect(outcome: FileOutcome[None]) -> None:
        report.add_file(outcome.path, outcome.kind)
        report.extend(outcome.diagnostics)

    report.extend(run(paths, context, options, on_file=collect, progress=progress))
    return report
