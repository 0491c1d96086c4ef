"""A folder a command writes into without ever replacing a file it did not write.

The rule `export` follows (exporting/writer.py), as a reusable piece: a file in the folder is replaced only when
it does not exist, already holds exactly the new bytes, still holds exactly what this command wrote there last
time (its hash is in the folder's manifest), or with `force`. A file a person has edited since (an imported course
whose suggestions were accepted) is therefore never overwritten. Every file is written atomically.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from .atomic import write_atomically


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


class Written(NamedTuple):
    written: list[Path]
    unchanged: list[Path]


class OwnedFolder:
    """`folder` and its manifest `name` (a JSON file listing relative path -> sha256 of what was written)."""

    def __init__(self, folder: Path, manifest: str, tool: str = "globias-curriculum") -> None:
        self.folder = folder
        self.manifest = folder / manifest
        self.tool = tool

    def owned(self) -> dict[str, str]:
        try:
            files = json.loads(self.manifest.read_text(encoding="utf-8")).get("files", {})
        except (OSError, ValueError, AttributeError):
            return {}
        return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}

    def refused(self, files: Mapping[str, bytes], force: bool = False) -> list[str]:
        """The relative paths that exist, differ from the new bytes, and are not this command's unedited output."""
        if force:
            return []
        owned = self.owned()
        refused = []
        for rel, data in files.items():
            target = self.folder / rel
            if not target.exists() and not target.is_symlink():
                continue
            current = file_digest(target) if target.is_file() and not target.is_symlink() else None
            if current is None or (current != digest(data) and owned.get(rel) != current):
                refused.append(rel)
        return refused

    def write(self, files: Mapping[str, bytes]) -> Written:
        """Write every file atomically (unchanged ones are left alone) and record them in the manifest."""
        result = Written([], [])
        digests = {}
        for rel, data in files.items():
            target = self.folder / rel
            digests[rel] = digest(data)
            if target.is_file() and file_digest(target) == digests[rel]:
                result.unchanged.append(target)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, data.decode("utf-8"))
            result.written.append(target)
        manifest = {**self.owned(), **digests}
        text = json.dumps({"files": dict(sorted(manifest.items())), "tool": self.tool}, indent=2, sort_keys=True)
        write_atomically(self.manifest, text + "\n")
        return result
