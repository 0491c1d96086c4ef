"""`suggest`: the competencies a learning outcome most likely teaches, ranked and explained."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import click

from ..report import EXIT_USAGE
from ..reporters.escape import printable
from ..reporters.style import Style
from ..suggesting.ranking import explain
from .common import COLOUR, FRAMEWORK, CannotWrite, colour_wanted, with_context


def _text(entries: list[dict[str, Any]], style: Style) -> str:
    out = []
    for entry in entries:
        where = f"{entry['file']}:{entry['line']}: " if entry.get("file") else ""
        out.append(f"{printable(where)}{printable(entry['statement'])}")
        if not entry["suggestions"]:
            out.append("  (no competency shares a meaningful word with it)")
        for n, s in enumerate(entry["suggestions"], 1):
            out.append(f"  {n}. {style.bold(f'{s.competency:<11}')} {printable(s.label)}  {s.score:.2f}")
            out.append("     " + style.dim(f"matched: {printable(explain(s.matches))}"))
    return "\n".join(out) + "\n"


def _json(entries: list[dict[str, Any]]) -> str:
    data = [{**e, "suggestions": [s.as_dict() for s in e["suggestions"]]} for e in entries]
    return json.dumps({"outcomes": data}, indent=2, ensure_ascii=False) + "\n"


@click.command("suggest")
@click.argument("inputs", nargs=-1, required=True, metavar="TEXT_OR_COURSE...")
@click.option("--limit", type=click.IntRange(1, 20), default=3, show_default=True, help="Suggestions per outcome.")
@click.option("--all", "every", is_flag=True, help="For a course file: also outcomes that already name competencies.")
@click.option("--write", is_flag=True, help="Add the suggestions to each course file as comments (data unchanged).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@FRAMEWORK
@COLOUR
@with_context
def command(
    inputs: tuple[str, ...], limit: int, every: bool, write: bool, fmt: str, framework: str | None, colour: bool | None
) -> int:
    """Rank the competencies a learning outcome most likely teaches, with a score and the words that matched.

    \b
    Each argument is an outcome text, or a course file (an existing path): then every outcome of it that names
    no competency (--all: every outcome).
    Examples:
      globias-curriculum suggest "Segment nuclei with StarDist"
      globias-curriculum suggest courses/my-course.yaml
      globias-curriculum suggest --write courses/my-course.yaml   # suggestions as comments, for you to accept

    \b
    Exit codes: 0 done; 2 an unreadable course file, a file --write could not change safely, or a broken
    --framework file.
    """
    from .. import _framework, suggest
    from ..reading.files import display_path
    from ..reading.parse import load_text
    from ..suggesting.annotate import annotate, unmapped

    entries: list[dict[str, Any]] = []
    to_write: list[tuple[str, str, str]] = []  # (path, display, text)
    status = 0
    for given in inputs:
        if not os.path.isfile(given):
            if write:
                raise click.UsageError(f"--write needs course files; {printable(given)!r} is not a file")
            entries.append({"statement": given})
            continue
        display = display_path(given)
        try:
            with open(given, encoding="utf-8", newline="") as handle:
                source = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            click.echo(f"error: {printable(display)}: cannot read: {printable(exc)}", err=True)
            status = EXIT_USAGE
            continue
        loaded = load_text(source, display)
        if loaded.document is None:
            for d in loaded.diagnostics:
                click.echo(f"{printable(d.location.file)}:{d.location.line}:{d.location.column}: {d.code} "
                           f"{printable(d.message)}", err=True)  # fmt: skip
            status = EXIT_USAGE
            continue
        doc = loaded.document
        outcomes = doc.data.get("learning_outcomes") if isinstance(doc.data, dict) else None
        chosen = unmapped(doc.data) if not every else [
            (i, o["statement"]) for i, o in enumerate(outcomes if isinstance(outcomes, list) else [])
            if isinstance(o, dict) and isinstance(o.get("statement"), str)
        ]  # fmt: skip
        for i, statement in chosen:
            line = doc.positions.get(f"/learning_outcomes/{i}", (0, 0))[0]
            entries.append({"file": display, "line": line, "statement": statement})
        if write:
            to_write.append((given, display, source))
    ranked = suggest([e["statement"] for e in entries], framework=framework, limit=limit)
    for entry, suggestions in zip(entries, ranked, strict=True):
        entry["suggestions"] = suggestions
    if to_write:
        fw = _framework(framework)
        from ..writing.atomic import RefusedTarget, write_atomically

        for path, display, source in to_write:
            done = annotate(source, display, fw, limit)
            if done.diagnostics:
                click.echo(f"error: {printable(display)}: {printable(done.diagnostics[0].message)}", err=True)
                status = EXIT_USAGE
                continue
            if done.text != source:
                try:
                    write_atomically(path, done.text)
                except (RefusedTarget, OSError) as exc:
                    raise CannotWrite(f"cannot write {printable(display)}: {printable(exc)}") from None
            click.echo(f"{printable(display)}: suggestions above {len(done.outcomes)} unmapped outcome(s)", err=True)
    sys.stdout.write(_json(entries) if fmt == "json" else _text(entries, Style(colour_wanted(colour, sys.stdout))))
    return status
