"""No module imports one above it: the layers of globias_curriculum/__init__.py's docstring, checked on the code.

A module may import from its own layer or any layer below; the CLI and the API sit on top. Imports inside
functions count too (they are how heavy modules stay off the validate path, not a way around the layers).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "globias_curriculum"

#: Bottom to top. A module's layer is the first prefix that matches its dotted name.
LAYERS: list[tuple[str, ...]] = [
    ("generated", "version"),
    ("diagnostics",),
    ("report", "hints", "identifiers", "units", "bioschemas", "webpage"),
    ("reading",),
    ("schema", "writing"),
    ("context",),
    ("checks",),
    ("configuration",),
    ("runner",),
    ("judging", "exporting", "jsonld", "suggesting", "importing", "authoring", "harvesting"),
    ("browsing",),
    ("reporters", "landscape"),
    ("__init__", "cli", "__main__"),
]


def layer_of(module: str) -> int:
    top = module.split(".")[0]
    for rank, names in enumerate(LAYERS):
        if top in names:
            return rank
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and to the package docstring")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported module relative to the package) for every import of a package module."""
    module = _module_name(path)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
                if not node.module:  # `from . import x`: each name is a module or a name in the package
                    found += [(node.lineno, _name_or_package(base, a.name)) for a in node.names]
                    continue
            elif node.module and node.module.startswith("globias_curriculum"):
                target = node.module.removeprefix("globias_curriculum").strip(".")
            else:
                continue
            found.append((node.lineno, target or "__init__"))
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, a.name.removeprefix("globias_curriculum").strip(".") or "__init__")
                for a in node.names
                if a.name.startswith("globias_curriculum")
            ]
    return found


def _name_or_package(base: list[str], name: str) -> str:
    folder = PACKAGE.joinpath(*base)
    if (folder / f"{name}.py").exists() or (folder / name / "__init__.py").exists():
        return ".".join([*base, name])
    return ".".join(base) or "__init__"


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "generated" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_one_above_it(path: Path) -> None:
    module = _module_name(path)
    own = layer_of(module) if module else layer_of("__init__")
    upward = [(line, target) for line, target in _imports(path) if target and layer_of(target) > own]
    assert upward == [], f"{module} imports from a higher layer"


def test_every_module_is_in_a_layer_and_the_docstring_names_every_layer() -> None:
    import globias_curriculum

    for path in MODULES:
        layer_of(_module_name(path) or "__init__")
    tops = {_module_name(p).split(".")[0] for p in MODULES} - {"__init__", "__main__", ""}
    for top in tops:
        assert top in (globias_curriculum.__doc__ or ""), f"{top} is not described in the package docstring"


def test_the_checker_catches_an_upward_import(tmp_path: Path) -> None:
    """The guard itself can fail: a reading module that imports the runner is refused."""
    fake = PACKAGE / "reading" / "_upward_probe.py"
    fake.write_text("from ..runner import run\n", encoding="utf-8")
    try:
        upward = [t for _, t in _imports(fake) if layer_of(t) > layer_of("reading")]
        assert upward == ["runner"]
    finally:
        fake.unlink()
