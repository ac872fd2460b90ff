"""Sequences (automated chains of letters): settings, steps, and who is on which step.

The emulator keeps the steps (`sequence.steps.*`) and the participants (`sequence.member.*`)
but does not run the events: a participant started on a sequence stands on its first step
until stopped, and the emulator itself moves nobody further (tests may move `Participant.step`).
Changing the steps finishes the participants of steps that no longer exist (state -6).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from . import clock

FLAGS = ("onlyonce", "closed", "resume_on_growing", "pause")
FINISHED = "finished"
PAUSED, ACTIVE, DONE, STOPPED, OUTSIDE = 0, 1, -1, -2, -6


@dataclass
class Participant:
    step: int | str
    state: int
    dt: datetime.datetime = field(default_factory=clock.now)

    @property
    def finished(self) -> bool:
        return self.step == FINISHED

    def move(self, step: int | str, state: int) -> None:
        self.step, self.state, self.dt = step, state, clock.now()


@dataclass
class Sequence:
    id: int | str
    name: str
    settings: dict[str, int] = field(default_factory=dict)
    steps: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    members: dict[str, Participant] = field(default_factory=dict)

    def to_wire(self) -> dict[str, Any]:
        obj: dict[str, Any] = {"id": self.id, "name": self.name}
        for name in (*FLAGS, "parallel"):
            obj[name] = self.settings.get(name, 0)
        return obj

    def first_step(self) -> int | str:
        numbers = sorted(int(n) for n in self.steps if n.isdigit())
        return numbers[0] if numbers else FINISHED

    def state_of(self, address: str) -> dict[str, Any]:
        who = self.members[address]
        return {
            "sequence": self.id,
            "step": who.step,
            "member": address,
            "state": who.state,
            "dt": clock.to_wire(who.dt),
        }

    def set_steps(self, steps: dict[str, list[dict[str, Any]]]) -> None:
        self.steps = steps
        for who in self.members.values():
            if not who.finished and str(who.step) not in steps:
                who.move(FINISHED, OUTSIDE)

    def stats(self) -> dict[str, int]:
        counts = {name: 0 for name in sorted(self.steps, key=lambda n: (len(n), n))}
        counts[FINISHED] = 0
        for who in self.members.values():
            name = str(who.step)
            counts[name] = counts.get(name, 0) + 1
        return counts
