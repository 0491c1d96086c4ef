"""When a worker pool pays off: `validate --jobs 1` against `--jobs 2`, paired, at growing batch sizes."""

from __future__ import annotations

import random
from typing import Any

from .measuring import Command, Quiet, paired_rounds
from .spread import ratios, sign_test_p, summarise

#: A size counts as a win for two workers when so few rounds favouring serial would be this unlikely by chance.
CONFIDENCE_P = 0.05


def run_sweep(
    validate: list[str], files: list[str], sizes: list[int], rounds: int, rng: random.Random, quiet: Quiet
) -> dict[str, Any]:
    """Every size and both settings in every round, shuffled, so a busy spell of others on the machine falls
    on all sizes alike rather than on whichever size was being run."""
    commands = [Command(f"{n} --jobs {j}", [*validate, "--jobs", str(j), *files[:n]]) for n in sizes for j in (1, 2)]
    done = paired_rounds(commands, rounds, rng, quiet)
    rows = [{"files": n, "jobs_1": done.times[f"{n} --jobs 1"], "jobs_2": done.times[f"{n} --jobs 2"]} for n in sizes]
    return {"rows": rows, "machine": {"busy": done.busy, "waited": done.waited}}


def judge(row: dict[str, Any]) -> dict[str, Any]:
    """Per size: the ratio --jobs 2 / --jobs 1 per round, in how many rounds two workers were faster, and
    whether that many is beyond chance (one-sided sign test) for either side."""
    per_round = ratios(row["jobs_2"], row["jobs_1"])
    rounds = len(per_round)
    pool_wins = sum(r < 1 for r in per_round)
    serial_wins = sum(r > 1 for r in per_round)
    pool_p, serial_p = sign_test_p(pool_wins, rounds), sign_test_p(serial_wins, rounds)
    verdict = (
        "2 workers win" if pool_p < CONFIDENCE_P else "serial wins" if serial_p < CONFIDENCE_P else "no clear winner"
    )
    return {
        "files": row["files"],
        "jobs_1": summarise(row["jobs_1"]).as_dict(),
        "jobs_2": summarise(row["jobs_2"]).as_dict(),
        "ratio": summarise(per_round).as_dict(),
        "pool_wins": pool_wins,
        "rounds": rounds,
        "pool_p": pool_p,
        "verdict": verdict,
    }


def supported_threshold(judged: list[dict[str, Any]], current: int) -> dict[str, Any]:
    """From which swept size two workers win with confidence at that size and every larger one; the sweep
    supports any threshold above the swept size before it and up to it. `current` is PARALLEL_THRESHOLD."""
    first_win = None
    for row in reversed(judged):
        if row["verdict"] != "2 workers win":
            break
        first_win = row["files"]
    if first_win is None:
        return {"first_win": None, "low": None, "high": None, "current": current, "agrees": None}
    sizes = [row["files"] for row in judged]
    index = sizes.index(first_win)
    low = sizes[index - 1] if index > 0 else 0
    return {
        "first_win": first_win,
        "low": low,
        "high": first_win,
        "current": current,
        "agrees": low < current <= first_win,
    }
