"""The hooks as a course repository gets them: a real `pre-commit try-repo` against this checkout."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import FIXTURES, ROOT

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_hooks_select_course_files_and_nothing_else() -> None:
    ids = {hook["id"] for hook in HOOKS}
    assert ids == {"globias-validate", "globias-coverage"}
    for hook in HOOKS:
        pattern = re.compile(hook["files"])
        for path in ("courses/intro.yaml", "site/courses/2025/intro.yml", "intro.course.yaml", "a/b.course.yml"):
            assert pattern.search(path), (hook["id"], path)
        for path in (
            ".pre-commit-config.yaml",
            ".github/workflows/ci.yml",
            "mkdocs.yml",
            "courses.yaml",
            "docs/courses.md",
            "environment.yml",
        ):
            assert not pattern.search(path), (hook["id"], path)


def test_readme_config_names_the_hooks_of_this_repository() -> None:
    block = re.search(r"```yaml\n(repos:\n.*?)```", README, re.S)
    assert block, "README must show a .pre-commit-config.yaml"
    config = yaml.safe_load(block.group(1))
    (repo,) = config["repos"]
    assert {h["id"] for h in repo["hooks"]} <= {h["id"] for h in HOOKS}
    assert len(block.group(1).strip().splitlines()) <= 6


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)


REPOSITORY = "https://github.com/GloBIAS-BioimageAnalysts/globias-curriculum"


@pytest.mark.slow
def test_readme_config_works_as_pasted_failing_a_broken_course_and_passing_once_fixed(tmp_path: Path) -> None:
    """README's own text, with only the repository's location replaced by a clone of this checkout whose
    `main` is the commit under test: `rev` must name something that exists, the hook ids must exist, and
    the hook must select course files and nothing else."""
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True)
    if head.returncode != 0:
        pytest.fail("the test needs this checkout to be a git repository with a commit")
    block = re.search(r"```yaml\n(repos:\n.*?)```", README, re.S)
    assert block and REPOSITORY in block.group(1)
    upstream = tmp_path / "upstream.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(ROOT), str(upstream)], check=True, timeout=120)
    _git(upstream, "update-ref", "refs/heads/main", head.stdout.strip())

    repo = tmp_path / "course-repo"
    (repo / "courses").mkdir(parents=True)
    (repo / ".github" / "workflows").mkdir(parents=True)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "trainer@example.org")
    _git(repo, "config", "user.name", "Trainer")
    (repo / ".pre-commit-config.yaml").write_text(block.group(1).replace(REPOSITORY, str(upstream)), "utf-8")
    broken = (FIXTURES / "invalid" / "unknown-level.yaml").read_text(encoding="utf-8")
    (repo / "courses" / "intro.yaml").write_text(broken, encoding="utf-8")
    # YAML that is not a course: outside the hook's files pattern, so never checked
    (repo / ".github" / "workflows" / "ci.yml").write_text("on: [push]\njobs: {}\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    _git(repo, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    command = [sys.executable, "-m", "pre_commit", "run", "--all-files"]

    failed = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "courses/intro.yaml:5:8: GC302 error unknown proficiency level 'expert'" in failed.stdout
    assert "ci.yml" not in failed.stdout and "mkdocs" not in failed.stdout

    (repo / "courses" / "intro.yaml").write_text(broken.replace("level: expert", "level: introductory"), "utf-8")
    _git(repo, "add", "-A")
    passed = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"validate course descriptions.*Passed", passed.stdout)
