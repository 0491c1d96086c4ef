"""The editor schemas, held to the real yaml-language-server: completions and located errors as an editor sees them.

The server (the npm package `yaml-language-server`, pinned in .ci/run, installed under .node/) is started once
for the module and driven over its stdio LSP protocol, as VS Code's YAML extension drives it. Course files name
the installed schema in their first line, `# yaml-language-server: $schema=<path>`, exactly as `init --schema`
writes it. Skipped only when node is absent; with node but without the server the tests fail and say how to
install it.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from globias_curriculum.authoring import editor_schema_path

from .conftest import ROOT, SHIPPED_COURSES

SERVER_VERSION = "1.25.0"  # the version .ci/run installs
SERVER = ROOT / ".node" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
INSTALL = f"npm install --prefix .node yaml-language-server@{SERVER_VERSION}"
TIMEOUT = 20.0

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed: no yaml-language-server")


class LanguageServer:
    """A minimal LSP client: JSON-RPC messages with Content-Length headers over the server's stdin and stdout."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if not line.strip():
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            assert length is not None, "an LSP message without Content-Length"
            self.messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def _handle(self, message: dict[str, Any]) -> None:
        """What the server sends unasked: diagnostics are kept; its requests get the answer an editor gives."""
        method = message.get("method")
        if method == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif method == "workspace/configuration" and "id" in message:
            self._send({"id": message["id"], "result": [SETTINGS["yaml"]] * len(message["params"]["items"])})
        elif "id" in message and method is not None:
            self._send({"id": message["id"], "result": None})

    def _next(self, deadline: float) -> dict[str, Any]:
        try:
            return self.messages.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            stderr = self.process.stderr.read1(4000) if self.process.poll() is not None and self.process.stderr else b""  # type: ignore[attr-defined]
            raise AssertionError(f"yaml-language-server did not answer in {TIMEOUT:.0f} s {stderr!r}") from None

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        number = self.next_id
        self._send({"id": number, "method": method, "params": params})
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._next(deadline)
            if message.get("id") == number and "method" not in message:
                assert "error" not in message, message["error"]
                return message.get("result")
            self._handle(message)

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def open(self, path: Path, text: str) -> str:
        uri = path.as_uri()
        self.diagnostics.pop(uri, None)
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                             "text": text}})  # fmt: skip
        return uri

    def diagnostics_for(self, uri: str) -> list[dict[str, Any]]:
        """The diagnostics the server publishes for a document it was just given (an empty list when clean)."""
        deadline = time.monotonic() + TIMEOUT
        while uri not in self.diagnostics:
            self._handle(self._next(deadline))
        return self.diagnostics[uri]

    def completion_labels(self, uri: str, line: int, character: int) -> list[str]:
        position = {"line": line, "character": character}
        result = self.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": position})
        items = result["items"] if isinstance(result, dict) else result
        return [item["label"] for item in items]

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=5)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()


#: What VS Code's YAML extension sends, minus the network: no SchemaStore catalogue is fetched.
SETTINGS = {"yaml": {"validate": True, "completion": True, "hover": True, "schemaStore": {"enable": False}}}


@pytest.fixture(scope="module")
def server() -> Iterator[LanguageServer]:
    node = shutil.which("node")
    assert node is not None
    assert SERVER.exists(), f"yaml-language-server is not installed; from the repository root run: {INSTALL}"
    installed = json.loads((SERVER.parent.parent / "package.json").read_text(encoding="utf-8"))["version"]
    assert installed == SERVER_VERSION, f"yaml-language-server {installed} is installed, the tests pin {SERVER_VERSION}"
    client = LanguageServer([node, str(SERVER), "--stdio"])
    client.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {
        "textDocument": {"completion": {"completionItem": {"snippetSupport": True}}}}})  # fmt: skip
    client.notify("initialized", {})
    client.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})
    yield client
    client.close()


MODELINE = f"# yaml-language-server: $schema={editor_schema_path('course')}\n"


def _course(tmp_path: Path, name: str, body: str) -> tuple[Path, str]:
    path = tmp_path / name
    text = MODELINE + body
    path.write_text(text, encoding="utf-8")
    return path, text


def test_a_new_top_level_key_completes_to_the_course_fields(server: LanguageServer, tmp_path: Path) -> None:
    body = 'kind: course\nid: intro-bia\ntitle: "Intro"\ndescription: "Two days."\n\n'
    path, text = _course(tmp_path, "keys.yaml", body)
    uri = server.open(path, text)
    labels = server.completion_labels(uri, line=text.count("\n"), character=0)
    assert {"level", "learning_outcomes", "duration", "instances", "language"} <= set(labels)
    assert "title" not in labels  # already there
    assert "courses" not in labels and "areas" not in labels  # a programme's and a framework's fields: not a course's


def test_level_completes_to_the_frameworks_levels(server: LanguageServer, tmp_path: Path) -> None:
    path, text = _course(tmp_path, "level.yaml", 'kind: course\nid: x\ntitle: "T"\ndescription: "D"\nlevel: \n')
    uri = server.open(path, text)
    labels = server.completion_labels(uri, line=5, character=len("level: "))
    assert {"introductory", "intermediate", "advanced"} <= set(labels)


def test_kind_and_mode_complete_to_their_allowed_values(server: LanguageServer, tmp_path: Path) -> None:
    body = 'kind: \nid: x\ntitle: "T"\ndescription: "D"\ninstances:\n  - start_date: 2026-03-10\n    mode: \n'
    path, text = _course(tmp_path, "mode.yaml", body)
    uri = server.open(path, text)
    assert "course" in server.completion_labels(uri, line=1, character=len("kind: "))
    assert set(server.completion_labels(uri, line=7, character=len("    mode: "))) >= {"onsite", "online", "hybrid"}


def test_a_wrong_value_is_marked_where_it_is(server: LanguageServer, tmp_path: Path) -> None:
    body = (
        'kind: course\nid: intro-bia\ntitle: "Intro"\ndescription: "Two days."\nlanguage: xx\nduration: 2 days\n'
        "instances:\n  - start_date: 2026-03-10\n    mode: on-site\n"
    )
    path, text = _course(tmp_path, "wrong.yaml", body)
    found = server.diagnostics_for(server.open(path, text))
    where = {(d["range"]["start"]["line"], d["range"]["start"]["character"]): d["message"] for d in found}
    # 0-based lines: the modeline is line 0, so `mode: on-site` is line 9, its value at column 10
    assert set(where) == {(9, 10), (5, 10), (6, 10)}, found
    assert "onsite" in where[(9, 10)]
    assert "ISO 639-1" in where[(5, 10)]  # the schema's errorMessage, not a list of 184 codes
    assert "ISO 8601 duration" in where[(6, 10)]  # the pattern's meaning, not the regular expression


def test_the_shipped_courses_raise_no_false_alarm(server: LanguageServer, tmp_path: Path) -> None:
    uris = {}
    for course in SHIPPED_COURSES:
        text = MODELINE + course.read_text(encoding="utf-8")
        uris[course.name] = server.open(tmp_path / course.name, text)
    found = {name: server.diagnostics_for(uri) for name, uri in uris.items()}
    assert {name: d for name, d in found.items() if d} == {}


def test_the_template_init_writes_opens_clean_and_completes(server: LanguageServer, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from globias_curriculum.cli import cli

    path = tmp_path / "intro-bia-2026.yaml"
    schema = CliRunner().invoke(cli, ["schema", "--path"]).output.strip()
    result = CliRunner().invoke(cli, ["init", str(path), "--yes", "--schema", schema, "--title", "Intro to BIA"])
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema={editor_schema_path('course')}\n")
    uri = server.open(path, text)
    assert server.diagnostics_for(uri) == []
    # the commented `# level: introductory` line, uncommented as the template says, completes like any other
    lines = text.splitlines()
    row = lines.index("# level: introductory")
    lines[row] = "level: "
    server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": "\n".join(lines) + "\n"}]})  # fmt: skip
    assert "advanced" in server.completion_labels(uri, line=row, character=len("level: "))
