"""Speed benchmark: our validate against linkml-validate and check-jsonschema in one run, and our coverage.

    python benchmarks/run.py                 # corpora of 1, 100 and 1,000 courses
    python benchmarks/run.py --sizes 1 100 1000 10000 --peer-max 1000

Corpora are generated from a seed (reproducible), written to benchmarks/results/corpus-N/, and every tool is
run as a real command, cold (a new process each time). Wall time is the median of --repeat runs; peak memory
is the largest resident set of the command's process tree. Results are printed as a table with ratios and
written to benchmarks/results/latest.json. Peers come with the test extra: pip install -e ".[test]".
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SCHEMA = ROOT / "schema" / "globias_curriculum.yaml"
BIN = Path(sys.executable).parent
PEERS = ("linkml-validate", "check-jsonschema")
BASE_URL = "https://example.org/"

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


def build_corpus(n: int, seed: int) -> Path:
    folder = RESULTS / f"corpus-{n}"
    marker = folder / f".seed-{seed}"
    if marker.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    for i in range(n):
        (folder / f"course-{i:05d}.yaml").write_text(make_course(rng, i), encoding="utf-8")
    marker.touch()
    return folder


_MEASURE = r"""
import os, subprocess, sys, time

def tree_pss_kib(root):
    # proportional memory (Pss) of the process and all its descendants, so pages a forked worker shares
    # with its parent are counted once, not once per process
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                parents[int(name)] = int(open(f"/proc/{name}/stat").read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    total = 0
    for pid in tree:
        try:
            for line in open(f"/proc/{pid}/smaps_rollup"):
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total

t = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
peak = 0
while p.poll() is None:
    peak = max(peak, tree_pss_kib(p.pid))
    time.sleep(0.02)
t = time.perf_counter() - t
print(t, peak, p.returncode)
"""


def measure(cmd: list[str], repeat: int, memory: bool = True) -> dict[str, float]:
    """Median wall time of `repeat` plain runs; then one more run, sampled every 20 ms, for the peak
    proportional memory (Pss) of the whole process tree. Sampling costs CPU, so it never times a run."""
    times, codes = [], set()
    for _ in range(repeat):
        started = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
        codes.add(done.returncode)
    result: dict[str, float] = {"seconds": statistics.median(times)}
    if memory:
        out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, check=True)
        _, kib, code = out.stdout.split()
        codes.add(int(code))
        result["peak_mib"] = int(kib) / 1024
    return {**result, "exit_codes": sorted(codes)}  # type: ignore[dict-item]


def parse_only(files: list[Path]) -> float:
    """The floor: composing every file with positions (PyYAML's C loader), in this process."""
    import yaml

    t = time.perf_counter()
    for f in files:
        yaml.compose(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - t


def format_table(rows: list[dict[str, object]]) -> str:
    """Ours (validate, coverage, export) with time and memory; each peer's time and its ratio to ours."""
    head = ["files", "validate s", "MiB", "serial s"]
    head += [h for p in PEERS for h in (f"{p} s", "ratio")]
    head += ["parse-only s", "coverage s", "MiB", "export s", "MiB"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        ours: dict[str, float] = row["validate"]  # type: ignore[assignment]
        serial: dict[str, float] | None = row.get("validate --jobs 1")  # type: ignore[assignment]
        cells = [f"{row['files']:,}", f"{ours['seconds']:.3f}", f"{ours['peak_mib']:.0f}"]
        cells.append(f"{serial['seconds']:.3f}" if serial else "-")
        for peer in PEERS:
            theirs: dict[str, float] | None = row.get(peer)  # type: ignore[assignment]
            ratio = f"{theirs['seconds'] / ours['seconds']:.1f}x" if theirs else "-"
            cells += [f"{theirs['seconds']:.3f}" if theirs else "-", ratio]
        cells.append(f"{row['parse_only_seconds']:.3f}")
        for tool in ("coverage", "export"):
            m: dict[str, float] | None = row.get(tool)  # type: ignore[assignment]
            cells += [f"{m['seconds']:.3f}", f"{m['peak_mib']:.0f}"] if m else ["-", "-"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def sweep(seed: int, repeat: int) -> list[dict[str, float]]:
    """Serial against two workers on small batches: where a pool starts to pay off."""
    out = []
    big = sorted((build_corpus(1000, seed)).glob("*.yaml"))
    for n in (50, 100, 200, 400, 800):
        files = [str(p) for p in big[:n]]
        cmd = [str(BIN / "globias-curriculum"), "validate", "--format", "json"]
        one = measure([*cmd, "--jobs", "1", *files], repeat, memory=False)["seconds"]
        two = measure([*cmd, "--jobs", "2", *files], repeat, memory=False)["seconds"]
        out.append({"files": n, "jobs_1": one, "jobs_2": two})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000, 10000])
    parser.add_argument("--peer-max", type=int, default=10000, help="largest corpus the peers are run on")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (one for 10,000 files)")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--no-sweep", action="store_true", help="skip the serial-versus-parallel sweep")
    args = parser.parse_args()

    schema_file = Path(tempfile.mkdtemp()) / "course.schema.json"
    generated = json.loads((ROOT / "globias_curriculum" / "generated" / "globias_curriculum.schema.json").read_text())
    schema_file.write_text(
        json.dumps({"$schema": generated["$schema"], "$defs": generated["$defs"], "$ref": "#/$defs/Course"})
    )
    export_dir = Path(tempfile.mkdtemp())
    ours = str(BIN / "globias-curriculum")
    tools = {
        "validate": lambda files: [ours, "validate", "--format", "json", *files],
        "validate --jobs 1": lambda files: [ours, "validate", "--format", "json", "--jobs", "1", *files],
        "coverage": lambda files: [ours, "coverage", "--format", "json", *files],
        "export": lambda files: [ours, "export", "--force", "-o", str(export_dir), "--base-url", BASE_URL, *files],
        "linkml-validate": lambda files: [str(BIN / "linkml-validate"), "-s", str(SCHEMA), "-C", "Course", *files],
        "check-jsonschema": lambda files: [str(BIN / "check-jsonschema"), "--schemafile", str(schema_file), *files],
    }
    rows = []
    for n in args.sizes:
        folder = build_corpus(n, args.seed)
        files = sorted(str(p) for p in folder.glob("*.yaml"))
        row: dict[str, object] = {"files": n, "parse_only_seconds": parse_only([Path(f) for f in files])}
        for name, make in tools.items():
            if name in PEERS and n > args.peer_max:
                continue
            row[name] = measure(make(files), args.repeat if n <= 1000 else 1, memory=name not in PEERS)
            shutil.rmtree(export_dir, ignore_errors=True)
        rows.append(row)
        print(f"measured {n} files", file=sys.stderr)
    table = format_table(rows)
    print(table)
    swept = [] if args.no_sweep else sweep(args.seed, args.repeat)
    for s in swept:
        print(f"sweep: {s['files']:>4} files  --jobs 1 {s['jobs_1']:.3f} s  --jobs 2 {s['jobs_2']:.3f} s")
    RESULTS.mkdir(parents=True, exist_ok=True)
    meta = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "seed": args.seed,
        "rows": rows,
        "sweep": swept,
        "table": table,
    }
    (RESULTS / "latest.json").write_text(json.dumps(meta, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
