"""Finding the files a run reads, and reading one as bounded, decoded text; problems become Diagnostics."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from ..diagnostics import Diagnostic, Location
from .lines import line_and_column

#: Paths are plain strings on the validate path: importing pathlib costs a pre-commit hook 3 ms at every start.
FilePath = str | os.PathLike[str]

DEFAULT_MAX_BYTES = 1_000_000
STDIN = "-"  # a path that means standard input
STDIN_NAME = "<stdin>"  # how findings in it are located
# what was read from standard input, and from which stream: a stream can be read only once, but the findings
# quote its lines afterwards; a new stream (a library caller or test swapping sys.stdin) is read afresh
_stdin: list[tuple[object, bytes]] = []


def stdin_text() -> str | None:
    """What this run read from standard input, or None if it read nothing from the current stream."""
    import sys

    if _stdin and _stdin[0][0] is sys.stdin.buffer:
        return _stdin[0][1].decode("utf-8", "replace")
    return None


def _stdin_bytes(limit: int) -> bytes:
    import sys

    stream = sys.stdin.buffer
    if not _stdin or _stdin[0][0] is not stream:
        _stdin[:] = [(stream, _read_at_most(stream, limit))]
    return _stdin[0][1]


YAML_SUFFIXES = (".yaml", ".yml")


def display_path(path: str) -> str:
    """`./courses//a.yaml` shown as `courses/a.yaml` (as pathlib would), without touching `..`."""
    while path.startswith("./") and len(path) > 2:
        path = path[2:]
    while "//" in path:
        path = path.replace("//", "/")
    return path


def iter_files(paths: Iterable[FilePath], suffixes: tuple[str, ...]) -> Iterator[str]:
    """Files as given; directories recursed for `suffixes` in sorted order, skipping hidden folders.

    Symlinked folders are not followed, so a link loop cannot trap the walk. A folder that cannot be listed
    (no permission, a path longer than the system allows) is yielded itself, so that reading it reports why
    (GC108, exit 2) instead of the walk skipping it in silence.
    """
    for given in paths:
        path = os.fspath(given)
        if path != STDIN and os.path.isdir(path):
            yield from _walk(path, suffixes)
        else:
            yield path


def _walk(top: str, suffixes: tuple[str, ...]) -> Iterator[str]:
    unlisted: list[str] = []

    def failed(exc: OSError) -> None:
        unlisted.append(str(exc.filename or top))

    for root, dirs, files in os.walk(top, followlinks=False, onerror=failed):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(suffixes) and not name.startswith("."):
                yield display_path(os.path.join(root, name))
        while unlisted:
            yield display_path(unlisted.pop())
    while unlisted:
        yield display_path(unlisted.pop())


def read_bytes(path: FilePath, display: str, max_bytes: int) -> tuple[bytes | None, list[Diagnostic]]:
    """Read a regular file of at most `max_bytes`; FIFOs and devices are refused before they can block."""
    where = Location(display)
    if os.fspath(path) == STDIN:
        raw = _stdin_bytes(max_bytes + 1)
        if len(raw) > max_bytes:
            return None, [Diagnostic.make("GC107", f"standard input is over the limit of {max_bytes:,} bytes", where)]
        return raw, []
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            os.scandir(path).close()  # raises the reason the walk could not list it
            return None, [Diagnostic.make("GC108", "a folder that cannot be read", where)]
        if not stat.S_ISREG(st.st_mode):
            return None, [Diagnostic.make("GC108", "not a regular file (a FIFO, a device or a socket)", where)]
        if st.st_size > max_bytes:
            return None, [
                Diagnostic.make(
                    "GC107",
                    f"file is {st.st_size:,} bytes, over the limit of {max_bytes:,}",
                    where,
                    hint="split the file, or raise the limit with --max-bytes",
                )
            ]
        with open(path, "rb") as handle:
            raw = _read_at_most(handle, max_bytes + 1)
    except OSError as exc:
        return None, [Diagnostic.make("GC108", f"cannot read: {exc.strerror or exc}", where)]
    if len(raw) > max_bytes:  # it grew while we looked
        return None, [Diagnostic.make("GC107", f"file is over the limit of {max_bytes:,} bytes", where)]
    return raw, []


def _read_at_most(handle: BinaryIO, limit: int) -> bytes:
    """Up to `limit` bytes, a block at a time: `read(limit)` would allocate the whole limit up front."""
    blocks: list[bytes] = []
    total = 0
    while total < limit:
        block = handle.read(min(1 << 20, limit - total))
        if not block:
            break
        blocks.append(block)
        total += len(block)
    return b"".join(blocks)


def decode(raw: bytes, display: str) -> tuple[str | None, list[Diagnostic]]:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") or raw[:4] in (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00"):
        return None, [
            Diagnostic.make(
                "GC105",
                "file is UTF-16 or UTF-32 (it starts with a byte-order mark)",
                Location(display, 1, 1),
                hint="save it as UTF-8",
            )
        ]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, _ = line_and_column(raw, nul)
        return None, [Diagnostic.make("GC106", "file holds NUL bytes: it looks binary", Location(display, line, 1))]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = line_and_column(raw, exc.start)
        return None, [
            Diagnostic.make(
                "GC105",
                f"invalid UTF-8: byte 0x{raw[exc.start]:02x} cannot start or continue a character",
                Location(display, line, column),
                hint="save the file as UTF-8",
            )
        ]
    return text.removeprefix("\ufeff"), []
