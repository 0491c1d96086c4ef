"""A folder this tool writes many files into and owns file by file: an export (or an import) target.

Rules that hold whatever the folder holds or whoever else is writing into it:
- one run at a time: an exclusive lock on `.globias.lock`; a second run is refused, not interleaved;
- a file is replaced only if this tool wrote it (its digest is in the manifest or in the journal of an
  interrupted run), if it already holds exactly the new bytes, or when the caller forces it; a symlink, a
  FIFO, a device or a folder in its place is never replaced, even when forced;
- nothing is written outside the folder: every path is relative, has no `..`, and no folder on the way to
  it may be a symlink;
- nothing half-done is left: files are built in a staging folder inside the folder (same file system, so a
  rename is atomic); before the first rename a journal lists every file about to change, so a run killed
  between renames leaves files the next run knows as its own; the manifest is written last.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from .atomic import write_atomically

LOCK = ".globias.lock"
JOURNAL_SUFFIX = ".pending"
STAGING_PREFIX = ".globias-staging-"
_STAGING_MARK = ".globias-staging"


class FolderError(Exception):
    """The folder cannot be used: locked by another run, not writable, or a path would leave it."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


class Planned(NamedTuple):
    """One file to put in place: where it goes (relative), where it is staged, and its sha256."""

    rel: str
    staged: str
    digest: str


class Refusal(NamedTuple):
    rel: str
    reason: str


def sha256_of(path: str | Path) -> str | None:
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 16), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def _read_table(path: Path) -> dict[str, str]:
    """A manifest or journal: {"files": {rel: digest}}. Anything unreadable or odd counts as empty."""
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError, RecursionError):
        return {}
    if not isinstance(files, dict):
        return {}
    return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)}


def safe_relative(rel: str) -> bool:
    parts = rel.split("/")
    return bool(rel) and not rel.startswith("/") and all(p not in ("", ".", "..") for p in parts) and "\\" not in rel


class OwnedFolder:
    """Use as a context manager: lock, stage, check, commit, clean up."""

    def __init__(self, root: Path, manifest: str, reserved: frozenset[str] = frozenset()) -> None:
        self.root = root
        self.manifest = root / manifest
        self.journal = root / (manifest + JOURNAL_SUFFIX)
        self.reserved = reserved | {LOCK, manifest, manifest + JOURNAL_SUFFIX}
        self.staging: Path | None = None
        self._lock_fd: int | None = None
        self.owned: dict[str, str] = {}

    def __enter__(self) -> OwnedFolder:
        try:
            if self.root.is_symlink():
                raise FolderError("the output folder is a symbolic link; give the folder it points to", str(self.root))
            self.root.mkdir(parents=True, exist_ok=True)
            self._lock()
            self._remove_stale_staging()
            self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.root))
            (self.staging / _STAGING_MARK).touch()
        except OSError as exc:
            self.__exit__(None, None, None)
            raise FolderError(f"cannot write: {exc.strerror or exc}", str(exc.filename or self.root)) from None
        except FolderError:
            self.__exit__(None, None, None)
            raise
        # files an interrupted run was putting in place are ours too, with the digest it meant to write
        self.owned = {**_read_table(self.manifest), **_read_table(self.journal)}
        return self

    def __exit__(self, *exc: object) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # releases the lock
            self._lock_fd = None

    def _lock(self) -> None:
        fd = os.open(self.root / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise FolderError(
                "another run is writing into this folder; wait for it to finish", str(self.root)
            ) from None
        self._lock_fd = fd

    def _remove_stale_staging(self) -> None:
        """Staging folders left by a run that was killed; only ours (they carry a mark), never followed."""
        for stale in self.root.glob(f"{STAGING_PREFIX}*"):
            if not stale.is_symlink() and stale.is_dir() and (stale / _STAGING_MARK).is_file():
                shutil.rmtree(stale, ignore_errors=True)

    def staged_path(self, name: str) -> Path:
        assert self.staging is not None, "use the folder as a context manager"
        return self.staging / name

    def target(self, rel: str) -> Path:
        """Where `rel` goes, refusing any path that could leave the folder or land on what is not ours."""
        if not safe_relative(rel) or rel.split("/")[0] in self.reserved:
            raise FolderError(f"{rel!r} is not a name this tool may write", str(self.root / rel))
        path = self.root
        for part in rel.split("/"):
            path = path / part
            with contextlib.suppress(FileNotFoundError):
                if stat.S_ISLNK(os.lstat(path).st_mode):
                    raise FolderError("a symbolic link inside the output folder; not followed", str(path))
        return path

    def refusals(self, planned: list[Planned], force: bool) -> list[Refusal]:
        """What may not be replaced. Special files and links are refused even with `force`."""
        out = []
        for item in planned:
            try:
                path = self.target(item.rel)
            except FolderError as exc:
                out.append(Refusal(item.rel, str(exc)))
                continue
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                continue
            if not stat.S_ISREG(mode):
                out.append(Refusal(item.rel, "exists and is not a regular file; not replaced"))
                continue
            if force:
                continue
            current = sha256_of(path)
            if current is None or (current != item.digest and self.owned.get(item.rel) != current):
                out.append(Refusal(item.rel, "exists and was not written by this tool; not overwritten"))
        return out

    def commit(
        self, planned: list[Planned], move: Callable[[str, Path], None] | None = None
    ) -> tuple[list[str], list[str]]:
        """Put every staged file in place; return (written, unchanged) relative paths."""
        move = move or (lambda source, target: os.replace(source, target))
        changing = []
        unchanged = []
        for item in planned:
            if sha256_of(self.target(item.rel)) == item.digest:
                unchanged.append(item.rel)
            else:
                changing.append(item)
        write_atomically(self.journal, _table({i.rel: i.digest for i in changing}))
        written = []
        for item in changing:
            path = self.target(item.rel)  # checked again: nothing may have become a link meanwhile
            path.parent.mkdir(parents=True, exist_ok=True)
            move(item.staged, path)
            written.append(item.rel)
        manifest = {**_read_table(self.manifest), **{i.rel: i.digest for i in planned}}
        write_atomically(self.manifest, _table(manifest))
        self.journal.unlink(missing_ok=True)
        return written, unchanged


def _table(files: dict[str, str]) -> Iterator[str]:
    """The manifest as JSON, an entry at a time (it lists every file of a 10,000-course export)."""
    yield '{\n  "files": {'
    for i, (rel, digest) in enumerate(sorted(files.items())):
        yield ("," if i else "") + f"\n    {json.dumps(rel)}: {json.dumps(digest)}"
    yield '\n  },\n  "tool": "globias-curriculum"\n}\n'
