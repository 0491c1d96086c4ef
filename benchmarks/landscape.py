"""The landscape of 1,000 and 10,000 generated courses: time (target: 10,000 in under 5 s) and peak memory
(flat: the peak at 10,000 at most 1.2 times the peak at 1,000).

    python benchmarks/landscape.py [--rounds 5] [--sizes 1000 10000]

Each run is a new process (`globias-curriculum landscape DIR --format json`), output to /dev/null; courses
come from benchmarks/landscape_corpus.py (fixed seed; regions, levels, years, languages, trainers known).
Memory is the peak Pss of the command's process tree (peak_memory.py), in separate, untimed runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.landscape_corpus import courses, yaml_text
from benchmarks.measuring import HERE, Command, compile_bytecode, peak_mib, run_once


def write_corpus(folder: Path, n: int) -> Path:
    target = folder / f"courses-{n}"
    target.mkdir()
    for course in courses(n):
        (target / f"{course['id']}.yaml").write_text(yaml_text(course), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args(argv)
    compile_bytecode(HERE.parent / "globias_curriculum")
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for n in args.sizes:
            folder = write_corpus(Path(scratch), n)
            command = Command(f"landscape {n}", [sys.executable, "-m", "globias_curriculum", "landscape", str(folder),
                                                 "--format", "json"])  # fmt: skip
            run_once(command)  # untimed: warms the page cache
            times = [run_once(command) for _ in range(args.rounds)]
            memory = [peak_mib(command) for _ in range(3)]
            serial = Command(command.name + " --jobs 1", [*command.argv, "--jobs", "1"])
            memory_serial = [peak_mib(serial) for _ in range(3)]
            results[str(n)] = {"seconds": times, "median_seconds": statistics.median(times),
                               "peak_mib": memory, "median_peak_mib": statistics.median(memory),
                               "median_peak_mib_jobs_1": statistics.median(memory_serial)}  # fmt: skip
            print(f"{n:>6} courses: {statistics.median(times):.2f} s (runs {', '.join(f'{t:.2f}' for t in times)}), "
                  f"peak {statistics.median(memory):.1f} MiB (--jobs 1: {statistics.median(memory_serial):.1f} MiB)",
                  flush=True)  # fmt: skip
    if len(args.sizes) >= 2:
        low, high = str(args.sizes[0]), str(args.sizes[-1])
        for key in ("median_peak_mib", "median_peak_mib_jobs_1"):
            ratio = results[high][key] / results[low][key]  # type: ignore[operator]
            print(f"{key} {high} / {low}: {ratio:.2f} ({'flat' if ratio <= 1.2 else 'not flat'})")
    out = HERE / "results" / "landscape.json"
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
