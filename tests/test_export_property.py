"""Whatever `validate` accepts, `export` writes, `check-jsonld` accepts and TeSS's own extractor reads.

Courses are generated from the schema's fields with awkward but legal values (quotes, angle brackets, `&`,
non-Latin scripts, emoji, URLs with query strings and fragments, courses with and without instances, tools
with and without a url). Hypothesis draws a batch of them in one example, so the TeSS oracle (a Ruby process
that costs about half a second to start) runs once per batch and a failure still shrinks to one course.
"""

from __future__ import annotations

import json
import shutil
import string
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import globias_curriculum as gc
from globias_curriculum.diagnostics import Severity
from globias_curriculum.jsonld.tess import build, candidates
from globias_curriculum.jsonld.tess_rules import vocabularies

from .conftest import CONTEXT, ROOT

ORACLE = ROOT.parent / "shared" / "oracles" / "tess" / "extract"
KEYS = ("events", "courses", "course_instances", "learning_resources")
COMPETENCIES = sorted(c for c in CONTEXT.framework.competencies if c not in CONTEXT.framework.replaced_by)
TESS_LANGUAGES = set(vocabularies()["languages"])
LEVELS = ["introductory", "intermediate", "advanced", "beginner"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("ruby") is None, reason="the TeSS oracle needs ruby (.ci/run installs it)"),
]

# printable text a person might type, including what escapes need care in JSON, HTML and YAML
words = (
    st.text(
        alphabet=st.sampled_from(
            list(string.ascii_letters + string.digits + " .,;:!?'\"<>&()/-_#%+=@")
            + list("éßøñ中文字日本語Ωα😀\u2013\u2014")
        ),
        min_size=1,
        max_size=60,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
slugs = st.from_regex(r"[a-z][a-z0-9]{0,10}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)
urls = st.builds(
    lambda host, path, query: f"https://{host}.example.org/{path}" + (f"?q={query}" if query else ""),
    slugs,
    slugs,
    st.one_of(st.none(), slugs),
)


@st.composite
def dates(draw: st.DrawFn) -> tuple[str, str]:
    year = draw(st.integers(2015, 2030))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 25))
    length = draw(st.integers(0, 3))
    return f"{year}-{month:02d}-{day:02d}", f"{year}-{month:02d}-{day + length:02d}"


@st.composite
def instance(draw: st.DrawFn) -> dict[str, Any]:
    start, end = draw(dates())
    mode = draw(st.sampled_from(["onsite", "online", "hybrid"]))
    out: dict[str, Any] = {"start_date": start, "end_date": end, "mode": mode}
    if mode != "online":
        out["location"] = {
            "name": draw(words),
            "city": draw(words),
            "country": draw(st.sampled_from(["Germany", "Japan", "Brazil", "Kenya"])),
        }
    if mode != "onsite":
        out["url"] = draw(urls)
    if draw(st.booleans()):
        out["capacity"] = draw(st.integers(1, 500))
    return out


@st.composite
def course(draw: st.DrawFn, ident: str) -> dict[str, Any]:
    outcomes = [
        {
            "statement": draw(words),
            "competencies": draw(st.lists(st.sampled_from(COMPETENCIES), min_size=1, max_size=3, unique=True)),
        }
        for _ in range(draw(st.integers(1, 4)))
    ]
    out: dict[str, Any] = {
        "kind": "course",
        "id": ident,
        "title": draw(words),
        "description": draw(words),
        "level": draw(st.sampled_from(LEVELS)),
        "prerequisites": [],
        "learning_outcomes": outcomes,
    }
    if draw(st.booleans()):
        out["keywords"] = draw(st.lists(words, min_size=1, max_size=5, unique=True))
    if draw(st.booleans()):
        out["url"] = draw(urls)
    if draw(st.booleans()):
        out["license"] = draw(st.sampled_from(["CC-BY-4.0", "CC0-1.0", "MIT", "CC-BY-SA-4.0"]))
    if draw(st.booleans()):
        out["language"] = draw(st.sampled_from(["en", "de", "ja", "pt"]))
    if draw(st.booleans()):
        out["duration"] = draw(st.sampled_from(["PT3H", "P2D", "P1DT4H30M", "P5D"]))
    if draw(st.booleans()):
        out["organiser"] = {"name": draw(words), **({"url": draw(urls)} if draw(st.booleans()) else {})}
    tools = draw(
        st.lists(
            st.tuples(words, st.booleans(), st.one_of(st.none(), urls)), max_size=4, unique_by=lambda t: t[0].lower()
        )
    )
    if tools:
        out["tools"] = [{"name": n, "open_source": o, **({"url": u} if u else {})} for n, o, u in tools]
    if draw(st.booleans()):
        out["trainers"] = [{"name": draw(words)} for _ in range(draw(st.integers(1, 3)))]
    if draw(st.booleans()):
        out["instances"] = draw(st.lists(instance(), min_size=1, max_size=2, unique_by=lambda i: i["start_date"]))
    return out


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # no shrinking: a batch shrinks for minutes, and the failure message names the one course at fault
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(st.data())
def test_what_validate_accepts_exports_checks_clean_and_tess_reads(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory(prefix="gc-property-") as scratch:
        _round_trip(data, Path(scratch))


def _round_trip(data: st.DataObject, folder: Path) -> None:
    sources = folder / "courses"
    sources.mkdir()
    accepted: dict[str, dict[str, Any]] = {}
    warned: set[str] = set()
    for n in range(15):
        generated = data.draw(course(f"generated-{n}"), label=f"course {n}")
        path = sources / f"generated-{n}.yaml"
        path.write_text(yaml.safe_dump(generated, allow_unicode=True, sort_keys=False), encoding="utf-8")
        report = gc.validate(path)
        if not any(d.severity >= Severity.ERROR for d in report.diagnostics):
            accepted[generated["id"]] = generated
            if any(d.code == "GC326" for d in report.diagnostics):
                warned.add(generated["id"])  # validate warned that TeSS will eat the description
        else:
            path.unlink()  # validate refused it, with a located error: not this property's business
    if not accepted:
        return
    site = folder / "site"
    result = gc.export([sources], site, base_url="https://example.org/bia/")
    assert not any(d.severity >= Severity.ERROR for d in result.report.diagnostics), result.report.diagnostics
    checked = gc.check_jsonld([site / "courses"])
    assert [d for d in checked.diagnostics if d.severity >= Severity.ERROR] == []
    files = sorted((site / "courses").glob("*.jsonld"))
    assert sorted(p.stem for p in files) == sorted(accepted)
    run = subprocess.run([str(ORACLE), *map(str, files)], capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    found = json.loads(run.stdout)
    for path in files:
        theirs = found[str(path)]
        assert "error" not in theirs, (path.stem, theirs.get("error"))
        events, materials = candidates({k: theirs[k] for k in KEYS})
        kept_events, lost_events = build(events, "event")
        kept_materials, lost_materials = build(materials, "material")
        wanted = len(accepted[path.stem].get("instances") or []) or 1
        assert sum(len(theirs[k]) for k in KEYS) >= wanted, path.stem  # TeSS's extractor finds every record
        lost = [r for r in lost_events + lost_materials if not r.duplicate_of_kept]
        if path.stem in warned:
            continue
        has_events = bool(accepted[path.stem].get("instances"))
        if has_events and accepted[path.stem].get("language") not in TESS_LANGUAGES and kept_events == []:
            # README: an instance configured like TeSS's example refuses events in any other language
            assert all(r.reasons == [_language_reason(accepted[path.stem]["language"])] for r in lost), lost
            continue
        assert lost == [], (path.stem, [r.as_dict() for r in lost], accepted[path.stem])
        assert len(kept_events) + len(kept_materials) == wanted, (path.stem, accepted[path.stem])


def _language_reason(language: str) -> str:
    return (
        f"Language must be a controlled vocabulary term ({language!r}; TeSS accepts lower-case two-letter codes "
        "such as en)"
    )
