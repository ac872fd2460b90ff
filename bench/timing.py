"""Interleaved repeated runs: every case runs once per round, so that a busy machine slows all
of them alike; results are medians with the interquartile range, and ratios are taken round by
round.

The garbage collector is handled the same way for every case: a full collection before each run,
then either left on during the run (as in a program) or switched off for it (the cost of the
work alone). The report gives both."""

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
        """The first quartile (the lowest run when there are fewer than four)."""
        return self._quartiles[0]

    @property
    def high(self) -> float:
        """The third quartile (the highest run when there are fewer than four)."""
        return self._quartiles[1]

    @property
    def _quartiles(self) -> tuple[float, float]:
        if len(self.runs) < 4:
            return min(self.runs), max(self.runs)
        q1, _, q3 = statistics.quantiles(self.runs, n=4, method="inclusive")
        return q1, q3


def interleaved(
    cases: Mapping[str, Callable[[], object]],
    rounds: int,
    budget: float,
    *,
    gc_on: bool = True,
) -> dict[str, Timing]:
    """Run each case once per round, `rounds` times; a case whose runs have used up `budget`
    seconds stops early (after at least two runs), so that slow validators do not take minutes.

    gc_on=False switches the garbage collector off during each timed run.
    """
    runs: dict[str, list[float]] = {name: [] for name in cases}
    for case in cases.values():  # warm-up: caches, lazy imports, first-use construction
        case()
    for _ in range(rounds):
        for name, case in cases.items():
            done = runs[name]
            if len(done) >= 2 and sum(done) > budget:
                continue
            done.append(_timed(case, gc_on))
    return {name: Timing(done) for name, done in runs.items()}


def _timed(case: Callable[[], object], gc_on: bool) -> float:
    gc.collect()
    if not gc_on:
        gc.disable()
    try:
        start = time.perf_counter()
        case()
        return time.perf_counter() - start
    finally:
        gc.enable()


def ratio(timings: dict[str, Timing], name: str, base: str) -> float:
    """Median over the rounds both ran of `name`'s time divided by `base`'s."""
    pairs = zip(timings[name].runs, timings[base].runs, strict=False)
    return statistics.median(a / b for a, b in pairs)


def spread(timing: Timing, scale: float, digits: int = 1) -> str:
    """The interquartile range of `timing`, scaled (1e3: milliseconds), as `q1–q3`."""
    return f"{timing.low * scale:.{digits}f}–{timing.high * scale:.{digits}f}"
