"""A programme document on its own: its entry requirements, and where each course it lists lives.

Whether the listed courses exist and are courses is a cross-file question (`cross_file`); the runner reads
every listed file before that pass, so it sees them whether or not they were named on the command line.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Diagnostic
from ..reading.document import Document, items, strings
from ..reading.files import YAML_SUFFIXES
from .references import iter_prerequisite_diagnostics


def iter_programme_diagnostics(doc: Document, context: Context) -> Iterator[Diagnostic]:
    for pointer, prereq in items(doc.data, "entry_requirements"):
        yield from iter_prerequisite_diagnostics(doc, context.framework, pointer, prereq)


def listed_files(doc: Document) -> Iterator[tuple[str, str, str]]:
    """(pointer, entry, path) for each entry that names a YAML file, relative to the programme's folder."""
    base = os.path.dirname(doc.path)
    for pointer, entry in strings(doc.data, "courses"):
        if entry.lower().endswith(YAML_SUFFIXES):
            yield pointer, entry, os.path.join(base, entry)


def may_read(programme_path: str, listed: str) -> bool:
    """A programme may list files in its own folder and below, or anywhere in the git repository it belongs
    to (the nearest folder above it that holds `.git`); `../../etc/passwd` or an absolute path elsewhere is
    reported, never read."""
    target = os.path.realpath(listed)
    folder = os.path.realpath(os.path.dirname(programme_path) or ".")
    roots = [folder]
    probe = folder
    while True:
        if os.path.exists(os.path.join(probe, ".git")):
            roots.append(probe)
            break
        parent = os.path.dirname(probe)
        if parent == probe:
            break
        probe = parent
    return any(target == root or target.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
