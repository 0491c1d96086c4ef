"""NEUBIAS training-resources (a Jekyll site): modules, course orderings and dated course pages.

SOURCE may be a module (`_modules/<stem>.md`), a course ordering (`_courses/<name>.md`), a dated course page
(`courses/<YYYY_MM_HOST_topic>.md`), one of those folders, or the checkout's root (every ordering and dated page).
Module links (`../binarization`, `binarization`, or the site URL) are resolved against `_modules/` of the same
checkout; a link to a module that does not exist there is kept as text and said to be dangling.

Mapping (README, "Import existing material"): a module or an ordering becomes a self-paced course whose outcomes
are the modules' `objectives` in order; a dated page becomes a course with its schedule as an instance and its
trainers, and the objectives of the modules it links under its teaching-content heading.
"""

from __future__ import annotations

import calendar
import os
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..diagnostics import Diagnostic, Location
from ..reading.files import display_path
from ..reading.parse import load_text
from ..suggesting import rank
from ..suggesting.annotate import suggestion_lines
from . import markdown as md
from .common import (
    Citations,
    Environment,
    ReadResult,
    as_strings,
    header,
    licence_of_checkout,
    note_suggestions,
    outcome_items,
    slug,
)
from .draft import Draft, Item
from .source import Origin, Page, find_root, origin, read_page, read_text, relative

NAME = "neubias"
SUMMARY = "NEUBIAS training-resources: _modules/*.md, _courses/*.md, courses/*.md, or the checkout"
STATUS_TAGS = {"draft", "outdated", "course", ""}
DEFAULT_SITE = "https://neubias.github.io/training-resources/"


class Checkout:
    """One training-resources checkout: its site URL, licence, origin, and its modules read on demand."""

    def __init__(self, root: str, env: Environment) -> None:
        self.root = root
        self.env = env
        self.origin: Origin = origin(root, env.repository, env.commit)
        self.site = _site_url(root)
        self.licence, self.licence_file = licence_of_checkout(root)
        self.citations = Citations(env.framework)
        self._modules: dict[str, Page | None] = {}
        self.diagnostics: list[Diagnostic] = []

    def module(self, stem: str) -> Page | None:
        if stem not in self._modules:
            path = os.path.join(self.root, "_modules", f"{stem}.md")
            page = None
            if re.fullmatch(r"[\w.-]+", stem) and os.path.isfile(path):
                page, problems = read_page(path, self.display(path))
                self.diagnostics += problems
            self._modules[stem] = page
        return self._modules[stem]

    def display(self, path: str) -> str:
        return relative(path, self.root)

    def page_url(self, stem: str) -> str:
        return f"{self.site}{stem}/index.html"

    def places(self) -> list[str]:
        return [p for p in (self.origin.repository, self.site) if p]

    def stem_of(self, target: str) -> str | None:
        """The module a link points to (`../x`, `x`, or a URL of this site), or None for any other link."""
        target = target.split("#", 1)[0].split("?", 1)[0]
        for base in {self.site, DEFAULT_SITE}:
            if target.startswith(base):
                rest = target[len(base) :].removesuffix("index.html").strip("/")
                return rest if rest and "/" not in rest else None
        if re.match(r"^[a-z]+:", target) or target.startswith(("/", "#")):
            return None
        stem = target.removeprefix("../").removesuffix("/").removesuffix(".md")
        return stem if stem and "/" not in stem else None

    def header(self, draft: Draft, what: str) -> None:
        note = (
            f"Licence of the source: {self.licence} (the checkout's {self.licence_file}); keep its attribution."
            if self.licence
            else None
        )
        draft.header = header(self.env, what, self.origin, note)

    def common_todos(self, draft: Draft) -> None:
        if self.licence:
            draft.set("license", self.licence, f"from {self.licence_file} of the checkout")
        else:
            draft.todo("license", "the checkout states no licence this tool can read; add the SPDX id")
        draft.todo("level", "the source has none; add introductory, intermediate or advanced")
        draft.todo("language", "the source does not say; its pages are in English? then `language: en`")
        draft.todo("edam_topics", "the source has none; add EDAM topics (e.g. edam:topic_3383 Bioimaging)")


def _site_url(root: str) -> str:
    text, _ = read_text(os.path.join(root, "_config.yml"))
    if text is None:
        return DEFAULT_SITE
    loaded = load_text(text.text, text.display)
    data = loaded.document.data if loaded.document is not None else {}
    if not isinstance(data, dict) or not isinstance(data.get("url"), str):
        return DEFAULT_SITE
    base = str(data["url"]).rstrip("/") + "/" + str(data.get("baseurl") or "").strip("/")
    return base.rstrip("/") + "/"


def _tags(page: Page) -> list[str]:
    return [t.strip() for tag in as_strings(page.meta.get("tags")) for t in tag.split(",") if t.strip()]


def _linkless(text: str, resolve: Checkout) -> str:
    """Markdown links written out as `label (absolute URL)`; relative module links become page URLs."""

    def out(m: re.Match[str]) -> str:
        label, target = md.normalise(m.group(1)), m.group(2)
        stem = resolve.stem_of(target)
        url = resolve.page_url(stem) if stem else target
        return f"{label} ({url})" if url else label

    return md.normalise(md.LINK.sub(out, text))


def prerequisite_items(strings: list[str], where: str, checkout: Checkout) -> list[Item]:
    """Prerequisites as written; a link to a module becomes its competencies where the framework cites that
    module's objectives for them, else text with suggestions from the module's objectives."""
    items: list[Item] = []
    seen: set[str] = set()
    for raw in strings:
        text = md.normalise(raw)
        if not text:
            continue
        found = md.links(text)
        stems = [s for s in (checkout.stem_of(t) for _, t in found) if s]
        if len(found) == 1 and stems and text.startswith("["):
            stem = stems[0]
            page = checkout.module(stem)
            if page is None:
                items.append(
                    Item({"text": _linkless(text, checkout)}, [f"{where}: the link to module {stem!r} is dangling"])
                )
                continue
            cited = checkout.citations.competencies(checkout.places(), f"_modules/{stem}.md")
            if cited:
                for cid in cited:
                    if cid not in seen:
                        seen.add(cid)
                        why = f"{text}: the framework cites the objectives of _modules/{stem}.md for {cid}"
                        items.append(Item({"competency": cid}, [why]))
                continue
            comments = [f"{where}: module {stem}; the framework cites it for no competency"]
            if checkout.env.suggestions:
                summary = " ".join([str(page.meta.get("title", stem)), *as_strings(page.meta.get("objectives"))])
                comments += suggestion_lines(rank(summary, checkout.env.framework, limit=checkout.env.suggestions))
            items.append(Item({"text": _linkless(text, checkout)}, comments))
        else:
            items.append(Item({"text": _linkless(text, checkout)}))
    return items


def _platforms(page: Page) -> list[str]:
    """The platform labels of a module's activities ("ImageJ GUI", "skimage napari"): its only tool information."""
    labels: list[str] = []

    def add(label: Any) -> None:
        if isinstance(label, str) and label.strip() and label.strip() not in labels:
            labels.append(label.strip())

    for activity in page.meta.get("multiactivities") or ():
        if isinstance(activity, list) and len(activity) > 1 and isinstance(activity[1], list):
            for variant in activity[1]:
                if isinstance(variant, list) and variant:
                    add(variant[0])
    for key in ("activities", "exercises"):
        for activity in page.meta.get(key) or ():
            if isinstance(activity, list) and activity:
                add(activity[0])
    return labels


def _tools_todo(draft: Draft, platforms: list[str]) -> None:
    if platforms:
        shown = ", ".join(platforms[:8]) + (f" and {len(platforms) - 8} more" if len(platforms) > 8 else "")
        draft.todo(
            "tools", f"the activities are given for {shown}; list the tools you teach as `{{name, open_source, url}}`"
        )
    else:
        draft.todo("tools", "the source names none; list the tools taught with `{name, open_source, url}`")


def _outcomes(draft: Draft, pages: list[tuple[str, Page]], env: Environment) -> None:
    outcomes: list[Item] = []
    for stem, page in pages:
        statements = as_strings(page.meta.get("objectives"))
        got, skipped = outcome_items(statements, f"_modules/{stem}.md", env)
        outcomes += got
        for line in skipped:
            draft.note("learning_outcomes", line)
    draft.set("learning_outcomes", outcomes)
    if not outcomes:
        draft.todo("learning_outcomes", "the modules state no objectives; add what learners can do afterwards")
    note_suggestions(draft, env)


def module_course(stem: str, checkout: Checkout) -> Draft | None:
    page = checkout.module(stem)
    if page is None:
        return None
    env = checkout.env
    draft = Draft("course", slug("neubias", stem), sources=[page.display])
    checkout.header(draft, f"the NEUBIAS module {page.display}")
    draft.set("title", md.normalise(str(page.meta.get("title") or stem)))
    motivation = md.normalise(" ".join(as_strings(page.meta.get("motivation"))))
    if motivation:
        draft.set("description", motivation, "the module's `motivation`")
    else:
        draft.fields["description"] = ""
        draft.todo("description", "the module has no `motivation`; describe the course in a few sentences")
    draft.set("url", checkout.page_url(stem))
    _source_url(draft, checkout)
    tags = _tags(page)
    status = [t for t in tags if t.lower() in ("draft", "outdated")]
    if status:
        draft.note("title", f"the module is tagged {', '.join(status)} in its source")
    draft.set("keywords", [t for t in tags if t.lower() not in STATUS_TAGS][:20])
    checkout.common_todos(draft)
    draft.todo("duration", "the module states none (the site's index.md says a module can be taught in 30-45 min)")
    prereqs = prerequisite_items(as_strings(page.meta.get("prerequisites")), page.display, checkout)
    draft.set("prerequisites", prereqs)
    if not prereqs:
        draft.todo("prerequisites", "the module lists none; write `prerequisites: []` if none are needed")
    _outcomes(draft, [(stem, page)], env)
    _tools_todo(draft, _platforms(page))
    draft.todo("trainers", "a module names no trainers; add who teaches it")
    draft.todo("organiser", "add who organises the course")
    links = [(label, url) for s in as_strings(page.meta.get("external_links")) for label, url in md.links(s)]
    draft.set("materials", [{"title": label, "url": url} for label, url in links if url.startswith("http")])
    if page.meta.get("assessment"):
        draft.todo("assessment", "the module page has quiz questions (`assessment`); say how learners are assessed")
    draft.note("instances", "No dates in a module: a self-paced course. Add `instances` for each time it is taught.")
    return draft


def _source_url(draft: Draft, checkout: Checkout) -> None:
    if checkout.origin.repository:
        draft.set("source_url", checkout.origin.repository)
    else:
        draft.todo("source_url", "the repository this checkout came from (import with --repository URL)")


def ordering_course(page: Page, checkout: Checkout) -> Draft:
    env = checkout.env
    name = os.path.splitext(os.path.basename(page.path))[0]
    order = [s.strip() for s in as_strings(page.meta.get("module_order")) if s.strip()]
    draft = Draft("course", slug("neubias", name), sources=[page.display])
    checkout.header(draft, f"the NEUBIAS course ordering {page.display} and the {len(order)} modules it lists")
    draft.set("title", md.normalise(str(page.meta.get("title") or name)))
    pages = [(s, checkout.module(s)) for s in order]
    overview: tuple[str, Page] | None = None
    first_stem, first = pages[0] if pages else ("", None)
    if first is not None and ("course" in [t.lower() for t in _tags(first)] or first_stem.endswith("_course")):
        overview = (first_stem, first)
    motivation = md.normalise(" ".join(as_strings(overview[1].meta.get("motivation")))) if overview else ""
    if motivation and overview:
        draft.set(
            "description", motivation, f"the `motivation` of the course overview module _modules/{overview[0]}.md"
        )
    else:
        draft.fields["description"] = ""
        draft.todo("description", "the ordering has none (only a title and modules); describe the course")
    draft.set("url", f"{checkout.site}{name}/index.html")
    _source_url(draft, checkout)
    tags: list[str] = []
    for _, p in pages:
        for t in _tags(p) if p else ():
            if t.lower() not in STATUS_TAGS and t not in tags:
                tags.append(t)
    draft.set("keywords", tags[:20], "the modules' tags")
    checkout.common_todos(draft)
    draft.todo("duration", "the ordering states none; add the total teaching time (e.g. P2D)")
    if overview:
        prereqs = prerequisite_items(as_strings(overview[1].meta.get("prerequisites")), overview[1].display, checkout)
        draft.set("prerequisites", prereqs)
    if "prerequisites" not in draft.fields:
        draft.todo("prerequisites", "none stated; write `prerequisites: []` if none are needed")
    found = [(s, p) for s, p in pages if p is not None]
    _outcomes(draft, found, env)
    modules: list[Item] = []
    platforms: list[str] = []
    for stem, p in pages:
        if overview and stem == overview[0]:
            continue
        if p is None:
            modules.append(Item({"title": stem}, [f"module {stem!r} is listed but _modules/{stem}.md does not exist"]))
            continue
        comments = [f"_modules/{stem}.md"]
        cited = checkout.citations.competencies(checkout.places(), f"_modules/{stem}.md")
        if cited:
            comments.append(
                f"the framework cites its objectives for {', '.join(cited)} (add `competencies:` to accept)"
            )
        modules.append(Item({"title": md.normalise(str(p.meta.get("title") or stem))}, comments))
        platforms += [x for x in _platforms(p) if x not in platforms]
    draft.set("modules", modules)
    _tools_todo(draft, platforms)
    draft.todo("trainers", "an ordering names no trainers; add who teaches it")
    draft.todo("organiser", "add who organises the course")
    draft.set(
        "materials",
        [{"title": md.normalise(str(p.meta.get("title") or s)), "url": checkout.page_url(s)} for s, p in found],
        "the module pages",
    )
    draft.note("instances", "No dates in an ordering: a self-paced course. Add `instances` for each time it is taught.")
    return draft


_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m} | {
    m.lower(): i for i, m in enumerate(calendar.month_abbr) if m
}


_WEEKDAYS = "|".join(d.lower() for d in (*calendar.day_name, *calendar.day_abbr))
_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_PATTERNS = [
    re.compile(rf"\b(?P<m>{_MONTH_WORDS})\.?,?\s+(?:(?:{_WEEKDAYS}),?\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?P<m>{_MONTH_WORDS})\b"),
]


def parse_day(line: str) -> date | None:
    """The date in a schedule line, written as people do: `2025 Jan 16, 9:30 - 16:00`, `2024 August Tuesday
    06`, `Monday, 9:30 - 16:00, May 04, 2026 day 1` (any dash), `2025-01-16`. None unless exactly one year is
    given and a day sits next to a month name."""
    text = md.strip_markup(line).lower()
    iso = re.search(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b", text)
    try:
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        years = set(re.findall(r"\b(19\d\d|20\d\d)\b", text))
        if len(years) != 1:
            return None
        for pattern in _DAY_PATTERNS:
            found = {(_MONTHS[m.group("m")], int(m.group("d"))) for m in pattern.finditer(text)}
            if len(found) == 1:
                month, day = found.pop()
                return date(int(years.pop()), month, day)
    except ValueError:
        return None
    return None


_ONLINE = re.compile(r"\b(zoom|online|virtual|webex|teams)\b", re.IGNORECASE)
_PERSON = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<affiliation>[^()]+)\)\s*$")


def _people(text: str) -> list[dict[str, str]]:
    lines = md.bullets(text) or md.paragraphs(text)
    people = []
    for line in lines:
        line = md.strip_markup(line)
        m = _PERSON.match(line)
        if m:
            people.append({"name": m.group("name").strip(), "affiliation": m.group("affiliation").strip()})
        elif line:
            people.append({"name": line})
    return people


def dated_course(page: Page, checkout: Checkout) -> Draft:
    env = checkout.env
    name = os.path.splitext(os.path.basename(page.path))[0]
    body = page.body
    draft = Draft("course", slug("neubias", name), sources=[page.display])
    checkout.header(draft, f"the NEUBIAS course page {page.display} and the modules it links")
    title = next((s.heading for s in md.sections(body) if s.level == 1), None)
    if title:
        draft.set("title", md.strip_markup(title))
    else:
        draft.set("title", name)
        draft.todo("title", "the page has no `# title`; the file name is used")
    why = md.section(body, "why take this course")
    if why and md.paragraphs(why.text):
        draft.set("description", " ".join(md.paragraphs(why.text)), "the page's 'Why take this course'")
    else:
        draft.fields["description"] = ""
        draft.todo("description", "the page has no 'Why take this course' section; describe the course")
    if checkout.origin.repository and "github.com" in checkout.origin.repository:
        ref = checkout.origin.commit or "master"
        draft.set("url", f"{checkout.origin.repository}/blob/{ref}/{relative(page.path, checkout.root)}")
        draft.set("source_url", checkout.origin.repository)
    else:
        draft.todo("url", "the page's public address (import with --repository URL to have it written)")
    checkout.common_todos(draft)
    draft.todo("duration", "the page gives times of day, not teaching time; add the total (e.g. P2D)")

    prereq_section = md.section(body, "prerequisites", "requirements")
    prereqs: list[Item] = []
    if prereq_section:
        lines = md.bullets(prereq_section.text, top_level_only=False) or md.paragraphs(prereq_section.text)
        prereqs = _page_prerequisites(lines, page.display, checkout)
    draft.set("prerequisites", prereqs)
    if not prereqs:
        draft.todo("prerequisites", "none stated; write `prerequisites: []` if none are needed")

    content = md.section(body, "teaching content", "training modules", "modules")
    linked: list[str] = []
    for _, target in md.links(content.text) if content else ():
        stem = checkout.stem_of(target) if target.startswith(("http", "../")) else None
        if stem and stem not in linked:
            linked.append(stem)
    pages = [(s, checkout.module(s)) for s in linked]
    _outcomes(draft, [(s, p) for s, p in pages if p is not None], env)
    missing = [s for s, p in pages if p is None]
    if missing:
        draft.note(
            "learning_outcomes", f"linked modules not in this checkout (no objectives read): {', '.join(missing)}"
        )
    modules = [
        Item({"title": md.normalise(str(p.meta.get("title") or s))}, [f"_modules/{s}.md"])
        if p is not None
        else Item({"title": s}, [f"linked module {s!r} is not in this checkout"])
        for s, p in pages
    ]
    draft.set("modules", modules)
    _tools_todo(draft, [])

    trainers_section = md.section(body, "trainers", "speaker", "instructors", "teachers")
    trainers = _people(trainers_section.text) if trainers_section else []
    draft.set("trainers", trainers, f"the page's '{trainers_section.heading}'" if trainers_section else "")
    if not trainers:
        draft.todo("trainers", "the page names none; add who teaches it")
    draft.todo("organiser", "the page does not name the organiser; add it")
    draft.set("materials", [{"title": md.normalise(str(p.meta.get("title") or s)), "url": checkout.page_url(s)}
                            for s, p in pages if p is not None], "the module pages")  # fmt: skip
    _instances(draft, body)
    return draft


def _page_prerequisites(lines: list[str], where: str, checkout: Checkout) -> list[Item]:
    items: list[Item] = []
    for line in lines:
        found = md.links(line)
        stem = checkout.stem_of(found[0][1]) if len(found) == 1 and line.startswith("[") else None
        items += prerequisite_items([line], where, checkout) if stem else [Item({"text": _linkless(line, checkout)})]
    return items


def _instances(draft: Draft, body: str) -> None:
    schedule = md.section(body, "schedule", "dates")
    days = sorted({d for line in (schedule.text.split("\n") if schedule else []) if (d := parse_day(line))})
    venue = md.section(body, "venue", "location")
    places = md.bullets(venue.text) if venue else []
    places = places or (md.paragraphs(venue.text) if venue else [])
    online = [p for p in places if _ONLINE.search(p)]
    physical = [md.strip_markup(p) for p in places if not _ONLINE.search(p)]
    if not days:
        said = md.normalise(schedule.text)[:120] if schedule else ""
        draft.todo("instances", "no day could be read from the page's schedule" + (f" ({said!r})" if said else ""))
        if places:
            draft.note("instances", f"the page's {venue.heading if venue else 'venue'}: {'; '.join(places)}")
        return
    mode = "hybrid" if online and physical else "online" if online else "onsite"
    instance: dict[str, Any] = {"start_date": days[0].isoformat()}
    if len(days) > 1:
        instance["end_date"] = days[-1].isoformat()
    instance["mode"] = mode
    if physical:
        instance["location"] = {"name": physical[0]}
    notes = [f"the page's schedule: {', '.join(d.isoformat() for d in days)}"]
    if venue:
        notes.append(f"mode {mode}: the page's {venue.heading} lists {'; '.join(places)}")
    if not venue:
        notes.append("TODO: instances: the page names no venue; `mode: onsite` is assumed, correct it")
    draft.set("instances", [Item(instance, notes)])
    if physical:
        draft.note("instances", "TODO: location: split the venue into name, city and country")


def _expand(source: str) -> Iterator[str]:
    if not os.path.isdir(source):
        yield source
        return
    base = os.path.basename(os.path.abspath(source))
    folders = [source] if base in ("_modules", "_courses", "courses") else [
        os.path.join(source, "_courses"), os.path.join(source, "courses")
    ]  # fmt: skip
    for folder in folders:
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                if name.endswith(".md") and not name.startswith((".", "YYYY")):
                    yield os.path.join(folder, name)


def read(sources: list[str], env: Environment) -> ReadResult:
    drafts: list[Draft] = []
    problems: list[Diagnostic] = []
    checkouts: dict[str, Checkout] = {}
    for source in sources:
        for path in _expand(source):
            root = find_root(path, ("_config.yml", "_modules"))
            if root is None:
                where = Location(display_path(path))
                problems.append(
                    Diagnostic.make(
                        "GC113",
                        "not inside a NEUBIAS training-resources checkout (no _config.yml and _modules/ above it)",
                        where,
                        "pass a file of the checkout, or the checkout's folder",
                    )
                )
                continue
            checkout = checkouts.setdefault(root, Checkout(root, env))
            kind = os.path.basename(os.path.dirname(os.path.abspath(path)))
            if kind == "_modules":
                draft = module_course(os.path.splitext(os.path.basename(path))[0], checkout)
                if draft is not None:
                    drafts.append(draft)
                elif not os.path.isfile(path):
                    problems.append(Diagnostic.make("GC108", "no such module file", Location(display_path(path))))
                continue
            page, found = read_page(path, checkout.display(path))
            problems += found
            if page is None:
                continue
            if kind == "_courses":
                drafts.append(ordering_course(page, checkout))
            elif kind == "courses":
                drafts.append(dated_course(page, checkout))
            else:
                hint = "NEUBIAS sources are _modules/*.md, _courses/*.md and courses/*.md"
                problems.append(Diagnostic.make("GC113", "not a NEUBIAS module, course ordering or course page",
                                                Location(page.display), hint))  # fmt: skip
    for checkout in checkouts.values():
        problems += checkout.diagnostics
    return ReadResult(drafts, problems)
