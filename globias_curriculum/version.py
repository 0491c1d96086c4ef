"""The package version, in one place: pyproject.toml reads it (hatch `[tool.hatch.version]`), reporters and
the CLI print it."""

__version__ = "0.2.0"
