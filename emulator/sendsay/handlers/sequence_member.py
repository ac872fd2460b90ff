"""sequence.member.list, .start, .pause, .resume, .stop, .membership.

The emulator keeps who stands where but runs no events: a started participant stands, active,
on the first step until paused, resumed or stopped (tests may move `Participant.step`).
Starting needs a first step with exactly one variant, as the document says; a one-time
(`onlyonce`) sequence is not started again for someone who finished it. Pausing, resuming and
stopping skip addresses that are not on the sequence.
"""

from __future__ import annotations

from typing import Any

from ..call import Call, Handler
from ..errors import SendsayError
from ..group_filter import members_of
from ..sequences import ACTIVE, FINISHED, PAUSED, STOPPED, Participant, Sequence


def _addresses(call: Call) -> list[str]:
    account = call.account
    if "group" in call.params:
        return [m.address for m in members_of(account, call.params["group"])]
    raw = [call.params["email"]] if "email" in call.params else call.params["list"]
    return [account.member(address).address for address in raw]


def _sequence(call: Call) -> Sequence:
    return call.account.sequences.get(call.params["id"])


def sequence_member_start(call: Call) -> dict[str, Any]:
    item = _sequence(call)
    first = item.first_step()
    if first == FINISHED:
        raise SendsayError("error/sequence/no_steps", f"sequence {item.id} has no steps")
    if len(item.steps[str(first)]) != 1:
        raise SendsayError("error/sequence/first_step", "the first step has several variants")
    once = item.settings.get("onlyonce") == 1
    for address in _addresses(call):
        was = item.members.get(address)
        if was is not None and (not was.finished or once):
            continue
        item.members[address] = Participant(first, ACTIVE)
    return {}


def _change(call: Call, states: tuple[int, ...], step: int | str | None, state: int) -> None:
    item = _sequence(call)
    for address in _addresses(call):
        who = item.members.get(address)
        if who is not None and who.state in states:
            who.move(who.step if step is None else step, state)


def sequence_member_pause(call: Call) -> dict[str, Any]:
    _change(call, (ACTIVE,), None, PAUSED)
    return {}


def sequence_member_resume(call: Call) -> dict[str, Any]:
    _change(call, (PAUSED,), None, ACTIVE)
    return {}


def sequence_member_stop(call: Call) -> dict[str, Any]:
    _change(call, (ACTIVE, PAUSED), FINISHED, STOPPED)
    return {}


def sequence_member_list(call: Call) -> dict[str, Any]:
    item = _sequence(call)
    steps = {str(step) for step in call.get("steps", [])}
    states = [
        item.state_of(address)
        for address, who in item.members.items()
        if not steps or str(who.step) in steps
    ]
    groupby = call.get("groupby")
    if groupby is None:
        return {"list": states}
    key = "member" if groupby == "member" else "step"
    grouped: dict[str, list[dict[str, Any]]] = {}
    for state in states:
        grouped.setdefault(str(state[key]), []).append(state)
    return {"list": grouped}


def sequence_member_membership(call: Call) -> dict[str, Any]:
    account = call.account
    address = account.member(call.params["member"]).address
    wanted = [_sequence(call)] if "id" in call.params else list(account.sequences)
    return {
        "list": {
            str(item.id): [item.state_of(address)] for item in wanted if address in item.members
        }
    }


HANDLERS: dict[str, Handler] = {
    "sequence.member.list": sequence_member_list,
    "sequence.member.start": sequence_member_start,
    "sequence.member.pause": sequence_member_pause,
    "sequence.member.resume": sequence_member_resume,
    "sequence.member.stop": sequence_member_stop,
    "sequence.member.membership": sequence_member_membership,
}
