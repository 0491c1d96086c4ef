"""Galaxy Training Network (training-material): tutorials, and learning pathways as programmes.

SOURCE may be a tutorial (`topics/<topic>/tutorials/<name>/tutorial.md` or its folder), a topic folder (every
tutorial in it), or a learning pathway (`learning-pathways/<name>.md`), which becomes a programme listing one
imported course per tutorial it names, in its order. The topic's `metadata.yaml` gives EDAM topics and the
requirements every tutorial of the topic shares.

Learning pathways: none with imaging tutorials was found in the stored copies of training-material (searched
again for this importer); the code follows the format of `learning-pathways/pathway-example.md` and was tested on
a real pathway of another topic (tests/fixtures/importers/gtn/SOURCES.md).
"""

from __future__ import annotations

import os
import re
from typing import Any

from ..diagnostics import Diagnostic, Location
from ..reading.files import display_path
from ..reading.parse import load_text
from . import markdown as md
from .common import (
    Citations,
    Environment,
    ReadResult,
    as_strings,
    header,
    iso_minutes,
    note_suggestions,
    outcome_items,
    slug,
    spdx,
)
from .draft import Draft, Item
from .source import Origin, Page, find_root, origin, read_page, read_text, relative

NAME = "gtn"
SUMMARY = "Galaxy Training Network: topics/*/tutorials/*/tutorial.md, a topic, or learning-pathways/*.md"
SITE = "https://training.galaxyproject.org/training-material/"
REPOSITORY = "https://github.com/galaxyproject/training-material"
_TIME = re.compile(r"^\s*(?:(\d+(?:\.\d+)?)\s*[hH])?\s*(?:(\d+)\s*(?:[mM][mM]?|min|mins|minutes))?\s*$")
_TOOL = re.compile(r"\{%\s*tool\s+\[([^\]]+)\]\(([^)]*)\)\s*%\}")


def time_estimation(value: Any) -> str | None:
    """GTN's `time_estimation` as ISO 8601: `1H`, `30m`, `"15min"`, `1H30M`, `2h`, and `30Mm` (one file has it)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return iso_minutes(value * 60)
    m = _TIME.match(str(value or ""))
    if not m or not (m.group(1) or m.group(2)):
        return None
    minutes = round(float(m.group(1) or 0) * 60) + int(m.group(2) or 0)
    return iso_minutes(minutes)


class Checkout:
    def __init__(self, root: str, env: Environment) -> None:
        self.root = root
        self.env = env
        self.origin: Origin = origin(root, env.repository, env.commit)
        self.citations = Citations(env.framework)
        self._tutorials: dict[tuple[str, str], Page | None] = {}
        self._topics: dict[str, dict[str, Any]] = {}
        self.diagnostics: list[Diagnostic] = []

    def tutorial(self, topic: str, name: str) -> Page | None:
        key = (topic, name)
        if key not in self._tutorials:
            path = os.path.join(self.root, "topics", topic, "tutorials", name, "tutorial.md")
            page = None
            if re.fullmatch(r"[\w.-]+", topic) and re.fullmatch(r"[\w.-]+", name) and os.path.isfile(path):
                page, problems = read_page(path, relative(path, self.root))
                self.diagnostics += problems
            self._tutorials[key] = page
        return self._tutorials[key]

    def topic(self, topic: str) -> dict[str, Any]:
        if topic not in self._topics:
            data: Any = {}
            text, _ = read_text(os.path.join(self.root, "topics", topic, "metadata.yaml"))
            if text is not None:
                loaded = load_text(text.text, relative(text.path, self.root))
                self.diagnostics += [d for d in loaded.diagnostics if d.severity.name == "ERROR"]
                data = loaded.document.data if loaded.document is not None else {}
            self._topics[topic] = data if isinstance(data, dict) else {}
        return self._topics[topic]

    @staticmethod
    def url(topic: str, name: str) -> str:
        return f"{SITE}topics/{topic}/tutorials/{name}/tutorial.html"

    def places(self, topic: str, name: str) -> list[str]:
        return [p for p in (self.origin.repository, self.url(topic, name), SITE) if p]

    def header(self, draft: Draft, what: str) -> None:
        draft.header = header(self.env, what, self.origin, None)


def _requirement_items(requirements: Any, checkout: Checkout, where: str) -> list[Item]:
    """GTN `requirements`: internal tutorials become competencies where the framework cites their objectives,
    else text naming the tutorial; a whole topic, an external link or a `none` entry becomes text."""
    items: list[Item] = []
    for req in requirements if isinstance(requirements, list) else ():
        if not isinstance(req, dict):
            continue
        kind = str(req.get("type", "internal"))
        if kind == "internal":
            topic = str(req.get("topic_name", ""))
            tutorials = as_strings(req.get("tutorials"))
            if not tutorials:
                items.append(
                    Item({"text": f"The GTN topic {topic} ({SITE}topics/{topic}/)"}, [f"{where}: requirements"])
                )
            for name in tutorials:
                items += _tutorial_requirement(topic, name, checkout, where)
        elif kind == "external":
            title, link = str(req.get("title", "")).strip(), str(req.get("link", "")).strip()
            text = f"{title} ({link})" if title and link else title or link
            if text:
                items.append(Item({"text": text}, [f"{where}: requirements (external)"]))
        elif str(req.get("title", "")).strip():
            items.append(Item({"text": str(req["title"]).strip()}, [f"{where}: requirements"]))
    return items


def _tutorial_requirement(topic: str, name: str, checkout: Checkout, where: str) -> list[Item]:
    page = checkout.tutorial(topic, name)
    url = checkout.url(topic, name)
    if page is None:
        return [Item({"text": f"The GTN tutorial {topic}/{name} ({url})"},
                     [f"{where}: requirements; the tutorial is not in this checkout"])]  # fmt: skip
    cited = checkout.citations.competencies(checkout.places(topic, name), "tutorial.md")
    title = md.normalise(str(page.meta.get("title") or name))
    if cited:
        why = f"{where}: requires the tutorial {topic}/{name}; the framework cites its objectives for"
        return [Item({"competency": c}, [f"{why} {c}"]) for c in cited]
    return [Item({"text": f"{title} ({url})"}, [f"{where}: requires the GTN tutorial {topic}/{name}"])]


def tutorial_course(topic: str, name: str, checkout: Checkout) -> Draft | None:
    page = checkout.tutorial(topic, name)
    if page is None:
        return None
    env = checkout.env
    meta = page.meta
    draft = Draft("course", slug("gtn", topic, name), sources=[page.display])
    checkout.header(draft, f"the Galaxy Training Network tutorial {page.display}")
    draft.set("title", md.normalise(str(meta.get("title") or name)))
    intro = md.first_paragraph(page.body)
    if intro:
        draft.set("description", intro, "the first paragraph of the tutorial")
    else:
        draft.fields["description"] = ""
        draft.todo("description", "the tutorial has no introductory paragraph; describe the course")
    draft.set("url", checkout.url(topic, name))
    if checkout.origin.repository:
        draft.set("source_url", checkout.origin.repository)
    else:
        draft.todo("source_url", f"the repository of this checkout (import with --repository URL, e.g. {REPOSITORY})")
    draft.set("keywords", [md.normalise(t) for t in as_strings(meta.get("tags")) if md.normalise(t)][:20], "`tags`")
    level = str(meta.get("level") or "").strip().lower()
    if level and env.framework.level(level):
        draft.set("level", level, f"`level: {meta.get('level')}`")
    else:
        draft.todo("level", "the tutorial states none" + (f" it can use (it says {level!r})" if level else ""))
    duration = time_estimation(meta.get("time_estimation"))
    if duration:
        draft.set("duration", duration, f"`time_estimation: {meta.get('time_estimation')}`")
    else:
        draft.todo("duration", f"`time_estimation` ({meta.get('time_estimation')!r}) could not be read; add it")
    draft.todo("language", "the tutorial does not say; GTN tutorials are mostly English (`language: en`)")
    licence = spdx(str(meta.get("license") or ""))
    if licence:
        draft.set("license", licence, "`license`")
    else:
        draft.todo("license", "the tutorial sets none; GTN pages state CC BY 4.0 for tutorial content: check, then")
        draft.note("license", "write `license: CC-BY-4.0`")
    topic_meta = checkout.topic(topic)
    prereqs = _requirement_items(meta.get("requirements"), checkout, page.display)
    prereqs += _requirement_items(topic_meta.get("requirements"), checkout, f"topics/{topic}/metadata.yaml")
    draft.set("prerequisites", prereqs)
    if not prereqs:
        draft.todo("prerequisites", "none stated; write `prerequisites: []` if none are needed")
    outcomes, skipped = outcome_items(as_strings(meta.get("objectives")), page.display, env)
    for line in skipped:
        draft.note("learning_outcomes", line)
    draft.set("learning_outcomes", outcomes)
    if not outcomes:
        draft.todo("learning_outcomes", "the tutorial states no objectives; add what learners can do afterwards")
    note_suggestions(draft, env)
    tools = []
    for label, _ in _TOOL.findall(page.body):
        name_ = md.normalise(label)
        if name_ and name_ not in tools:
            tools.append(name_)
    draft.set("tools", [{"name": t} for t in tools], "the Galaxy tools the tutorial runs ({% tool %} tags)")
    draft.todo("tools", "say for each whether it is open source (`open_source`), and add Galaxy itself if taught")
    authors = _authors(meta)
    draft.todo(
        "trainers",
        "the tutorial names its authors by GitHub handle only" + (f" ({', '.join(authors)})" if authors else ""),
    )
    draft.note("trainers", "add name (and ORCID) of whoever teaches it")
    draft.todo("organiser", "add who organises the course")
    zenodo = str(meta.get("zenodo_link") or "").strip()
    if zenodo.startswith("http"):
        draft.set("materials", [Item({"url": zenodo}, ["`zenodo_link`: the training data"])])
    edam = [f"edam:{e}" for e in as_strings(topic_meta.get("edam_ontology")) if re.fullmatch(r"topic_\d{4}", e)]
    if edam:
        draft.set("edam_topics", edam, f"`edam_ontology` of topics/{topic}/metadata.yaml")
    else:
        draft.todo("edam_topics", "the topic names none; add EDAM topics")
    draft.note("instances", "No dates in a tutorial: a self-paced course. Add `instances` for each time it is taught.")
    return draft


def _authors(meta: dict[str, Any]) -> list[str]:
    handles = as_strings(meta.get("contributors"))
    contributions = meta.get("contributions")
    if isinstance(contributions, dict):
        handles += [h for role in ("authorship", "editing") for h in as_strings(contributions.get(role))]
    return list(dict.fromkeys(handles))


def pathway_programme(page: Page, checkout: Checkout, drafts: dict[str, Draft]) -> Draft:
    """A learning pathway: a programme whose courses are its tutorials, imported beside it."""
    name = os.path.splitext(os.path.basename(page.path))[0]
    draft = Draft("programme", slug("gtn-pathway", name), sources=[page.display])
    checkout.header(draft, f"the Galaxy Training Network learning pathway {page.display}")
    draft.set("title", md.normalise(str(page.meta.get("title") or name)))
    description = md.normalise(str(page.meta.get("description") or ""))
    draft.set("description", description, "`description`")
    draft.set("url", f"{SITE}learning-pathways/{name}.html")
    courses: list[Item] = []
    missing = []
    for section in page.meta.get("pathway") or ():
        if not isinstance(section, dict):
            continue
        heading = md.normalise(str(section.get("section") or ""))
        first = True
        for tutorial in section.get("tutorials") or ():
            if not isinstance(tutorial, dict):
                continue
            comments = [f"section: {heading}"] if first and heading else []
            if tutorial.get("external"):
                link = str(tutorial.get("link") or "")
                missing.append(f"{md.normalise(str(tutorial.get('name', '')))} ({link}) is not a GTN tutorial")
                continue
            topic, tname = str(tutorial.get("topic", "")), str(tutorial.get("name", ""))
            course = tutorial_course(topic, tname, checkout)
            if course is None:
                missing.append(f"{topic}/{tname} is not in this checkout")
                continue
            drafts.setdefault(course.id, course)
            courses.append(Item(course.file_name, comments))
            first = False
    draft.fields["courses"] = courses
    for line in missing:
        draft.note("courses", f"TODO: courses: the pathway's tutorial {line}; import it and add its file here")
    return draft


def _expand(source: str) -> list[tuple[str, str]]:
    """(kind, path) for a source: ("tutorial", tutorial.md), ("pathway", x.md), or every tutorial of a topic."""
    path = os.path.abspath(source)
    if os.path.isdir(path):
        if os.path.isfile(os.path.join(path, "tutorial.md")):
            return [("tutorial", os.path.join(path, "tutorial.md"))]
        tutorials = os.path.join(path, "tutorials")
        if os.path.isdir(tutorials):
            return [("tutorial", os.path.join(tutorials, n, "tutorial.md")) for n in sorted(os.listdir(tutorials))
                    if os.path.isfile(os.path.join(tutorials, n, "tutorial.md"))]  # fmt: skip
        return [("unknown", source)]
    if os.path.basename(os.path.dirname(path)) == "learning-pathways":
        return [("pathway", source)]
    return [("tutorial", source)]


def read(sources: list[str], env: Environment) -> ReadResult:
    drafts: dict[str, Draft] = {}
    problems: list[Diagnostic] = []
    checkouts: dict[str, Checkout] = {}
    for source in sources:
        for kind, path in _expand(source):
            root = find_root(path, ("topics",))
            parts = relative(path, root).split("/") if root else []
            is_tutorial = len(parts) == 5 and parts[0] == "topics" and parts[2] == "tutorials"
            if root is None or kind == "unknown" or (kind == "tutorial" and not is_tutorial):
                problems.append(
                    Diagnostic.make(
                        "GC113",
                        "not a GTN tutorial, topic or learning pathway inside a training-material checkout",
                        Location(display_path(path)),
                        "pass topics/<topic>/tutorials/<name>/tutorial.md, a topic folder or learning-pathways/*.md",
                    )
                )
                continue
            checkout = checkouts.setdefault(root, Checkout(root, env))
            if kind == "pathway":
                page, found = read_page(path, relative(path, root))
                problems += found
                if page is not None:
                    programme = pathway_programme(page, checkout, drafts)
                    drafts[programme.id] = programme
                continue
            course = tutorial_course(parts[1], parts[3], checkout)
            if course is not None:
                drafts.setdefault(course.id, course)
            elif not os.path.isfile(path):
                problems.append(Diagnostic.make("GC108", "no such tutorial file", Location(display_path(path))))
    for checkout in checkouts.values():
        problems += checkout.diagnostics
    return ReadResult(list(drafts.values()), problems)
