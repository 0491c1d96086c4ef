"""`framework`: the competencies at an organiser's fingertips: list them, show one in full, search by words."""

from __future__ import annotations

import json
import os
import sys
import textwrap
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import click

from ..reporters.escape import printable
from ..reporters.style import Style
from .common import COLOUR, FRAMEWORK, colour_wanted, with_context

if TYPE_CHECKING:
    from ..browsing import Area, Competency
    from ..context import Framework
    from ..suggesting import Suggestion

EXIT_NOT_FOUND = 1
WIDTH = 88
DEFAULT_COURSES = "courses"

EXITS = (
    "Exit codes: 0 found; 1 no competency has that id, or nothing matches the search; 2 a usage error or a "
    "broken --framework file."
)
FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)


def _framework(path: str | None) -> Framework:
    from .. import _framework

    return _framework(path)


def _style(colour: bool | None) -> Style:
    return Style(colour_wanted(colour, sys.stdout))


def _wrapped(text: str, indent: str) -> Iterator[str]:
    yield from textwrap.wrap(
        printable(text),
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=False,
    ) or [indent]


def _json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _as_dict(record: Any) -> Any:
    """NamedTuples all the way down, as JSON objects."""
    if hasattr(record, "_asdict"):
        return {k: _as_dict(v) for k, v in record._asdict().items()}
    if isinstance(record, (list, tuple)):
        return [_as_dict(v) for v in record]
    return record


class _Group(click.Group):
    """`framework` alone lists; `framework show` and `framework search` look one up."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0].startswith("-") and args[0] not in ("-h", "--help")):
            args = ["list", *args]
        return super().parse_args(ctx, args)


@click.group(
    "framework",
    cls=_Group,
    epilog="\b\nExamples:\n  $ globias-curriculum framework\n  $ globias-curriculum framework show BIA.SEG.2\n"
    "  $ globias-curriculum framework search stardist\n\n" + EXITS,
)
def command() -> None:
    """Find competency ids: list the areas and competencies, show one in full (what a person can do at each
    level, prerequisites, EDAM terms, sources, the courses that teach it), or search by words, tools and EDAM
    synonyms. Each subcommand takes --framework, --format json and --color/--no-color (`framework show --help`)."""


@command.command("list")
@FRAMEWORK
@FORMAT
@COLOUR
@with_context
def list_command(framework: str | None, fmt: str, colour: bool | None) -> int:
    """List the areas and their competencies (the default).

    \b
    Example:  globias-curriculum framework list --format json
    """
    from ..browsing import areas

    fw = _framework(framework)
    found = areas(fw)
    if fmt == "json":
        _json({"framework": _about(fw), "areas": _as_dict(found)})
        return 0
    sys.stdout.write("".join(line + "\n" for line in _list_lines(fw, found, _style(colour))))
    return 0


def _about(fw: Framework) -> dict[str, Any]:
    data = fw.document.data
    return {
        "id": fw.id,
        "name": str(data.get("name", "")),
        "version": str(data.get("version", "")),
        "levels": [
            {"id": level.id, "label": level.label, "aliases": _aliases(fw, level.id)}
            for level in sorted(fw.levels.values(), key=lambda lv: lv.rank)
        ],
    }


def _aliases(fw: Framework, level: str) -> list[str]:
    return [name for name, canonical in fw.level_names.items() if canonical == level and name != level]


def _list_lines(fw: Framework, found: list[Area], style: Style) -> Iterator[str]:
    about = _about(fw)
    yield style.bold(printable(f"{about['name']} {about['version']}")) + printable(f" ({about['id']})")
    levels = [
        level["id"] + (f" (also {', '.join(level['aliases'])})" if level["aliases"] else "")
        for level in about["levels"]
    ]
    yield printable("levels: " + ", ".join(levels))
    for area in found:
        yield ""
        yield style.bold(printable(f"{area.id:<9}{area.label}"))
        for comp in area.competencies:
            note = f"  (deprecated: use {', '.join(comp.replaced_by)})" if comp.replaced_by else ""
            yield printable(f"  {comp.id:<12}{comp.label}") + style.dim(printable(note))
    total = sum(len(a.competencies) for a in found)
    yield ""
    yield style.dim(
        f"{total} competencies in {len(found)} areas. Write the ids under `competencies:`; "
        "`framework show ID` shows one in full, `framework search WORDS` finds them."
    )


@command.command("show")
@click.argument("competency_id", metavar="ID")
@click.option(
    "--courses",
    "course_paths",
    multiple=True,
    type=click.Path(exists=True),
    help=f"Course files or folders to list the courses that teach it [default: ./{DEFAULT_COURSES} if it exists].",
)
@FRAMEWORK
@FORMAT
@COLOUR
@with_context
def show_command(
    competency_id: str, course_paths: tuple[str, ...], framework: str | None, fmt: str, colour: bool | None
) -> int:
    """Show one competency in full: its descriptors per level, prerequisites, keywords, EDAM terms, sources
    with the place in each, and the course files that teach it.

    \b
    Example:  globias-curriculum framework show BIA.SEG.2 --courses courses/
    """
    from ..browsing import by_label, closest_id, competency

    fw = _framework(framework)
    paths = course_paths or ((DEFAULT_COURSES,) if os.path.isdir(DEFAULT_COURSES) else ())
    wanted = competency_id.strip()
    found = competency(fw, wanted if wanted in fw.competencies else by_label(fw, wanted) or wanted, paths)
    if found is None:
        meant = closest_id(fw, competency_id)
        hint = f"; did you mean {meant} ({printable(str(fw.competencies[meant].get('label')))})?" if meant else ""
        click.echo(f"error: no competency {printable(competency_id)!r} in {printable(fw.id)}{hint}", err=True)
        click.echo("  `globias-curriculum framework` lists them; `framework search WORDS` finds them.", err=True)
        return EXIT_NOT_FOUND
    if fmt == "json":
        _json(_as_dict(found))
        return 0
    sys.stdout.write("".join(line + "\n" for line in _show_lines(found, _style(colour))))
    return 0


def _show_lines(c: Competency, style: Style) -> Iterator[str]:
    yield style.bold(printable(f"{c.id}  {c.label}"))
    yield printable(f"area: {c.area.id} {c.area.label}")
    if c.replaced_by:
        yield printable("deprecated: use " + ", ".join(f"{r.id} ({r.label})" for r in c.replaced_by))
    yield from _wrapped(c.description, "")
    if c.descriptors:
        yield ""
        yield style.bold("What a person can do, by level:")
        for level, statement in c.descriptors:
            lines = list(_wrapped(statement, " " * 16))
            lines[0] = f"  {printable(level):<14}" + lines[0][16:]
            yield from lines
    if c.prerequisites:
        yield ""
        yield "requires: " + printable(", ".join(f"{p.id} ({p.label})" for p in c.prerequisites))
    if c.keywords:
        yield from _wrapped("keywords: " + ", ".join(c.keywords), "")
    if c.edam:
        yield "EDAM:"
        for edam_id, label, provisional in c.edam:
            yield printable(f"  {edam_id}  {label}") + style.dim(" (provisional)" if provisional else "")
    if c.sources:
        yield ""
        yield style.bold("Sources:")
        for s in c.sources:
            yield from _wrapped(f"[{s.key}] {s.title}", "  ")
            if s.url:
                yield "      " + style.dim(printable(s.url))
            yield from _wrapped(f"at: {s.locator}", "      ")
    if c.judgement:
        yield ""
        yield from _wrapped("Our judgement (not from a source): " + c.judgement, "")
    yield ""
    if c.taught_in:
        yield style.bold(f"Taught in {len(c.taught_in)} course file(s):")
        for t in c.taught_in:
            level = f" ({t.level})" if t.level else ""
            yield printable(f"  {t.file}")
            yield from _wrapped(f"{t.title}{level}", "      ")
    else:
        yield style.dim("No course file read teaches it (--courses names where to look).")


@command.command("search")
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(1, 50), default=10, show_default=True, help="At most this many.")
@FRAMEWORK
@FORMAT
@COLOUR
@with_context
def search_command(words: tuple[str, ...], limit: int, framework: str | None, fmt: str, colour: bool | None) -> int:
    """Find competencies by words, tool names or EDAM synonyms, best first (the ranking `suggest` uses), each
    with the words that matched.

    \b
    Example:  globias-curriculum framework search stardist
    """
    from ..browsing import search

    fw = _framework(framework)
    query = " ".join(words)
    found = search(fw, query, limit)
    if fmt == "json":
        _json({"query": query, "results": [s.as_dict() for s in found]})
    else:
        sys.stdout.write("".join(line + "\n" for line in _search_lines(found, _style(colour))))
    if not found:
        click.echo(
            f"no competency matches {printable(query)!r}; `globias-curriculum framework` lists them all", err=True
        )
    return 0 if found else EXIT_NOT_FOUND


def _search_lines(found: list[Suggestion], style: Style) -> Iterator[str]:
    from ..suggesting.ranking import explain

    for s in found:
        yield f"{style.bold(f'{s.competency:<12}')}{printable(s.label)}  {s.score:.2f}"
        yield " " * 12 + style.dim(f"matched: {printable(explain(s.matches))}")
