"""anketa.list, anketa.get, anketa.create, anketa.set, anketa.delete."""

from __future__ import annotations

import re
from typing import Any

from ..anketas import Anketa
from ..call import Call, Handler
from ..errors import SendsayError

_ANKETA_ID = re.compile(r"[A-Za-z0-9_]{1,64}")


def with_fresh(call: Call, anketa: Anketa, answer: dict[str, Any]) -> dict[str, Any]:
    """Add the anketa as `obj` when the call asked for `return_fresh_obj`."""
    if call.flag("return_fresh_obj"):
        answer["obj"] = anketa.to_wire()
    return answer


def anketa_list(call: Call) -> dict[str, Any]:
    return {"list": [anketa.list_item() for anketa in call.account.anketas.values()]}


def anketa_get(call: Call) -> dict[str, Any]:
    return {"obj": call.account.anketa(call.params["id"]).to_wire()}


def anketa_create(call: Call) -> dict[str, Any]:
    account = call.account
    anketa_id = call.get("id")
    if anketa_id is None:
        anketa_id = account.generate_id("a", account.anketas)
    elif not _ANKETA_ID.fullmatch(anketa_id):
        raise SendsayError("error/anketa/id_invalid", f"{anketa_id!r}: letters, digits and _ only")
    elif anketa_id in account.anketas:
        raise SendsayError("error/anketa/exists", anketa_id)
    name = call.params["name"]
    source = call.get("copy_from")
    if source is not None:
        anketa = account.anketa(source).copy_as(anketa_id, name)
    else:
        anketa = Anketa(anketa_id, name)
    account.anketas[anketa_id] = anketa
    return with_fresh(call, anketa, {})


def anketa_set(call: Call) -> dict[str, Any]:
    anketa = call.account.editable_anketa(call.params["id"])
    anketa.name = call.params["name"]
    return with_fresh(call, anketa, {})


def anketa_delete(call: Call) -> dict[str, Any]:
    account = call.account
    anketa = account.editable_anketa(call.params["id"])
    del account.anketas[anketa.id]
    account.forget_answers(anketa.id)
    return {}


HANDLERS: dict[str, Handler] = {
    "anketa.list": anketa_list,
    "anketa.get": anketa_get,
    "anketa.create": anketa_create,
    "anketa.set": anketa_set,
    "anketa.delete": anketa_delete,
}
