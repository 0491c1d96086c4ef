"""One file written atomically: a temporary file beside it, flushed, then renamed over it.

A rename replaces whatever the name points at, so the target is looked at first: only a regular file (or
nothing) is replaced. A symlink, a FIFO, a device such as /dev/null, or a folder is refused.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path


class RefusedTarget(Exception):
    """The target exists and is not a regular file; writing would replace something that is not ours."""


def check_target(path: Path) -> None:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode):
        raise RefusedTarget(f"{path} is a symbolic link; not replaced (write to the file it points to instead)")
    if not stat.S_ISREG(st.st_mode):
        raise RefusedTarget(f"{path} exists and is not a regular file (a device, FIFO, socket or folder); not replaced")


def _mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(target: str | os.PathLike[str], text: str | Iterable[str]) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it over `path`.

    `text` may be an iterable of chunks, so a large report is never held whole in memory.
    """
    import tempfile  # not on the validate path

    path = Path(target)
    check_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, _mode(path))  # mkstemp makes 0600; give the file the mode a plain open() would
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            for chunk in [text] if isinstance(text, str) else text:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        check_target(path)  # again: it may have been replaced by a link while we wrote
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
