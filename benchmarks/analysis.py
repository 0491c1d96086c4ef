"""From raw, paired run times and peaks to the figures the report prints and the targets of issue 9."""

from __future__ import annotations

from typing import Any

from .spread import Summary, ratios, summarise
from .sweep import judge, supported_threshold

FLOOR = "floor"
LISTED = "floor, paths as arguments"  # memory only: the floor given N paths instead of a folder
SERIAL = "validate --jobs 1"
DEFAULT = "validate"
PEERS = ("linkml-validate", "check-jsonschema")
#: issue 9: ours within twice the floor; peak memory at 10,000 courses within 1.2 times that at 1,000 ("flat")
TIME_LIMIT = 2.0
FLAT_LIMIT = 1.2


def analyse(raw: dict[str, Any]) -> dict[str, Any]:
    speed = [
        {
            "files": block["files"],
            "seconds": {name: summarise(times).as_dict() for name, times in block["times"].items()},
            "to_floor": {
                name: summarise(ratios(times, block["times"][FLOOR])).as_dict()
                for name, times in block["times"].items()
                if name != FLOOR
            },
        }
        for block in raw["speed"]
    ]
    peers = [
        {
            "files": block["files"],
            "seconds": {name: summarise(times).as_dict() for name, times in block["times"].items()},
            "to_serial": {p: summarise(ratios(block["times"][p], block["times"][SERIAL])).as_dict() for p in PEERS},
            "to_default": {p: summarise(ratios(block["times"][p], block["times"][DEFAULT])).as_dict() for p in PEERS},
        }
        for block in raw["peers"]
    ]
    memory: dict[str, Any] = {}
    small, large = (str(n) for n in raw["memory"]["sizes"])
    for tool, peaks in raw["memory"]["peak_mib"].items():
        memory[tool] = {
            small: summarise(peaks[small]).as_dict(),
            large: summarise(peaks[large]).as_dict(),
            "ratio": summarise(ratios(peaks[large], peaks[small])).as_dict(),
        }
    judged = [judge(row) for row in raw["sweep"]["rows"]]
    threshold = supported_threshold(judged, raw["sweep"]["parallel_threshold"])
    analysed = {"speed": speed, "peers": peers, "memory": memory, "sweep": judged, "threshold": threshold}
    analysed["targets"] = targets(raw, analysed)
    return analysed


def _ratio_target(name: str, figure: dict[str, float] | None, limit: float, per_round: list[float]) -> dict[str, Any]:
    if figure is None:
        return {"target": name, "figure": None, "within": None, "met": None}
    return {
        "target": name,
        "figure": figure,
        "within": f"{sum(r <= limit for r in per_round)} of {len(per_round)}",
        "met": figure["median"] <= limit,
    }


def targets(raw: dict[str, Any], analysed: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target met or not by its median; `within` says in how many rounds it held."""
    found = []
    for files, command, label in (
        (1, DEFAULT, "validate, one file, cold"),
        (1000, SERIAL, "validate --jobs 1, 1,000 files"),
    ):
        block = next((b for b in raw["speed"] if b["files"] == files), None)
        per_round = ratios(block["times"][command], block["times"][FLOOR]) if block else []
        figure = summarise(per_round).as_dict() if per_round else None
        found.append(_ratio_target(f"{label}: time / floor <= {TIME_LIMIT:g}", figure, TIME_LIMIT, per_round))
    small, large = (str(n) for n in raw["memory"]["sizes"])
    for tool in ("coverage", "export"):
        peaks = raw["memory"]["peak_mib"].get(tool)
        per_round = ratios(peaks[large], peaks[small]) if peaks else []
        figure = summarise(per_round).as_dict() if per_round else None
        label = f"{tool}: peak memory at {int(large):,} / at {int(small):,} courses <= {FLAT_LIMIT:g} (flat)"
        found.append(_ratio_target(label, figure, FLAT_LIMIT, per_round))
    threshold = analysed["threshold"]
    found.append(
        {
            "target": "--jobs default: PARALLEL_THRESHOLD where the sweep shows 2 workers winning",
            "figure": threshold,
            "within": None,
            "met": threshold["agrees"],
        }
    )
    return found


def as_summary(figure: dict[str, float]) -> Summary:
    return Summary(**figure)  # type: ignore[arg-type]
