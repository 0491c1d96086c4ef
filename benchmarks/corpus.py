"""Generated, valid courses from a seed, so every tool reads the same reproducible files."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

COMPETENCIES = [
    f"BIA.{a}.{i}" for a, n in [("FND", 6), ("VIS", 4), ("SEG", 7), ("QNT", 6), ("DAT", 6)] for i in range(1, n + 1)
]
TOOLS = ["Fiji", "napari", "ilastik", "CellProfiler", "QuPath"]
VERBS = ["Describe", "Apply", "Measure", "Segment", "Compare", "Explain", "Create"]


def make_course(rng: random.Random, i: int) -> str:
    """A realistic, valid course of about 60 lines (the size of the shipped ones)."""
    tools = rng.sample(TOOLS, 3)
    lines = [
        "kind: course",
        f"id: bench-course-{i:05d}",
        f'title: "Benchmark course {i}: image analysis with {tools[0]}"',
        f'description: "Generated course number {i} for the validate benchmark."',
        f"url: https://example.org/courses/{i}",
        f"keywords: [segmentation, {tools[0]}, quantification]",
        f"level: {rng.choice(['introductory', 'intermediate', 'advanced'])}",
        "duration: P3D",
        "language: en",
        "license: CC-BY-4.0",
        "target_audience: [PhD students, Postdocs]",
        "prerequisites:",
        "  - {competency: BIA.FND.1, level: introductory}",
        '  - text: "A laptop with the tools installed"',
        "learning_outcomes:",
    ]
    for _ in range(rng.randint(4, 7)):
        comps = ", ".join(rng.sample(COMPETENCIES, 2))
        lines += [
            f'  - statement: "{rng.choice(VERBS)} objects in fluorescence images."',
            f"    competencies: [{comps}]",
        ]
    lines.append("modules:")
    for m in range(rng.randint(4, 8)):
        lines.append(
            f'  - {{title: "Module {m}", duration: PT2H, competencies: [{rng.choice(COMPETENCIES)}], '
            f"tools: [{tools[m % 3]}]}}"
        )
    lines.append("tools:")
    lines += [f'  - {{name: {t}, open_source: true, url: "https://example.org/{t.lower()}"}}' for t in tools]
    lines += [
        "trainers:",
        '  - {name: "Josiah Carberry", orcid: 0000-0002-1825-0097, affiliation: "Brown University"}',
        'organiser: {name: "Example Imaging Facility", url: "https://example.org/"}',
        "instances:",
        f'  - {{start_date: "2025-0{rng.randint(1, 9)}-10", end_date: "2025-10-12", mode: onsite, capacity: 20,'
        f' url: "https://example.org/courses/{i}/1", location: {{name: "Room 1", city: Heidelberg}}}}',
    ]
    return "\n".join(lines) + "\n"


def build_corpus(results: Path, n: int, seed: int) -> list[str]:
    """The first `n` courses of the seed's sequence, as sorted paths. A corpus of a size is a prefix of every
    larger one, so one folder serves every size; it is rebuilt only when it is too small or the seed changed."""
    folder = results / f"corpus-{seed}"
    marker = folder / ".count"
    have = int(marker.read_text()) if marker.exists() else 0
    if have < n:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        rng = random.Random(seed)
        for i in range(n):
            (folder / f"course-{i:05d}.yaml").write_text(make_course(rng, i), encoding="utf-8")
        marker.write_text(str(n))
    return [str(folder / f"course-{i:05d}.yaml") for i in range(n)]


def corpus_folder(results: Path, n: int, seed: int) -> str:
    """A folder holding exactly the first `n` courses (hard links into the corpus), to run a command on a
    folder the way a user would: thousands of paths on a command line cost any Python process memory of
    their own (the report's floor rows show how much)."""
    files = build_corpus(results, n, seed)
    folder = results / f"corpus-{seed}-{n}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for path in files:
            os.link(path, folder / os.path.basename(path))
        (folder / ".complete").touch()
    return str(folder)
