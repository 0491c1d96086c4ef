"""Export to Bioschemas JSON-LD, proven by pyld (offline), rdflib and pyshacl, with the network blocked."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from rdflib import Dataset, Literal, URIRef

from globias_curriculum.cli import main
from globias_curriculum.exporting.jsonld import course_to_jsonld, framework_to_jsonld, licence_url
from globias_curriculum.exporting.writer import MANIFEST, export_paths
from globias_curriculum.jsonld.html_reader import jsonld_blocks
from globias_curriculum.jsonld.offline import to_nquads
from globias_curriculum.jsonld.profiles import check_jsonld_path, check_jsonld_text
from globias_curriculum.reading.parse import load_path

from .conftest import CONTEXT, FIXTURES, ROOT, SHIPPED_COURSES

BASE = "https://example.org/bia/"
SCHEMA = "http://schema.org/"
SOURCES = SHIPPED_COURSES


def test_the_socket_block_is_real() -> None:
    with pytest.raises(OSError, match="network access attempted"):
        socket.create_connection(("127.0.0.1", 9))


def _graph(document: Any) -> Dataset:
    graph = Dataset(default_union=True)
    graph.parse(data=to_nquads(document), format="nquads")
    return graph


def _errors(diagnostics: list[Any]) -> list[tuple[str, int, str]]:
    return [(d.code, d.location.line, d.message) for d in diagnostics if d.code != "GC504"]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_course_exports_and_passes_the_bioschemas_shapes(source: Path) -> None:
    doc = load_path(source).document
    assert doc is not None
    exported = course_to_jsonld(doc.data, CONTEXT.framework, BASE)
    text = json.dumps(exported, indent=2, sort_keys=True)
    assert _errors(check_jsonld_text(text, source.name)) == []
    expected = "Course" if doc.data.get("instances") else "LearningResource"
    assert exported["@type"] == expected


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_round_trip_keeps_every_competency_instance_date_and_trainer(source: Path) -> None:
    data = load_path(source).document.data  # type: ignore[union-attr]
    graph = _graph(course_to_jsonld(data, CONTEXT.framework, BASE))
    codes = {str(o) for o in graph.objects(None, URIRef(SCHEMA + "termCode"))}
    taught = {c for o in data.get("learning_outcomes", []) for c in o.get("competencies", [])}
    taught |= {c for m in data.get("modules", []) or [] for c in m.get("competencies", []) or []}
    assert taught <= codes
    starts = {str(o) for o in graph.objects(None, URIRef(SCHEMA + "startDate"))}
    assert {i["start_date"] for i in data.get("instances", []) or []} == starts
    names = {str(o) for o in graph.objects(None, URIRef(SCHEMA + "name"))}
    assert {t["name"] for t in data.get("trainers", []) or []} <= names
    for prereq in data.get("prerequisites") or []:
        if "text" in prereq:
            assert Literal(prereq["text"]) in set(graph.objects())


def test_framework_exports_as_a_defined_term_set_and_skos_scheme() -> None:
    framework = framework_to_jsonld(CONTEXT.framework, BASE)
    graph = _graph(framework)
    terms = set(graph.subjects(URIRef(SCHEMA + "inDefinedTermSet"), URIRef(BASE + "framework/")))
    assert URIRef(BASE + "framework/#BIA.SEG.2") in terms
    assert len(terms) >= len(CONTEXT.framework.competencies)
    skos = "http://www.w3.org/2004/02/skos/core#"
    seg2, seg = URIRef(BASE + "framework/#BIA.SEG.2"), URIRef(BASE + "framework/#BIA.SEG")
    assert (seg2, URIRef(skos + "broader"), seg) in graph


def test_course_terms_point_to_the_framework_terms() -> None:
    doc = load_path(ROOT / "courses" / "datacarpentry-image-processing.yaml").document
    graph = _graph(course_to_jsonld(doc.data, CONTEXT.framework, BASE))  # type: ignore[union-attr]
    urls = {str(o) for o in graph.objects(None, URIRef(SCHEMA + "url"))}
    assert BASE + "framework/#BIA.SEG.2" in urls


def test_licence_urls() -> None:
    assert licence_url("CC-BY-4.0") == "https://creativecommons.org/licenses/by/4.0/"
    assert licence_url("CC-BY-NC-SA-4.0") == "https://creativecommons.org/licenses/by-nc-sa/4.0/"
    assert licence_url("CC0-1.0") == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert licence_url("MIT") == "https://spdx.org/licenses/MIT.html"


def _export(runner: CliRunner, out: Path, fmt: str, *extra: str) -> Any:
    args = ["export", "--format", fmt, "-o", str(out), "--base-url", BASE, str(ROOT / "courses"), *extra]
    return runner.invoke(main, args)


@pytest.mark.parametrize("fmt", ["jsonld", "graph", "html"])
def test_exported_site_passes_check_jsonld_and_is_deterministic(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert _export(runner, first, fmt).exit_code == 0
    assert _export(runner, second, fmt).exit_code == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes()
    pages = [p for p in first.rglob("*") if p.suffix in (".jsonld", ".html")]
    # the index page and the framework hold no course: check-jsonld says so with a GC505 warning
    checked = [p for p in pages if p != first / "index.html" and "framework" not in p.relative_to(first).as_posix()]
    assert len(checked) == (1 if fmt == "graph" else len(list((ROOT / "courses").glob("*.yaml"))))
    for path in checked:
        assert _errors(check_jsonld_path(path)) == [], path


def test_html_site_has_a_sitemap_of_absolute_urls_and_embedded_data(runner: CliRunner, tmp_path: Path) -> None:
    assert _export(runner, tmp_path, "html").exit_code == 0
    sitemap = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{BASE}courses/globias-cnr-naples-2025/</loc>" in sitemap
    page = (tmp_path / "courses" / "globias-cnr-naples-2025" / "index.html").read_text(encoding="utf-8")
    ((block, _),) = jsonld_blocks(page)
    data = json.loads(block)
    assert data["@id"] == f"{BASE}courses/globias-cnr-naples-2025/"
    (instance,) = data["hasCourseInstance"]
    published = yaml.safe_load((ROOT / "courses" / "globias-naples-2025.yaml").read_text(encoding="utf-8"))
    assert instance["url"] == published["instances"][0]["url"]  # as published, never replaced
    assert instance["startDate"] == "2025-07-07"


def test_every_url_the_html_export_writes_under_its_base_resolves_in_the_site(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A link check over the exported site: pages, anchors of competencies, levels and instances."""
    from html.parser import HTMLParser

    assert _export(runner, tmp_path, "html", str(ROOT / "examples" / "complete-course.yaml")).exit_code == 0
    found: set[str] = set()
    for file in tmp_path.rglob("*"):
        if file.suffix in (".html", ".xml"):
            found |= set(re.findall(re.escape(BASE) + r'[^"<>\s]*', file.read_text(encoding="utf-8")))
    ids: dict[Path, set[str]] = {}

    class Ids(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.ids: set[str] = set()

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.ids |= {v for k, v in attrs if k == "id" and v}

    assert len(found) > 20
    for url in sorted(found):
        path, _, anchor = url.removeprefix(BASE).partition("#")
        target = tmp_path / path / "index.html" if path == "" or path.endswith("/") else tmp_path / path
        assert target.is_file(), url
        if anchor:
            if target not in ids:
                parser = Ids()
                parser.feed(target.read_text(encoding="utf-8"))
                ids[target] = parser.ids
            assert anchor in ids[target], url


def test_a_file_the_export_did_not_write_is_not_overwritten(runner: CliRunner, tmp_path: Path) -> None:
    mine = tmp_path / "framework.jsonld"
    mine.write_text("my own notes\n", encoding="utf-8")
    result = _export(runner, tmp_path, "jsonld")
    assert result.exit_code == 2 and "GC516" in result.output
    assert mine.read_text(encoding="utf-8") == "my own notes\n"
    assert _visible(tmp_path) == ["framework.jsonld"]  # nothing else was written (the lock file is hidden)
    assert _export(runner, tmp_path, "jsonld", "--force").exit_code == 0
    assert mine.read_text(encoding="utf-8") != "my own notes\n"
    again = _export(runner, tmp_path, "jsonld")  # files it wrote itself are fine to rewrite
    assert again.exit_code == 0 and "0 file(s) written" in again.output


def _visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_a_failing_write_leaves_earlier_files_whole_and_no_partial_file(tmp_path: Path) -> None:
    import os

    calls = {"n": 0}

    def failing(source: str, target: Path) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device", str(target))
        os.replace(source, target)

    out = tmp_path / "out"
    result = export_paths([str(ROOT / "courses")], CONTEXT, out, "jsonld", BASE, move=failing)
    assert any(d.code == "GC516" and "No space left" in d.message for d in result.report.diagnostics)
    assert result.report.exit_code() == 2
    written = sorted(p for p in out.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert len(written) == 2 and not (out / MANIFEST).exists()  # the staging folder is gone too
    assert not [p for p in out.iterdir() if p.name.startswith(".globias-staging")]
    for path in written:
        json.loads(path.read_text(encoding="utf-8"))  # whole, parseable files
    rerun = export_paths([str(ROOT / "courses")], CONTEXT, out, "jsonld", BASE)
    assert rerun.report.exit_code() == 0 and len(rerun.unchanged) == 2  # identical bytes are not a conflict


def test_course_text_cannot_inject_jsonld_keywords_or_close_the_script(runner: CliRunner, tmp_path: Path) -> None:
    course = tmp_path / "c.yaml"
    title = '</script><script>alert(1)</script> {"@context": "https://evil.example", "@id": "x"}'
    course.write_text(
        (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8").replace('"Fixture course"', json.dumps(title))
        + "instances:\n  - {start_date: 2025-01-01, mode: online}\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    assert (
        runner.invoke(main, ["export", "--format", "html", "-o", str(out), "--base-url", BASE, str(course)]).exit_code
        == 0
    )
    page = (out / "courses" / "fixture-course" / "index.html").read_text(encoding="utf-8")
    assert page.count("<script") == 1 and "<script>alert" not in page
    ((block, _),) = jsonld_blocks(page)
    data = json.loads(block)
    assert data["name"] == title and data["@context"] == "https://schema.org/"
    graph = _graph(data)
    assert (URIRef(f"{BASE}courses/fixture-course/"), URIRef(SCHEMA + "name"), Literal(title)) in graph


@pytest.mark.parametrize("example", ["minimal-course", "complete-course"])
def test_golden_jsonld_for_the_examples(example: str) -> None:
    import os

    doc = load_path(ROOT / "examples" / f"{example}.yaml").document
    assert doc is not None
    text = json.dumps(course_to_jsonld(doc.data, CONTEXT.framework, BASE), indent=2, sort_keys=True) + "\n"
    golden = Path(__file__).parent / "golden" / f"export-{example}.jsonld"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_more_than_20_keywords_are_cut_with_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    course = tmp_path / "c.yaml"
    keywords = ", ".join(f"k{i}" for i in range(25))
    course.write_text(
        (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8") + f"keywords: [{keywords}]\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["export", "-o", str(tmp_path / "out"), "--base-url", BASE, str(course)])
    assert result.exit_code == 0 and f"{course}:10:11: GC517 warning" in result.output
    data = json.loads((tmp_path / "out" / "courses" / "fixture-course.jsonld").read_text(encoding="utf-8"))
    assert data["keywords"] == [f"k{i}" for i in range(20)]
    assert _errors(check_jsonld_path(tmp_path / "out" / "courses" / "fixture-course.jsonld")) == []


def test_the_streamed_graph_is_byte_for_byte_the_whole_document(tmp_path: Path) -> None:
    from globias_curriculum.exporting.jsonld import graph_to_jsonld

    assert export_paths([str(ROOT / "courses")], CONTEXT, tmp_path, "graph", BASE).report.exit_code() == 0
    courses = [load_path(p).document.data for p in sorted((ROOT / "courses").glob("*.yaml"))]  # type: ignore[union-attr]
    courses.sort(key=lambda c: c["id"])
    whole = json.dumps(graph_to_jsonld(courses, CONTEXT.framework, BASE), indent=2, sort_keys=True, ensure_ascii=False)
    assert (tmp_path / "graph.jsonld").read_text(encoding="utf-8") == whole + "\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".globias-export.json", ".globias.lock", "graph.jsonld"]
