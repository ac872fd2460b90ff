"""Interleaved repeated runs: every case runs once per round, so that a busy machine slows all
of them alike; results are medians with the spread, and ratios are taken round by round."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    """The seconds of each run of one case."""

    runs: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def low(self) -> float:
        return min(self.runs)

    @property
    def high(self) -> float:
        return max(self.runs)


def interleaved(
    cases: Mapping[str, Callable[[], object]], rounds: int, budget: float
) -> dict[str, Timing]:
    """Run each case once per round, `rounds` times; a case whose runs have used up `budget`
    seconds stops early (after at least two runs), so that slow validators do not take minutes.
    """
    runs: dict[str, list[float]] = {name: [] for name in cases}
    for case in cases.values():  # warm-up: caches, lazy imports, first-use construction
        case()
    for _ in range(rounds):
        for name, case in cases.items():
            done = runs[name]
            if len(done) >= 2 and sum(done) > budget:
                continue
            gc.collect()
            start = time.perf_counter()
            case()
            done.append(time.perf_counter() - start)
    return {name: Timing(done) for name, done in runs.items()}


def ratio(timings: dict[str, Timing], name: str, base: str) -> float:
    """Median over the rounds both ran of `name`'s time divided by `base`'s."""
    pairs = zip(timings[name].runs, timings[base].runs, strict=False)
    return statistics.median(a / b for a, b in pairs)
