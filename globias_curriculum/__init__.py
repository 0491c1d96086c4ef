"""globias-curriculum: check BioImage Analysis course descriptions against a GloBIAS-aligned framework.

The library API (README, "Library API"); the command line is a thin layer over these functions:

    import globias_curriculum as gc

    report = gc.validate(["courses/"])            # Report: files, diagnostics, exit_code(), to_json()
    cover = gc.coverage(["courses/"])             # CoverageReport: verdicts per course, the programme view
    gc.export(["courses/"], "site/", format="html", base_url="https://example.org/bia/")
    found = gc.check_jsonld(["site/"])            # Report: Bioschemas profile conformance
    seen = gc.tess_preview(["site/"])             # TessPreview: what ELIXIR TeSS would create and drop
    course = gc.load_course("courses/x.yaml")     # the pydantic `Course` generated from the LinkML schema
    gc.import_courses("neubias", ["training-resources/_courses/"], "imported/")  # ImportResult: files, report
    gc.suggest("Segment nuclei with StarDist")    # [Suggestion(competency, label, score, matches), ...]
    gc.competency("BIA.SEG.2", courses="courses/")  # one competency in full, with the courses teaching it
    gc.competency_areas()                           # [Area(id, label, description, competencies), ...]
    gc.init_course("my-course.yaml", title="Intro to BIA")  # Report: the commented template, written if valid
    gc.landscape_report(["courses/"])             # Landscape: where competencies are taught, gaps, trainers
    gc.harvest(["https://example.org/sitemap.xml"], "harvested/")  # HarvestSummary (the only network access)

Every function reads the embedded framework and guidelines unless given `framework=`/`guidelines=` paths,
never touches the network (except `harvest`, on the URLs it is given), and returns problems in the input as
diagnostics rather than raising. It raises `ConfigurationError` for a broken framework or guideline file and
`InvalidCourse` from `load_course`.

Modules, from the bottom up (a module imports only from its own layer or below; tests/test_layers.py checks):
  generated/ (artefacts made from the LinkML schema), version
  diagnostics, report, hints, identifiers, units, bioschemas, webpage   the model and shared vocabulary
  reading/ (files, YAML with positions), writing/ (atomic writes, owned folders, commented YAML text),
  schema/ (the compiled JSON Schema)
  context        the framework and guideline set a run judges against
  checks/        checks of one document, a registry per kind; cross-file checks
  configuration  loading and validating a user's framework and guidelines
  runner         discovery, the per-file pipeline, the worker pool, the one cross-file pass
  judging/ (coverage), exporting/, jsonld/   what the commands compute
  suggesting/ (competency suggestions), importing/ (NEUBIAS, GTN, Carpentries, Bioschemas pages as course
  files), harvesting/ (crawling publishers' pages into course files: the only network access),
  authoring/ (the commented course template `init` writes, answers checked as `validate` checks them)
  browsing       the framework looked up: areas, one competency in full, a search
  reporters/     every human and machine output, one registry; landscape/ (figures over many courses, and
                 their text, Markdown and HTML pages)
  cli            click: parse options, call this API, pick a reporter, exit
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, overload

from .diagnostics import Diagnostic, Family, Location, Severity
from .report import Report

if TYPE_CHECKING:
    from .browsing import Area
    from .browsing import Competency as CompetencyEntry
    from .context import Context, Framework
    from .exporting.writer import ExportResult
    from .generated.model import Course
    from .harvesting import HarvestSummary
    from .importing import ImportResult
    from .jsonld.tess import TessPreview
    from .judging.model import CoverageReport
    from .landscape import Landscape
    from .runner import Options, Progress
    from .suggesting import Suggestion

from .version import __version__

__all__ = [
    "ConfigurationError",
    "Diagnostic",
    "Family",
    "InvalidCourse",
    "Location",
    "Report",
    "Severity",
    "__version__",
    "check_jsonld",
    "competency",
    "competency_areas",
    "coverage",
    "export",
    "harvest",
    "import_courses",
    "init_course",
    "landscape_report",
    "load_course",
    "suggest",
    "tess_preview",
    "validate",
]

PathLike = str | os.PathLike[str]  # a str or a pathlib.Path


def _paths(paths: Iterable[PathLike] | PathLike) -> list[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def _optional(path: PathLike | None) -> str | None:
    return os.fspath(path) if path is not None else None


class ConfigurationError(Exception):
    """A framework or guideline file is broken; `diagnostics` say where."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"invalid framework or guidelines ({len(diagnostics)} problem(s))")
        self.diagnostics = diagnostics


class InvalidCourse(Exception):
    """`load_course` met a file with errors; `report` holds them, located."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"{', '.join(report.files)}: {report.counts()['error']} error(s)")
        self.report = report


def _framework(framework: PathLike | None) -> Framework:
    from .configuration import ConfigurationError as Broken
    from .configuration import load_framework

    try:
        return load_framework(_optional(framework))
    except Broken as exc:
        raise ConfigurationError(exc.diagnostics) from None


def _context(framework: PathLike | None, guidelines: PathLike | None) -> Context:
    from .configuration import ConfigurationError as Broken
    from .configuration import load_context

    try:
        return load_context(_optional(framework), _optional(guidelines))
    except Broken as exc:
        raise ConfigurationError(exc.diagnostics) from None


def _options(max_bytes: int | None, jobs: int | None, exclude: Iterable[str], disable: Iterable[str]) -> Options:
    from .runner import Options

    options = Options(jobs=jobs, exclude=tuple(exclude), disable=frozenset(disable))
    return options if max_bytes is None else options._replace(max_bytes=max_bytes)


def validate(
    paths: Iterable[PathLike] | PathLike,
    *,
    framework: PathLike | None = None,
    guidelines: PathLike | None = None,
    max_bytes: int | None = None,
    jobs: int | None = None,
    exclude: Iterable[str] = (),
    disable: Iterable[str] = (),
    progress: Progress | None = None,
) -> Report:
    """Check course, programme, framework and guideline files (folders are searched for *.yaml).

    `exclude`: glob patterns of paths not to read (`drafts/*`); `disable`: codes, rule ids or rule names
    whose findings are not reported (`GC406`, `R08`, `compound-outcome`).
    """
    from .runner import validate_paths

    options = _options(max_bytes, jobs, exclude, disable)
    return validate_paths(_paths(paths), _context(framework, guidelines), options, progress)


def coverage(
    paths: Iterable[PathLike] | PathLike,
    *,
    framework: PathLike | None = None,
    guidelines: PathLike | None = None,
    max_bytes: int | None = None,
    jobs: int | None = None,
    exclude: Iterable[str] = (),
    disable: Iterable[str] = (),
    progress: Progress | None = None,
) -> CoverageReport:
    """Judge every course against the guideline rules; several courses or a programme file form a programme.

    A rule named in `disable` (by id or name) is not judged at all; a code there is not reported.
    """
    from .judging import coverage_paths

    options = _options(max_bytes, jobs, exclude, disable)
    return coverage_paths(_paths(paths), _context(framework, guidelines), options, progress)


def export(
    paths: Iterable[PathLike] | PathLike,
    out_dir: PathLike,
    *,
    base_url: str,
    format: str = "jsonld",
    force: bool = False,
    framework: PathLike | None = None,
    guidelines: PathLike | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write Bioschemas JSON-LD (`jsonld`: a file per course; `graph`: one document; `html`: pages and a
    sitemap) for the courses that validate without error, under `base_url` (where it will be published)."""
    from pathlib import Path

    from .exporting.writer import export_paths
    from .runner import Options

    return export_paths(
        _paths(paths),
        _context(framework, guidelines),
        Path(out_dir),
        format,
        base_url,
        force,
        Options(jobs=jobs),
        progress=progress,
    )


def check_jsonld(
    paths: Iterable[PathLike] | PathLike, *, max_bytes: int | None = None, base_url: str | None = None
) -> Report:
    """Bioschemas training-profile conformance of JSON-LD files and of HTML pages (embedded JSON-LD and
    RDFa), each node checked against the profile version it claims (`dct:conformsTo`)."""
    from .jsonld.profiles import check_jsonld_paths

    return check_jsonld_paths(_paths(paths), max_bytes, base_url)


def tess_preview(
    paths: Iterable[PathLike] | PathLike, *, max_bytes: int | None = None, base_url: str | None = None
) -> TessPreview:
    """What ELIXIR TeSS would create from JSON-LD files and HTML pages (events, materials, their fields) and
    what it would drop, with the reason; `base_url` is the page address relative IRIs resolve against."""
    from .jsonld.tess import tess_preview_paths

    return tess_preview_paths(_paths(paths), max_bytes, base_url)


def load_course(path: PathLike) -> Course:
    """A course file as the pydantic model generated from the LinkML schema, after every check passed.

    Positions for diagnostics come with the document: `globias_curriculum.reading.parse.load_path(path)`
    returns it, and `document.locate("/instances/0/start_date")` the line and column of a value.
    """
    from .generated.model import Course
    from .reading.parse import load_path
    from .runner import validate_paths

    path = os.fspath(path)
    report = validate_paths([path], _context(None, None))
    if report.exit_code() != 0:
        raise InvalidCourse(report)
    kind = report.kinds.get(path)
    if kind != "course":
        where = Location(path, 1, 1, "/kind")
        report.extend([Diagnostic.make("GC113", f"this is a {kind} file, not a course", where)])
        raise InvalidCourse(report)
    document = load_path(path).document
    assert document is not None  # it validated a moment ago
    return Course.model_validate(document.data)


def import_courses(
    format: str,
    sources: Iterable[PathLike] | PathLike,
    out_dir: PathLike,
    *,
    framework: PathLike | None = None,
    force: bool = False,
    suggestions: int = 3,
    repository: str | None = None,
    commit: str | None = None,
    today: str | None = None,
) -> ImportResult:
    """Course files (one per course; GTN learning pathways also as programmes) from existing material:
    `format` is "neubias", "gtn" or "carpentries" (`importing.FORMATS`). Outcomes are kept verbatim, what a
    source lacks is left out with a TODO comment, `suggestions` competency suggestions per outcome are written
    as comments. A file in `out_dir` this import did not write (or that was edited since) is never replaced
    unless `force`. `repository`/`commit` record where a checkout without git came from; `today` the date read."""
    import datetime
    from pathlib import Path

    from .importing import FORMATS, import_sources
    from .importing.common import Environment

    if format not in FORMATS:
        raise ValueError(f"unknown import format {format!r}; one of {', '.join(FORMATS)}")
    environment = Environment(
        _context(framework, None).framework, format, today or datetime.date.today().isoformat(), suggestions,
        repository, commit, __version__,
    )  # fmt: skip
    return import_sources(format, _paths(sources), Path(out_dir), environment, force)


def init_course(
    path: PathLike,
    *,
    id: str | None = None,
    title: str | None = None,
    description: str | None = None,
    level: str | None = None,
    duration: str | None = None,
    language: str | None = None,
    license: str | None = None,
    url: str | None = None,
    keywords: Sequence[str] = (),
    target_audience: Sequence[str] = (),
    learning_outcomes: Sequence[str | tuple[str, Sequence[str]]] = (),
    schema: str | None = None,
    suggestions: int = 3,
    force: bool = False,
    framework: PathLike | None = None,
) -> Report:
    """Write a new course file: every field with a comment saying what it accepts, the answers given as values,
    the rest as commented examples, and a `# yaml-language-server: $schema=` first line naming `schema` (default:
    the editor schema this release publishes; `authoring.editor_schema_path()` is the installed copy).

    `id` defaults to the file name made an id; a missing title or description becomes a TODO placeholder. An
    outcome is a statement or (statement, competency ids); those without competencies get `suggestions`
    suggestions as comments. Returns what `validate` finds in the text; it is written only when that has no
    error. Raises FileExistsError when `path` exists unless `force`, FileNotFoundError when its folder does not.
    """
    from pathlib import Path

    from .authoring import (
        Answers,
        Outcome,
        check_text,
        published_schema_url,
        render_course,
        slug_from,
        write_new_course,
    )

    target = Path(path)
    if not force and os.path.lexists(target):  # before anything is computed, as the CLI does before it asks
        raise FileExistsError(errno.EEXIST, "exists; not replaced (force=True replaces it)", str(target))
    outcomes = tuple(Outcome(o) if isinstance(o, str) else Outcome(o[0], tuple(o[1])) for o in learning_outcomes)
    answers = Answers(
        id=id or slug_from(target.stem) or "my-course", title=title, description=description, level=level,
        duration=duration, language=language, license=license, url=url, keywords=tuple(keywords),
        target_audience=tuple(target_audience), learning_outcomes=outcomes,
    )  # fmt: skip
    context = _context(framework, None)
    schema = schema or published_schema_url("course")
    text = render_course(answers, context.framework, schema, filename=target.name, suggestions=suggestions)
    display = os.fspath(path)
    report = Report([display], check_text(text, context, display), {display: "course"})
    if report.exit_code() == 0:
        write_new_course(target, text, force)
    return report


def harvest(
    sources: Iterable[str] | str,
    out_dir: PathLike,
    *,
    framework: PathLike | None = None,
    rate: float = 1.0,
    workers: int = 4,
    timeout: float = 20.0,
    retries: int = 3,
    backoff: float = 1.0,
    force: bool = False,
    suggestions: int = 3,
    today: str | None = None,
    progress: Progress | None = None,
) -> HarvestSummary:
    """Crawl sitemaps and pages (or read a TeSS JSON export's pages, or a folder of saved pages) into course
    files through `import bioschemas`: robots.txt obeyed, at most `rate` requests a second per host and
    `workers` in flight, `timeout` seconds per attempt, `retries` with `backoff` doubling, conditional requests
    against what the folder remembers; an interrupted harvest resumes. The only function that uses the network."""
    import datetime
    from pathlib import Path

    from .harvesting import harvest_sources
    from .harvesting.client import Settings, user_agent
    from .importing.common import Environment

    environment = Environment(
        _context(framework, None).framework, "bioschemas", today or datetime.date.today().isoformat(), suggestions,
        None, None, __version__,
    )  # fmt: skip
    settings = Settings(
        rate=rate, timeout=timeout, retries=retries, backoff=backoff, user_agent=user_agent(__version__)
    )
    listed = [sources] if isinstance(sources, str) else list(sources)
    return harvest_sources(listed, Path(out_dir), environment, settings, workers, force, progress)


def landscape_report(
    paths: Iterable[PathLike] | PathLike,
    *,
    framework: PathLike | None = None,
    min_courses: int = 2,
    max_bytes: int | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Landscape:
    """Where competencies are taught (area x level x region x year), the survey's demand topics against supply
    per region, competencies taught by fewer than `min_courses` courses in a region (the gaps), languages,
    delivery modes, open licences, trainers and organisers; `Landscape.data` is the JSON shape, versioned."""
    from .landscape import landscape_paths
    from .runner import Options

    options = Options(jobs=jobs) if max_bytes is None else Options(max_bytes=max_bytes, jobs=jobs)
    return landscape_paths(_paths(paths), _context(framework, None), options, min_courses, progress)


@overload
def suggest(text: str, *, framework: PathLike | None = None, limit: int = 3) -> list[Suggestion]: ...  # type: ignore[overload-overlap]
@overload
def suggest(text: Sequence[str], *, framework: PathLike | None = None, limit: int = 3) -> list[list[Suggestion]]: ...
def suggest(
    text: str | Sequence[str], *, framework: PathLike | None = None, limit: int = 3
) -> list[Suggestion] | list[list[Suggestion]]:
    """The competencies an outcome most likely teaches, best first, each with a score (0-1) and the words or
    EDAM terms that matched; for a list of outcomes, one such list each. Offline and deterministic; uses every
    field the framework has (labels, descriptions, EDAM; descriptors, keywords and tools in framework 0.2)."""
    from .suggesting import rank

    fw = _framework(framework)
    if isinstance(text, str):
        return rank(text, fw, limit)
    return [rank(t, fw, limit) for t in text]


def competency_areas(*, framework: PathLike | None = None) -> list[Area]:
    """The framework's areas, each with its competencies (id, label, replacements if deprecated), in order."""
    from .browsing import areas

    return areas(_framework(framework))


def competency(
    id: str, *, framework: PathLike | None = None, courses: Iterable[PathLike] | PathLike = ()
) -> CompetencyEntry | None:
    """One competency in full: descriptors per level, prerequisites, keywords, EDAM terms, sources with their
    locators, and which of the `courses` (files or folders) teach it; None if the framework has no such id."""
    from .browsing import competency as look_up

    return look_up(_framework(framework), id, _paths(courses) if courses else [])
