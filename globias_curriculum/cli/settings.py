"""A project's settings: `[tool.globias-curriculum]` in pyproject.toml, or `.globias-curriculum.yaml`.

The nearest file at or above the working folder wins (pyproject.toml only if it has the table). Settings are
defaults for the command-line options, so an option given on the command line always wins:

    [tool.globias-curriculum]
    framework = "curriculum/framework.yaml"   # paths are relative to the settings file
    guidelines = "curriculum/guidelines.yaml"
    fail-on = "warning"
    disable = ["R08", "GC415"]                 # codes, rule ids or rule names
    exclude = ["courses/drafts/*"]             # glob patterns of paths not to read
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

KEYS = ("framework", "guidelines", "fail-on", "disable", "exclude")
YAML_NAME = ".globias-curriculum.yaml"


class SettingsError(Exception):
    pass


def find(start: str | None = None) -> tuple[str, dict[str, Any]] | None:
    """(path, settings) of the nearest settings file, or None."""
    folder = os.path.abspath(start or os.getcwd())
    while True:
        yaml_path = os.path.join(folder, YAML_NAME)
        if os.path.isfile(yaml_path):
            return yaml_path, _read_yaml(yaml_path)
        toml_path = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(toml_path):
            table = _read_toml(toml_path)
            if table is not None:
                return toml_path, table
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _read_yaml(path: str) -> dict[str, Any]:
    from ..reading.parse import load_path

    loaded = load_path(path)
    if loaded.document is None or not isinstance(loaded.document.data, dict):
        reason = loaded.diagnostics[0].message if loaded.diagnostics else "not a mapping of settings"
        raise SettingsError(f"{path}: {reason}")
    return _checked(path, loaded.document.data)


# `[tool.globias-curriculum]`, `[tool."globias-curriculum"]`, a dotted `tool.globias-curriculum.x = ...`, or
# `globias-curriculum = {...}` or `globias-curriculum.x = ...` under `[tool]`; a project merely *named*
# globias-curriculum (its name, its console script) matches none
_MENTIONS_TABLE = re.compile(
    rb"""tool\s*\.\s*["']?globias-curriculum|^\s*["']?globias-curriculum["']?\s*(\.|=\s*\{)""", re.M
)


def _read_toml(path: str) -> dict[str, Any] | None:
    """The table, or None. Most projects' pyproject.toml has no such table: the bytes are looked at first,
    so that a hook run in such a project does not import and run a TOML parser at every start."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise SettingsError(f"{path}: {exc}") from None
    if not _MENTIONS_TABLE.search(raw):
        return None
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise SettingsError(f"{path}: {exc}") from None
    table = data.get("tool", {}).get("globias-curriculum")
    return None if table is None else _checked(path, table)


def _checked(path: str, table: Any) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise SettingsError(f"{path}: the settings must be a table of keys")
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise SettingsError(f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(KEYS)}")
    out: dict[str, Any] = {}
    base = os.path.dirname(path)
    for key in ("framework", "guidelines"):
        if key in table:
            if not isinstance(table[key], str):
                raise SettingsError(f"{path}: `{key}` must be a path")
            out[key] = os.path.normpath(os.path.join(base, table[key]))
    if "fail-on" in table:
        if table["fail-on"] not in ("error", "warning", "info"):
            raise SettingsError(f"{path}: `fail-on` must be error, warning or info")
        out["fail_on"] = table["fail-on"]
    for key in ("disable", "exclude"):
        if key in table:
            value = table[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise SettingsError(f"{path}: `{key}` must be a list of strings")
            out[key] = tuple(value)
    return out


def default_map(
    settings: dict[str, Any], commands: list[str], groups: Mapping[str, tuple[str, ...]]
) -> dict[str, dict[str, Any]]:
    """click's `default_map`: the same defaults for every command that has the options (click looks a
    group's subcommand up in the group's own map)."""
    maps: dict[str, dict[str, Any]] = {name: dict(settings) for name in commands}
    for group, subcommands in groups.items():
        maps[group].update({sub: dict(settings) for sub in subcommands})
    return maps
