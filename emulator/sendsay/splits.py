"""Split tests (`issue.split.*`) and their letter variants.

The emulator keeps the tests and applies the document's rules for what may change in which
state, but runs no schedule: a test stays "waiting for launch" (0) until a winner is named.
`issue.split.winner` is refused for a 100% test (no winner issue) and otherwise marks the variant
as the winner and the test as "winner chosen" (5); no issue is sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

WAITING, PREPARING, LAUNCHED, WAITING_FOR_WINNER, FINISHED, WINNER_CHOSEN = 0, 1, 2, 3, 4, 5
SETTINGS = ("name", "group", "percent", "winner.by", "winner.after", "active")


@dataclass
class Variant:
    id: int
    split_id: int
    start_at: str
    letter: dict[str, Any]
    is_winner: bool = False
    issue_at: int | None = None
    issue_winner: int | None = None

    def part(self) -> dict[str, Any]:
        wire: dict[str, Any] = {"id": self.id, "start.at": self.start_at}
        if self.issue_at is not None:
            wire["issue.at"] = self.issue_at
        if self.issue_winner is not None:
            wire["issue.winner"] = self.issue_winner
        wire["is_winner"] = int(self.is_winner)
        return wire

    def to_wire(self) -> dict[str, Any]:
        return {**self.part(), "split.id": self.split_id, "letter": dict(self.letter)}


@dataclass
class Split:
    id: int
    settings: dict[str, Any]
    state: int = WAITING
    variants: list[Variant] = field(default_factory=list)

    def list_item(self, group_name: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.settings["name"],
            "group": self.settings["group"],
            "group.name": group_name,
            "active": int(self.settings["active"] in (1, "1")),
            "state": self.state,
        }

    def to_wire(self, group_name: str) -> dict[str, Any]:
        wire = self.list_item(group_name)
        wire["percent"] = self.settings["percent"]
        wire["winner.after"] = self.settings.get("winner.after")
        wire["winner.by"] = self.settings.get("winner.by")
        wire["parts"] = [variant.part() for variant in self.variants]
        return wire
