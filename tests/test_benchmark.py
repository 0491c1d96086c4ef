"""The benchmark behind README's Speed section keeps working and keeps its promises: the floor really composes
every file, ratios are taken per round between paired runs, and the --jobs verdicts follow the sign test."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.measuring import Quiet, busy_share, wait_until_quiet
from benchmarks.spread import sign_test_p, summarise
from benchmarks.sweep import judge, supported_threshold
from globias_curriculum.runner import PARALLEL_THRESHOLD

from .conftest import ROOT

FLOOR = ROOT / "benchmarks" / "floor.py"


def test_the_floor_composes_every_file_it_is_given(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("a: [1, 2]\n", encoding="utf-8")
    broken = tmp_path / "then-broken.yaml"  # sorts after good.yaml
    broken.write_text("a: [1, 2\n", encoding="utf-8")
    assert subprocess.run([sys.executable, str(FLOOR), str(good)], capture_output=True).returncode == 0
    failed = subprocess.run([sys.executable, str(FLOOR), str(good), str(broken)], capture_output=True, text=True)
    assert failed.returncode != 0
    assert "while parsing a flow sequence" in failed.stderr
    folder = subprocess.run([sys.executable, str(FLOOR), str(tmp_path)], capture_output=True, text=True)
    assert folder.returncode != 0  # a folder stands for every *.yaml in it, the broken one too
    assert "while parsing a flow sequence" in folder.stderr


def test_sign_test_is_the_binomial_tail() -> None:
    assert sign_test_p(8, 9) == pytest.approx(10 / 512)
    assert sign_test_p(9, 9) == pytest.approx(1 / 512)
    assert sign_test_p(0, 9) == 1.0


def test_a_summary_gives_the_median_quartiles_and_range() -> None:
    figure = summarise([5.0, 1.0, 3.0, 2.0, 4.0])
    assert (figure.median, figure.q1, figure.q3, figure.low, figure.high, figure.runs) == (3, 2, 4, 1, 5, 5)


def test_two_workers_win_only_when_the_rounds_are_beyond_chance() -> None:
    serial = [1.0] * 9
    eight_of_nine = judge({"files": 800, "jobs_1": serial, "jobs_2": [0.9] * 8 + [1.1]})
    seven_of_nine = judge({"files": 400, "jobs_1": serial, "jobs_2": [0.9] * 7 + [1.1] * 2})
    slower = judge({"files": 50, "jobs_1": serial, "jobs_2": [1.2] * 9})
    assert (eight_of_nine["verdict"], eight_of_nine["pool_wins"]) == ("2 workers win", 8)
    assert seven_of_nine["verdict"] == "no clear winner"
    assert slower["verdict"] == "serial wins"
    assert eight_of_nine["ratio"]["median"] == pytest.approx(0.9)


def test_the_supported_threshold_starts_where_two_workers_win_at_every_larger_size() -> None:
    verdicts = ["serial wins", "2 workers win", "no clear winner", "2 workers win", "2 workers win"]
    judged = [{"files": n, "verdict": v} for n, v in zip([50, 100, 200, 400, 800], verdicts, strict=True)]
    found = supported_threshold(judged, 500)
    assert (found["first_win"], found["low"], found["high"], found["agrees"]) == (400, 200, 400, False)
    assert [supported_threshold(judged, n)["agrees"] for n in (200, 201, 400, 401)] == [False, True, True, False]
    assert supported_threshold(judged[:3], 300)["first_win"] is None


def test_a_busy_machine_is_seen_and_waited_for_no_longer_than_allowed() -> None:
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(os.cpu_count() or 1)]
    try:
        assert busy_share() > 0.8
        share, waited = wait_until_quiet(Quiet(share=0.5, patience=1.0))
        assert share >= 0.5 and 1.0 <= waited < 2.5
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


@pytest.mark.slow
def test_the_smallest_run_measures_everything_it_reports(tmp_path: Path) -> None:
    command = [
        sys.executable,
        str(ROOT / "benchmarks" / "run.py"),
        *("--sizes", "1", "3", "--rounds", "2", "--peer-max", "1", "--peer-rounds", "1"),
        *("--memory-sizes", "3", "6", "--memory-runs", "1", "--sweep-sizes", "3", "6", "--sweep-rounds", "2"),
        *("--quiet-patience", "1", "--results", str(tmp_path)),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = (tmp_path / "latest.md").read_text(encoding="utf-8")
    assert done.stdout.strip() == report.strip()
    assert "compileall" in report
    raw = json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))

    for block, analysed in zip(raw["speed"], raw["analysis"]["speed"], strict=True):
        times = block["times"]
        assert set(times) == {"floor", "validate --jobs 1", "validate", "coverage", "export"}
        assert all(len(runs) == 2 for runs in times.values())
        per_round = [ours / floor for ours, floor in zip(times["validate"], times["floor"], strict=True)]
        assert analysed["to_floor"]["validate"]["median"] == pytest.approx(statistics.median(per_round))
    peers = raw["peers"][0]["times"]
    assert raw["peers"][0]["files"] == 1 and len(raw["peers"]) == 1  # only up to --peer-max
    assert raw["analysis"]["peers"][0]["to_serial"]["linkml-validate"]["median"] == pytest.approx(
        peers["linkml-validate"][0] / peers["validate --jobs 1"][0]
    )
    peaks = raw["memory"]["peak_mib"]
    assert all(peaks[tool]["3"][0] > 1 and peaks[tool]["6"][0] > 1 for tool in ("validate", "coverage", "export"))
    assert raw["analysis"]["memory"]["export"]["ratio"]["median"] == pytest.approx(
        peaks["export"]["6"][0] / peaks["export"]["3"][0]
    )
    assert [row["files"] for row in raw["sweep"]["rows"]] == [3, 6]
    assert raw["sweep"]["parallel_threshold"] == PARALLEL_THRESHOLD

    targets = report.split("## Targets", 1)[1].split("\n## ", 1)[0]
    for target in ("validate, one file, cold", "validate --jobs 1, 1,000 files", "coverage: peak", "export: peak"):
        assert target in targets
    assert "--jobs default: PARALLEL_THRESHOLD" in targets
    assert "| validate --jobs 1, 1,000 files: time / floor <= 2 | not measured |" in targets  # 1,000 not in --sizes
