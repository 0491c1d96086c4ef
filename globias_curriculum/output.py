"""Writing files so that a failed or interrupted run never leaves a partial one behind."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def _mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(path: Path, text: str | Iterable[str]) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it over `path`.

    `text` may be an iterable of chunks, so a large report is never held whole in memory.
    """
    import tempfile  # not on the validate path

    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, _mode(path))  # mkstemp makes 0600; give the file the mode a plain open() would
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            for chunk in [text] if isinstance(text, str) else text:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
