"""The vocabulary registries read: Bioschemas training profiles, TeSS's limits and levels, licence URLs.

Shared by the exporter (which writes it) and the JSON-LD checks (which read it), so both agree on one list.
"""

from __future__ import annotations

import re
from typing import Any

SCHEMA_CONTEXT = "https://schema.org/"
CONFORMS_TO = "http://purl.org/dc/terms/conformsTo"
PROFILES = {
    "Course": "https://bioschemas.org/profiles/Course/1.0-RELEASE",
    "CourseInstance": "https://bioschemas.org/profiles/CourseInstance/1.0-RELEASE",
    "LearningResource": "https://bioschemas.org/profiles/TrainingMaterial/1.0-RELEASE",
}
#: TeSS accepts these difficulty levels; framework ranks map onto them.
TESS_LEVELS = {1: "Beginner", 2: "Intermediate", 3: "Advanced"}
MAX_KEYWORDS = 20  # TeSS rejects events and materials with more


def conforms_to(profile: str) -> dict[str, Any]:
    return {"@id": PROFILES[profile], "@type": "CreativeWork"}


def licence_url(spdx: str) -> str:
    """CC licences as their creativecommons.org URL (what TeSS and people recognise), others as SPDX URLs."""
    m = re.fullmatch(r"CC-(BY(?:-NC)?(?:-ND|-SA)?)-(\d\.\d)(?:-[A-Z]+)?", spdx)
    if m and not spdx.endswith(("-IGO", "-AT", "-AU", "-DE", "-FR", "-JP", "-NL", "-UK", "-US")):
        return f"https://creativecommons.org/licenses/{m.group(1).lower()}/{m.group(2)}/"
    if spdx == "CC0-1.0":
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    return f"https://spdx.org/licenses/{spdx}.html"
