"""A new course file, written atomically and never over an existing one unless asked to."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from ..writing.atomic import write_atomically


def write_new_course(path: Path, text: str, force: bool = False) -> None:
    """Write `text` to `path` through a temporary file renamed into place.

    Raises FileExistsError when something is at `path` and not `force`; FileNotFoundError when its folder does
    not exist (a mistyped folder is not created); `RefusedTarget` (writing.atomic) when `force` would replace a
    link, device or folder; OSError when the folder is not writable.
    """
    if not force and os.path.lexists(path):
        raise FileExistsError(errno.EEXIST, "exists; not replaced (--force replaces it)", str(path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder (create it first)", str(folder))
    write_atomically(path, text)
