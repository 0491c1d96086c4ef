"""One document read the way ELIXIR TeSS reads a page: bounded bytes, JSON-LD or HTML, then RDF statements.

TeSS decides the format from the first 256 bytes (JSON-LD if, after stripping ASCII white space, they start
with `[` or `{`; otherwise HTML with RDFa and embedded JSON-LD), never from the file name. Both commands read
documents through here, so `check-jsonld` and `tess-preview` see the same statements TeSS would.

Bounds: files over `max_bytes` (1 MB by default) are refused unread; JSON nesting past 100 levels and HTML
nesting far beyond what TeSS's parser accepts are refused before any recursive processing; no context other
than the shipped schema.org one is ever loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, Location
from ..reading.files import DEFAULT_MAX_BYTES, read_bytes
from ..reading.lines import line_and_column
from .jsonld_reader import ReaderError, RemoteContext, read_jsonld_located
from .rdf import Graph, Term

DEFAULT_BASE = "https://example.com"  # TeSS's own dummy page URL, used when none is given
_RUBY_SPACE = b"\0\t\n\v\f\r "


@dataclass
class Read:
    """A document as TeSS reads it. `error` set: TeSS drops the whole page (a reader error)."""

    path: str
    format: str = "jsonld"  # "jsonld" or "html", decided as TeSS does
    graph: Graph = field(default_factory=Graph)
    text: str = ""
    error: str | None = None
    #: problems that stop us reading at all (unreadable, too large, not UTF-8): the document is not previewed
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: JSON-LD blocks of an HTML page: text and character offset in the page
    scripts: list[tuple[str, int]] = field(default_factory=list)
    remote_context: str | None = None
    #: an error from TeSS's HTML parser limits rather than from JSON or JSON-LD
    html_error: bool = False
    error_offset: int | None = None
    #: typed JSON-LD nodes -> character offset of their object (read with `locate`)
    positions: dict[Term, int] = field(default_factory=dict)
    #: IRIs written as relative references -> as written
    relative: dict[str, str] = field(default_factory=dict)


def sniff(raw: bytes) -> str:
    """BioschemasIngestor#read_content: JSON-LD when the first 256 bytes, stripped, start with [ or {."""
    sample = raw[:256].strip(_RUBY_SPACE)
    return "jsonld" if sample[:1] in (b"[", b"{") else "html"


def read_document(
    path: str, max_bytes: int = DEFAULT_MAX_BYTES, base: str = DEFAULT_BASE, locate: bool = False
) -> Read:
    raw, problems = read_bytes(path, path, max_bytes)
    if raw is None:
        return Read(path, diagnostics=problems)
    return read_raw(raw, path, base, locate)


def read_raw(raw: bytes, path: str, base: str = DEFAULT_BASE, locate: bool = False) -> Read:
    """The bytes of a document named `path` (for messages), read as TeSS reads a page."""
    result = Read(path)
    result.format = sniff(raw)
    text = _decode(raw, path, result)
    if text is None:
        return result
    result.text = text
    try:
        if result.format == "jsonld":
            found = read_jsonld_located(text, base, locate)
            triples: list[tuple[Term, Term, Term]] = found.statements
            result.positions, result.relative = found.positions, found.relative
        else:
            from .html_reader import read_html

            html = read_html(text, base, offsets=locate)
            triples = html.statements
            result.scripts, result.positions, result.relative = html.scripts, html.positions, html.relative
    except RemoteContext as exc:
        result.error = str(exc)
        result.remote_context = exc.url
        return result
    except ReaderError as exc:
        result.error = str(exc)
        result.html_error = exc.html
        result.error_offset = exc.offset
        return result
    except RecursionError:
        result.error = "the document nests too deeply to read"
        return result
    for s, p, o in triples:
        result.graph.add(s, p, o)
    return result


def _decode(raw: bytes, path: str, result: Read) -> str | None:
    if b"\x00" in raw:
        line, _ = line_and_column(raw, raw.find(b"\x00"))
        result.diagnostics = [
            Diagnostic.make("GC106", "file holds NUL bytes: it looks binary", Location(path, line, 1))
        ]
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = line_and_column(raw, exc.start)
        result.diagnostics = [
            Diagnostic.make(
                "GC105",
                f"invalid UTF-8: byte 0x{raw[exc.start]:02x} cannot start or continue a character",
                Location(path, line, column),
                hint="save the file as UTF-8",
            )
        ]
        return None
    return text


__all__ = ["DEFAULT_BASE", "Read", "ReaderError", "read_document", "read_raw", "sniff"]
