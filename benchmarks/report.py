"""The Markdown report: what was run, on what, and every figure with its spread."""

from __future__ import annotations

import statistics
from typing import Any

from .analysis import FLAT_LIMIT, FLOOR, LISTED, PEERS, TIME_LIMIT
from .sweep import CONFIDENCE_P


def spread(figure: dict[str, float], digits: int = 2, unit: str = "") -> str:
    """median (interquartile range; full range), e.g. `1.72 (1.68-1.77; 1.60-1.90)`."""

    def f(x: float) -> str:
        return f"{x:.{digits}f}"

    return f"{f(figure['median'])}{unit} ({f(figure['q1'])}-{f(figure['q3'])}; {f(figure['low'])}-{f(figure['high'])})"


def _yes_no(met: bool | None, unknown: str = "not measured") -> str:
    return unknown if met is None else "yes" if met else "**no**"


def render(raw: dict[str, Any], analysed: dict[str, Any]) -> str:
    meta, settings = raw["meta"], raw["settings"]
    lines = [
        "# Benchmark: globias-curriculum against the floor and its peers",
        "",
        f"Measured {meta['date']} on {meta['machine']} ({meta['cpu']}); Python {meta['python']}, PyYAML "
        f"{meta['versions']['PyYAML']} with libyaml {meta['libyaml']}, linkml {meta['versions']['linkml']}, "
        f"check-jsonschema {meta['versions']['check-jsonschema']}; commit {meta['commit']}. "
        f"Load average {meta['load_before']} before, {meta['load_after']} after; "
        f"{meta['minutes']:.1f} minutes in all.",
        "",
        f"Command: `{meta['command']}`",
        "",
        "Bytecode was compiled before timing (`compileall`), as pip does for a user "
        "(PYTHONDONTWRITEBYTECODE=1 is set here):",
        "",
        *[f"- {line}" for line in meta["bytecode"]],
        "",
        f"Corpus: generated valid courses of about 60 lines (seed {settings['seed']}); a size of N is the first N "
        "files, and every command is given the same explicit list of files. Every run is a new process whose "
        "output goes to /dev/null. Each phase starts with one untimed run of each command; then in every round "
        "each command runs once (at every size of the phase), in a shuffled order, and a ratio is taken between "
        "runs of the same round. Others share this machine: before each timed round the script waits (at most "
        f"{settings['quiet_patience']:g} s) until the rest of the machine uses less than "
        f"{settings['quiet_share']:.0%} of the CPUs over half a second; each phase says how busy it found the "
        "machine (that share, just before each round) and how many rounds started quiet.",
        "",
        "Figures are written `median (interquartile range; full range)` over the rounds.",
        "",
        "## Targets (issue 9)",
        "",
        "| target | figure | rounds within | met (median) |",
        "|---|---|---|---|",
    ]
    for target in analysed["targets"]:
        figure = target["figure"]
        if figure is None:
            shown = "not measured"
        elif "first_win" in figure:
            shown = _threshold_sentence(figure)
        else:
            shown = spread(figure)
        unknown = "undetermined" if figure is not None else "not measured"
        lines.append(
            f"| {target['target']} | {shown} | {target['within'] or '-'} | {_yes_no(target['met'], unknown)} |"
        )

    lines += [
        "",
        "## Time against the floor",
        "",
        "The floor: `python benchmarks/floor.py FILE...`, a new Python process that imports yaml and composes "
        "every file with `yaml.CSafeLoader`, and does nothing else. `validate` is the default (one process "
        "below PARALLEL_THRESHOLD files, the machine's cores from it); coverage is `coverage --format json`, "
        "export `export --format jsonld` into an emptied folder. Ratio = ours / floor in the same round "
        f"(target for validate: <= {TIME_LIMIT:g}). " + _machine(raw["speed_machine"], settings),
        "",
        "| files | command | rounds | seconds | ratio to floor |",
        "|---|---|---|---|---|",
    ]
    for block in analysed["speed"]:
        for name, seconds in block["seconds"].items():
            ratio = "1 (the floor)" if name == FLOOR else spread(block["to_floor"][name])
            lines.append(f"| {block['files']:,} | {name} | {seconds['runs']} | {spread(seconds, 3)} | {ratio} |")

    if analysed["peers"]:
        lines += [
            "",
            "## Peers",
            "",
            "linkml-validate (`-s schema/globias_curriculum.yaml -C Course`) and check-jsonschema (our generated "
            "JSON Schema for a course), paired with ours in the same rounds. Ratio = peer / ours: how many times "
            "longer the peer takes than `validate --jobs 1` (one process, like the peers) and than the default "
            f"`validate`. Peers are run up to {settings['peer_max']:,} file(s). "
            + _machine(raw["peers_machine"], settings),
            "",
            "| files | peer | rounds | seconds | peer / ours --jobs 1 | peer / ours default |",
            "|---|---|---|---|---|---|",
        ]
        for block in analysed["peers"]:
            for peer in PEERS:
                seconds = block["seconds"][peer]
                lines.append(
                    f"| {block['files']:,} | {peer} | {seconds['runs']} | {spread(seconds, 3)} | "
                    f"{spread(block['to_serial'][peer], 1)} | {spread(block['to_default'][peer], 1)} |"
                )

    small, large = (str(n) for n in raw["memory"]["sizes"])
    lines += [
        "",
        "## Peak memory",
        "",
        "Peak proportional memory (Pss) of the command and all its worker processes, sampled every 20 ms, "
        f"default `--jobs`, {raw['memory']['runs']} run(s) of each size in shuffled order. Each command is given "
        "a folder holding the courses, as a user would run it; the floor is also shown given the same courses "
        "as paths on its command line (what that alone costs a Python process). Ratio = peak at "
        f"{int(large):,} / peak at {int(small):,} courses in the same run; flat means that ratio <= {FLAT_LIMIT:g}. "
        + _machine(raw["memory"]["machine"], settings),
        "",
        f"| command | MiB at {int(small):,} | MiB at {int(large):,} | ratio | flat |",
        "|---|---|---|---|---|",
    ]
    for tool, figure in analysed["memory"].items():
        flat = "-" if tool in (FLOOR, LISTED) else _yes_no(figure["ratio"]["median"] <= FLAT_LIMIT)
        lines.append(
            f"| {tool} | {spread(figure[small], 1)} | {spread(figure[large], 1)} | {spread(figure['ratio'])} | {flat} |"
        )

    threshold = analysed["threshold"]
    lines += [
        "",
        "## When `--jobs` pays off",
        "",
        "`validate --jobs 1` against `validate --jobs 2` on the same files, paired, "
        f"{raw['sweep']['rounds']} rounds per size. Ratio = `--jobs 2` / `--jobs 1` (below 1: two workers are "
        f"faster). A side wins when its count of faster rounds would happen by chance with p < {CONFIDENCE_P:g} "
        "(one-sided sign test). " + _machine(raw["sweep"]["machine"], settings),
        "",
        "| files | `--jobs 1` s | `--jobs 2` s | ratio | 2 workers faster | p | verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in analysed["sweep"]:
        lines.append(
            f"| {row['files']:,} | {spread(row['jobs_1'], 3)} | {spread(row['jobs_2'], 3)} | {spread(row['ratio'])} "
            f"| {row['pool_wins']} of {row['rounds']} | {row['pool_p']:.3f} | {row['verdict']} |"
        )
    lines += ["", _threshold_sentence(threshold) + ".", ""]
    return "\n".join(lines)


def _machine(machine: dict[str, list[float]], settings: dict[str, Any]) -> str:
    busy = machine["busy"]
    if not busy:
        return ""
    said = (
        f"Others used {statistics.median(busy):.0%} of the CPUs before a round (median; range "
        f"{min(busy):.0%}-{max(busy):.0%})"
    )
    if "waited" not in machine:
        return said + " (memory runs do not wait for a quiet machine)."
    quiet = sum(share < settings["quiet_share"] for share in busy)
    return f"{said}; {quiet} of {len(busy)} rounds started quiet, after {sum(machine['waited']):.0f} s of waiting."


def _threshold_sentence(threshold: dict[str, Any]) -> str:
    current = f"PARALLEL_THRESHOLD is {threshold['current']:,}"
    if threshold["first_win"] is None:
        return f"2 workers do not win with confidence at the largest sizes swept; {current}"
    where = (
        f"2 workers win with confidence from {threshold['first_win']:,} files on (at every larger size swept), "
        f"so the sweep supports a threshold above {threshold['low']:,} and up to {threshold['high']:,}"
    )
    return f"{where}; {current}, {'inside' if threshold['agrees'] else 'outside'} that range"
