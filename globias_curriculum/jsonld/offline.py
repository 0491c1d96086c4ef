"""JSON-LD processing with no network: the schema.org context ships with the package; nothing else loads.

Imports pyld and rdflib lazily: they cost ~0.5 s and belong to export checks only, never to `validate`.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

SCHEMA_ORG_CONTEXTS = {
    "http://schema.org",
    "http://schema.org/",
    "https://schema.org",
    "https://schema.org/",
    "http://schema.org/docs/jsonldcontext.json",
    "https://schema.org/docs/jsonldcontext.json",
    "http://schema.org/docs/jsonldcontext.jsonld",
    "https://schema.org/docs/jsonldcontext.jsonld",
}


class RemoteContextRefused(Exception):
    """A document asked for a context we do not ship; we never fetch one."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


@functools.cache
def schema_org_context() -> dict[str, Any]:
    """schema.org release 30.0's context (CC BY-SA 3.0, schema.org)."""
    path = Path(__file__).resolve().parent.parent / "data" / "schemaorg-context-30.0.jsonld"
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


@functools.cache
def schema_org_terms() -> frozenset[str]:
    """Every term schema.org 30.0 defines; `@vocab` would silently mint anything else."""
    return frozenset(k for k in schema_org_context()["@context"] if not k.startswith("@"))


def document_loader(url: str, options: Any = None) -> dict[str, Any]:
    if url.rstrip("#") in SCHEMA_ORG_CONTEXTS:
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": schema_org_context(),
            # a tag lets pyld keep the resolved context across calls: without it, every script of a page
            # re-resolved and re-canonicalised the 3,000-term context (23 ms each)
            "tag": "static",
        }
    raise RemoteContextRefused(url)


def to_nquads(document: Any) -> str:
    from pyld import jsonld

    return str(jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": document_loader}))
