"""A harvest of 1,000 and 10,000 pages from a local server: is it bound by the rate limit, not by us, and does
its memory stay flat?

    python benchmarks/harvest.py [--sizes 1000 10000] [--rate 40] [--workers 4]

The pages are `export --format html` of generated courses (benchmarks/landscape_corpus.py), served by a
threaded http.server on 127.0.0.1 (ETag-less; Last-Modified from the files) in this process; the harvest is a
new process (`globias-curriculum harvest SITEMAP -o DIR --rate R`), timed from start to exit, and run again
under peak_memory.py for its peak Pss. One host, so the rate limit alone allows a page every 1/R s: the floor
is (pages + 1 robots.txt + 1 sitemap) / R seconds. "Bound by the rate limit" means time / floor close to 1.
"""

from __future__ import annotations

import argparse
import functools
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.landscape_corpus import courses, yaml_text
from benchmarks.measuring import HERE, compile_bytecode


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rate", type=float, default=40.0)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args(argv)
    compile_bytecode(HERE.parent / "globias_curriculum")
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        for n in args.sizes:
            base_dir = Path(scratch) / str(n)
            yaml_dir, site = base_dir / "yaml", base_dir / "site"
            yaml_dir.mkdir(parents=True)
            for course in courses(n):
                (yaml_dir / f"{course['id']}.yaml").write_text(yaml_text(course), encoding="utf-8")
            server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
            port = server.server_address[1]
            subprocess.run([sys.executable, "-m", "globias_curriculum", "export", str(yaml_dir), "--format", "html",
                            "-o", str(site), "--base-url", f"http://127.0.0.1:{port}/"], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            threading.Thread(target=server.serve_forever, daemon=True).start()
            pages = n + 2  # every course page, the index and the framework page
            command = [sys.executable, "-m", "globias_curriculum", "harvest", f"http://127.0.0.1:{port}/sitemap.xml",
                       "--rate", str(args.rate), "--workers", str(args.workers), "--suggestions", "0", "--format",
                       "json"]  # fmt: skip
            out = base_dir / "out"
            started = time.perf_counter()
            done = subprocess.run([*command, "-o", str(out)], capture_output=True, text=True, check=False)
            seconds = time.perf_counter() - started
            summary = json.loads(done.stdout)
            floor = (pages + 2) / args.rate
            shutil.rmtree(out)
            sampled = subprocess.run([sys.executable, str(HERE / "peak_memory.py"), *command, "-o", str(out)],
                                     capture_output=True, text=True, check=True)  # fmt: skip
            peak = int(sampled.stdout.split()[0]) / 1024
            server.shutdown()
            server.server_close()
            results[str(n)] = {"pages": pages, "seconds": seconds, "floor_seconds": floor, "ratio": seconds / floor,
                               "peak_mib": peak, "courses": summary["courses"], "failed": summary["failed"],
                               "requests": summary["requests"]}  # fmt: skip
            print(f"{n:>6} pages at --rate {args.rate:g}: {seconds:.1f} s, floor {floor:.1f} s (ratio "
                  f"{seconds / floor:.3f}), {summary['courses']} courses, {len(summary['failed'])} failure reasons, "
                  f"peak {peak:.1f} MiB", flush=True)  # fmt: skip
    if len(args.sizes) >= 2:
        low, high = str(args.sizes[0]), str(args.sizes[-1])
        ratio = results[high]["peak_mib"] / results[low]["peak_mib"]
        print(f"memory {high} / {low}: {ratio:.2f} ({'flat' if ratio <= 1.2 else 'not flat'})")
    (HERE / "results" / "harvest.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
