"""A headless Chromium driven over the DevTools protocol, for measuring what a person sees.

Our pages forbid scripts (a Content-Security-Policy), so a page cannot report its own layout; the DevTools
protocol evaluates in the page from outside, which the policy does not govern. Chromium speaks the protocol
over two pipes (`--remote-debugging-pipe`: it reads commands on fd 3 and writes replies on fd 4, each message
JSON ended by a NUL byte), so no WebSocket client is needed.

    with Browser() as browser:
        page = browser.open(path.as_uri(), width=390, height=844)
        page.evaluate("document.title")
        page.screenshot(tmp_path / "phone.png", full_page=True)
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
TIMEOUT = 60.0  # seconds for any one reply


class BrowserError(RuntimeError):
    """Chromium answered a command with an error, closed the pipe, or took too long."""


class Browser:
    """One Chromium process; `open` gives a fresh tab per page."""

    def __init__(self) -> None:
        assert CHROMIUM, "chromium is missing: .ci/run installs the Debian package"
        self._profile = tempfile.mkdtemp(prefix="globias-chromium-")
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()
        # the child's ends moved above fd 4, so that wiring them to 3 and 4 cannot overwrite one with the other
        child_read = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD_CLOEXEC, 10)
        child_write = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_browser_read)
        os.close(from_browser_write)

        def wire_pipes() -> None:  # in the child: fd 3 is what Chromium reads, fd 4 what it writes (inherited)
            os.dup2(child_read, 3)
            os.dup2(child_write, 4)

        self._process = subprocess.Popen(
            [CHROMIUM, *FLAGS, "--remote-debugging-pipe", f"--user-data-dir={self._profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire_pipes,  # the tests start no threads, so forking with it is safe
            close_fds=False,  # keep 3 and 4; every other descriptor Python opens is close-on-exec
        )
        os.close(child_read)
        os.close(child_write)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(BrowserError, OSError):
            self.send("Browser.close")
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self._profile, ignore_errors=True)

    def _receive(self, deadline: float) -> dict[str, Any]:
        import select

        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("no reply from Chromium in time")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    raise BrowserError("Chromium closed the DevTools pipe")
                self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        data: dict[str, Any] = json.loads(message)
        return data

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """Send one command and wait for its reply; events that arrive meanwhile are kept for `wait_for`."""
        self._next_id += 1
        command: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            command["sessionId"] = session
        os.write(self._to_browser, json.dumps(command).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._receive(deadline)
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            if "method" in message:
                self._events.append(message)

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while True:
            for i, event in enumerate(self._events):
                if event["method"] == method and event.get("sessionId") == session:
                    del self._events[i]
                    return event
            message = self._receive(deadline)
            if "method" in message:
                self._events.append(message)

    def open(self, url: str, width: int = 1280, height: int = 900) -> Page:
        """`url` loaded in a new tab whose viewport is `width` x `height` CSS pixels (scale 1, no touch)."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, target, session, width, height)
        self.send("Page.enable", session=session)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
            session,
        )
        self.send("Page.navigate", {"url": url}, session)
        self.wait_for("Page.loadEventFired", session)
        return page


class Page:
    """A loaded tab: evaluate expressions in it, take screenshots."""

    def __init__(self, browser: Browser, target: str, session: str, width: int, height: int) -> None:
        self.browser, self.target, self.session, self.width, self.height = browser, target, session, width, height

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (returned by value, so JSON-like)."""
        reply = self.browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, self.session)
        if "exceptionDetails" in reply:
            raise BrowserError(f"{expression[:60]}...: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def screenshot(self, path: Path, full_page: bool = False, top: float = 0, height: float | None = None) -> Path:
        """A PNG of the viewport; of the whole page (`full_page`, at most 16,000 px); or of `height` CSS pixels
        of the page from `top`, at the viewport's width."""
        params: dict[str, Any] = {"format": "png"}
        if full_page or top or height:
            page_height = self.evaluate("document.documentElement.scrollHeight")
            height = min(height or page_height - top, page_height - top, 16000)
            params["clip"] = {"x": 0, "y": top, "width": self.width, "height": height, "scale": 1}
            params["captureBeyondViewport"] = True
        data = self.browser.send("Page.captureScreenshot", params, self.session)["data"]
        path.write_bytes(base64.b64decode(data))
        return path
