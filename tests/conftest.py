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


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test runs with sockets refused in this process: no command may need the network.

    (Subprocesses are not covered; tests/test_precommit.py lets pre-commit install from the package registry.)
    """

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError("network access attempted during a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket.socket, "sendto", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield
