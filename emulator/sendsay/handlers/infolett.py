"""infolett.list, infolett.get, infolett.set, infolett.delete, infolett.preview.

A new or changed letter is on moderation until it has been read once (see letters.py).
"""

from __future__ import annotations

from typing import Any

from ..call import Call, Handler
from ..guesses import guessed
from ..letters import Infolett
from .draft import preview

MODERATION = guessed(
    "A new or changed letter is on moderation (`onmoderation` 1) until it has been read once:"
    " the document does not say when moderation ends."
)


@MODERATION
def infolett_list(call: Call) -> dict[str, Any]:
    return {"list": [letter.list_item() for letter in call.account.infoletts]}


@MODERATION
def infolett_get(call: Call) -> dict[str, Any]:
    return {"obj": call.account.infoletts.get(call.params["id"]).to_wire()}


def infolett_set(call: Call) -> dict[str, Any]:
    letters = call.account.infoletts
    data = dict(call.params["obj"])
    letter_id = call.get("id")
    if letter_id is None:
        letter = letters.add(Infolett(letters.new_id(), data))
    else:
        letter = letters.get(letter_id)
        letter.data, letter.moderated = data, False
    return {"obj": letter.to_wire()} if call.flag("return_fresh_obj") else {}


def infolett_delete(call: Call) -> dict[str, Any]:
    call.account.infoletts.delete(call.params["id"])
    return {}


def infolett_preview(call: Call) -> dict[str, Any]:
    account = call.account
    source = call.get("obj") or account.infoletts.get(call.params["id"]).data
    return {"text": preview(account, source["text"], call.get("email"))}


HANDLERS: dict[str, Handler] = {
    "infolett.list": infolett_list,
    "infolett.get": infolett_get,
    "infolett.set": infolett_set,
    "infolett.delete": infolett_delete,
    "infolett.preview": infolett_preview,
}
