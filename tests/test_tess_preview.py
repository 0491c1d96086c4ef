"""tess-preview: what ELIXIR TeSS would create and drop, rule by rule; and both JSON-LD commands on hostile input.

Each fixture in fixtures/registry/rules shows one of TeSS's rules (SPEC: staging/tess/SPEC.md); the oracle
tests (test_oracle.py) prove the extraction behind each equals TeSS's own extractors. The hostile cases run
the real CLI in a subprocess and measure its wall time and peak memory (os.wait4), for 1 MB inputs of every
shape that used to make check-jsonld quadratic, exhaust memory, or raise.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from globias_curriculum import tess_preview
from globias_curriculum.cli import main
from globias_curriculum.jsonld.tess import preview_document

from .conftest import FIXTURES, ROOT

RULES = FIXTURES / "registry" / "rules"
SECONDS = 5.0
MEBIBYTES = 300
ONE_MB = 1_000_000


def _reasons(name: str) -> list[str]:
    return [reason for r in preview_document(str(RULES / name)).rejected for reason in r.reasons]


#: fixture -> (records kept, a text every rejection reason list must contain, diagnostic codes)
RULE_CASES: dict[str, tuple[int, list[str], list[str]]] = {
    "material-kept.jsonld": (1, [], []),
    "event-kept.jsonld": (1, [], []),
    "licence-bare-id.jsonld": (0, ["'https://example.com/CC-BY-4.0' maps to no licence", "relative IRI"], []),
    "licence-http-not-https.jsonld": (0, ["'http://creativecommons.org/licenses/by/4.0/' maps to no licence"], []),
    "licence-literal-id.jsonld": (1, [], []),
    "licence-not-mappable.jsonld": (1, [], []),  # "Free for academic use" is no IRI: dropped, so notspecified
    "material-without-description.jsonld": (0, ["Description can't be blank"], []),
    "material-level-title-case.jsonld": (1, [], []),
    "unknown-level.jsonld": (0, ["Difficulty level must be a controlled vocabulary term ('Expert'"], []),
    "material-resource-type-other.jsonld": (0, ["Other types can't be blank"], []),
    "material-mention-without-name.jsonld": (0, ["External resources is invalid"], []),
    "material-author-bad-orcid.jsonld": (0, ["ORCID '0000-0002-1825-0098' fails its check"], []),
    "event-capacity-zero.jsonld": (0, ["Capacity must be greater than or equal to 1"], []),
    "event-capacity-text.jsonld": (0, ["Capacity is not a number ('30 people')"], []),
    "event-language-name.jsonld": (0, ["Language must be a controlled vocabulary term ('English'"], []),
    "event-language-object.jsonld": (0, ["Language must be a controlled vocabulary term ('English'"], []),
    "event-url-with-pipe.jsonld": (0, ["Url is not a valid URL"], []),
    "event-no-url-blank-node.jsonld": (0, ["no url: TeSS keeps one record without a url", "Url can't be blank"], []),
    "event-online-by-venue.jsonld": (1, [], []),
    "event-keywords-moved.jsonld": (1, [], []),
    "too-many-keywords.jsonld": (0, ["Keywords is too long (maximum is 20; it has 21)", "duplicate url"], []),
    "duplicate-instance-url.jsonld": (1, ["duplicate url: TeSS keeps one record per url"], []),
    "instance-without-url.jsonld": (1, ["duplicate url"], []),
    "language-not-iso.jsonld": (0, ["maps to no licence"], []),
    "course-without-instance.jsonld": (0, [], ["GC521"]),
    "bom-json-is-read-as-html.json": (0, [], ["GC521"]),
    "json-too-deep.json": (0, [], ["GC520"]),
    "crash-integer-keywords.jsonld": (0, [], ["GC520"]),
    "crash-duration-without-date.jsonld": (0, [], ["GC520"]),
    "crash-mixed-value-types.jsonld": (0, [], ["GC520"]),
}


def test_every_rule_fixture_has_a_case() -> None:
    assert sorted(p.name for p in RULES.iterdir()) == sorted(RULE_CASES)


@pytest.mark.parametrize("name", sorted(RULE_CASES))
def test_rule(name: str) -> None:
    kept, reasons, codes = RULE_CASES[name]
    doc = preview_document(str(RULES / name))
    assert doc.kept == kept
    found = "\n".join(reason for r in doc.rejected for reason in r.reasons)
    for text in reasons:
        assert text in found
    if not reasons:
        assert doc.rejected == []
    assert [d.code for d in doc.diagnostics] == codes


def test_stored_fields_follow_teSS_setters_and_callbacks() -> None:
    (event,) = preview_document(str(RULES / "event-keywords-moved.jsonld")).events
    assert event["keywords"] == ["microscopy"]
    assert event["target_audience"] == ["PhD"]
    assert event["event_types"] == ["workshops_and_courses", "workshops_and_courses"]
    assert event["eligibility"] == ["registration_of_interest"]
    assert (event["start"], event["end"]) == ("2025-06-02T09:00:00Z", "2025-06-04T17:00:00Z")
    assert (event["city"], event["country"], event["presence"]) == ("Heidelberg", "DE", "onsite")
    (online,) = preview_document(str(RULES / "event-online-by-venue.jsonld")).events
    assert online["presence"] == "online" and online["venue"] == "Zoom - https://zoom.example/j/1"
    (kept,) = preview_document(str(RULES / "material-kept.jsonld")).materials
    assert (kept["licence"], kept["difficulty_level"]) == ("CC-BY-4.0", "notspecified")


def test_json_format_and_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["tess-preview", "--format", "json", str(RULES / "material-kept.jsonld")])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["version"] == "1.0"
    (doc,) = data["documents"]
    assert set(doc) == {"file", "format", "events", "materials", "rejected", "diagnostics"}
    assert doc["materials"][0]["url"] == "https://example.org/materials/m1" and doc["rejected"] == []
    result = runner.invoke(main, ["tess-preview", "--format", "json", str(RULES / "licence-bare-id.jsonld")])
    assert result.exit_code == 1
    (rejected,) = json.loads(result.output)["documents"][0]["rejected"]
    assert set(rejected) == {"type", "title", "url", "reasons", "duplicate_of_kept"}
    assert rejected["type"] == "material" and rejected["duplicate_of_kept"] is False
    assert runner.invoke(main, ["tess-preview", str(RULES / "course-without-instance.jsonld")]).exit_code == 1
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert runner.invoke(main, ["tess-preview", str(fifo)]).exit_code == 2


def test_base_url_is_the_page_address() -> None:
    preview = tess_preview(RULES / "licence-bare-id.jsonld", base_url="https://creativecommons.org/licenses/by/4.0/")
    assert preview.documents[0].rejected[0].reasons[0].startswith("Licence must be a controlled vocabulary term")


def test_text_output_escapes_what_a_page_says(tmp_path: Path) -> None:
    page = tmp_path / "evil.jsonld"
    doc = json.loads((RULES / "material-kept.jsonld").read_text("utf-8"))
    doc["name"] = "Title\x1b[2J\x1b]52;c;cHduZWQ=\x07\n::error::injected"
    page.write_text(json.dumps(doc), "utf-8")
    result = CliRunner().invoke(main, ["tess-preview", "--no-color", str(page)])
    assert "\x1b" not in result.output and "\n::error" not in result.output
    assert "Title\\e[2J" in result.output


# --- hostile input: both commands, a subprocess each, bounded in time and memory ---------------------------


def _run(command: str, path: Path, *extra: str) -> tuple[subprocess.CompletedProcess[str], float, int]:
    """The CLI on one file: (result, wall seconds, peak RSS in MiB of this child alone, from wait4).

    The child may use at most 2 GiB of address space and 60 s of CPU, so a regression fails, not hangs."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
        resource.setrlimit(resource.RLIMIT_CPU, (60, 60))

    args = [sys.executable, "-m", "globias_curriculum", command, "--format", "json", *extra, str(path)]
    out, err = path.with_name(path.name + ".out"), path.with_name(path.name + ".err")
    with out.open("w") as stdout, err.open("w") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(args, stdout=stdout, stderr=stderr, preexec_fn=limit)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    result = subprocess.CompletedProcess(args, code, out.read_text("utf-8"), err.read_text("utf-8"))
    return result, seconds, usage.ru_maxrss // 1024


def _json_ld_script() -> str:
    return (
        '<script type="application/ld+json">{"@context":"https://schema.org/","@type":"LearningResource",'
        '"name":"M","description":"d","keywords":"k","url":"https://example.org/m"}</script>'
    )


def _graph(n: int) -> str:
    nodes = ",".join(
        f'{{"@type":"LearningResource","@id":"https://e.org/{i}","name":"n{i}","description":"d","keywords":"k"}}'
        for i in range(n)
    )
    return '{"@context":"https://schema.org/","@graph":[' + nodes + "]}"


def _fill(prefix: str, unit: str, suffix: str = "") -> str:
    return prefix + unit * ((ONE_MB - len(prefix) - len(suffix)) // len(unit)) + suffix


HOSTILE: dict[str, Callable[[], str]] = {
    "graph-50k-nodes.jsonld": lambda: "[" + ",".join(['{"@type":"Thing"}'] * 50_000) + "]",
    "graph-7k-learning-resources.jsonld": lambda: _graph(7_000),
    "json-deep-arrays.jsonld": lambda: _fill("", "[", ""),
    "json-deep-nodes.jsonld": lambda: (
        '{"@context":"https://schema.org/","@type":"LearningResource","about":'
        + '{"@type":"Thing","about":' * 500
        + "{}"
        + "}" * 501
    ),
    "iri-with-quote-and-angle.jsonld": lambda: json.dumps(
        {"@context": "https://schema.org/", "@type": "LearningResource", "@id": 'https://e.org/"><x>', "name": "n"}
    ),
    "many-strings.jsonld": lambda: (
        '{"@context":"https://schema.org/","@type":"LearningResource","keywords":[' + ",".join(['"k"'] * 200_000) + "]}"
    ),
    "comment-open-1mb.html": lambda: _fill(_json_ld_script(), "<!--"),
    "cdata-like-1mb.html": lambda: _fill(_json_ld_script(), "<![<!["),
    "lt-1mb.html": lambda: _fill(_json_ld_script(), "<"),
    "nested-div-200k.html": lambda: _fill("", "<div>"),
    "nested-span-200k.html": lambda: _fill(_json_ld_script(), "<span>"),
    "attributes-1mb.html": lambda: _fill("<p", " a" + "", ">"),
    "scripts-4k-learning-resources.html": lambda: "<html><body>" + _json_ld_script() * 4_000 + "</body></html>",
    "scripts-10k.html": lambda: (
        "<html><body>"
        + '<script type="application/ld+json">{"@context":"https://schema.org/","@type":"Thing"}</script>' * 10_000
        + "</body></html>"
    ),
    "tags-unclosed-no-gt.html": lambda: _fill("", "<a "),
    "rdfa-50k-properties.html": lambda: (
        '<html><body vocab="https://schema.org/" typeof="LearningResource">'
        + '<span property="keywords">k</span>' * 25_000
        + "</body></html>"
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("command", ["check-jsonld", "tess-preview"])
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_bounded(name: str, command: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(HOSTILE[name](), "utf-8")
    assert path.stat().st_size <= ONE_MB
    result, seconds, mebibytes = _run(command, path)
    assert "Traceback" not in result.stderr and result.stderr == "", result.stderr[-2000:]
    assert result.returncode in (0, 1), result.stdout[-500:]
    json.loads(result.stdout)  # a complete, well-formed answer
    assert seconds <= SECONDS, f"{seconds:.1f} s"
    assert mebibytes <= MEBIBYTES, f"{mebibytes} MiB"


@pytest.mark.slow
@pytest.mark.parametrize("command", ["check-jsonld", "tess-preview"])
def test_oversized_input_is_refused_unread(command: str, tmp_path: Path) -> None:
    path = tmp_path / "big.jsonld"
    path.write_text(" " * (ONE_MB + 1), "utf-8")
    result, seconds, _ = _run(command, path)
    data = json.loads(result.stdout)
    diagnostics = data["diagnostics"] if command == "check-jsonld" else data["documents"][0]["diagnostics"]
    assert [d["code"] for d in diagnostics] == ["GC107"] and result.returncode == 1 and seconds <= SECONDS


@pytest.mark.slow
@pytest.mark.parametrize("command", ["check-jsonld", "tess-preview"])
def test_no_context_or_import_is_ever_fetched(command: str, tmp_path: Path) -> None:
    """Any context but schema.org's (as a URL, in an array, or through @import) is refused, never loaded;
    sockets in the child would fail loudly (the parent blocks them too, conftest.py)."""
    cases = [
        {"@context": "https://evil.example/ctx.jsonld", "@type": "Course"},
        {"@context": ["https://schema.org/", "http://127.0.0.1:9/ctx"], "@type": "Course"},
        {"@context": {"@import": "https://evil.example/ctx.jsonld"}, "@type": "Course"},
        {"@context": "ctx.jsonld", "@type": "Course"},
    ]
    for i, doc in enumerate(cases):
        path = tmp_path / f"remote-{i}.jsonld"
        path.write_text(json.dumps(doc), "utf-8")
        result, seconds, _ = _run(command, path)
        data = json.loads(result.stdout)
        diagnostics = data["diagnostics"] if command == "check-jsonld" else data["documents"][0]["diagnostics"]
        assert [d["code"] for d in diagnostics] == ["GC502"], diagnostics
        assert seconds <= SECONDS


# --- property: any document, JSON-LD or HTML, gives an answer and never raises ----------------------------

_TOKENS = [
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    '"',
    "@context",
    "@id",
    "@type",
    "@graph",
    "@value",
    "@list",
    "@reverse",
    '"https://schema.org/"',
    '"LearningResource"',
    '"Course"',
    '"CourseInstance"',
    '"hasCourseInstance"',
    '"name"',
    '"url"',
    '"license"',
    '"keywords"',
    '"startDate"',
    '"duration"',
    '"P1D"',
    '"PT3H"',
    "42",
    "true",
    "null",
    '"_:b0"',
    '"id"',
    '"type"',
    '<script type="application/ld+json">',
    "</script>",
    "<div",
    ">",
    "</div>",
    ' vocab="https://schema.org/"',
    ' typeof="Course"',
    ' property="name"',
    ' resource="#x"',
    "<!--",
    "<![",
    "<html>",
    '<base href="/a/">',
    '<time datetime="2025-01-01">',
    "\\",
    "\u00e9",
    "\x00",
    " ",
]


def _load_check_bytes() -> Callable[[bytes], None]:
    sys.path.insert(0, str(FIXTURES.parent.parent))
    from fuzz.fuzz_jsonld import check_bytes

    return check_bytes


def test_any_document_is_answered_without_an_exception() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    check_bytes = _load_check_bytes()

    @settings(max_examples=300, deadline=None, database=None)
    @given(st.lists(st.sampled_from(_TOKENS), max_size=60).map("".join))
    def prop(text: str) -> None:
        check_bytes(text.encode("utf-8"))

    prop()


def test_readme_shows_real_tess_preview_output(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    monkeypatch.chdir(FIXTURES.parent.parent)
    readme = Path("README.md").read_text("utf-8")
    block = re.search(r"```text\n\$ globias-curriculum tess-preview (.*?)\n(.*?)```", readme, re.S)
    assert block, "README must show a tess-preview run"
    result = CliRunner().invoke(main, ["tess-preview", "--no-color", *block.group(1).split()])
    assert result.output == block.group(2)


def test_a_duplicate_that_adds_nothing_is_shown_but_is_not_a_loss() -> None:
    """A CourseInstance nested in a Course is extracted twice by TeSS (with the course's title, and alone);
    the bare copy is dropped as a duplicate url, but TeSS keeps everything it said. A duplicate carrying a
    field the kept record lacks is a loss."""
    from globias_curriculum.jsonld.tess import build

    full = {"title": "Course", "url": "https://x.org/e", "start": "2025-01-01", "city": "Turku"}
    bare = {"url": "https://x.org/e", "start": "2025-01-01", "city": "Turku"}
    kept, dropped = build([("courses", full), ("course_instances", bare)], "event")
    assert [r["title"] for r in kept] == ["Course"]
    assert [r.duplicate_of_kept for r in dropped] == [True]
    other = {"url": "https://x.org/e", "start": "2025-01-01", "city": "Helsinki"}
    _, dropped = build([("courses", full), ("course_instances", other)], "event")
    assert [r.duplicate_of_kept for r in dropped] == [False]


def test_readme_figures_for_our_export_are_what_the_preview_finds(tmp_path: Path) -> None:
    import re

    import globias_curriculum as gc

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    claim = re.search(
        r"all (\d+) shipped courses reach TeSS whole, as (\d+)\s+events .*? and (\d+)\s+materials", readme, re.S
    )
    assert claim, "README states what TeSS makes of our export"
    gc.export([ROOT / "courses"], tmp_path, base_url="https://example.org/bia/")
    preview = gc.tess_preview([tmp_path / "courses"])
    assert len(preview.documents) == int(claim.group(1))
    assert sum(len(d.events) for d in preview.documents) == int(claim.group(2))
    assert sum(len(d.materials) for d in preview.documents) == int(claim.group(3))
    assert all(not d.lost and not d.diagnostics for d in preview.documents)
    assert preview.exit_code() == 0
