"""Running commands cold and in pairs: every figure compares commands run in the same rounds.

This virtual machine drifts (another tenant, the CPU clock, the page cache) by tens of per cent over minutes.
Run back to back in one round, two commands see much the same drift, so the ratio of their times in that
round is far steadier than either time alone; the order inside a round is shuffled so that neither command
always runs first. Each command is a new process (cold start), its output goes to /dev/null.
"""

from __future__ import annotations

import compileall
import random
import shutil
import subprocess
import sys
import sysconfig
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent


class BenchmarkError(RuntimeError):
    """A command did not do its job (wrong exit code): its time would measure a failure."""


@dataclass
class Command:
    """A command line, the exit codes it may end with, and what to undo after each run (an export's files),
    untimed, so that every run starts from the same state."""

    name: str
    argv: list[str]
    ok_codes: tuple[int, ...] = (0,)
    reset: Callable[[], None] | None = None
    exit_codes: set[int] = field(default_factory=set)

    def check(self, code: int) -> None:
        self.exit_codes.add(code)
        if code not in self.ok_codes:
            shown = " ".join(self.argv[:6]) + (" ..." if len(self.argv) > 6 else "")
            raise BenchmarkError(f"{self.name} exited with {code}: {shown}")


def fresh_folder(folder: Path) -> Callable[[], None]:
    def reset() -> None:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)

    reset()
    return reset


def compile_bytecode(package: Path) -> list[str]:
    """Write the bytecode pip would have written for a user: our package is installed editable, and with
    PYTHONDONTWRITEBYTECODE=1 nothing else writes it, so every run would compile it again. site-packages
    (PyYAML, the peers, their dependencies) normally has it from pip; compileall only fills what is missing.
    Returns what was done, for the report."""
    done = []
    for folder in (package, Path(sysconfig.get_paths()["purelib"])):
        missing = sum(1 for py in folder.rglob("*.py") if not _has_bytecode(py))
        compileall.compile_dir(str(folder), quiet=2, workers=0)
        still = sum(1 for py in folder.rglob("*.py") if not _has_bytecode(py))
        done.append(f"{folder}: {missing} of its .py files lacked bytecode before, {still} after")
    return done


def _has_bytecode(py: Path) -> bool:
    tag = sys.implementation.cache_tag
    return (py.parent / "__pycache__" / f"{py.stem}.{tag}.pyc").exists()


def run_once(command: Command) -> float:
    """Wall time of one cold run, in seconds."""
    started = time.perf_counter()
    done = subprocess.run(command.argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    seconds = time.perf_counter() - started
    command.check(done.returncode)
    if command.reset is not None:
        command.reset()
    return seconds


class Quiet(NamedTuple):
    """Before each round, wait (at most `patience` seconds) until the rest of the machine uses less than
    `share` of its CPUs: other programs on a 2-core machine slow a run that uses both cores far more than a
    serial one, so a busy spell would otherwise decide the --jobs verdicts."""

    share: float = 0.15
    patience: float = 10.0


class Rounds(NamedTuple):
    times: dict[str, list[float]]  # command name -> its time in each round
    busy: list[float]  # share of the CPUs the rest of the machine used just before each round
    waited: list[float]  # seconds spent waiting for that share to drop below Quiet.share


def _cpu_ticks() -> tuple[int, int]:
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:9]]  # user nice system idle iowait irq softirq steal
    return sum(fields) - fields[3] - fields[4], sum(fields)


def busy_share(window: float = 0.5) -> float:
    """Share of all CPUs busy over `window` seconds (steal included: another virtual machine's turn). Measured
    between runs, when nothing of ours is running, it is what others use."""
    busy_before, total_before = _cpu_ticks()
    time.sleep(window)
    busy_after, total_after = _cpu_ticks()
    return (busy_after - busy_before) / max(1, total_after - total_before)


def wait_until_quiet(quiet: Quiet) -> tuple[float, float]:
    """(the busy share when the round starts, the seconds waited for it)."""
    started = time.perf_counter()
    share = busy_share()
    while share >= quiet.share and time.perf_counter() - started < quiet.patience:
        share = busy_share()
    return share, time.perf_counter() - started


def paired_rounds(commands: Sequence[Command], rounds: int, rng: random.Random, quiet: Quiet) -> Rounds:
    """One untimed warm-up run of each command (page cache, the same for all), then `rounds` rounds in which
    every command runs once, in a shuffled order. Run i of every command belongs to round i."""
    for command in commands:
        run_once(command)
    times: dict[str, list[float]] = {command.name: [] for command in commands}
    busy, waited = [], []
    for _ in range(rounds):
        share, seconds = wait_until_quiet(quiet)
        busy.append(share)
        waited.append(seconds)
        order = list(commands)
        rng.shuffle(order)
        for command in order:
            times[command.name].append(run_once(command))
    return Rounds(times, busy, waited)


def peak_mib(command: Command) -> float:
    """Peak Pss of the command's process tree, in MiB (see peak_memory.py)."""
    sampler = [sys.executable, str(HERE / "peak_memory.py"), *command.argv]
    out = subprocess.run(sampler, capture_output=True, text=True, check=True)
    kib, code = out.stdout.split()
    command.check(int(code))
    if command.reset is not None:
        command.reset()
    return int(kib) / 1024
