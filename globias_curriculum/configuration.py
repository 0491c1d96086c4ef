"""The framework and guideline set of a run: the embedded ones, or a user's files, validated before use.

A user's file goes through the same loader and checks as any course file, so a broken framework gives
located diagnostics and exit 2, never a traceback, and a file of the wrong kind is refused rather than read
as an empty set of rules.
"""

from __future__ import annotations

from .checks import check_document, document_kind
from .context import Context, Framework, GuidelineSet, embedded_document
from .diagnostics import Diagnostic, Severity
from .reading.document import Document
from .reading.files import FilePath
from .reading.parse import load_path


class ConfigurationError(Exception):
    """The framework or guideline file itself is broken: the run cannot judge anything (exit 2)."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("invalid framework or guidelines")
        self.diagnostics = diagnostics


def load_context(framework_path: FilePath | None = None, guidelines_path: FilePath | None = None) -> Context:
    """The embedded data is validated by the test suite; a user's own files are validated here, every run."""
    if framework_path is None and guidelines_path is None:
        return Context(
            Framework.from_document(embedded_document("framework.yaml")),
            GuidelineSet.from_document(embedded_document("guidelines.yaml")),
        )
    framework_doc = _load(framework_path, "framework", None)
    framework = Framework.from_document(framework_doc)
    guidelines_doc = _load(guidelines_path, "guidelines", Context(framework, GuidelineSet.empty()))
    return Context(framework, GuidelineSet.from_document(guidelines_doc))


def load_framework(framework_path: FilePath | None = None) -> Framework:
    """The framework alone, for looking competencies up: guidelines written for another framework do not
    stand in the way."""
    return Framework.from_document(_load(framework_path, "framework", None))


def _load(path: FilePath | None, kind: str, context: Context | None) -> Document:
    """A user's file (checked), or the embedded one; the embedded guidelines are checked against a user's
    framework, since their competency ids must exist in it."""
    if path is None:
        doc = embedded_document(f"{kind}.yaml")
        if context is None:
            return doc
        problems = check_document(doc, context, expect=kind)
    else:
        result = load_path(path)
        if result.document is None:
            raise ConfigurationError(result.diagnostics)
        doc = result.document
        found = document_kind(doc)
        if found is not None and found != kind:
            raise ConfigurationError(
                [
                    Diagnostic.make(
                        "GC113",
                        f"this is a {found} file, not a {kind} file",
                        doc.locate("/kind"),
                        f"pass a file with `kind: {kind}` to --{kind}",
                    )
                ]
            )
        own_context = context or Context(Framework.from_document(doc), GuidelineSet.empty())
        problems = result.diagnostics + check_document(doc, own_context, expect=kind)
    if any(d.severity >= Severity.ERROR for d in problems):
        raise ConfigurationError(problems)
    return doc
