"""`harvest` against a loopback server (127.0.0.1 only, in a thread of the test process) that serves an exported
site of generated courses and real published pages from tests/fixtures/registry/, with a sitemap index,
robots.txt rules, slow, failing and flaky pages, redirects, duplicates and ETags."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

import globias_curriculum as gc
from benchmarks.landscape_corpus import courses, yaml_text

from .conftest import FIXTURES, ROOT

pytestmark = pytest.mark.loopback
CORPUS = FIXTURES / "registry" / "corpus"
#: Real pages served under /registry/, and the titles of the courses each must give (read from the files).
REAL_PAGES = {
    "tre__ebi-course-face-to-face.json": 1,
    "schemaorg__eg-0333-jsonld.html": 1,
    "tess-gtn__galaxy-intro-101.html": 1,
}
GENERATED = 40
FAST = {"rate": 500.0, "workers": 4, "timeout": 1.0, "retries": 1, "backoff": 0.05, "today": "2026-12-01"}


class Site:
    """The server's content and its log of requests: (path, If-None-Match header)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.log: list[tuple[str, str | None]] = []
        self.flaky_failed = False
        self.lock = threading.Lock()
        self.port = 0
        self.extra: list[str] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def sitemaps(self) -> None:
        index = "".join(f"<sitemap><loc>{self.base}{name}</loc></sitemap>" for name in ("sitemap.xml", "extra.xml"))
        (self.root / "index.xml").write_text(
            f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{index}'
            "</sitemapindex>", encoding="utf-8")  # fmt: skip
        locs = "".join(f"<url><loc>{self.base}{path}</loc></url>" for path in self.extra)
        (self.root / "extra.xml").write_text(
            f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>',
            encoding="utf-8",
        )


def handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def send(
            self, status: int, body: bytes = b"", kind: str = "text/html", headers: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            for key, value in {"Content-Type": kind, "Content-Length": str(len(body)), **(headers or {})}.items():
                self.send_header(key, value)
            self.end_headers()
            if self.command == "GET":
                with contextlib.suppress(BrokenPipeError):  # the harvest gave up on a slow page, as it should
                    self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            with site.lock:
                site.log.append((path, self.headers.get("If-None-Match")))
            if path == "/robots.txt":
                return self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            if path.startswith("/slow/"):
                time.sleep(3)
                return self.send(200, b"<html>late</html>")
            if path.startswith("/fail/"):
                return self.send(500, b"broken")
            if path.startswith("/flaky/"):
                with site.lock:
                    first, site.flaky_failed = not site.flaky_failed, True
                if first:
                    return self.send(503, b"busy", headers={"Retry-After": "0"})
                path = "/courses/gen-00003/"
            if path.startswith("/redirect/"):
                return self.send(301, headers={"Location": f"{site.base}courses/{path.rsplit('/', 2)[-2]}/"})
            if path.startswith("/registry/"):
                file = CORPUS / path.removeprefix("/registry/")
            else:
                file = site.root / path.lstrip("/")
                if file.is_dir():
                    file = file / "index.html"
            if not file.is_file():
                return self.send(404, b"not found")
            body = file.read_bytes()
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                return self.send(304, headers={"ETag": etag})
            kind = {".xml": "application/xml", ".json": "application/json"}.get(file.suffix, "text/html")
            return self.send(200, body, kind, {"ETag": etag})

    return Handler


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    content = Site(tmp_path / "site")
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler(content))
    content.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield content
    server.shutdown()
    server.server_close()


def export_generated(site: Site, tmp_path: Path, n: int = GENERATED) -> list[dict[str, Any]]:
    generated = courses(n)
    folder = tmp_path / "yaml"
    folder.mkdir()
    for course in generated:
        (folder / f"{course['id']}.yaml").write_text(yaml_text(course), encoding="utf-8")
    gc.export([folder], site.root, base_url=site.base, format="html")
    return generated


def build(site: Site, tmp_path: Path) -> list[dict[str, Any]]:
    generated = export_generated(site, tmp_path)
    site.extra = [
        *(f"registry/{name}" for name in REAL_PAGES),
        "private/secret/", "slow/page/", "fail/page/", "flaky/page/",
        "redirect/gen-00001/",  # a redirect to a page the sitemap also lists
        "courses/gen-00002/", "courses/gen-00002/#again",  # listed twice
    ]  # fmt: skip
    site.sitemaps()
    return generated


def page_requests(site: Site) -> list[tuple[str, str | None]]:
    return [(p, etag) for p, etag in site.log if not p.endswith(".xml") and p != "/robots.txt"]


def titles(folder: Path) -> list[str]:
    return sorted(yaml.safe_load(p.read_text(encoding="utf-8"))["title"] for p in folder.glob("*.yaml"))


def test_the_harvest_finds_exactly_the_courses_it_should_and_says_why_of_the_rest(site: Site, tmp_path: Path) -> None:
    generated = build(site, tmp_path)
    out = tmp_path / "out"
    summary = gc.harvest([site.base + "index.xml"], out, **FAST)  # type: ignore[arg-type]
    found = titles(out)
    expected_generated = sorted(c["title"] for c in generated)
    assert [t for t in found if t.startswith("Generated course")] == expected_generated
    real = [t for t in found if not t.startswith("Generated course")]
    assert len(real) == sum(REAL_PAGES.values())
    assert "HNC Accounting" in real
    # robots.txt: the private page is never asked for
    assert not any(p.startswith("/private/") for p, _ in site.log)
    assert summary.skipped["robots.txt forbids it"] == [site.base + "private/secret/"]
    # failures survive with their reason; the flaky page passes on its retry
    assert summary.failed.keys() == {"HTTP 500 Internal Server Error", "TimeoutError: timed out"} or any(
        "timed out" in reason for reason in summary.failed
    )
    assert [u for r, urls in summary.failed.items() if "500" in r for u in urls] == [site.base + "fail/page/"]
    assert [u for r, urls in summary.failed.items() if "timed out" in r for u in urls] == [site.base + "slow/page/"]
    assert site.log.count(("/fail/page/", None)) == 2  # one retry
    assert sorted(summary.skipped["listed twice"]) == [
        site.base + "courses/gen-00002/",
        site.base + "courses/gen-00002/#again",
    ]
    assert any(r.startswith("redirects to a page already harvested") for r in summary.skipped)
    assert any(r.startswith("the same content as") for r in summary.skipped)  # the flaky page is gen-00003's
    assert summary.exit_code() == 1
    lines = "\n".join(summary.lines())
    assert "failed 1: HTTP 500" in lines and "skipped 1: robots.txt forbids it" in lines
    # every harvested file says where and when it was fetched, and validates
    text = (out / "gen-00005.yaml").read_text(encoding="utf-8")
    assert f"# Harvested from {site.base}courses/gen-00005/ on 2026-12-01." in text
    assert gc.validate([out]).counts()["error"] == 0


def test_a_second_run_asks_with_etags_and_downloads_nothing_unchanged(site: Site, tmp_path: Path) -> None:
    build(site, tmp_path)
    out = tmp_path / "out"
    gc.harvest([site.base + "index.xml"], out, **FAST)  # type: ignore[arg-type]
    before = {p.name: p.read_bytes() for p in out.glob("*.yaml")}
    site.log.clear()
    summary = gc.harvest([site.base + "index.xml"], out, **FAST)  # type: ignore[arg-type]
    pages = page_requests(site)
    conditional = {p for p, etag in pages if etag is not None}
    assert {f"/courses/gen-{i:05d}/" for i in range(GENERATED)} <= conditional
    assert {f"/registry/{name}" for name in REAL_PAGES} <= conditional
    # only the failing pages, and the target of a redirect skipped last time, are asked for unconditionally
    plain = {p for p, etag in pages if etag is None}
    assert plain <= {"/slow/page/", "/fail/page/", "/flaky/page/", "/redirect/gen-00001/", "/courses/gen-00001/"}
    assert summary.unchanged >= GENERATED and summary.written == 0
    assert {p.name: p.read_bytes() for p in out.glob("*.yaml")} == before


def test_an_interrupted_harvest_resumes_without_fetching_again(site: Site, tmp_path: Path) -> None:
    export_generated(site, tmp_path)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "globias_curriculum", "harvest", site.base + "sitemap.xml", "-o", str(out),
               "--workers", "1", "--suggestions", "0"]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([*command, "--rate", "8"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 30
    while len(page_requests(site)) < 12 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert b"run the same command again to resume" in stderr
    journal = [json.loads(line) for line in (out / ".globias-harvest" / "journal.jsonl").read_text().splitlines()]
    settled = {r["url"] for r in journal if "url" in r}
    assert 5 <= len(settled) < GENERATED
    first = {p for p, _ in page_requests(site)}
    site.log.clear()
    done = subprocess.run([*command, "--rate", "200", "--format", "json"], capture_output=True, env=env, timeout=60,
                          check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    again = {p for p, _ in page_requests(site)}
    assert not {site.base.rstrip("/") + p for p in again} & settled  # nothing settled is fetched again
    assert again and first
    report = json.loads(done.stdout)
    assert report["resumed"] == len(settled)
    assert len(list(out.glob("*.yaml"))) == GENERATED


def test_harvesting_the_exported_catalogue_reproduces_its_landscape(site: Site, tmp_path: Path) -> None:
    gc.export([ROOT / "courses"], site.root, base_url=site.base, format="html")
    out = tmp_path / "out"
    summary = gc.harvest([site.base + "sitemap.xml"], out, **FAST)  # type: ignore[arg-type]
    assert summary.failed == {}
    assert gc.landscape_report([out]).data == gc.landscape_report([ROOT / "courses"]).data


def test_a_tess_export_file_and_a_folder_of_saved_pages(site: Site, tmp_path: Path) -> None:
    export_generated(site, tmp_path, 3)
    export = tmp_path / "tess.json"
    records = [{"type": "events", "attributes": {"url": url}} for url in (f"{site.base}courses/gen-00001/", "mailto:x")]
    export.write_text(json.dumps({"data": records}))
    saved = tmp_path / "saved"
    saved.mkdir()
    (saved / "page.html").write_bytes((CORPUS / "schemaorg__eg-0333-rdfa.html").read_bytes())
    out = tmp_path / "out"
    summary = gc.harvest([str(export), str(saved)], out, **FAST)  # type: ignore[arg-type]
    assert sorted(titles(out)) == ["Generated course 1", "HNC Accounting"]
    assert [p for p, _ in page_requests(site)] == ["/courses/gen-00001/"]
    assert summary.courses == 2
