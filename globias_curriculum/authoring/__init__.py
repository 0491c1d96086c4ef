"""Start a course file right: the commented template `globias-curriculum init` writes, the checks each answer
gets as it is typed, and where the editor schemas are.

`render_course(answers, framework, schema)` is the template text: a `# yaml-language-server: $schema=...`
modeline on its first line, then every course field with a comment saying what it is and what it accepts; the
fields not answered stay as commented examples. `check_answer` judges one answer with the checks `validate`
runs, on a course that holds only that answer. `write_new_course` writes the text atomically and never over an
existing file unless asked to.
"""

from __future__ import annotations

from .answers import Answers, Outcome, check_answer, check_course, check_text, parse_ids, parse_list, slug_from
from .editor import SCHEMA_KINDS, editor_schema_path, published_schema_url
from .template import render_course
from .writer import write_new_course

__all__ = [
    "SCHEMA_KINDS",
    "Answers",
    "Outcome",
    "check_answer",
    "check_course",
    "check_text",
    "editor_schema_path",
    "parse_ids",
    "parse_list",
    "published_schema_url",
    "render_course",
    "slug_from",
    "write_new_course",
]
