"""The HTML report and the exported site in a real headless Chromium: what a person sees, measured.

Pages forbid scripts (CSP), so the layout is measured from outside over the DevTools protocol (tests/browser.py):
text is present, errors come before warnings, info and passes, the first screen holds "What to fix first" and
the first finding, nothing is wider than a laptop (1280 px) or a phone (390 px) screen, no text overflows its
box, and every fact of a course's JSON-LD is on its page. Course text with script runs nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from PIL import Image

from globias_curriculum.cli import main
from globias_curriculum.exporting.site import human_dates
from globias_curriculum.identifiers import iso639_1
from globias_curriculum.judging import coverage_paths
from globias_curriculum.reporters import coverage_html
from globias_curriculum.reporters.style import PLAIN
from globias_curriculum.units import describe_duration

from .browser import FLAGS, Browser, Page
from .conftest import CONTEXT, ROOT
from .test_injection import hostile_course

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and os.environ.get("CI") != "true", reason="chromium not installed (CI installs it)"
)
LAPTOP, PHONE = (1280, 900), (390, 844)
BASE = "https://example.org/bia/"


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM, "chromium is missing: .ci/run installs the Debian package"
    profile = tmp_path / "profile"
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120
    )


def report(tmp_path: Path, *paths: str) -> Path:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["coverage", "--format", "html", "-o", str(out), *paths])
    assert result.exit_code in (0, 1), result.output
    return out


# ------------------------------------------------------------------------------------------------ the pages


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with Browser() as running:
        yield running


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The pages a course organiser opens: three reports, a too-large programme, and the exported site."""
    folder = tmp_path_factory.mktemp("pages")
    mixed = folder / "mixed"  # a file with errors beside two valid courses
    mixed.mkdir()
    for path in (
        "examples/invalid-course.yaml",
        "courses/globias-kobe-2025.yaml",
        "courses/datacarpentry-image-processing.yaml",
    ):
        shutil.copy(ROOT / path, mixed)
    found: dict[str, Path] = {}
    for name, source in (
        ("courses", ROOT / "courses"),
        ("minimal", ROOT / "examples" / "minimal-course.yaml"),
        ("mixed", mixed),
    ):
        found[name] = folder / f"{name}.html"
        result = CliRunner().invoke(main, ["coverage", "--format", "html", "-o", str(found[name]), str(source)])
        assert result.exit_code in (0, 1), result.output
    with pytest.MonkeyPatch.context() as patch:  # a programme above the heatmap's limit, made small
        patch.setattr(coverage_html, "MATRIX_LIMIT", 2)
        found["large"] = folder / "large.html"
        found["large"].write_text("".join(coverage_html.to_html(coverage_paths([mixed], CONTEXT), PLAIN)), "utf-8")
    site = folder / "site"
    args = ["export", "--format", "html", "-o", str(site), "--base-url", BASE, str(ROOT / "courses"),
            str(ROOT / "examples" / "complete-course.yaml")]  # fmt: skip
    assert CliRunner().invoke(main, args).exit_code == 0
    found["index"] = site / "index.html"
    found["kobe"] = site / "courses" / "globias-training-school-kobe-2025" / "index.html"
    found["complete"] = site / "courses" / "intro-bia-2025" / "index.html"
    found["framework"] = site / "framework" / "index.html"
    return found


def open_page(browser: Browser, path: Path, size: tuple[int, int] = LAPTOP) -> Page:
    return browser.open(path.as_uri(), *size)


REPORTS = ["courses", "minimal", "mixed", "large"]
SITE = ["index", "kobe", "complete", "framework"]


# ------------------------------------------------------------------------------------------------ the report


def tops(page: Page, selector: str) -> list[float]:
    """The vertical position on the page of every element `selector` matches that a reader can see (not in a
    closed <details>, whose content Chromium keeps laid out but hidden)."""
    return page.evaluate(  # type: ignore[no-any-return]
        f"[...document.querySelectorAll({json.dumps(selector)})].filter(e => e.checkVisibility())"
        ".map(e => e.getBoundingClientRect().top + scrollY)"
    )


def test_errors_come_before_warnings_info_rules_and_passes(browser: Browser, pages: dict[str, Path]) -> None:
    page = open_page(browser, pages["mixed"])
    errors = tops(page, "#fix-first .finding.error")
    warnings = tops(page, "#fix-first .finding.warning")
    infos = tops(page, "#fix-first .finding.info")
    assert len(errors) == 12 and warnings and infos  # examples/invalid-course.yaml has 12 errors (its listing)
    assert max(errors) < min(warnings) and max(warnings) < min(infos)
    assert max(infos) < min(tops(page, "#rules")) < min(tops(page, "details.passes"))
    for card in range(3):  # inside each course's card, too: its findings by severity, its passes last
        card_tops = {
            s: tops(page, f"#per-course article:nth-of-type({card + 1}) .finding.{s}")
            for s in ("error", "warning", "info")
        }
        ordered = [t for s in ("error", "warning", "info") for t in card_tops[s]]
        assert ordered == sorted(ordered)
        assert max(ordered) < min(tops(page, f"#per-course article:nth-of-type({card + 1}) details.passes summary"))
    # passes are folded: a closed <details> renders none of them
    assert page.evaluate("[...document.querySelectorAll('details.passes')].every(d => !d.open)")
    assert tops(page, "details.passes li") == []
    page.close()


@pytest.mark.parametrize(("name", "first"), [("mixed", "error"), ("courses", "warning"), ("minimal", "warning")])
def test_the_first_screen_says_what_to_fix_first(
    browser: Browser, pages: dict[str, Path], name: str, first: str
) -> None:
    page = open_page(browser, pages[name], LAPTOP)
    heading = page.evaluate("document.querySelector('#fix-first h2').getBoundingClientRect().bottom")
    assert page.evaluate("document.querySelector('#fix-first h2').innerText") == "What to fix first"
    finding = page.evaluate(
        "(() => { const f = document.querySelector('#fix-first .finding');"
        " return [f.className, f.getBoundingClientRect().top, f.getBoundingClientRect().bottom] })()"
    )
    assert heading < LAPTOP[1] and finding[0] == f"finding {first}"
    assert finding[2] <= LAPTOP[1]  # the whole first finding, with its location and hint, is on the first screen
    page.close()


def test_findings_are_located_explained_and_show_code_not_backticks(browser: Browser, pages: dict[str, Path]) -> None:
    page = open_page(browser, pages["mixed"])
    findings: list[str] = page.evaluate("[...document.querySelectorAll('#fix-first .finding')].map(f => f.innerText)")
    assert len(findings) == 46  # 12 errors, 13 warnings, 21 info in this folder
    for text in findings:
        assert "`" not in text, text
        assert re.search(r"\.yaml:\d+:\d+", text), text  # file:line:column
        assert re.search(r"\b(GC\d{3} [a-z-]+|[A-Z]\d\d [a-z-]+): \S", text), text  # the rule or check, explained
    assert "How to fix: did you mean 'beginner'?" in "\n".join(findings)
    assert page.evaluate("document.querySelectorAll('#fix-first .finding code').length") > 10  # `field` as code
    page.close()


def test_failing_rules_show_their_sources_spelled_out_and_linked(browser: Browser, pages: dict[str, Path]) -> None:
    page = open_page(browser, pages["courses"])
    cards = page.evaluate(
        "[...document.querySelectorAll('#rules > .rule')].map(c => [c.id, c.innerText,"
        " [...c.querySelectorAll('.sources a')].map(a => a.href)])"
    )
    report = coverage_paths([ROOT / "courses"], CONTEXT)
    failing = {v.rule for c in report.courses for v in c.verdicts if v.status == "fail"}
    assert {card[0] for card in cards} == {f"rule-{r}" for r in failing}
    rules = {r.rule: r for r in report.rules}
    for rule_id, text, links in cards:
        info = rules[rule_id.removeprefix("rule-")]
        assert info.name in text and info.summary in text  # the id explained
        for key in info.sources:
            source = CONTEXT.framework.sources[key]
            assert str(source["title"]) in text and f"[{key}]" in text
            if source.get("year"):
                assert str(source["year"]) in text
            link = source.get("url") or f"https://doi.org/{source['doi']}"
            assert link in links
    page.close()


def test_the_heatmap_shows_every_untaught_competency_as_a_gap(browser: Browser, pages: dict[str, Path]) -> None:
    page = open_page(browser, pages["courses"])
    rows = page.evaluate(
        "[...document.querySelectorAll('.heat tbody tr:not(.area)')].map(r => [r.querySelector('code').innerText,"
        " r.classList.contains('untaught'), r.innerText.includes('gap'), r.getBoundingClientRect().height])"
    )
    report = coverage_paths([ROOT / "courses"], CONTEXT)
    taught = {cid for c in report.courses for cid in c.taught}
    live = [c for c in CONTEXT.framework.competencies if c not in CONTEXT.framework.replaced_by]
    assert [r[0] for r in rows] == live  # every competency of the framework, in its order
    for cid, untaught, says_gap, height in rows:
        assert untaught == says_gap == (cid not in taught) and height > 0, cid
    gaps = page.evaluate("document.querySelector('#gaps').innerText")
    assert gaps.startswith(f"Gaps: {len([c for c in live if c not in taught])} competencies no course teaches")
    page.close()


def test_on_a_phone_the_heatmap_scrolls_in_its_box_with_its_labels_kept_in_view(
    browser: Browser, pages: dict[str, Path]
) -> None:
    page = open_page(browser, pages["courses"], PHONE)
    box = "document.querySelector('.scroll')"
    label = "document.querySelector('.heat tbody th.comp')"
    assert page.evaluate(f"{box}.scrollWidth > {box}.clientWidth")  # 30 courses do not fit: it scrolls
    assert page.evaluate(f"{label}.getBoundingClientRect().width") <= PHONE[0] / 2  # room left for the cells
    page.evaluate(f"{box}.scrollLeft = 400")
    left, box_left = page.evaluate(f"[{label}.getBoundingClientRect().left, {box}.getBoundingClientRect().left]")
    assert abs(left - box_left) < 1  # the competency names stay at the left edge while the cells scroll
    page.close()


def test_a_programme_too_large_for_a_heatmap_gets_a_table_with_its_gaps(
    browser: Browser, pages: dict[str, Path]
) -> None:
    page = open_page(browser, pages["large"], PHONE)
    assert page.evaluate("document.querySelectorAll('.heat').length") == 0
    text = page.evaluate("document.querySelector('#programme').innerText")
    assert "too many for a heatmap" in text and "gap: taught by no course" in text
    assert "BIA.SEG.2 Thresholding" in text
    page.close()


def test_a_report_with_its_sources_table_reads_back_from_json_to_the_same_page() -> None:
    """The sources a report carries are the ones shown, and survive JSON; the embedded catalogues stand in for
    a report that carries none (as the judging step makes them today)."""
    from globias_curriculum.judging.model import CoverageReport, SourceInfo

    report = coverage_paths([ROOT / "examples" / "minimal-course.yaml"], CONTEXT)
    looked_up = "".join(coverage_html.to_html(report, PLAIN))
    report.sources = {k: SourceInfo.from_catalogue(v) for k, v in CONTEXT.framework.sources.items()}
    text = report.to_json()
    again = CoverageReport.from_json(text)
    assert again.sources == report.sources and again.to_json() == text and '"sources":[' in text
    assert "".join(coverage_html.to_html(again, PLAIN)) == looked_up
    again.sources = {k: SourceInfo(k, f"Title of {k}") for k in report.sources}
    assert "Title of BSC" in "".join(coverage_html.to_html(again, PLAIN))  # the report's own table wins


# ------------------------------------------------------------------------------------------------ layout

OVERFLOW = """(() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });  // what a reader may unfold, too
  const width = document.documentElement.clientWidth, wide = [], clipped = [];
  const scrolls = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
  const name = el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' '
    + (el.innerText || '').slice(0, 50);
  for (const el of document.body.querySelectorAll('*')) {
    if (!el.getClientRects().length || scrolls(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.right > width + 0.5 || box.left < -0.5) wide.push(name(el));
    if (el.clientWidth && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible')
      clipped.push(name(el));
  }
  return [document.documentElement.scrollWidth, width, wide.slice(0, 5), clipped.slice(0, 5)];
})()"""


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["laptop", "phone"])
@pytest.mark.parametrize("name", REPORTS + SITE)
def test_nothing_is_wider_than_the_screen_or_overflows_its_box(
    browser: Browser, pages: dict[str, Path], name: str, size: tuple[int, int]
) -> None:
    page = open_page(browser, pages[name], size)
    scroll_width, width, wide, clipped = page.evaluate(OVERFLOW)
    assert width == size[0] and scroll_width <= width, (scroll_width, wide)
    assert wide == [] and clipped == []
    page.close()


@pytest.mark.parametrize("name", REPORTS + SITE)
def test_screenshots_at_laptop_and_phone_width_are_not_blank(
    browser: Browser, pages: dict[str, Path], name: str, tmp_path: Path
) -> None:
    for size in (LAPTOP, PHONE):
        page = open_page(browser, pages[name], size)
        shot = page.screenshot(tmp_path / f"{name}-{size[0]}.png")
        image = Image.open(shot).convert("RGB")
        assert image.size == size and len(image.getcolors(maxcolors=1_000_000) or []) > 30
        page.close()


# ------------------------------------------------------------------------------------------------ the site


def _leaves(node: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _leaves(v, key)
    else:
        yield key, node


def _expected_on_page(jsonld: dict[str, Any]) -> tuple[set[str], set[str], set[str]]:
    """What a person must find on a course's page: texts, link targets, and ISO dates (in <time>)."""
    texts: set[str] = set()
    links: set[str] = set()
    dates: set[str] = set()
    skipped = {"@context", "@type", "inDefinedTermSet", "alignmentType", "educationalFramework", "termCode"}
    for key, value in _leaves({k: v for k, v in jsonld.items() if k not in ("educationalLevel", "@id")}):
        if key in skipped or (key == "@id" and not str(value).startswith("http://edamontology")):
            continue
        if key in ("url", "license", "isBasedOn", "@id", "targetUrl"):
            links.add(str(value).removeprefix(BASE))  # our own IRIs are relative links in the site
        elif key in ("startDate", "endDate"):
            dates.add(str(value))
        elif key == "inLanguage":
            texts.add(iso639_1()[str(value)])
        elif key == "timeRequired":
            texts.add(describe_duration(str(value)))
        elif key == "learningResourceType":
            texts.add("Self-paced learning material")
        elif key == "identifier" and str(value).startswith("https://orcid.org/"):
            links.add(str(value))
        else:
            texts.add(str(value))
    return texts, links, dates


@pytest.mark.parametrize("name", ["kobe", "complete"])
def test_a_course_page_shows_everything_its_jsonld_carries(browser: Browser, pages: dict[str, Path], name: str) -> None:
    page = open_page(browser, pages[name], PHONE)
    jsonld = json.loads(page.evaluate("document.querySelector('script[type=\"application/ld+json\"]').textContent"))
    shown = " ".join(page.evaluate("document.body.innerText").split())
    hrefs = page.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    times = page.evaluate("[...document.querySelectorAll('time')].map(t => t.getAttribute('datetime'))")
    texts, links, dates = _expected_on_page(jsonld)
    assert [t for t in texts if " ".join(t.split()).lower() not in shown.lower()] == []
    assert [u for u in links if not any(h == u or h.endswith(u) for h in hrefs)] == []
    for instance in jsonld.get("hasCourseInstance", []):
        assert instance["startDate"] in times
        assert human_dates(instance["startDate"], instance.get("endDate", "")) in shown
    assert dates <= {*times, *(i.get("endDate") for i in jsonld.get("hasCourseInstance", []))}
    level = jsonld.get("educationalLevel")
    if level:
        found = CONTEXT.framework.level(level["termCode"])
        assert found is not None and found.label in shown
    page.close()


def test_the_index_lists_dated_courses_latest_first_then_self_paced_material(
    browser: Browser, pages: dict[str, Path]
) -> None:
    page = open_page(browser, pages["index"], PHONE)
    rows = page.evaluate(
        "[...document.querySelectorAll('#scheduled + table tbody tr')].map(r => [r.cells[0].innerText,"
        " r.cells[1].innerText, [...r.querySelectorAll('time')].map(t => t.getAttribute('datetime')),"
        " r.cells[3].innerText])"
    )
    latest = [max(r[2]) for r in rows]
    assert latest == sorted(latest, reverse=True) and len(rows) >= 15
    kobe = next(r for r in rows if r[0] == "GloBIAS Bioimage Analysis Training School 2025")
    assert kobe[1:] == ["not stated", ["2025-10-26"], "Kobe, Japan"]
    complete = next(r for r in rows if r[0] == "Introduction to BioImage Analysis")
    assert complete[1] == "Introductory"
    assert "10\u201311 March 2025" in page.evaluate("document.querySelector('#scheduled + table').innerText")
    material = page.evaluate(
        "[...document.querySelectorAll('#self-paced + table tbody tr')].map(r => r.cells[0].innerText)"
    )
    assert "Image Processing with Python (Data Carpentry)" in material and material == sorted(material, key=str.lower)
    page.close()


# ------------------------------------------------------------------------------------------------ hostile text


def test_report_renders_a_non_blank_page_with_every_course_title(tmp_path: Path) -> None:
    page = report(tmp_path, str(ROOT / "courses"))
    shot = tmp_path / "shot.png"
    chromium(tmp_path, "--window-size=1200,1600", f"--screenshot={shot}", page.as_uri())
    image = Image.open(shot).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000) or []
    assert image.size == (1200, 1600) and len(colours) > 50  # text, badges and cards, not a blank page
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    for title in ("Image Processing with Python (Data Carpentry)", "GloBIAS Bioimage Analysis Training School 2025"):
        assert title in dom
    assert dom.count('class="heat"') == 1 and dom.count('<article class="box course"') == 30


def test_course_text_with_script_shows_as_text_and_runs_nothing(tmp_path: Path) -> None:
    page = report(tmp_path, str(hostile_course(tmp_path)))
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert "<title>Course coverage report</title>" in dom  # the injected script did not rename the page
    assert "PWNED" in dom and "<script" not in dom.lower()
    assert "&lt;script&gt;document.title=" in dom  # the text itself is shown


def test_exported_course_page_shows_hostile_text_and_runs_nothing(tmp_path: Path) -> None:
    course = tmp_path / "c.yaml"
    title = '</script><script>document.title="PWNED"</script><img src=x onerror="document.title=1">'
    course.write_text(
        (ROOT / "tests" / "fixtures" / "valid" / "minimal.yaml")
        .read_text(encoding="utf-8")
        .replace('"Fixture course"', "'" + title.replace("'", "''") + "'")
        + "instances:\n  - {start_date: 2025-01-01, mode: online}\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    args = ["export", "--format", "html", "-o", str(site), "--base-url", "https://example.org/", str(course)]
    assert CliRunner().invoke(main, args).exit_code == 0
    page = site / "courses" / "fixture-course" / "index.html"
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    page_title = dom.split("<title>")[1].split("</title>")[0]
    assert page_title.startswith("&lt;/script&gt;")  # still the course title as text: no script renamed the page
    assert dom.count("<script") == 1 and 'type="application/ld+json"' in dom
    assert "<img" not in dom
    assert "&lt;/script&gt;&lt;script&gt;document.title" in dom  # shown as text in the heading
