"""Asynchronous requests (tracks): each `track.get` poll moves a track one step forward.

Steps seen by successive polls, by default: 1 (started), 2 (processing has begun) with
`param.eta.perc` 33, 2 with 66, then -1 (finished successfully). Reports go 1, 2 (33%),
5 (generating the report, 66%), -1; `issue.send` goes 1, 2 (25%), 3 (sorting, 50%),
4 (formatting, 75%), -1. A track's `hook` may add to `param` at every intermediate step (the
issue's characteristics once known). The work of the asynchronous call (importing, deleting,
writing a report...) runs at the last step, against the account's state at that moment, and its
results (`statistic`, `report_file`...) join `param`. A track created while the emulator's
`fail_next_track` is set ends with -2 instead and its work never runs; so does a track whose
work raises a SendsayError (its id goes to `error`). `track.list` observes without advancing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import clock
from .errors import SendsayError

Work = Callable[[int], dict[str, Any]]  # gets the track id, returns param additions
Step = tuple[int, int | None]  # status, percent done (None: no estimate)

STEPS: tuple[Step, ...] = ((1, None), (2, 33), (2, 66), (-1, None))
REPORT_STEPS: tuple[Step, ...] = ((1, None), (2, 33), (5, 66), (-1, None))
ISSUE_STEPS: tuple[Step, ...] = ((1, None), (2, 25), (3, 50), (4, 75), (-1, None))
FINISHED, FAILED = -1, -2
SECONDS_PER_STEP = 5
FORCED_FAILURE = "error/track/failed"
TrackHook = Callable[["Track"], None]


@dataclass
class Track:
    id: int
    action: str
    created: datetime.datetime
    param: dict[str, Any] = field(default_factory=dict)
    work: Work | None = None
    fail: bool = False
    status: int = 0
    status_dt: datetime.datetime | None = None
    error: str | None = None
    step: int = 0
    steps: tuple[Step, ...] = STEPS
    hook: TrackHook | None = None

    @property
    def final(self) -> bool:
        return self.status < 0

    def advance(self) -> None:
        """One poll's worth of progress."""
        if self.final:
            return
        status, perc = self.steps[self.step]
        self.step += 1
        moment = clock.now()
        self.status_dt = moment
        if status != FINISHED:
            self.status = status
            if self.hook is not None and not self.fail:
                self.hook(self)
            if perc is not None:
                rest = SECONDS_PER_STEP * (len(self.steps) - self.step)
                self.param["eta"] = {
                    "rest": rest,
                    "perc": perc,
                    "dt.finished": clock.to_wire(moment + datetime.timedelta(seconds=rest)),
                    "dt.updated": clock.to_wire(moment),
                }
            return
        self.param.pop("eta", None)
        self._finish()

    def _finish(self) -> None:
        if self.fail:
            self.status, self.error = FAILED, FORCED_FAILURE
            return
        try:
            results = self.work(self.id) if self.work is not None else {}
        except SendsayError as exc:
            self.status, self.error = FAILED, exc.error_id
            return
        self.param.update(results)
        self.status = FINISHED

    def to_wire(self) -> dict[str, Any]:
        wire: dict[str, Any] = {
            "id": self.id,
            "dt": clock.to_wire(self.created),
            "action": self.action,
            "status": self.status,
            "status.dt": clock.to_wire(self.status_dt or self.created),
            "param": dict(self.param),
        }
        if self.error is not None:
            wire["error"] = self.error
        return wire
