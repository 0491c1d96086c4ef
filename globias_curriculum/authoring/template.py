"""The course template: every field of a course, each with a comment saying what it is and what it accepts.

Written for someone who has never seen the format: the answers given become values, every other field stays
as a commented example to uncomment. Allowed values come from where `validate` reads them (the framework's
levels and non-observable verbs, the schema's enumerations), so the comments cannot drift from the checks;
tests/test_init.py keeps `FIELDS` in step with the schema's course fields.

The first line is the modeline yaml-language-server reads (`# yaml-language-server: $schema=...`), so an editor
with the YAML extension completes fields and values and marks mistakes as they are typed.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any, NamedTuple

import yaml

from ..context import Framework
from ..schema.artefacts import json_schema
from ..writing.yamltext import comment, flow, folded_quoted, scalar
from .answers import Answers

WIDTH = 118
MODELINE = "# yaml-language-server: $schema="
TODO_TITLE = "TODO: the course's name"
TODO_DESCRIPTION = "TODO: what the course covers and how it is taught"


class Field(NamedTuple):
    """One course field in the template: what the comment says, and the commented example used when the field
    is not answered (None: the field is always written)."""

    name: str
    about: Callable[[Framework], str]
    example: str | None


def _enum(name: str) -> str:
    """The values of one of the schema's enumerations, as `a | b | c`."""
    return " | ".join(json_schema()["$defs"][name]["enum"])


def _levels(fw: Framework) -> str:
    ids = sorted(fw.levels.values(), key=lambda level: level.rank)
    aliases = [name for name, canonical in fw.level_names.items() if name != canonical]
    accepted = f" ({', '.join(aliases)} accepted too, in any case)" if aliases else ""
    return " | ".join(level.id for level in ids) + accepted


def _vague_verbs(fw: Framework) -> str:
    """The framework's first non-observable verbs, as `(not "know", "learn")`."""
    verbs = [verb for verb in fw.non_observable_verbs if " " not in verb][:4]
    return " (not " + ", ".join(f'"{verb}"' for verb in verbs) + ")" if verbs else ""


def _first_level(fw: Framework) -> str:
    ranked = sorted(fw.levels.values(), key=lambda level: level.rank)
    return ranked[0].id if ranked else "introductory"


FIELDS: tuple[Field, ...] = (
    Field("kind", lambda fw: "What this file describes: always `course` for a course.", None),
    Field(
        "id",
        lambda fw: (
            "A stable identifier: lower-case letters, digits and . _ - (at most 100 characters). It is used "
            "in URLs and exports: keep it once the course is published."
        ),
        None,
    ),
    Field("title", lambda fw: "The course's name, as it is advertised.", None),
    Field(
        "description",
        lambda fw: (
            "What the course covers and how it is taught (lectures, hands-on sessions), in a sentence or a "
            "short paragraph."
        ),
        None,
    ),
    Field(
        "url",
        lambda fw: "The course's web page: an absolute http:// or https:// address.",
        "url: https://example.org/my-course",
    ),
    Field(
        "source_url",
        lambda fw: "Only when you describe a course someone else published: the programme you read.",
        "source_url: https://example.org/my-course/programme.pdf",
    ),
    Field("keywords", lambda fw: "Words a search should find the course by.", "keywords: [segmentation, Fiji]"),
    Field(
        "level",
        lambda fw: (
            f"The proficiency level, i.e. how difficult the course is: {_levels(fw)}. Not the Bloom level "
            "of the outcomes."
        ),
        "level: {first_level}",
    ),
    Field(
        "duration",
        lambda fw: (
            "Total teaching time as an ISO 8601 duration: PT3H is 3 hours, P2D two days, P1W a week (a day "
            "counts as 8 teaching hours, a week as 5 days)."
        ),
        "duration: P2D",
    ),
    Field(
        "language",
        lambda fw: "The language of teaching: an ISO 639-1 code, two lower-case letters (en, de, fr, es, pt, ja).",
        "language: en",
    ),
    Field(
        "license",
        lambda fw: (
            "The licence of the course materials: an SPDX identifier such as CC-BY-4.0, CC-BY-SA-4.0, "
            "CC0-1.0 or MIT (see https://spdx.org/licenses/)."
        ),
        "license: CC-BY-4.0",
    ),
    Field("target_audience", lambda fw: "Who the course is for.", "target_audience: [PhD students, postdocs]"),
    Field(
        "prerequisites",
        lambda fw: (
            "What learners need beforehand: a competency of the framework (an id such as BIA.FND.1) at a "
            "level, or free text. `prerequisites: []` says that nothing is needed."
        ),
        'prerequisites:\n  - {competency: BIA.FND.1, level: {first_level}}\n  - text: "A laptop with Fiji installed"',
    ),
    Field(
        "learning_outcomes",
        lambda fw: (
            "What a learner can do after the course, one statement each, starting with an observable verb "
            f"such as segment, measure or compare{_vague_verbs(fw)}. `competencies` names the framework "
            'competencies it teaches, by id (BIA.SEG.2): `globias-curriculum suggest "<statement>"` proposes some. '
            f"Optional: `level` (the proficiency level aimed at) and `bloom_level` ({_enum('BloomLevel')})."
        ),
        'learning_outcomes:\n  - statement: "Segment nuclei with an automatic threshold."\n'
        "    competencies: [BIA.SEG.2]",
    ),
    Field(
        "modules",
        lambda fw: (
            "The modules or sessions: a title each, optionally a duration (ISO 8601), the competencies "
            "(ids) and the tools (names listed under `tools`) it uses."
        ),
        'modules:\n  - {title: "Thresholding", duration: PT3H, competencies: [BIA.SEG.2], tools: [Fiji]}',
    ),
    Field(
        "tools",
        lambda fw: (
            "The software taught: a name, whether it is open source (true or false), optionally a url and "
            'a version (quoted: "2.10").'
        ),
        'tools:\n  - {name: Fiji, open_source: true, url: "https://fiji.sc/"}',
    ),
    Field(
        "trainers",
        lambda fw: (
            "The people who teach: a name, optionally an ORCID iD and an affiliation (the example is "
            "ORCID's fictitious test person)."
        ),
        'trainers:\n  - {name: "Josiah Carberry", orcid: 0000-0002-1825-0097, affiliation: "Brown University"}',
    ),
    Field(
        "organiser",
        lambda fw: "Who organises the course: a name, optionally a url.",
        'organiser: {name: "Example Imaging Facility", url: "https://example.org/"}',
    ),
    Field(
        "materials",
        lambda fw: "Slides, notebooks, data: a url each, optionally a title and an SPDX licence.",
        'materials:\n  - {title: "Slides", url: "https://example.org/my-course/slides", license: CC-BY-4.0}',
    ),
    Field(
        "assessment",
        lambda fw: "How learning is assessed, if it is (exercises checked by the trainers, a project, a quiz).",
        'assessment: "Hands-on exercises checked by the trainers."',
    ),
    Field(
        "edam_topics",
        lambda fw: (
            "EDAM topics: edam:<id> for stable EDAM (edam:topic_3383 is Bioimaging), edam-bi:<id> for "
            "provisional EDAM-bioimaging."
        ),
        "edam_topics: [edam:topic_3383]",
    ),
    Field(
        "instances",
        lambda fw: (
            f"Each time the course runs: a start_date (YYYY-MM-DD) and a mode ({_enum('CourseMode')}), "
            "optionally an end_date, a location, a capacity (at least 1), a url and a language."
        ),
        "instances:\n  - start_date: 2026-03-10\n    end_date: 2026-03-11\n    mode: onsite\n    capacity: 20\n"
        '    location: {name: "Imaging Centre", city: Dresden, country: Germany}',
    ),
    Field(
        "guideline_exceptions",
        lambda fw: (
            "Guideline rules the course deliberately does not follow, each with the reason (rule ids as "
            "`globias-curriculum coverage` names them)."
        ),
        'guideline_exceptions:\n  - {rule: C04, reason: "Data management is taught in the follow-up course."}',
    ),
    Field(
        "provenance",
        lambda fw: (
            "Only when you describe a course someone else published: the page read and when, the fields it "
            "states (`stated`) and the fields that are your own mapping (`mapped`)."
        ),
        "provenance:\n  url: https://example.org/my-course/programme.pdf\n  date_read: 2026-01-15\n"
        "  stated: [title, description]\n  mapped: [learning_outcomes.competencies]",
    ),
)


def _comment_block(text: str) -> list[str]:
    return textwrap.wrap(comment(text), WIDTH - 2, initial_indent="# ", subsequent_indent="# ", break_on_hyphens=False)


def _value_lines(name: str, value: Any) -> list[str]:
    if name == "learning_outcomes":
        lines = [f"{name}:"]
        for outcome in value:
            lines.append(f"  - statement: {folded_quoted(outcome.statement, 15, WIDTH)}")
            if outcome.competencies:
                lines.append(f"    competencies: {flow(list(outcome.competencies))}")
        return lines
    if isinstance(value, tuple):
        one_line = f"{name}: {flow(list(value))}"
        if len(one_line) <= WIDTH:
            return [one_line]
        return [f"{name}:", *(f"  - {scalar(v)}" for v in value)]
    if name in ("title", "description"):
        return [f"{name}: {folded_quoted(value, len(name) + 2, WIDTH)}"]
    return [f"{name}: {scalar(value)}"]


def course_data(answers: Answers) -> dict[str, Any]:
    """The data the template holds for these answers, in template order (placeholders included)."""
    given: dict[str, Any] = {
        "kind": "course",
        "id": answers.id,
        "title": answers.title or TODO_TITLE,
        "description": answers.description or TODO_DESCRIPTION,
    }
    for name in Answers._fields:
        value = getattr(answers, name)
        if name not in given and value not in (None, "", ()):
            given[name] = value
    return {f.name: given[f.name] for f in FIELDS if f.name in given}


def render_course(
    answers: Answers,
    framework: Framework,
    schema: str,
    *,
    filename: str = "this-file.yaml",
    suggestions: int = 3,
) -> str:
    """The template for these answers; `schema` is the URL or path the modeline names (`none` turns the editor
    schema off). Outcomes without competencies get `suggestions` competency suggestions as comments."""
    data = course_data(answers)
    lines = [MODELINE + schema.strip()]
    lines += _comment_block(
        "A course description for globias-curriculum, started with `globias-curriculum init`. Lines that start "
        "with # are comments. To use an optional field, delete the # in front of it and of the lines below it, "
        f"then edit the value. Check the file with: globias-curriculum validate {filename}"
    )
    if data["title"] == TODO_TITLE or data["description"] == TODO_DESCRIPTION:
        lines += _comment_block("Replace every TODO below before you publish the file.")
    first_level = _first_level(framework)
    for f in FIELDS:
        lines.append("")
        lines += _comment_block(f.about(framework))
        if f.name in data:
            lines += _value_lines(f.name, data[f.name])
        elif f.example is not None:
            example = f.example.replace("{first_level}", first_level)
            lines += [f"# {line}" for line in example.splitlines()]
    text = "\n".join(lines) + "\n"
    loaded = yaml.safe_load(text)
    expected = {k: _plain(v) for k, v in data.items()}
    if loaded != expected:  # pragma: no cover - a bug in this module, never a property of the answers
        raise AssertionError("the course template does not load back to its answers")
    if suggestions > 0 and any(not o.competencies for o in answers.learning_outcomes):
        from ..suggesting.annotate import annotate

        done = annotate(text, filename, framework, suggestions)
        if not done.diagnostics:
            text = done.text
    return text


def _plain(value: Any) -> Any:
    """The data an answer stands for: an outcome as a mapping without empty fields, a tuple as a list."""
    if hasattr(value, "_asdict"):
        return {k: _plain(v) for k, v in value._asdict().items() if v not in ((), None)}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value
