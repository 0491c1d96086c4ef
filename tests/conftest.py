"""What every test shares: where things are, the one embedded context, the shipped course files, a course
factory, a CLI runner, and no network."""

from __future__ import annotations

import copy
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from globias_curriculum.configuration import load_context
from globias_curriculum.context import Context

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: The run context every test shares (the embedded framework and guidelines), built once.
CONTEXT: Context = load_context()

#: The shipped, valid course files: the catalogue and the examples, except the one that shows mistakes.
SHIPPED_COURSES: list[Path] = sorted((ROOT / "courses").glob("*.yaml")) + [
    p
    for p in sorted((ROOT / "examples").glob("*.yaml"))
    if p.name != "invalid-course.yaml" and yaml.safe_load(p.read_text(encoding="utf-8")).get("kind") == "course"
]

MINIMAL_COURSE: dict[str, Any] = yaml.safe_load((ROOT / "examples" / "minimal-course.yaml").read_text("utf-8"))


def make_course(**fields: Any) -> dict[str, Any]:
    """A valid minimal course with `fields` set (None removes a field)."""
    course = copy.deepcopy(MINIMAL_COURSE)
    for key, value in fields.items():
        if value is None:
            course.pop(key, None)
        else:
            course[key] = value
    return course


@pytest.fixture
def write_course(tmp_path: Path) -> Callable[..., Path]:
    """Write `make_course(**fields)` (or the `text` given) to a file under tmp_path and return its path."""

    def write(name: str = "course.yaml", text: str | None = None, **fields: Any) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text if text is not None else yaml.safe_dump(make_course(**fields), sort_keys=False), "utf-8")
        return path

    return write


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


LOOPBACK = ("127.0.0.1",)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "loopback: the test may connect to 127.0.0.1 (a server the test runs itself), nowhere else"
    )


@pytest.fixture(autouse=True)
def no_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test runs with sockets refused in this process: no command may need the network.

    A test marked `loopback` (the harvest tests, against a server they start on 127.0.0.1) may connect to
    127.0.0.1 and nowhere else: any other address, or a host name to resolve, is still refused.
    (Subprocesses are not covered; tests/test_precommit.py lets pre-commit install from the package registry.)
    """
    loopback = request.node.get_closest_marker("loopback") is not None
    real_connect, real_create, real_getaddrinfo = socket.socket.connect, socket.create_connection, socket.getaddrinfo

    def to_loopback(address: Any) -> bool:
        return loopback and isinstance(address, tuple) and len(address) >= 2 and address[0] in LOOPBACK

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError("network access attempted during a test")

    def connect(self: socket.socket, address: Any) -> Any:
        return real_connect(self, address) if to_loopback(address) else refuse()

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
        return real_create(address, *args, **kwargs) if to_loopback(address) else refuse()

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        return real_getaddrinfo(host, port, *args, **kwargs) if to_loopback((host, port)) else refuse()

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket.socket, "sendto", refuse)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield
