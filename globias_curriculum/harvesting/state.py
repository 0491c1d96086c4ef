"""What a harvest remembers in its output folder (`.globias-harvest/`): a journal of every page's outcome, one
JSON line each, and the last body of each page, so that a later run can ask "changed since?" (ETag,
Last-Modified) and re-import an unchanged page without downloading it.

A run writes `start`, then one line per page once its course files are on disk, then `complete`. A run that
finds the last one incomplete (interrupted) resumes it: the pages that run already settled are not fetched again.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FOLDER = ".globias-harvest"


def url_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]


@dataclass
class Journal:
    folder: Path
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)  # url -> its latest record
    last_run: int = 0
    last_complete: bool = True
    settled: set[str] = field(default_factory=set)  # urls settled by the last run, when it is incomplete

    @classmethod
    def open(cls, out_dir: Path) -> Journal:
        journal = cls(out_dir / FOLDER)
        path = journal.folder / "journal.jsonl"
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError:
            lines = []
        runs: dict[int, set[str]] = {}
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a line cut by a crash: the page is simply not settled
            if not isinstance(record, dict):
                continue
            run = int(record.get("run", 0))
            if record.get("event") == "start":
                journal.last_run, journal.last_complete = run, False
                runs[run] = set()
            elif record.get("event") == "complete" and run == journal.last_run:
                journal.last_complete = True
            elif isinstance(record.get("url"), str):
                journal.pages[record["url"]] = record
                runs.setdefault(run, set()).add(record["url"])
        if not journal.last_complete:
            journal.settled = runs.get(journal.last_run, set())
        return journal

    def begin(self) -> int:
        """A new run, or the interrupted one again."""
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "pages").mkdir(exist_ok=True)
        if not self.last_complete and self.last_run:
            return self.last_run
        self.last_run += 1
        self.append([{"run": self.last_run, "event": "start"}])
        self.last_complete = False
        return self.last_run

    def append(self, records: list[dict[str, Any]]) -> None:
        if not records:
            return
        with open(self.folder / "journal.jsonl", "a", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                if "url" in record:
                    self.pages[record["url"]] = record
            handle.flush()
            os.fsync(handle.fileno())

    def finish(self, run: int) -> None:
        self.append([{"run": run, "event": "complete"}])
        self.last_complete = True

    def body(self, url: str) -> bytes | None:
        try:
            return (self.folder / "pages" / url_key(url)).read_bytes()
        except OSError:
            return None

    def keep_body(self, url: str, body: bytes) -> None:
        """The cache is only a cache: a temporary file renamed into place, never a half-written body."""
        target = self.folder / "pages" / url_key(url)
        temporary = target.with_suffix(".tmp")
        temporary.write_bytes(body)
        os.replace(temporary, target)
