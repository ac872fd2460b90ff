"""sequence.list, sequence.create, sequence.get, sequence.set, sequence.delete,
sequence.steps.get, sequence.steps.set, sequence.stats.

`sequence.steps.set` replaces all steps; step keys are step numbers, and every object an
action names (a draft, a list group, another sequence) must exist. Participants of steps that
no longer exist are finished (state -6).
"""

from __future__ import annotations

from typing import Any

from ..call import Call, Handler
from ..errors import SendsayError, invalid
from ..groups import LIST
from ..sequences import FLAGS, Sequence
from ..state import Account

_SETTINGS = (*FLAGS, "parallel")


def _settings(call: Call) -> dict[str, int]:
    return {name: int(call.params[name]) for name in _SETTINGS if name in call.params}


def sequence_list(call: Call) -> dict[str, Any]:
    return {"list": [{"id": s.id, "name": s.name} for s in call.account.sequences]}


def sequence_create(call: Call) -> dict[str, Any]:
    sequences = call.account.sequences
    item = Sequence(sequences.new_id(), call.params["name"], _settings(call))
    return {"id": sequences.add(item).id}


def sequence_get(call: Call) -> dict[str, Any]:
    return {"obj": call.account.sequences.get(call.params["id"]).to_wire()}


def sequence_set(call: Call) -> dict[str, Any]:
    item = call.account.sequences.get(call.params["id"])
    item.name = call.get("name", item.name)
    item.settings.update(_settings(call))
    return {"obj": item.to_wire()} if call.flag("return_fresh_obj") else {}


def sequence_delete(call: Call) -> dict[str, Any]:
    call.account.sequences.delete(call.params["id"])
    return {}


def sequence_steps_get(call: Call) -> dict[str, Any]:
    return {"list": call.account.sequences.get(call.params["id"]).steps}


def _check_action(account: Account, action: dict[str, Any], where: str) -> None:
    kind = action["type"]
    if kind == "send.letter":
        account.drafts.get(action["draft"])
    elif kind in ("group.in", "group.out") and account.group(action["group"]).type != LIST:
        raise SendsayError("error/group/type", f"{where}: {action['group']} is not a list group")
    elif kind.startswith("sequence.") and "sequence" in action:
        account.sequences.get(action["sequence"])
    elif kind == "member.update" and "format" in action:
        account.format(action["format"])


def sequence_steps_set(call: Call) -> dict[str, Any]:
    account = call.account
    item = account.sequences.get(call.params["id"])
    steps = call.params["list"]
    for number, variants in steps.items():
        if not number.isdigit() or number == "0":
            raise invalid(f"list: step keys are step numbers from 1, not {number!r}")
        for v, variant in enumerate(variants):
            for a, action in enumerate(variant["action"]):
                _check_action(account, action, f"list.{number}[{v}].action[{a}]")
    item.set_steps({number: list(variants) for number, variants in steps.items()})
    return {}


def sequence_stats(call: Call) -> dict[str, Any]:
    return {"list": call.account.sequences.get(call.params["id"]).stats()}


HANDLERS: dict[str, Handler] = {
    "sequence.list": sequence_list,
    "sequence.create": sequence_create,
    "sequence.get": sequence_get,
    "sequence.set": sequence_set,
    "sequence.delete": sequence_delete,
    "sequence.steps.get": sequence_steps_get,
    "sequence.steps.set": sequence_steps_set,
    "sequence.stats": sequence_stats,
}
