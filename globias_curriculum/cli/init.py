"""`init`: start a course file from a commented template, by questions at a terminal or by options."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..reporters.escape import printable
from ..reporters.style import PLAIN, Style
from .common import COLOUR, FRAMEWORK, CannotWrite, colour_wanted, with_context

if TYPE_CHECKING:
    from ..authoring import Answers
    from ..context import Context, Framework
    from ..diagnostics import Diagnostic


def _terminal() -> bool:
    """Questions only when a person can answer them: stdin and stdout both a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _finding_text(diagnostics: list[Diagnostic], severity: bool = True, style: Style = PLAIN) -> str:
    """Findings for one answer as one message, each with its hint; `severity` names it (an error says
    "Error:" already, from click)."""
    parts = []
    for d in diagnostics:
        hint = f" ({printable(d.hint)})" if d.hint else ""
        parts.append(style.severity(d.severity, f"{d.severity}: ") * severity + f"{printable(d.message)}{hint}")
    return "; ".join(parts)


class _Asker:
    """Asks one question per field with click, and checks each answer as `validate` would before taking it."""

    def __init__(self, context: Context, style: Style = PLAIN) -> None:
        self.context = context
        self.style = style

    def checked(self, field: str, parse: Callable[[str], Any], required: bool) -> Callable[[str], Any]:
        from ..authoring import check_answer
        from ..diagnostics import Severity

        def proc(typed: str) -> Any:
            value = parse(typed)
            if value in (None, "", ()):
                if required:
                    raise click.UsageError("an answer is needed here")
                return value
            found = check_answer(field, value, self.context)
            errors = [d for d in found if d.severity >= Severity.ERROR]
            if errors:
                raise click.UsageError(_finding_text(errors, severity=False))  # click says "Error:" and asks again
            if found:
                click.echo(f"  {_finding_text(found, style=self.style)}", err=True)
            return value

        return proc

    def ask(
        self,
        text: str,
        field: str,
        default: str | None,
        required: bool = False,
        parse: Callable[[str], Any] | None = None,
    ) -> Any:
        return click.prompt(
            text,
            default=default if default is not None else (None if required else ""),
            show_default=bool(default),
            value_proc=self.checked(field, parse or (lambda typed: typed.strip() or None), required),
        )


def _interview(answers: Answers, course_id: str | None, asker: _Asker, framework: Framework, path: Path) -> Answers:
    """The questions, in the order a person would answer them; options given on the command line are the
    defaults. Returns the completed answers."""
    from ..authoring import Outcome, parse_ids, parse_list, slug_from
    from ..suggesting import rank

    levels = ", ".join(level.id for level in sorted(framework.levels.values(), key=lambda level: level.rank))
    click.echo(
        f"Describing a course in {printable(str(path))}. Each answer is checked as `validate` checks it; press Enter "
        "to skip an optional one (it stays in the file as a commented example), Ctrl-C to stop without writing."
    )
    title = asker.ask("Title (the course's name)", "title", answers.title, required=True)
    proposed_id = course_id or slug_from(path.stem) or slug_from(title) or None
    new_id = asker.ask("Id (lower-case letters, digits, . _ -; used in URLs)", "id", proposed_id, required=True)
    description = asker.ask("Description (what the course covers, how it is taught)", "description",
                            answers.description, required=True)  # fmt: skip
    level = asker.ask(f"Level ({levels})", "level", answers.level)
    duration = asker.ask("Duration (ISO 8601: PT3H is 3 hours, P2D two days)", "duration", answers.duration)
    language = asker.ask("Language of teaching (ISO 639-1 code: en, de, fr ...)", "language", answers.language)
    licence = asker.ask("Licence of the materials (SPDX id: CC-BY-4.0, MIT ...)", "license", answers.license)
    url = asker.ask("Web page (https://...)", "url", answers.url)
    keywords = asker.ask("Keywords (comma-separated)", "keywords", ", ".join(answers.keywords) or None,
                         parse=parse_list)  # fmt: skip
    audience = asker.ask("Target audience (comma-separated)", "target_audience",
                         ", ".join(answers.target_audience) or None, parse=parse_list)  # fmt: skip
    outcomes = list(answers.learning_outcomes)
    click.echo("Learning outcomes: what a learner can do afterwards, each starting with an observable verb.")
    while True:
        typed = asker.ask(f"Learning outcome {len(outcomes) + 1} (Enter when done)", "learning_outcomes", None,
                          parse=lambda text: (Outcome(text.strip()),) if text.strip() else None)  # fmt: skip
        if not typed:
            break
        statement = typed[0].statement
        ranked = rank(statement, framework, 3)  # the --framework's competencies, as the checks use
        shown = ", ".join(f"{s.competency} {s.label} ({s.score:.2f})" for s in ranked) or "none found"
        click.echo(f"  suggested competencies: {printable(shown)}")

        def with_ids(ids: str, statement: str = statement) -> tuple[Any, ...] | None:
            return (Outcome(statement, parse_ids(ids)),) if ids.strip() else None

        mapped = asker.ask("  Competencies it teaches (ids, comma-separated; Enter for none)", "learning_outcomes",
                           None, parse=with_ids)  # fmt: skip
        outcomes.append(mapped[0] if mapped else Outcome(statement))
    return answers._replace(
        id=new_id, title=title, description=description, level=level, duration=duration, language=language,
        license=licence, url=url, keywords=keywords or (), target_audience=audience or (),
        learning_outcomes=tuple(outcomes),
    )  # fmt: skip


def _check_options(answers: Answers, context: Context) -> None:
    """Options are answers too: one that `validate` would refuse is a usage error, before anything is written."""
    from ..authoring import check_answer
    from ..diagnostics import Severity

    for field in answers._fields:
        value = getattr(answers, field)
        if field in ("title", "description") or value in (None, "", ()):
            continue
        found = check_answer(field, value, context)
        errors = [d for d in found if d.severity >= Severity.ERROR]
        if errors:
            option = {"license": "--license", "target_audience": "--audience", "learning_outcomes": "--outcome"}
            raise click.UsageError(f"{option.get(field, '--' + field)}: {_finding_text(errors, severity=False)}")


@click.command("init")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "course_id", help="The course id [default: the file name, made an id].")
@click.option("--title", help="The course's name [default: a TODO placeholder].")
@click.option("--description", help="What the course covers [default: a TODO placeholder].")
@click.option("--level", help="Proficiency level of the framework (embedded: introductory, intermediate, advanced).")
@click.option("--duration", help="Total teaching time, ISO 8601 (PT3H, P2D).")
@click.option("--language", help="Language of teaching, ISO 639-1 (en).")
@click.option("--license", "--licence", "licence", help="Licence of the materials, an SPDX id (CC-BY-4.0).")
@click.option("--url", help="The course's web page.")
@click.option("--keywords", help="Keywords, comma-separated.")
@click.option("--audience", help="Target audience, comma-separated.")
@click.option("--outcome", "outcomes", multiple=True, help="A learning outcome statement (repeat the option).")
@click.option(
    "--schema",
    metavar="URL_OR_PATH",
    help="What the file's `# yaml-language-server: $schema=` line names [default: the schema this release "
    'publishes; offline: --schema "$(globias-curriculum schema --path)"].',
)
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
@click.option("--yes", "-y", "--non-interactive", "non_interactive", is_flag=True,
              help="Ask nothing: use the options (also the default when not at a terminal).")  # fmt: skip
@FRAMEWORK
@COLOUR
@with_context
def command(
    path: Path,
    course_id: str | None,
    title: str | None,
    description: str | None,
    level: str | None,
    duration: str | None,
    language: str | None,
    licence: str | None,
    url: str | None,
    keywords: str | None,
    audience: str | None,
    outcomes: tuple[str, ...],
    schema: str | None,
    force: bool,
    non_interactive: bool,
    framework: str | None,
    colour: bool | None,
) -> int:
    """Write a new course file: every field with a comment saying what it is and what it accepts, your answers as
    values, the rest as commented examples. At a terminal it asks for each answer and checks it as `validate`
    does; otherwise (or with --yes) it takes the options. The first line names the JSON Schema that editors
    with yaml-language-server (VS Code's YAML extension and others) use to complete fields and mark mistakes.

    \b
    Examples:
      globias-curriculum init courses/intro-bia-2026.yaml
      globias-curriculum init intro.yaml --yes --title "Introduction to BioImage Analysis" --level introductory \\
          --duration P2D --language en --license CC-BY-4.0 --outcome "Segment nuclei with an automatic threshold."

    \b
    Exit codes: 0 written; 2 PATH exists (see --force), its folder does not exist or is not writable, an option's
    value is refused, or a broken --framework file.
    """
    from .. import _context
    from ..authoring import (
        Answers,
        Outcome,
        check_text,
        editor_schema_path,
        parse_list,
        published_schema_url,
        render_course,
        slug_from,
        write_new_course,
    )
    from ..diagnostics import Severity
    from ..writing.atomic import RefusedTarget

    if not force and os.path.lexists(path):  # before any question: an answer must never be typed in vain
        raise CannotWrite(f"{printable(str(path))} exists; not replaced (--force replaces it)")
    context = _context(framework, None)
    style = Style(colour_wanted(colour, sys.stderr))
    answers = Answers(
        id=course_id or slug_from(path.stem) or "my-course", title=title, description=description, level=level,
        duration=duration, language=language, license=licence, url=url, keywords=parse_list(keywords),
        target_audience=parse_list(audience), learning_outcomes=tuple(Outcome(o) for o in outcomes),
    )  # fmt: skip
    if not non_interactive and _terminal():
        answers = _interview(answers, course_id, _Asker(context, style), context.framework, path)
    else:
        _check_options(answers, context)
    text = render_course(answers, context.framework, schema or published_schema_url("course"), filename=path.name)
    errors = [d for d in check_text(text, context, str(path)) if d.severity >= Severity.ERROR]
    if errors:  # pragma: no cover - every answer was checked; this would be a bug in the template
        raise RuntimeError(f"the template for these answers does not validate: {errors[0].message}")
    try:
        write_new_course(path, text, force)
    except (OSError, RefusedTarget) as exc:
        raise CannotWrite(f"cannot write {printable(str(path))}: {printable(str(exc))}") from None
    placeholders = " (replace its TODO placeholders)" if answers.title is None or answers.description is None else ""
    click.echo(style.bold(f"wrote {printable(str(path))}") + placeholders, err=True)
    click.echo(f"  check it:       globias-curriculum validate {printable(str(path))}", err=True)
    if schema is None:
        click.echo(f"  editor schema:  {published_schema_url('course')}", err=True)
        click.echo(f"  offline copy:   {editor_schema_path('course')} (name it with --schema)", err=True)
    return 0
