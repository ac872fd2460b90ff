"""issue.smssender.list, issue.smssender.get, issue.smssender.set, issue.smssender.delete.

A new or renamed sender name is on moderation until it has been read once (see issues.py).
Names are unique per account (`error/smssender/exists`).
"""

from __future__ import annotations

from typing import Any

from ..call import Call, Handler
from ..errors import SendsayError
from ..guesses import guessed
from ..issues import SmsSender

MODERATION = guessed(
    "A new or renamed sender name is on moderation until it has been read once: the document"
    " does not say when moderation ends."
)


@MODERATION
def issue_smssender_list(call: Call) -> dict[str, Any]:
    return {"list": [sender.to_wire() for sender in call.account.sms_senders]}


@MODERATION
def issue_smssender_get(call: Call) -> dict[str, Any]:
    return {"obj": call.account.sms_senders.get(call.params["id"]).to_wire()}


def issue_smssender_set(call: Call) -> dict[str, Any]:
    senders = call.account.sms_senders
    name = call.params["obj"]["name"]
    sender_id = call.get("id")
    sender = senders.get(sender_id) if sender_id is not None else None
    if any(other.name == name and other is not sender for other in senders):
        raise SendsayError("error/smssender/exists", name)
    if sender is None:
        sender = senders.add(SmsSender(senders.new_id(), name))
    elif sender.name != name:
        sender.name, sender.moderated = name, False
    return {"obj": sender.to_wire()} if "return_fresh_obj" in call.params else {}


def issue_smssender_delete(call: Call) -> dict[str, Any]:
    call.account.sms_senders.delete(call.params["id"])
    return {}


HANDLERS: dict[str, Handler] = {
    "issue.smssender.list": issue_smssender_list,
    "issue.smssender.get": issue_smssender_get,
    "issue.smssender.set": issue_smssender_set,
    "issue.smssender.delete": issue_smssender_delete,
}
