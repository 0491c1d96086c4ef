"""Peak proportional memory (Pss) of a command and every process it starts.

    python benchmarks/peak_memory.py COMMAND...    # prints: PEAK_KIB EXIT_CODE

Pss shares each page among the processes that map it, so the pages a forked worker shares with its parent
count once, not once per process; the sum over the tree is what the whole command costs the machine. The
tree is sampled every 20 ms from /proc (Linux only); a peak shorter than that can be missed. This runs as
its own process so that its memory is not counted, and sampling costs CPU, so its runs are never timed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

INTERVAL_SECONDS = 0.02


def _parents() -> dict[int, int]:
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as stat:
                    parents[int(name)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # the process ended while we looked
    return parents


def tree_pss_kib(root: int) -> int:
    parents = _parents()
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
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                total += sum(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except OSError:
            pass
    return total


def main(command: list[str]) -> int:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_pss_kib(process.pid))
        time.sleep(INTERVAL_SECONDS)
    print(peak, process.returncode)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
