"""format.list, format.get, format.set, format.delete.

`format.set` without `id` creates a format with the next free number; with an `id` it changes
that format, which must exist. Every field must name an existing questionnaire and question.
"""

from __future__ import annotations

from typing import Any

from ..call import Call, Handler
from ..errors import SendsayError
from ..formats import Format
from ..state import Account


def _check_fields(account: Account, fields: list[dict[str, Any]]) -> None:
    for position, item in enumerate(fields):
        anketa = account.anketa(item["aid"])
        if item["qid"] not in anketa.quests:
            where = f"obj.fields[{position}]: {item['aid']}.{item['qid']}"
            raise SendsayError("error/quest/not_found", where)


def format_list(call: Call) -> dict[str, Any]:
    return {"list": [item.list_item() for item in call.account.formats]}


def format_get(call: Call) -> dict[str, Any]:
    return {"obj": call.account.format(call.params["id"]).to_wire()}


def format_set(call: Call) -> dict[str, Any]:
    account = call.account
    obj = call.params["obj"]
    fields = [dict(item) for item in obj["fields"]]
    _check_fields(account, fields)
    format_id = call.get("id")
    if format_id is None:
        item = account.formats.add(Format(account.formats.new_id(), obj["name"], obj["type"]))
    else:
        item = account.format(format_id)
    item.name, item.type, item.fields = obj["name"], obj["type"], fields
    return {"obj": item.to_wire()} if call.flag("return_fresh_obj") else {}


def format_delete(call: Call) -> dict[str, Any]:
    call.account.formats.delete(call.params["id"])
    return {}


HANDLERS: dict[str, Handler] = {
    "format.list": format_list,
    "format.get": format_get,
    "format.set": format_set,
    "format.delete": format_delete,
}
