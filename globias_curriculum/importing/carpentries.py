"""Carpentries lessons: the Workbench (sandpaper) format and the older carpentries/styles (Jekyll) format.

SOURCE is a lesson's folder (or its config.yaml / _config.yml). Workbench lessons list their episodes in
`config.yaml` and keep objectives in `::: objectives` fenced divs, whose items may wrap onto unindented lines;
styles lessons keep everything in the front matter of `_episodes/NN-name.md`, ordered by file name. Episodes
become modules (duration = teaching + exercises minutes), their objectives the outcomes, in order; pages under
`learners/` that have objectives (an "extra episode") follow as extra modules.
"""

from __future__ import annotations

import os
import re
from typing import Any

from ..diagnostics import Diagnostic, Location
from ..identifiers import is_http_url
from ..reading.files import display_path
from ..reading.parse import load_text
from . import markdown as md
from .common import (
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
from .source import Page, origin, read_page, read_text, relative

NAME = "carpentries"
SUMMARY = "a Carpentries lesson folder (Workbench config.yaml, or carpentries/styles _config.yml)"
#: The keywords every lesson made from the Workbench template carries until someone changes them.
TEMPLATE_KEYWORDS = "software, data, lesson, The Carpentries"
PROGRAMMES = {
    "dc": "Data Carpentry",
    "swc": "Software Carpentry",
    "lc": "Library Carpentry",
    "cp": "The Carpentries",
    "incubator": "the Carpentries Incubator",
    "lab": "the Carpentries Lab",
}


class Episode:
    def __init__(self, page: Page, objectives: list[str], extra: bool) -> None:
        self.page = page
        self.objectives = objectives
        self.extra = extra

    @property
    def minutes(self) -> int:
        total = 0
        for key in ("teaching", "exercises"):
            value = self.page.meta.get(key)
            total += value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0
        return total


def _workbench_objectives(body: str) -> list[str]:
    return [item for div in md.fenced_divs(body, "objectives") for item in md.bullets(div)]


def _config(root: str) -> tuple[str | None, dict[str, Any], list[Diagnostic]]:
    for name in ("config.yaml", "_config.yml"):
        path = os.path.join(root, name)
        if os.path.isfile(path):
            text, problems = read_text(path, relative(path, root))
            if text is None:
                return name, {}, problems
            loaded = load_text(text.text, text.display)
            errors = [d for d in loaded.diagnostics if d.severity.name == "ERROR"]
            data = loaded.document.data if loaded.document is not None else None
            if not isinstance(data, dict):
                return name, {}, errors or [Diagnostic.make("GC112", "the lesson configuration is not a mapping",
                                                            Location(text.display, 1, 1))]  # fmt: skip
            return name, data, errors
    return None, {}, []


def _episodes(root: str, config_name: str, config: dict[str, Any]) -> tuple[list[Episode], list[Diagnostic]]:
    episodes: list[Episode] = []
    problems: list[Diagnostic] = []
    if config_name == "config.yaml":
        listed = [("episodes", n, False) for n in as_strings(config.get("episodes"))]
        listed += [("learners", n, True) for n in as_strings(config.get("learners"))]
    else:
        folder = os.path.join(root, "_episodes")
        names = sorted(n for n in os.listdir(folder) if n.endswith(".md")) if os.path.isdir(folder) else []
        listed = [("_episodes", n, False) for n in names]
    for folder, name, extra in listed:
        path = os.path.join(root, folder, name)
        if not os.path.isfile(path):
            if not extra:
                problems.append(Diagnostic.make("GC108", "the lesson lists this episode but it is missing",
                                                Location(display_path(os.path.join(folder, name)))))  # fmt: skip
            continue
        page, found = read_page(path, relative(path, root))
        problems += found
        if page is None:
            continue
        objectives = as_strings(page.meta.get("objectives")) or _workbench_objectives(page.body)
        if extra and not objectives:
            continue  # learners/ pages without objectives are reference pages, not episodes
        episodes.append(Episode(page, objectives, extra))
    return episodes, problems


def _prerequisites(index: Page | None) -> list[str]:
    if index is None:
        return []
    blocks = md.fenced_divs(index.body, "prereq")
    box = md.blockquote_box(index.body, "prereq")
    text = blocks[0] if blocks else box or ""
    text = "\n".join(ln for ln in text.split("\n") if not ln.lstrip().startswith("#"))
    items = md.bullets(text) or md.paragraphs(text)
    return [_links_to_text(i) for i in items if i]


def _links_to_text(text: str) -> str:
    """Absolute links written out after their label; relative (in-lesson) links keep only their label."""

    def out(m: re.Match[str]) -> str:
        label, target = md.normalise(m.group(1)), m.group(2)
        return f"{label} ({target})" if target.startswith(("http://", "https://")) else label

    return md.normalise(md.LINK.sub(out, text))


def _description(index: Page | None) -> str | None:
    if index is None:
        return None
    body = index.body
    cut = min((i for i in (body.find(":::"), body.find("\n> ##")) if i >= 0), default=len(body))
    return md.first_paragraph(body[:cut])


def lesson_course(root: str, env: Environment) -> tuple[Draft | None, list[Diagnostic]]:
    config_name, config, problems = _config(root)
    if config_name is None:
        where = Location(display_path(root))
        hint = "pass the lesson's folder (it holds config.yaml or _config.yml)"
        return None, [Diagnostic.make("GC113", "not a Carpentries lesson (no config.yaml or _config.yml)", where, hint)]
    if problems:
        return None, problems
    episodes, problems = _episodes(root, config_name, config)
    index_path = os.path.join(root, "index.md")
    index = None
    if os.path.isfile(index_path):
        index, found = read_page(index_path, "index.md")
        problems += found
    checkout = origin(root, env.repository, env.commit)
    carpentry = str(config.get("carpentry") or "").strip()
    folder = os.path.basename(os.path.abspath(root))
    draft = Draft("course", slug(carpentry, folder), sources=[config_name] + [e.page.display for e in episodes])
    style = "Workbench" if config_name == "config.yaml" else "carpentries/styles"
    licence = spdx(str(config.get("license") or ""))
    note = f"Licence of the source: {licence} (the lesson's `license`); keep its attribution." if licence else None
    draft.header = header(env, f"the Carpentries lesson {folder!r} ({style}: {config_name}, index.md, "
                               f"{len(episodes)} episodes)", checkout, note)  # fmt: skip

    title = md.normalise(str(config.get("title") or ""))
    if title:
        draft.set("title", title, f"`title` of {config_name}")
    else:
        draft.set("title", folder)
        draft.todo("title", "the configuration has none; the folder name is used")
    description = _description(index)
    if description:
        draft.set("description", description, "the first paragraph of index.md")
    else:
        draft.fields["description"] = ""
        draft.todo("description", "index.md has no introductory paragraph; describe the course")
    url = str(config.get("url") or "").strip()
    if is_http_url(url):
        draft.set("url", url, f"`url` of {config_name}")
    else:
        draft.todo("url", "the lesson's published address (the configuration gives none)")
    source = str(config.get("source") or "").strip()
    repository = checkout.repository or (source if is_http_url(source) and "/blob/" not in source else None)
    if repository:
        draft.set("source_url", repository)
    else:
        said = f" (its `source` is {source!r}, not a repository)" if source else ""
        draft.todo("source_url", f"the lesson's repository{said}")
    keywords = str(config.get("keywords") or "")
    if keywords.strip() and md.normalise(keywords) != TEMPLATE_KEYWORDS:
        draft.set("keywords", [k.strip() for k in keywords.split(",") if k.strip()][:20], "`keywords`")
    else:
        said = f"the lesson's are the template's ({TEMPLATE_KEYWORDS})" if keywords.strip() else "the lesson has none"
        draft.todo("keywords", f"{said}; add a few that say what it teaches")
    draft.todo("level", "Carpentries lessons state none; add introductory, intermediate or advanced")
    minutes = sum(e.minutes for e in episodes if not e.extra)
    duration = iso_minutes(minutes)
    if duration:
        draft.set("duration", duration, "the episodes' `teaching` + `exercises` minutes, added up")
    else:
        draft.todo("duration", "the episodes give no teaching or exercise minutes; add the total")
    lang = str(config.get("lang") or "").strip().lower()
    if re.fullmatch(r"[a-z]{2}", lang):
        draft.set("language", lang, f"`lang` of {config_name}")
    else:
        draft.todo("language", "the configuration has no `lang`; the lesson is in English? then `language: en`")
    if licence:
        draft.set("license", licence, f"`license: {config.get('license')}`")
    else:
        draft.todo("license", f"`license` ({config.get('license')!r}) is not an SPDX id this tool recognises")
    prereqs = _prerequisites(index)
    draft.set("prerequisites", [Item({"text": p}) for p in prereqs], "the prerequisites box of index.md")
    if not prereqs:
        draft.todo("prerequisites", "index.md states none; write `prerequisites: []` if none are needed")

    outcomes: list[Item] = []
    modules: list[Item] = []
    for episode in episodes:
        got, skipped = outcome_items(episode.objectives, episode.page.display, env)
        outcomes += got
        for line in skipped:
            draft.note("learning_outcomes", line)
        module: dict[str, Any] = {"title": md.normalise(str(episode.page.meta.get("title") or episode.page.display))}
        if iso_minutes(episode.minutes):
            module["duration"] = iso_minutes(episode.minutes)
        comments = [
            episode.page.display + (" (an extra episode, not counted in the duration)" if episode.extra else "")
        ]
        modules.append(Item(module, comments))
    draft.set("learning_outcomes", outcomes)
    if not outcomes:
        draft.todo("learning_outcomes", "no episode states objectives; add what learners can do afterwards")
    note_suggestions(draft, env)
    draft.set("modules", modules)
    draft.todo("tools", "the lesson lists its software in learners/setup.md; add it as `{name, open_source, url}`")
    draft.todo("trainers", "a lesson is taught by whoever runs a workshop; add the trainers of yours")
    programme = PROGRAMMES.get(carpentry.lower())
    draft.todo("organiser", f"the lesson is published by {programme} (`carpentry: {carpentry}`); add who organises"
               if programme else f"add who organises it (`carpentry: {carpentry}`)")  # fmt: skip
    if "url" in draft.fields:
        draft.set("materials", [{"url": draft.fields["url"]}], "the lesson's website")
    draft.todo("edam_topics", "the lesson has none; add EDAM topics (e.g. edam:topic_3383 Bioimaging)")
    draft.note("instances", "No dates in a lesson: a self-paced course. Add `instances` for each workshop.")
    return draft, problems


def read(sources: list[str], env: Environment) -> ReadResult:
    drafts: list[Draft] = []
    problems: list[Diagnostic] = []
    for source in sources:
        root = source if os.path.isdir(source) else os.path.dirname(source) or "."
        draft, found = lesson_course(root, env)
        problems += found
        if draft is not None:
            drafts.append(draft)
    return ReadResult(drafts, problems)
