"""Reading source files: bounded and decoded text, Jekyll front matter with located YAML problems, and where a
checkout came from (its repository and commit), so that every imported file can say what it was made from.
"""

from __future__ import annotations

import os
import re
import subprocess
from typing import Any, NamedTuple

from ..diagnostics import Diagnostic, Location
from ..reading.files import decode, display_path, read_bytes
from ..reading.parse import load_text

MAX_BYTES = 5_000_000
#: Front matter: a first line `---`, YAML, a line `---` that may end the file without a newline
#: (NEUBIAS _modules/sampling.md does).
_FRONT = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)(?:^|\n)---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


class Text(NamedTuple):
    path: str  # as read (an OS path)
    display: str  # as shown in diagnostics and comments
    text: str


class Page(NamedTuple):
    """A Markdown page: its front matter as data (empty when it has none), and its body."""

    path: str
    display: str
    meta: dict[str, Any]
    body: str
    has_front_matter: bool


def read_text(path: str, display: str | None = None) -> tuple[Text | None, list[Diagnostic]]:
    shown = display or display_path(path)
    raw, problems = read_bytes(path, shown, MAX_BYTES)
    if raw is None:
        return None, problems
    text, problems = decode(raw, shown)
    if text is None:
        return None, problems
    return Text(path, shown, text.replace("\r\n", "\n")), []


def read_page(path: str, display: str | None = None) -> tuple[Page | None, list[Diagnostic]]:
    """Front matter and body; a front matter that is not a YAML mapping is reported where it is broken."""
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    match = _FRONT.match(text.text)
    if match is None:
        return Page(text.path, text.display, {}, text.text, False), []
    body = text.text[match.end() :]
    source = match.group("yaml")
    if not source.strip():
        return Page(text.path, text.display, {}, body, True), []
    loaded = load_text(source, text.display)
    shifted = [_shift(d, 1) for d in loaded.diagnostics]
    if loaded.document is None:
        return None, shifted
    data = loaded.document.data
    if not isinstance(data, dict):
        where = Location(text.display, 2, 1)
        return None, [Diagnostic.make("GC112", "the front matter is not a mapping of keys to values", where)]
    errors = [d for d in shifted if d.severity.name == "ERROR"]
    if errors:
        return None, errors
    return Page(text.path, text.display, data, body, True), []


def _shift(diagnostic: Diagnostic, lines: int) -> Diagnostic:
    loc = diagnostic.location
    return diagnostic._replace(location=loc._replace(line=loc.line + lines if loc.line else loc.line))


class Origin(NamedTuple):
    """Where a checkout came from. `repository` is an https URL; `commit` a full hash; both may be unknown."""

    root: str
    repository: str | None
    commit: str | None
    dirty: bool

    def describe(self, read_on: str) -> str:
        if self.repository and self.commit:
            where = f"{self.repository} at commit {self.commit}"
            return where + (" (with local changes)" if self.dirty else "")
        if self.repository:
            return f"{self.repository} (commit unknown; read on {read_on})"
        shown = os.path.relpath(self.root)
        shown = self.root if shown.startswith("..") else shown
        return f"the folder {display_path(shown)} (not a git checkout; read on {read_on})"


def _git(root: str, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", root, *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def https_url(remote: str) -> str | None:
    """git@github.com:o/r.git, ssh://git@host/o/r, https://host/o/r.git -> https://host/o/r."""
    remote = remote.strip()
    m = re.match(r"^(?:ssh://)?git@([^:/]+)[:/](.+?)(?:\.git)?/?$", remote)
    if m:
        return f"https://{m.group(1)}/{m.group(2)}"
    m = re.match(r"^https?://(?:[^@/]+@)?([^/]+)/(.+?)(?:\.git)?/?$", remote)
    if m:
        return f"https://{m.group(1)}/{m.group(2)}"
    return None


def origin(root: str, repository: str | None = None, commit: str | None = None) -> Origin:
    """The checkout's own repository and commit, if `root` is the top of a git work tree (a folder inside some
    other repository, such as a test fixture, is not); `repository`/`commit` say it for copies without git."""
    found_repo = found_commit = None
    dirty = False
    top = _git(root, "rev-parse", "--show-toplevel")
    if top and os.path.realpath(top) == os.path.realpath(root):
        found_commit = _git(root, "rev-parse", "HEAD")
        remote = _git(root, "config", "--get", "remote.origin.url")
        found_repo = https_url(remote) if remote else None
        dirty = bool(_git(root, "status", "--porcelain"))
    return Origin(root, repository or found_repo, commit or found_commit, dirty and commit is None)


def find_root(path: str, marker: tuple[str, ...]) -> str | None:
    """The nearest folder at or above `path` that holds every name in `marker`."""
    here = os.path.abspath(path if os.path.isdir(path) else os.path.dirname(path) or ".")
    while True:
        if all(os.path.exists(os.path.join(here, m)) for m in marker):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def relative(path: str, root: str) -> str:
    return os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
