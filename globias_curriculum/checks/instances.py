"""GC325: course instances that share a url with the course or with each other.

Registries such as ELIXIR TeSS de-duplicate events, courses and course instances by url, keeping one
record: a second edition published at the same address disappears from the registry without a word. The
exporter writes urls as published; this check says so before a registry does.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..diagnostics import Diagnostic
from ..hints import quoted
from ..reading.document import Document, items, text


def iter_instance_diagnostics(doc: Document, context: Context) -> Iterator[Diagnostic]:
    course_url = text(doc.data, "url")
    seen: dict[str, int] = {}
    for index, (pointer, instance) in enumerate(items(doc.data, "instances"), start=1):
        url = text(instance, "url")
        if not url:
            continue
        if url in seen:
            yield Diagnostic.make(
                "GC325",
                f"instance {index} has the url of instance {seen[url]} ({quoted(url)}); registries that "
                "de-duplicate by url keep only one of them",
                doc.locate(f"{pointer}/url"),
                "give each edition the address of its own page, or leave `url` out of the later one",
            )
            continue
        seen[url] = index
        if url == course_url and len(list(items(doc.data, "instances"))) > 1:
            yield Diagnostic.make(
                "GC325",
                f"instance {index} has the course's own url; with several instances, registries that "
                "de-duplicate by url keep only one of them",
                doc.locate(f"{pointer}/url"),
                "give each edition the address of its own page",
            )
