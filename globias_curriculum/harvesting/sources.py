"""What a harvest SOURCE names: a sitemap (or sitemap index) URL, a page URL, a TeSS JSON API export file
(its records' `url`s are the pages to visit), or a folder of saved pages (read from disk, no network)."""

from __future__ import annotations

import json
import os
import re
import urllib.parse
from typing import Any
from xml.etree import ElementTree

_LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>", re.IGNORECASE)
MAX_SITEMAP_DEPTH = 3


def is_url(source: str) -> bool:
    return urllib.parse.urlsplit(source).scheme in ("http", "https")


def normalise(url: str) -> str:
    """One spelling per page: no fragment, a lower-case scheme and host."""
    parts = urllib.parse.urlsplit(url.strip())
    return urllib.parse.urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def sitemap_urls(body: bytes) -> tuple[str, list[str]] | None:
    """("urlset" or "sitemapindex", its <loc>s) when `body` is a sitemap, else None. Parsed as XML without
    entities or DTDs (ElementTree does not resolve external entities); a broken sitemap falls back to <loc>s."""
    head = body[:2048].lstrip().lower()
    if not (head.startswith(b"<?xml") or head.startswith(b"<urlset") or head.startswith(b"<sitemapindex")):
        return None
    if b"<!doctype" in head or b"<!entity" in body[:65536].lower():
        return None
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        text = body.decode("utf-8", "replace")
        kind = "sitemapindex" if "<sitemapindex" in text[:2048] else "urlset"
        return kind, _LOC.findall(text)
    kind = root.tag.rsplit("}", 1)[-1]
    if kind not in ("urlset", "sitemapindex"):
        return None
    locs = [(e.text or "").strip() for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "loc"]
    return kind, [loc for loc in locs if loc]


def tess_export_urls(path: str) -> list[str]:
    """The `url` of every record of a TeSS JSON API export (JSON:API `data[].attributes.url`, a list of
    records, or `{"events"|"materials": [...]}`)."""
    with open(path, encoding="utf-8") as handle:
        data: Any = json.load(handle)
    records: list[Any] = []
    if isinstance(data, dict):
        for key in ("data", "events", "materials"):
            if isinstance(data.get(key), list):
                records += data[key]
    elif isinstance(data, list):
        records = data
    out = []
    for record in records:
        if not isinstance(record, dict):
            continue
        inner = record.get("attributes")
        attributes: dict[str, Any] = inner if isinstance(inner, dict) else record
        url = attributes.get("url")
        if isinstance(url, str) and is_url(url):
            out.append(url)
    return out


def saved_pages(folder: str) -> list[str]:
    from ..importing.bioschemas import iter_sources

    return sorted(iter_sources([folder]))


def looks_like_tess_export(path: str) -> bool:
    return os.path.isfile(path) and path.lower().endswith(".json")
