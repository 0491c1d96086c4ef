"""Measure each guideline rule's pass rate on published courses, and publish the table.

    python scripts/calibrate_rules.py           # rewrite the table in docs/rule-calibration.md
    python scripts/calibrate_rules.py --check   # exit 1 if the published table is not what the corpus gives

The corpus is the shipped catalogue (`courses/`) and published NEUBIAS, GTN and Carpentries material converted
to course YAML (`tests/fixtures/calibration/`, sources in its SOURCES.md). Every course is judged with the
embedded framework and guidelines, exactly as `globias-curriculum coverage` judges it. A rule's pass rate is
passed / judged, over the courses it applies to (not-applicable and waived verdicts are not counted). Only the
part of the document between the two markers is generated; the text around it is written by hand.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from globias_curriculum.configuration import load_context  # noqa: E402
from globias_curriculum.context import Context  # noqa: E402
from globias_curriculum.judging.judge import judge_course  # noqa: E402
from globias_curriculum.reading.parse import load_path  # noqa: E402

CORPORA = {"catalogue": ROOT / "courses", "converted": ROOT / "tests" / "fixtures" / "calibration"}
DOCUMENT = ROOT / "docs" / "rule-calibration.md"
BEGIN = "<!-- BEGIN GENERATED: scripts/calibrate_rules.py -->"
END = "<!-- END GENERATED -->"


@dataclass
class Tally:
    """One rule's verdicts over the corpus."""

    rule: str
    name: str
    severity: str
    judged: int = 0
    passed: int = 0

    @property
    def rate(self) -> float | None:
        return self.passed / self.judged if self.judged else None


def corpus_files() -> dict[str, list[Path]]:
    return {name: sorted(folder.glob("*.yaml")) for name, folder in CORPORA.items()}


def measure(context: Context | None = None) -> tuple[dict[str, int], list[Tally]]:
    """Course counts per corpus, and one tally per live rule in guideline-set order."""
    context = context or load_context()
    tallies = {
        str(r["id"]): Tally(str(r["id"]), str(r["name"]), str(r["severity"])) for r in context.guidelines.live_rules
    }
    sizes: dict[str, int] = {}
    for name, paths in corpus_files().items():
        sizes[name] = 0
        for path in paths:
            document = load_path(path).document
            if document is None or not isinstance(document.data, dict) or document.data.get("kind") != "course":
                raise SystemExit(f"{path}: not a readable course file")
            sizes[name] += 1
            course, _ = judge_course(document, context)
            for verdict in course.verdicts:
                tally = tallies.get(verdict.rule)
                if tally is None or verdict.status not in ("pass", "fail"):
                    continue
                tally.judged += 1
                tally.passed += verdict.status == "pass"
    return sizes, list(tallies.values())


def render(sizes: dict[str, int], tallies: list[Tally]) -> str:
    """The generated part of docs/rule-calibration.md."""
    total = sum(sizes.values())
    lines = [
        BEGIN,
        "",
        f"Corpus: {total} published courses ({sizes['catalogue']} in `courses/`, "
        f"{sizes['converted']} converted in `tests/fixtures/calibration/`).",
        "",
        "| rule | name | severity | courses judged | passed | pass rate |",
        "|---|---|---|---|---|---|",
    ]
    for t in tallies:
        rate = f"{t.rate:.0%}" if t.rate is not None else "-"
        lines.append(f"| {t.rule} | `{t.name}` | {t.severity} | {t.judged} | {t.passed} | {rate} |")
    lines += ["", END]
    return "\n".join(lines)


def published() -> str:
    text = DOCUMENT.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[start:end]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the published table instead of writing")
    args = parser.parse_args()
    table = render(*measure())
    if args.check:
        if published() != table:
            print(f"out of date: {DOCUMENT.relative_to(ROOT)}", file=sys.stderr)
            return 1
        return 0
    text = DOCUMENT.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    DOCUMENT.write_text(text[:start] + table + text[end:], encoding="utf-8")
    print(f"wrote {DOCUMENT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
