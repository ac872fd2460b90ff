"""Altcraft tasks: `resources/refresh_counters` starts one, each `tasks/status` poll advances it.

Polls see: in_progress 0, in_progress 50, then completed 100 with the refreshed counters (the
document's example numbers unless set with `AltcraftEmulator.set_counters`). A task started
while `fail_next_task` is set ends with status "failed" instead.
"""

from __future__ import annotations

import copy
import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any

STEPS: tuple[tuple[str, int], ...] = (("in_progress", 0), ("in_progress", 50), ("completed", 100))


def _counts(
    all_: int, hardbounced: int = 0, subscribed: int = 0, unsubscribed: int = 0
) -> dict[str, int]:
    return {
        "all": all_,
        "complained": 0,
        "hardbounced": hardbounced,
        "invalid": 0,
        "subscribed": subscribed,
        "subscribed_sendable": subscribed,
        "suspended": 0,
        "unconfirmed": 0,
        "unconfirmed_sendable": 0,
        "unsubscribed": unsubscribed,
    }


DOCUMENT_CHANNELS: list[dict[str, Any]] = [
    {"channel": "sms", "status": _counts(1336)},
    {"channel": "push", "status": _counts(1336)},
    {"channel": "email", "status": _counts(1336, hardbounced=434, subscribed=842, unsubscribed=60)},
]


def _iso(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


@dataclass
class Task:
    resource_id: int
    list_id: int
    channels: list[dict[str, Any]]
    fail: bool = False
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    polls: int = 0

    def poll(self) -> dict[str, Any]:
        """Advance one step and describe the task (the `data` of `tasks/status`)."""
        status, progress = STEPS[min(self.polls, len(STEPS) - 1)]
        self.polls += 1
        if status != "completed":
            return {"status": status, "progress": progress}
        if self.fail:
            return {"status": "failed", "progress": STEPS[-2][1]}
        moment = datetime.datetime.now(datetime.UTC)
        counters = {
            "channels": copy.deepcopy(self.channels),
            "in_progress": False,
            "last_count_time": f"counted at {moment:%Y-%m-%dT%H:%M:%S}Z in 231.374251ms",
            "list_id": self.list_id,
            "refresh_task_id": "",
            "updated": _iso(moment),
        }
        return {"status": status, "progress": progress, "result": [counters]}
