"""How a figure is summarised: the median of several runs and how far the runs spread around it."""

from __future__ import annotations

import math
import statistics
from typing import NamedTuple


class Summary(NamedTuple):
    """The median, the interquartile range (q1 to q3) and the full range (low to high) of `runs` values."""

    median: float
    q1: float
    q3: float
    low: float
    high: float
    runs: int

    def as_dict(self) -> dict[str, float]:
        return self._asdict()


def summarise(values: list[float]) -> Summary:
    if not values:
        raise ValueError("nothing to summarise")
    if len(values) == 1:
        q1 = q3 = values[0]
    else:
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return Summary(statistics.median(values), q1, q3, min(values), max(values), len(values))


def ratios(numerators: list[float], denominators: list[float]) -> list[float]:
    """Per-round ratios of paired runs: run i of one command over run i of the other, same round."""
    if len(numerators) != len(denominators):
        raise ValueError("paired runs differ in number")
    return [a / b for a, b in zip(numerators, denominators, strict=True)]


def sign_test_p(wins: int, rounds: int) -> float:
    """One-sided sign test: the chance of `wins` or more wins in `rounds` paired rounds if neither side were
    faster (each round a fair coin). Small means the wins are unlikely to be noise."""
    return float(sum(math.comb(rounds, k) for k in range(wins, rounds + 1)) / 2**rounds)
