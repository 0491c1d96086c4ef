"""Speed and memory of globias-curriculum against the floor and its peers (issue 9), paired and repeated.

    python benchmarks/run.py            # the default sizes, about 8 minutes on a quiet 2-core machine
    python benchmarks/run.py --quick    # a smoke run of one or two minutes: small sizes, few rounds

Phases, each in paired rounds (every command once per round, shuffled; see measuring.py):
1. time: the floor (benchmarks/floor.py), validate --jobs 1, validate, coverage and export at --sizes;
2. peers: linkml-validate and check-jsonschema with our validate, up to --peer-max files;
3. memory: peak Pss of the process tree of the floor, validate, coverage and export at the two
   --memory-sizes (the ratio large / small is "flat" when <= 1.2);
4. sweep: validate --jobs 1 against --jobs 2 at --sweep-sizes, compared with runner.PARALLEL_THRESHOLD.

Prints a Markdown report and writes it to RESULTS/latest.md, with the raw times in RESULTS/latest.json
(RESULTS/quick.* for --quick, so that a smoke run leaves the last full report alone).
Peers come with the test extra: pip install -e ".[test]".
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as a script: make `benchmarks` importable as a package
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from benchmarks.analysis import DEFAULT, FLOOR, LISTED, PEERS, SERIAL, analyse  # noqa: E402
from benchmarks.corpus import build_corpus, corpus_folder  # noqa: E402
from benchmarks.measuring import (  # noqa: E402
    Command,
    Quiet,
    busy_share,
    compile_bytecode,
    fresh_folder,
    paired_rounds,
    peak_mib,
)
from benchmarks.report import render  # noqa: E402
from benchmarks.sweep import run_sweep  # noqa: E402
from globias_curriculum.runner import PARALLEL_THRESHOLD  # noqa: E402

BIN = Path(sys.executable).parent
SCHEMA = ROOT / "schema" / "globias_curriculum.yaml"
GENERATED_SCHEMA = ROOT / "globias_curriculum" / "generated" / "globias_curriculum.schema.json"
BASE_URL = "https://example.org/"

DEFAULTS = {
    "sizes": [1, 100, 1000],
    "rounds": 21,
    "peer_max": 1000,
    "peer_rounds": 7,
    "memory_sizes": [1000, 10000],
    "memory_runs": 5,
    "sweep_sizes": [50, 100, 200, 400, 800, 1600],
    "sweep_rounds": 21,
}
QUICK = {
    "sizes": [1, 1000],
    "rounds": 5,
    "peer_max": 1,
    "peer_rounds": 3,
    "memory_sizes": [100, 1000],
    "memory_runs": 3,
    "sweep_sizes": [50, 200, 800],
    "sweep_rounds": 7,
}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller defaults for a smoke run: " + str(QUICK))
    parser.add_argument("--sizes", type=int, nargs="+", help=f"files per timed batch [{DEFAULTS['sizes']}]")
    parser.add_argument("--rounds", type=int, help=f"paired rounds per size [{DEFAULTS['rounds']}]")
    parser.add_argument(
        "--peer-max", type=int, help=f"largest batch the peers run on; 0: none [{DEFAULTS['peer_max']}]"
    )
    parser.add_argument("--peer-rounds", type=int, help=f"paired rounds with the peers [{DEFAULTS['peer_rounds']}]")
    parser.add_argument("--memory-sizes", type=int, nargs=2, help=f"small and large batch [{DEFAULTS['memory_sizes']}]")
    parser.add_argument("--memory-runs", type=int, help=f"runs per command and size [{DEFAULTS['memory_runs']}]")
    parser.add_argument("--sweep-sizes", type=int, nargs="+", help=f"batches for --jobs [{DEFAULTS['sweep_sizes']}]")
    parser.add_argument("--sweep-rounds", type=int, help=f"paired rounds per batch [{DEFAULTS['sweep_rounds']}]")
    parser.add_argument(
        "--quiet-share",
        type=float,
        default=Quiet().share,
        help="before each timed round, wait until others use less than this share of the CPUs [%(default)s]",
    )
    parser.add_argument(
        "--quiet-patience", type=float, default=Quiet().patience, help="but at most this many seconds [%(default)s]"
    )
    parser.add_argument("--seed", type=int, default=20261123, help="corpus and shuffling seed")
    parser.add_argument(
        "--results", type=Path, default=ROOT / "benchmarks" / "results", help="corpus and report folder"
    )
    args = parser.parse_args(argv)
    for key, value in (QUICK if args.quick else DEFAULTS).items():
        if getattr(args, key) is None:
            setattr(args, key, value)
    return args


def _progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _meta(argv: list[str]) -> dict[str, Any]:
    with open("/proc/cpuinfo") as cpuinfo:
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "?")
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(  # the results this run rewrites do not count as a change to what is measured
        ["git", "-C", str(ROOT), "status", "--porcelain", "--", ".", ":!benchmarks/results"],
        capture_output=True,
        text=True,
    )
    return {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "cpu": cpu,
        "python": platform.python_version(),
        "libyaml": yaml._yaml.get_version_string(),
        "versions": {name: version(name) for name in ("PyYAML", "linkml", "check-jsonschema", "globias-curriculum")},
        "commit": commit.stdout.strip() + (" with uncommitted changes" if dirty.stdout.strip() else ""),
        "command": shlex.join(["python", "benchmarks/run.py", *argv]),
        "load_before": "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
    }


MakeCommand = Callable[[str, list[str]], Command]


def _interleaved(
    command: MakeCommand,
    names: list[str],
    sizes: list[int],
    files: list[str],
    rounds: int,
    rng: random.Random,
    quiet: Quiet,
) -> tuple[list[dict[str, Any]], dict[str, list[float]]]:
    """Every command at every size once per round, all shuffled together: a busy spell of others on the
    machine falls on every size alike. Returns the times per size, and how busy the machine was per round."""
    if not sizes:
        return [], {"busy": [], "waited": []}
    commands = [command(name, files[:n]) for n in sizes for name in names]
    for n, made in zip((n for n in sizes for _ in names), commands, strict=True):
        made.name = f"{n} {made.name}"
    done = paired_rounds(commands, rounds, rng, quiet)
    blocks = [{"files": n, "times": {name: done.times[f"{n} {name}"] for name in names}} for n in sizes]
    return blocks, {"busy": done.busy, "waited": done.waited}


def _memory(command: MakeCommand, args: argparse.Namespace, files: list[str], rng: random.Random) -> dict[str, Any]:
    """Peak memory of each tool given a folder of N courses (as a user runs it), each size and tool once per
    run, shuffled; the floor is also given the N paths as arguments, to show what those alone cost."""
    folders = {n: corpus_folder(args.results, n, args.seed) for n in args.memory_sizes}
    tools = [FLOOR, DEFAULT, "coverage", "export"]
    peaks: dict[str, dict[str, list[float]]] = {t: {str(n): [] for n in args.memory_sizes} for t in [*tools, LISTED]}
    busy = []
    for _ in range(args.memory_runs):
        busy.append(busy_share())
        order = [(tool, n) for tool in [*tools, LISTED] for n in args.memory_sizes]
        rng.shuffle(order)
        for tool, n in order:
            made = command(FLOOR, files[:n]) if tool == LISTED else command(tool, [folders[n]])
            peaks[tool][str(n)].append(peak_mib(made))
    return {"sizes": args.memory_sizes, "runs": args.memory_runs, "peak_mib": peaks, "machine": {"busy": busy}}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    started = time.perf_counter()
    meta = _meta(argv)
    _progress("compiling bytecode")
    meta["bytecode"] = compile_bytecode(ROOT / "globias_curriculum")
    largest = max([*args.sizes, *args.memory_sizes, *args.sweep_sizes])
    _progress(f"corpus of {largest:,} courses")
    files = build_corpus(args.results, largest, args.seed)
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="globias-bench-"))
    schema_file = work / "course.schema.json"
    generated = json.loads(GENERATED_SCHEMA.read_text(encoding="utf-8"))
    schema_file.write_text(
        json.dumps({"$schema": generated["$schema"], "$defs": generated["$defs"], "$ref": "#/$defs/Course"})
    )
    export_reset = fresh_folder(work / "export")
    ours = str(BIN / "globias-curriculum")

    def command(name: str, batch: list[str]) -> Command:
        argv = {
            FLOOR: [sys.executable, str(ROOT / "benchmarks" / "floor.py")],
            SERIAL: [ours, "validate", "--jobs", "1"],
            DEFAULT: [ours, "validate"],
            "coverage": [ours, "coverage", "--format", "json"],
            "export": [ours, "export", "-o", str(work / "export"), "--base-url", BASE_URL],
            "linkml-validate": [str(BIN / "linkml-validate"), "-s", str(SCHEMA), "-C", "Course"],
            "check-jsonschema": [str(BIN / "check-jsonschema"), "--schemafile", str(schema_file)],
        }[name]
        return Command(name, [*argv, *batch], reset=export_reset if name == "export" else None)

    raw: dict[str, Any] = {"meta": meta, "settings": {k: v for k, v in vars(args).items() if k != "results"}}
    quiet = Quiet(args.quiet_share, args.quiet_patience)
    _progress(f"time: {args.sizes} files, {args.rounds} rounds")
    names = [FLOOR, SERIAL, DEFAULT, "coverage", "export"]
    raw["speed"], raw["speed_machine"] = _interleaved(command, names, args.sizes, files, args.rounds, rng, quiet)
    peer_sizes = [n for n in args.sizes if n <= args.peer_max]
    _progress(f"peers: {peer_sizes} files, {args.peer_rounds} rounds")
    names = [SERIAL, DEFAULT, *PEERS]
    raw["peers"], raw["peers_machine"] = _interleaved(command, names, peer_sizes, files, args.peer_rounds, rng, quiet)
    _progress(f"memory: {args.memory_sizes} courses, {args.memory_runs} runs")
    raw["memory"] = _memory(command, args, files, rng)
    _progress(f"sweep: {args.sweep_sizes} files, {args.sweep_rounds} rounds")
    swept = run_sweep([ours, "validate"], files, args.sweep_sizes, args.sweep_rounds, rng, quiet)
    raw["sweep"] = {"rounds": args.sweep_rounds, "parallel_threshold": PARALLEL_THRESHOLD, **swept}
    shutil.rmtree(work, ignore_errors=True)  # the schema copy and the export folder
    meta["load_after"] = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    meta["minutes"] = (time.perf_counter() - started) / 60

    analysed = analyse(raw)
    report = render(raw, analysed)
    print(report)
    args.results.mkdir(parents=True, exist_ok=True)
    stem = "quick" if args.quick else "latest"
    (args.results / f"{stem}.md").write_text(report, encoding="utf-8")
    (args.results / f"{stem}.json").write_text(
        json.dumps({**raw, "analysis": analysed}, indent=1) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
