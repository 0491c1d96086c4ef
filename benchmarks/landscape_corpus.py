"""Generated courses with known regions, levels, years, competencies, languages and trainers, from a seed.

Used by the landscape and harvest tests (which count the expected figures from these dicts themselves) and by
benchmarks/landscape.py and benchmarks/harvest.py. Every course is valid; `yaml_text` writes one as a file.
"""

from __future__ import annotations

import random
from typing import Any

import yaml

#: (country as a page may write it, ISO code, continent)
PLACES = [
    ("Germany", "DE", "EU"), ("United Kingdom", "GB", "EU"), ("France", "FR", "EU"), ("Italy", "IT", "EU"),
    ("United States", "US", "NA"), ("Mexico", "MX", "NA"), ("Brazil", "BR", "SA"), ("Chile", "CL", "SA"),
    ("Japan", "JP", "AS"), ("India", "IN", "AS"), ("South Africa", "ZA", "AF"), ("Kenya", "KE", "AF"),
    ("Australia", "AU", "OC"),
]  # fmt: skip
COMPETENCIES = [f"BIA.{a}.{i}" for a, n in [("FND", 6), ("SEG", 7), ("ML", 4), ("DAT", 6), ("STA", 5)]
                for i in range(1, n + 1)]  # fmt: skip
LEVELS = ["introductory", "intermediate", "advanced", None]
LANGUAGES = ["en", "es", "pt", "fr", "ja"]
LICENCES = ["CC-BY-4.0", "CC-BY-NC-4.0", None]
#: A small pool, so the same people teach several courses; some have an ORCID iD (valid check digits).
TRAINERS = [
    {"name": "Josiah Carberry", "orcid": "0000-0002-1825-0097"},
    {"name": "Ana Example"},
    {"name": "Kofi Example"},
    {"name": "Mei Example"},
    {"name": "Lucas Example"},
]


def make_course(rng: random.Random, i: int) -> dict[str, Any]:
    taught = rng.sample(COMPETENCIES, rng.randint(1, 4))
    course: dict[str, Any] = {
        "kind": "course",
        "id": f"gen-{i:05d}",
        "title": f"Generated course {i}",
        "description": f"Course {i} of the generated landscape corpus.",
        "url": f"https://example.org/generated/{i}",
        "keywords": ["bioimage analysis"],
    }
    level = rng.choice(LEVELS)
    if level:
        course["level"] = level
    course["language"] = rng.choice(LANGUAGES)
    licence = rng.choice(LICENCES)
    if licence:
        course["license"] = licence
    course["learning_outcomes"] = [{"statement": f"Apply method {j} to images.", "competencies": [c]}
                                   for j, c in enumerate(taught)]  # fmt: skip
    course["trainers"] = rng.sample(TRAINERS, rng.randint(1, 2))
    course["organiser"] = {"name": f"Facility {i % 7}"}
    instances = []
    for k in range(rng.randint(0, 2)):
        mode = rng.choice(["onsite", "onsite", "online", "hybrid"])
        year = rng.choice([2023, 2024, 2025])
        instance: dict[str, Any] = {"start_date": f"{year}-0{rng.randint(1, 9)}-1{k}", "mode": mode}
        if mode != "online":
            country, _, _ = rng.choice(PLACES)
            instance["location"] = {"name": f"Room {k}", "city": "City", "country": country}
        instance["url"] = f"https://example.org/generated/{i}/{k}"
        instances.append(instance)
    if instances:
        course["instances"] = instances
    return course


def courses(n: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [make_course(rng, i) for i in range(n)]


def yaml_text(course: dict[str, Any]) -> str:
    return yaml.safe_dump(course, sort_keys=False, allow_unicode=True)
