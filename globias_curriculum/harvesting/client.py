"""A polite HTTP client: robots.txt, a per-host rate limit, timeouts, retries with backoff, conditional requests.

Standard library only (urllib): the harvest needs GET, redirects, a few headers and timeouts, which urllib has;
a third-party client would add a dependency for nothing this code uses. Each request is one call of `fetch`,
safe to make from several threads: the per-host pacing is shared, the global concurrency is the caller's pool.
"""

from __future__ import annotations

import contextlib
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

PROJECT_URL = "https://github.com/GloBIAS-BioimageAnalysts/globias-curriculum"


def user_agent(version: str) -> str:
    """Names the project and its version, so a publisher knows who is calling and where to complain."""
    return f"globias-curriculum-harvest/{version} (+{PROJECT_URL})"


USER_AGENT = user_agent("unknown")
ROBOTS_AGENT = "globias-curriculum-harvest"
RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Settings:
    rate: float = 1.0  # requests per second to one host
    timeout: float = 20.0  # seconds, per attempt
    retries: int = 3  # further attempts after a failure that may pass (timeouts, 429, 5xx)
    backoff: float = 1.0  # seconds before the first retry; doubled each time
    max_bytes: int = 5_000_000
    user_agent: str = USER_AGENT


@dataclass
class Response:
    url: str  # the address asked for
    final_url: str  # after redirects
    status: int  # 200, 304, an error status, or 0 when no response came
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""
    error: str | None = None  # why it failed, for the summary
    attempts: int = 1


@dataclass
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_at: float = 0.0
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_checked: bool = False
    delay: float = 0.0  # robots.txt Crawl-delay, when longer than our own pacing


class _NoRedirectToOtherSchemes(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            return None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Client:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()
        self._opener = urllib.request.build_opener(_NoRedirectToOtherSchemes())

    def _host(self, url: str) -> _Host:
        key = urllib.parse.urlsplit(url).netloc.lower()
        with self._lock:
            return self._hosts.setdefault(key, _Host())

    def _pace(self, url: str) -> None:
        """Wait for this host's turn: at most `rate` requests a second (or robots.txt's Crawl-delay)."""
        host = self._host(url)
        interval = max(1.0 / self.settings.rate if self.settings.rate > 0 else 0.0, host.delay)
        with host.lock:
            now = time.monotonic()
            wait = host.next_at - now
            host.next_at = max(now, host.next_at) + interval
        if wait > 0:
            time.sleep(wait)

    def allowed(self, url: str) -> bool:
        """robots.txt of the URL's host, fetched once (RFC 9309: unavailable 4xx allows all, 5xx or no answer
        disallows all, for this run)."""
        host = self._host(url)
        with host.lock:
            checked = host.robots_checked
        if not checked:
            parts = urllib.parse.urlsplit(url)
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            response = self.get(robots_url, conditional=None, check_robots=False)
            parser = urllib.robotparser.RobotFileParser(robots_url)
            if response.status == 200:
                parser.parse(response.body.decode("utf-8", "replace").splitlines())
            elif 400 <= response.status < 500:
                parser.parse([])  # nothing forbidden
            else:
                parser.parse(["User-agent: *", "Disallow: /"])
            delay = parser.crawl_delay(ROBOTS_AGENT)
            with host.lock:
                host.robots, host.robots_checked = parser, True
                host.delay = float(delay) if delay else 0.0
        return bool(host.robots and host.robots.can_fetch(ROBOTS_AGENT, url))

    def get(
        self, url: str, conditional: tuple[str | None, str | None] | None = None, check_robots: bool = True
    ) -> Response:
        """GET with retries; `conditional` is (ETag, Last-Modified) of the cached copy."""
        headers = {"User-Agent": self.settings.user_agent, "Accept": "text/html,application/ld+json,"
                   "application/json;q=0.9,application/xml;q=0.8,*/*;q=0.5"}  # fmt: skip
        if conditional:
            etag, modified = conditional
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        attempt = 0
        while True:
            attempt += 1
            self._pace(url)
            response = self._once(url, headers)
            response.attempts = attempt
            retry = response.status in RETRY_STATUSES or response.status == 0
            if not retry or attempt > self.settings.retries:
                return response
            time.sleep(self._backoff(attempt, response))

    def _backoff(self, attempt: int, response: Response) -> float:
        wait = self.settings.backoff * 2 ** (attempt - 1)
        retry_after = response.error or ""
        if retry_after.startswith("retry-after "):
            with contextlib.suppress(ValueError):
                wait = max(wait, min(120.0, float(retry_after.split()[1])))
        return float(wait)

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        request = urllib.request.Request(url, headers=headers)
        try:
            with self._opener.open(request, timeout=self.settings.timeout) as reply:
                body = reply.read(self.settings.max_bytes + 1)
                if len(body) > self.settings.max_bytes:
                    return Response(url, reply.geturl(), 0, error=f"larger than {self.settings.max_bytes:,} bytes")
                return Response(
                    url, reply.geturl(), reply.status, body, reply.headers.get("ETag"),
                    reply.headers.get("Last-Modified"), reply.headers.get("Content-Type", ""),
                )  # fmt: skip
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Response(url, exc.geturl() or url, 304, etag=exc.headers.get("ETag"),
                                last_modified=exc.headers.get("Last-Modified"))  # fmt: skip
            retry_after = exc.headers.get("Retry-After") if exc.headers else None
            error = f"HTTP {exc.code} {exc.reason}"
            if retry_after:
                error = f"retry-after {_seconds(retry_after)} ({error})"
            return Response(url, exc.geturl() or url, exc.code, error=error)
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return Response(url, url, 0, error=f"{type(reason).__name__}: {reason}"[:200])


def _seconds(value: str) -> str:
    if value.strip().isdigit():
        return value.strip()
    try:
        when = parsedate_to_datetime(value)
        return str(max(0, int(when.timestamp() - time.time())))
    except (TypeError, ValueError):
        return "0"
