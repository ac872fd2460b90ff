"""track.get (each poll advances the track, see tracks.py) and track.list (observes only)."""

from __future__ import annotations

from typing import Any

from .. import clock
from ..call import Call, Handler
from ..errors import invalid
from ..guesses import guessed
from ..tracks import Track


@guessed(
    "Each poll advances the track by one step: the document does not say how fast a track runs."
)
def track_get(call: Call) -> dict[str, Any]:
    track = call.account.track(call.params["id"])
    track.advance()
    return {"obj": track.to_wire()}


def _statuses(value: Any) -> set[int]:
    return set(value) if isinstance(value, list) else {value}


def _matches(track: Track, rules: dict[str, Any]) -> bool:
    if "action" in rules and track.action != rules["action"]:
        return False
    if "status" in rules and track.status not in _statuses(rules["status"]):
        return False
    if "!status" in rules and track.status in _statuses(rules["!status"]):
        return False
    if "dt.from" in rules and track.created < clock.from_wire(rules["dt.from"]):
        return False
    status_dt = track.status_dt or track.created
    return not ("status.dt.from" in rules and status_dt < clock.from_wire(rules["status.dt.from"]))


def track_list(call: Call) -> dict[str, Any]:
    rules = call.params["filter"]
    if not rules:
        raise invalid("filter: at least one filter parameter is required")
    tracks = call.account.tracks.values()
    return {"list": [t.to_wire() for t in tracks if _matches(t, rules)]}


HANDLERS: dict[str, Handler] = {"track.get": track_get, "track.list": track_list}
