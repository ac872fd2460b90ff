"""issue.split.variant.list, .create, .get, .set, .delete.

Variants are created and deleted only while their test waits for launch (state 0), the only
state the emulator's tests are in until a winner is chosen; a variant that was issued as the
winner cannot change.
"""

from __future__ import annotations

from typing import Any

from ..call import Call, Handler
from ..errors import SendsayError
from ..splits import WAITING, Split, Variant


def _waiting(split: Split) -> Split:
    if split.state != WAITING:
        raise SendsayError("error/split/state", f"split {split.id} is not waiting for launch")
    return split


def issue_split_variant_list(call: Call) -> dict[str, Any]:
    split = call.account.splits.get(call.params["split.id"])
    return {"list": [variant.part() for variant in split.variants]}


def issue_split_variant_create(call: Call) -> dict[str, Any]:
    account = call.account
    split = _waiting(account.splits.get(call.params["split.id"]))
    variant = Variant(
        account.variants.new_id(), split.id, call.params["start.at"], dict(call.params["letter"])
    )
    split.variants.append(account.variants.add(variant))
    return variant.to_wire() if call.flag("return_fresh_obj") else {"id": variant.id}


def issue_split_variant_get(call: Call) -> dict[str, Any]:
    return call.account.variants.get(call.params["id"]).to_wire()


def issue_split_variant_set(call: Call) -> dict[str, Any]:
    variant = call.account.variants.get(call.params["id"])
    if variant.issue_winner is not None:
        raise SendsayError("error/split/state", f"variant {variant.id} has been issued")
    variant.start_at = call.get("start.at", variant.start_at)
    variant.letter = dict(call.get("letter", variant.letter))
    return variant.to_wire() if call.flag("return_fresh_obj") else {"id": variant.id}


def issue_split_variant_delete(call: Call) -> dict[str, Any]:
    account = call.account
    variant = account.variants.get(call.params["id"])
    split = _waiting(account.splits.get(variant.split_id))
    split.variants.remove(account.variants.delete(variant.id))
    return {}


HANDLERS: dict[str, Handler] = {
    "issue.split.variant.list": issue_split_variant_list,
    "issue.split.variant.create": issue_split_variant_create,
    "issue.split.variant.get": issue_split_variant_get,
    "issue.split.variant.set": issue_split_variant_set,
    "issue.split.variant.delete": issue_split_variant_delete,
}
