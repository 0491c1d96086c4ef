"""README's library example runs as written and prints what its comments say."""

from __future__ import annotations

import contextlib
import io
import re

import pytest

from .conftest import ROOT


def test_readme_api_example_runs_and_prints_what_its_comments_say(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Library API\n.*?```python\n(.*?)```", readme, re.S)
    assert block, "README has a Library API example"
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block.group(1), "README.md", "exec"), {})  # README's own example
    printed = out.getvalue().splitlines()
    # each `print(...)  # expected` line's comment is what that print shows (after the comment marker)
    claims = [c.strip() for c in re.findall(r"^\s*print\(.*?\)\s+#\s*(.+)$", block.group(1), re.M)]
    assert claims, "the example says what it prints"
    for claim in claims:
        assert any(claim in line for line in printed), (claim, printed)
