"""The harvest itself: expand the sources, fetch pages through a bounded window of threads (results handled in
source order, so course ids are the same on every run), import each page, write in batches, journal each page."""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..importing.bioschemas import drafts_from_read
from ..importing.common import Environment
from ..importing.render import render
from ..jsonld.reader import read_raw
from ..reading.files import display_path
from ..writing.owned import OwnedFolder
from .client import Client, Response, Settings
from .sources import (
    MAX_SITEMAP_DEPTH,
    is_url,
    looks_like_tess_export,
    normalise,
    saved_pages,
    sitemap_urls,
    tess_export_urls,
)
from .state import Journal

MANIFEST = ".globias-harvest.json"
BATCH = 200  # course files written (and pages journalled) together
PAGE_TYPES = ("html", "json", "xml", "text/plain")

Progress = Callable[[int, int], None]


@dataclass
class HarvestSummary:
    """What a harvest found, skipped and failed, and why; counts of pages unless said otherwise."""

    pages: int = 0  # pages considered
    with_courses: int = 0
    courses: int = 0  # course files written or already up to date
    written: int = 0
    unchanged: int = 0  # pages the server said were not modified (304)
    resumed: int = 0  # pages an interrupted run had settled, not fetched again
    requests: int = 0
    skipped: dict[str, list[str]] = field(default_factory=dict)  # reason -> urls
    failed: dict[str, list[str]] = field(default_factory=dict)
    interrupted: bool = False

    def skip(self, reason: str, url: str) -> None:
        self.skipped.setdefault(reason, []).append(url)

    def fail(self, reason: str, url: str) -> None:
        self.failed.setdefault(reason, []).append(url)

    def exit_code(self) -> int:
        """0 every page settled; 1 some failed; 2 nothing could be harvested at all."""
        if self.pages and not self.with_courses and self.failed:
            return 2
        return 1 if self.failed else 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": "1.0",
            "pages": self.pages, "with_courses": self.with_courses, "courses": self.courses,
            "written": self.written, "unchanged": self.unchanged, "resumed": self.resumed,
            "requests": self.requests, "interrupted": self.interrupted,
            "skipped": {k: sorted(v) for k, v in sorted(self.skipped.items())},
            "failed": {k: sorted(v) for k, v in sorted(self.failed.items())},
        }  # fmt: skip

    def lines(self, limit: int = 5) -> Iterator[str]:
        yield (f"{self.pages} page(s): {self.with_courses} with courses ({self.courses} course file(s), "
               f"{self.written} written), {self.unchanged} not modified since the last run, "
               f"{self.resumed} settled before an interruption, "
               f"{sum(map(len, self.skipped.values()))} skipped, {sum(map(len, self.failed.values()))} failed; "
               f"{self.requests} request(s)")  # fmt: skip
        for title, table in (("skipped", self.skipped), ("failed", self.failed)):
            for reason, urls in sorted(table.items(), key=lambda kv: (-len(kv[1]), kv[0])):
                shown = ", ".join(sorted(urls)[:limit]) + (
                    f" and {len(urls) - limit} more" if len(urls) > limit else ""
                )
                yield f"  {title} {len(urls)}: {reason}: {shown}"


@dataclass
class _Page:
    url: str
    response: Response | None = None
    robots: bool = True
    local: str | None = None  # a saved page on disk


class _Writer:
    """Course files and journal lines, flushed together every BATCH files: a journalled page's files exist."""

    def __init__(self, out_dir: Path, journal: Journal, summary: HarvestSummary, force: bool) -> None:
        self.folder = OwnedFolder(out_dir, MANIFEST)
        self.out_dir = out_dir
        self.journal = journal
        self.summary = summary
        self.force = force
        self.files: dict[str, bytes] = {}
        self.records: list[dict[str, Any]] = []

    def add(self, files: dict[str, bytes], record: dict[str, Any]) -> None:
        self.files.update(files)
        self.records.append(record)
        if len(self.files) >= BATCH or len(self.records) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.files:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            refused = set(self.folder.refused(self.files, self.force))
            for name in refused:
                self.summary.fail("a file harvest did not write is in the way (use --force)", name)
                del self.files[name]
            written = self.folder.write(self.files)
            self.summary.written += len(written.written)
        self.journal.append(self.records)
        self.files, self.records = {}, []


def harvest_sources(
    sources: list[str],
    out_dir: Path,
    environment: Environment,
    settings: Settings | None = None,
    workers: int = 4,
    force: bool = False,
    progress: Progress | None = None,
) -> HarvestSummary:
    settings = settings or Settings()
    client = Client(settings)
    summary = HarvestSummary()
    journal = Journal.open(out_dir)
    run = journal.begin()
    pages = _expand(sources, client, summary)
    writer = _Writer(out_dir, journal, summary, force)
    used: set[str] = set()
    seen_final: dict[str, str] = {}
    seen_body: dict[str, str] = {}
    todo: list[_Page] = []
    for page in pages:
        record = journal.pages.get(page.url)
        if page.url in journal.settled and record is not None and record.get("run") == run:
            summary.resumed += 1
            used.update(record.get("ids", []))
            summary.courses += len(record.get("ids", []))
            summary.with_courses += bool(record.get("ids"))
            continue
        todo.append(page)
    summary.pages = len(pages)
    done = summary.resumed
    try:
        for page in _fetch_all(todo, client, journal, workers, summary):
            _settle(page, run, environment, journal, writer, summary, used, seen_final, seen_body)
            page.response = None  # the body is on disk now: memory must not grow with the pages seen
            done += 1
            if progress is not None:
                progress(done, len(pages))
        writer.flush()
        journal.finish(run)
    except KeyboardInterrupt:
        summary.interrupted = True
        writer.flush()  # what is settled stays settled: the next run resumes after it
        raise
    return summary


def _expand(sources: list[str], client: Client, summary: HarvestSummary) -> list[_Page]:
    """Every page the sources name, once each, in order."""
    pages: list[_Page] = []
    listed: set[str] = set()

    def add(page: _Page, as_listed: str | None = None) -> None:
        key = page.local or normalise(page.url)
        if key in listed:
            summary.skip("listed twice", as_listed or page.url)
            return
        listed.add(key)
        pages.append(page)

    def visit(url: str, depth: int) -> None:
        if not client.allowed(url):
            summary.skip("robots.txt forbids it", url)
            return
        response = client.get(url)
        summary.requests += response.attempts
        found = sitemap_urls(response.body) if response.status == 200 else None
        if found is None:
            add(_Page(normalise(url), response))
            return
        kind, locs = found
        for loc in locs:
            if not is_url(loc):
                summary.skip("not an http(s) address in a sitemap", loc)
            elif kind == "sitemapindex" and depth < MAX_SITEMAP_DEPTH:
                visit(loc, depth + 1)
            else:
                add(_Page(normalise(loc)), loc)

    for source in sources:
        if is_url(source):
            visit(source, 0)
        elif os.path.isdir(source):
            for path in saved_pages(source):
                add(_Page(display_path(path), local=path))
        elif looks_like_tess_export(source):
            for url in tess_export_urls(source):
                add(_Page(normalise(url)))
        else:
            add(_Page(display_path(source), local=source))
    return pages


def _fetch(page: _Page, client: Client, journal: Journal) -> _Page:
    if page.local is not None or page.response is not None:
        return page
    if not client.allowed(page.url):
        page.robots = False
        return page
    record = journal.pages.get(page.url) or {}
    cached = record.get("etag"), record.get("last_modified")
    known = any(cached) and journal.body(page.url) is not None
    page.response = client.get(page.url, conditional=cached if known else None)
    return page


def _fetch_all(
    pages: list[_Page], client: Client, journal: Journal, workers: int, summary: HarvestSummary
) -> Iterator[_Page]:
    """Pages fetched `workers` at a time, handed back in their order; never more than a small window ahead."""
    window: deque[Future[_Page]] = deque()
    queue = iter(pages)
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="harvest") as pool:
        try:
            for page in queue:
                window.append(pool.submit(_fetch, page, client, journal))
                if len(window) >= workers * 4:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
        finally:
            for future in window:
                future.cancel()


def _settle(
    page: _Page, run: int, env: Environment, journal: Journal, writer: _Writer, summary: HarvestSummary,
    used: set[str], seen_final: dict[str, str], seen_body: dict[str, str],
) -> None:  # fmt: skip
    """One page: skipped, failed, or imported; then journalled."""
    record: dict[str, Any] = {"run": run, "url": page.url}
    if not page.robots:
        summary.skip("robots.txt forbids it", page.url)
        writer.add({}, {**record, "status": "skipped"})
        return
    if page.local is not None:
        try:
            body = Path(page.local).read_bytes()
        except OSError as exc:
            summary.fail(f"cannot read: {exc.strerror or exc}", page.url)
            return
        final, date, response = page.url, env.today, None
    else:
        response = page.response
        assert response is not None
        summary.requests += response.attempts
        previous = journal.pages.get(page.url) or {}
        if response.status == 304:
            cached = journal.body(page.url)
            if cached is None:
                summary.fail("not modified, but no copy is cached", page.url)
                return
            body, final, date = cached, previous.get("final_url", page.url), previous.get("fetched", env.today)
            summary.unchanged += 1
        elif response.status == 200:
            body, final, date = response.body, normalise(response.final_url), env.today
            kind = response.content_type.split(";")[0].strip().lower()
            if kind and not any(t in kind for t in PAGE_TYPES):
                summary.skip(f"not a page ({kind})", page.url)
                writer.add({}, {**record, "status": "skipped"})
                return
        else:
            summary.fail(response.error or f"HTTP {response.status}", page.url)
            writer.add({}, {**record, "status": "failed", "reason": response.error})
            return
        if final != page.url and final in seen_final:
            summary.skip(f"redirects to a page already harvested ({seen_final[final]})", page.url)
            writer.add({}, {**record, "status": "skipped"})
            return
        seen_final[final] = page.url
        if response.status == 200:
            journal.keep_body(page.url, body)
            record.update(etag=response.etag, last_modified=response.last_modified)
        else:
            record.update(etag=previous.get("etag"), last_modified=previous.get("last_modified"))
        record.update(final_url=final, fetched=date)
    digest = hashlib.sha256(body).hexdigest()
    if digest in seen_body:
        summary.skip(f"the same content as {seen_body[digest]}", page.url)
        writer.add({}, {**record, "status": "skipped"})
        return
    seen_body[digest] = page.url
    base = final if is_url(final) else "https://example.com"
    read = read_raw(body, final, base)
    fetched = f"Harvested from {final} on {date}." if is_url(final) else None
    drafts, problems = drafts_from_read(read, env, final, used, page_url=final if is_url(final) else None,
                                        fetched=fetched)  # fmt: skip
    if not drafts:
        codes = {d.code for d in problems}
        reason = "TeSS cannot read it" if codes & {"GC520", "GC105", "GC106", "GC107"} else "no course on the page"
        (summary.fail if reason.startswith("TeSS") else summary.skip)(reason, page.url)
        writer.add({}, {**record, "status": "skipped", "reason": reason})
        return
    files = {d.file_name: render(d).encode("utf-8") for d in drafts}
    summary.with_courses += 1
    summary.courses += len(files)
    writer.add(files, {**record, "status": "found", "ids": [d.id for d in drafts]})
