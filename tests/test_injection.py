"""Course text comes out of Markdown and HTML reports as text, never as markup."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from globias_curriculum.configuration import load_context
from globias_curriculum.judging import coverage_paths
from globias_curriculum.reporters.coverage_html import to_html
from globias_curriculum.reporters.coverage_markdown import to_markdown
from globias_curriculum.reporters.escape import markdown as md
from globias_curriculum.reporters.style import PLAIN

HOSTILE_TITLE = '<script>document.title="PWNED"</script> | **bold** [link](https://evil.example) `code` <img src=x>'
HOSTILE_OUTCOME = "Describe </td></tr><tr><td>injected & <b>bold</b>\n| new | row |"


def hostile_course(folder: Path) -> Path:
    path = folder / "hostile.yaml"
    path.write_text(
        "kind: course\n"
        "id: hostile\n"
        f"title: '{HOSTILE_TITLE}'\n"
        'description: "x"\n'
        "level: introductory\n"
        "prerequisites: []\n"
        "learning_outcomes:\n"
        f"  - statement: {HOSTILE_OUTCOME!r}\n".replace("\\n", "\n    ")
        + "    competencies: [BIA.FND.1]\n"
        "guideline_exceptions:\n"
        "  - {rule: C04, reason: '<script>alert(1)</script>'}\n",
        encoding="utf-8",
    )
    return path


def test_markdown_escapes_course_text(tmp_path: Path) -> None:
    report = coverage_paths([hostile_course(tmp_path)], load_context())
    assert report.courses[0].title == HOSTILE_TITLE
    html = MarkdownIt("commonmark").enable("table").render("".join(to_markdown(report, PLAIN)))
    assert "<script" not in html and "<img" not in html and "<strong>bold" not in html
    assert 'href="https://evil' not in html
    assert "&lt;script&gt;" in html  # shown, as text


def test_markdown_table_rows_keep_their_cells(tmp_path: Path) -> None:
    report = coverage_paths([hostile_course(tmp_path)], load_context())
    html = MarkdownIt("commonmark").enable("table").render("".join(to_markdown(report, PLAIN)))
    first_table = html.split("</table>")[0]
    rows = first_table.split("<tr>")[1:]
    assert all(row.count("<td>") in (0, 4) for row in rows)
    assert md("a|b\nc") == "a\\|b c"


def test_html_escapes_course_text(tmp_path: Path) -> None:
    page = "".join(to_html(coverage_paths([hostile_course(tmp_path)], load_context()), PLAIN))
    assert "<script" not in page and "<img" not in page and "<b>bold" not in page
    assert "&lt;script&gt;document.title=&quot;PWNED&quot;&lt;/script&gt;" in page
