"""GC3xx across the files of one run: course ids are unique; programmes list courses that are in the run.

The runner keeps a `RunIndex` (a few fields per course, whole programmes, which are small) and calls
`iter_cross_file_diagnostics` once, after every file, including those a programme lists, has been read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import NamedTuple

from ..diagnostics import Diagnostic, Location
from ..hints import did_you_mean, quoted
from ..reading.document import Document, strings
from ..reading.files import YAML_SUFFIXES
from .programme import listed_files, may_read


def file_key(path: str) -> str:
    """One key per file however it is reached (`a/../b.yaml`, a symlink, a hard link): its device and inode.

    A stat is several times cheaper than `os.path.realpath`, which looks at every component of the path.
    """
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return os.path.abspath(path)
    return f"{st.st_dev}:{st.st_ino}"


class CourseEntry(NamedTuple):
    """What the cross-file pass needs of a course: its id, where the id is written, and its file."""

    id: str
    location: Location
    file: str  # its file_key


class RunIndex:
    """What the runner keeps of every file for the cross-file pass: little, so memory stays flat.

    Duplicate course ids are found as courses arrive (only the first use of each id is kept); programmes
    are kept whole (they are small) and judged once every file has been read.
    """

    __slots__ = ("duplicates", "first_use", "kinds", "programmes")

    def __init__(self) -> None:
        self.first_use: dict[str, tuple[str, int]] = {}  # course id -> (file, line) of its first use
        self.duplicates: list[Diagnostic] = []
        self.programmes: list[Document] = []
        self.kinds: dict[str, str | None] = {}  # file_key -> kind (None: not read)

    def add_course(self, course: CourseEntry) -> None:
        first = self.first_use.get(course.id)
        if first is None:
            self.first_use[course.id] = (course.location.file, course.location.line)
            return
        self.duplicates.append(
            Diagnostic.make(
                "GC304",
                f"course id {quoted(course.id)} is already used",
                course.location,
                hint=f"first used in {first[0]}:{first[1]}",
            )
        )


def iter_cross_file_diagnostics(index: RunIndex) -> Iterator[Diagnostic]:
    yield from index.duplicates
    ids = set(index.first_use)
    for programme in index.programmes:
        yield from _programme_entries(programme, index, ids)


def _programme_entries(doc: Document, index: RunIndex, ids: set[str]) -> Iterator[Diagnostic]:
    """An entry is the id of a course in the run, or a course file relative to the programme."""
    files = {pointer: path for pointer, _, path in listed_files(doc)}
    for pointer, entry in strings(doc.data, "courses"):
        if entry in ids:
            continue
        path = files.get(pointer)
        kind = index.kinds.get(file_key(path)) if path is not None else None
        if kind == "course":
            continue
        if path is not None and not may_read(doc.path, path):
            message = f"programme lists {quoted(entry)}, outside its folder and its repository; it is not read"
            hint = "list course files inside the repository that holds the programme"
        elif path is not None and file_key(path) == file_key(doc.path):
            message, hint = f"programme lists itself ({quoted(entry)})", "list course files or course ids"
        elif kind is not None:
            message, hint = (
                f"programme lists {quoted(entry)}, which is a {kind}, not a course",
                "list course files only",
            )
        elif entry.lower().endswith(YAML_SUFFIXES):
            message = f"programme lists {quoted(entry)}, which is not a course file of this run"
            hint = "check the path: it is relative to the programme file"
        else:
            message = f"programme lists {quoted(entry)}, which is not the id of a course in this run"
            hint = did_you_mean(entry, ids) or "give the course file, or check the id"
        yield Diagnostic.make("GC316", message, doc.locate(pointer), hint)
