"""What one run found: the files it read, what each was, and every diagnostic; the exit code, decided here.

A Report is data, not text: it writes itself as the versioned JSON document that `--format json` prints and
reads back from it (`Report.from_json`), so a registry or CI job can store a run and judge it later.
"""

from __future__ import annotations

import json
from typing import Any

from .diagnostics import Diagnostic, Severity

#: 2.0: files are objects with their kind; each diagnostic has its family and guideline rule id.
JSON_FORMAT_VERSION = "2.0"

#: Exit codes, documented in README ("Exit codes") and `--help`.
EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class Report:
    __slots__ = ("diagnostics", "files", "kinds")

    def __init__(
        self,
        files: list[str] | None = None,
        diagnostics: list[Diagnostic] | None = None,
        kinds: dict[str, str] | None = None,
    ) -> None:
        self.files: list[str] = files if files is not None else []
        self.diagnostics: list[Diagnostic] = diagnostics if diagnostics is not None else []
        self.kinds: dict[str, str] = kinds if kinds is not None else {}  # file -> course, programme, ...

    def __repr__(self) -> str:
        return f"Report({len(self.files)} file(s), {len(self.diagnostics)} diagnostic(s))"

    def add_file(self, path: str, kind: str | None) -> None:
        self.files.append(path)
        if kind is not None:
            self.kinds[path] = kind

    def extend(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=lambda d: d.sort_key)

    def exit_code(self, fail_on: Severity = Severity.ERROR) -> int:
        """0 clean, 1 findings at or above `fail_on`, 2 when a file could not be read or written."""
        if any(d.io for d in self.diagnostics):
            return EXIT_USAGE
        if any(d.severity >= fail_on for d in self.diagnostics):
            return EXIT_FINDINGS
        return EXIT_CLEAN

    def counts(self) -> dict[str, int]:
        out = {str(s): 0 for s in Severity}
        for d in self.diagnostics:
            out[str(d.severity)] += 1
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": JSON_FORMAT_VERSION,
            "files": [{"path": f, "kind": self.kinds.get(f)} for f in self.files],
            "summary": self.counts(),
            "diagnostics": [d.as_dict() for d in self.sorted()],
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        if str(data.get("version", "")).split(".")[0] != JSON_FORMAT_VERSION.split(".")[0]:
            raise ValueError(f"report format {data.get('version')!r} is not {JSON_FORMAT_VERSION}")
        report = cls()
        for entry in data.get("files") or ():
            report.add_file(str(entry["path"]), entry.get("kind"))
        report.diagnostics = [Diagnostic.from_dict(d) for d in data.get("diagnostics") or ()]
        return report

    @classmethod
    def from_json(cls, text: str) -> Report:
        return cls.from_dict(json.loads(text))
