"""Accuracy and speed of `globias-curriculum suggest` on labelled real learning outcomes.

    python benchmarks/suggest/run.py                                  # the embedded framework
    python benchmarks/suggest/run.py --framework path/to/framework.yaml
    python benchmarks/suggest/run.py --framework F --misses           # also list every outcome missed at top-3

Top-1: the first suggestion is one of the outcome's accepted competencies (labelled-outcomes.yaml, whose header
says who labelled them and how); top-3: one of the first three is. Outcomes whose accepted competencies are all
absent from the framework are reported and left out of both figures.

A framework file is validated as `validate` would. One that the current schema refuses (framework 0.2 before it
is merged) is read as plain data instead, with a note: the ranking only reads competency fields, so its figures
are those the merged framework will give, provided its fields keep their names.

Speed: the first ranking (which builds the framework's index) and the mean time per outcome after it, both in this
process (run `python -m compileall -q globias_curriculum` first); and the wall time of the command
`globias-curriculum suggest` on a course file of 20 outcomes, a new process each time (best of 5), for a framework
the command accepts.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def load_framework(path: str | None) -> tuple[Any, str, bool]:
    from globias_curriculum.configuration import ConfigurationError, load_context
    from globias_curriculum.context import Framework
    from globias_curriculum.reading.parse import load_path

    if path is None:
        fw = load_context().framework
        return fw, f"embedded framework {fw.document.data.get('version')}", True
    try:
        fw = load_context(path).framework
        return fw, f"{path} (version {fw.document.data.get('version')}, valid)", True
    except ConfigurationError as exc:
        document = load_path(path).document
        if document is None:
            raise SystemExit(f"{path}: not readable YAML") from None
        note = f"{path} (version {document.data.get('version')}; not valid under the current schema: "
        note += f"{len(exc.diagnostics)} problem(s), read as plain data)"
        return Framework.from_document(document), note, False


def course_timing(outcomes: list[dict[str, Any]], framework: str | None) -> float | None:
    """Best-of-5 wall time of `globias-curriculum suggest COURSE` for a course of 20 unmapped outcomes."""
    exe = shutil.which("globias-curriculum")
    if exe is None:
        return None
    course = {
        "kind": "course",
        "id": "suggest-benchmark",
        "title": "Benchmark course",
        "description": "Twenty outcomes of the suggestion benchmark.",
        "learning_outcomes": [{"statement": o["text"]} for o in outcomes[:20]],
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "course.yaml")
        with open(path, "w", encoding="utf-8") as handle:
            yaml.safe_dump(course, handle, sort_keys=False, allow_unicode=True)
        command = [exe, "suggest", path] + (["--framework", framework] if framework else [])
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(command, check=False, capture_output=True)
            times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--framework", default=None, help="framework file (default: the embedded one)")
    parser.add_argument("--labels", default=str(HERE / "labelled-outcomes.yaml"))
    parser.add_argument("--misses", action="store_true", help="list the outcomes missed at top-3")
    parser.add_argument("--no-command", action="store_true", help="skip the timing of the CLI command")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from globias_curriculum.suggesting import rank

    framework, note, valid = load_framework(args.framework)
    with open(args.labels, encoding="utf-8") as handle:
        outcomes: list[dict[str, Any]] = yaml.safe_load(handle)["outcomes"]

    known = set(framework.competencies)
    usable = [o for o in outcomes if set(o["accept"]) & known]
    start = time.perf_counter()
    rank("warm-up: build the index", framework)
    build = time.perf_counter() - start

    top1 = top3 = 0
    times = []
    misses = []
    for item in usable:
        accept = set(item["accept"])
        start = time.perf_counter()
        ranked = rank(item["text"], framework, limit=3)
        times.append(time.perf_counter() - start)
        ids = [s.competency for s in ranked]
        top1 += bool(ids[:1] and ids[0] in accept)
        hit3 = bool(set(ids[:3]) & accept)
        top3 += hit3
        if not hit3:
            misses.append((item, ranked))

    n = len(usable)
    print(f"framework: {note}")
    print(f"outcomes: {n} scored of {len(outcomes)} labelled ({len(outcomes) - n} name only competencies absent)")
    print(f"top-1: {top1}/{n} = {100 * top1 / n:.1f} %")
    print(f"top-3: {top3}/{n} = {100 * top3 / n:.1f} %")
    print(f"index build + first ranking: {1000 * build:.1f} ms")
    print(f"per outcome: mean {1000 * statistics.mean(times):.2f} ms, max {1000 * max(times):.2f} ms")
    print(f"a 20-outcome course in this process, index included: {1000 * (build + sum(times[:20])):.0f} ms")
    if not args.no_command and valid:
        wall = course_timing(usable, args.framework)
        if wall is not None:
            print(f"`globias-curriculum suggest` on a 20-outcome course (new process, best of 5): {wall:.2f} s")
    elif not args.no_command:
        print("(the command is not timed: it validates --framework, and this one is not valid yet)")
    if args.misses:
        print("\nmissed at top-3:")
        for item, ranked in misses:
            got = ", ".join(f"{s.competency} {s.score:.2f}" for s in ranked) or "(nothing)"
            print(f"- {item['text']}\n    accept {', '.join(item['accept'])}; got {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
