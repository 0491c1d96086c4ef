"""What an importer produces: a course or programme as plain data plus the comments a person needs beside it.

A `Draft` is format-neutral, so every importer (NEUBIAS, GTN, Carpentries, and the Bioschemas reader the lead
plugs in later) hands the same thing to one renderer. Values are only what the source says; where it says
nothing, the field is absent and `todo` holds the line telling the organiser what to add.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Item:
    """A list entry (an outcome, a prerequisite, a module...) with the comment lines written above it."""

    value: Any
    comments: list[str] = field(default_factory=list)


@dataclass
class Draft:
    """One output file. `fields` in any order (the renderer orders them); `notes[key]` are comment lines written
    where `key` is (or would be): explanations, and TODOs for what the source lacks."""

    kind: str  # course | programme
    id: str
    header: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)  # display paths of every file read for it

    @property
    def file_name(self) -> str:
        return f"{self.id}.yaml"

    def set(self, key: str, value: Any, *notes: str) -> None:
        """Set a field the source gives; empty values are left out (an empty list is not a declaration here)."""
        if value in (None, "", [], {}):
            return
        self.fields[key] = value
        self.note(key, *notes)

    def note(self, key: str, *lines: str) -> None:
        self.notes.setdefault(key, []).extend(line for line in lines if line)

    def todo(self, key: str, what: str) -> None:
        """`key` is missing from the source: say what to add."""
        self.note(key, f"TODO: {key}: {what}")

    def statements(self) -> list[str]:
        return [i.value["statement"] for i in self.fields.get("learning_outcomes", []) if isinstance(i, Item)]
