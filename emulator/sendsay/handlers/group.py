"""group.list, group.create, group.get, group.set, group.delete, group.filter.get/set.

A new group of type `filter` has an empty filter, which selects nobody. `group.filter.*` work
on filter groups only (`error/group/type` otherwise). A group another group's filter refers
to (`PRF`) cannot be deleted (`error/group/in_use`); deleting a list group takes its members
out of it.
"""

from __future__ import annotations

from typing import Any

from .. import group_filter
from ..call import Call, Handler
from ..errors import SendsayError
from ..groups import FILTER, RESERVED_GROUPS, Group
from ..state import Account


def _filter_group(account: Account, group_id: str) -> Group:
    group = account.group(group_id)
    if group.type != FILTER:
        raise SendsayError("error/group/type", f"{group_id} is a list group, not a filter")
    return group


def _obj(account: Account, group: Group, with_filter: bool) -> dict[str, Any]:
    shown = group_filter.described(account, group.filter) if with_filter else None
    return group.to_wire(shown if group.type == FILTER else None)


def group_list(call: Call) -> dict[str, Any]:
    return {"list": [group.list_item() for group in call.account.groups.values()]}


def group_create(call: Call) -> dict[str, Any]:
    account = call.account
    group_id = call.get("id")
    if group_id is None:
        group_id = account.generate_id("g", account.groups)
    elif group_id in account.groups:
        raise SendsayError("error/group/exists", group_id)
    elif group_id in RESERVED_GROUPS:
        raise SendsayError("error/group/reserved", f"{group_id} is reserved by issue.send")
    group = Group(group_id, call.params["name"], call.params["type"], call.params["addr_type"])
    group.issue_passwd = call.get("issue.passwd")
    account.groups[group_id] = group
    return {"id": group_id}


def group_get(call: Call) -> dict[str, Any]:
    account = call.account
    wanted = call.params["id"]
    with_filter = call.flag("with_filter")
    if isinstance(wanted, list):
        return {"list": [_obj(account, account.group(g), with_filter) for g in wanted]}
    return {"obj": _obj(account, account.group(wanted), with_filter)}


def group_set(call: Call) -> dict[str, Any]:
    group = call.account.group(call.params["id"])
    group.name = call.get("name", group.name)
    group.issue_passwd = call.get("issue.passwd", group.issue_passwd)
    return {"obj": _obj(call.account, group, False)} if call.flag("return_fresh_obj") else {}


def group_delete(call: Call) -> dict[str, Any]:
    account = call.account
    group = account.group(call.params["id"])
    users = [g.id for g in account.groups.values() if group.id in group_filter.referred(g.filter)]
    if users:
        raise SendsayError("error/group/in_use", f"{group.id} is used by the filter of {users}")
    del account.groups[group.id]
    for member in account.members.values():
        member.groups.discard(group.id)
    return {}


def group_filter_get(call: Call) -> dict[str, Any]:
    account = call.account
    group = _filter_group(account, call.params["id"])
    return {"filter": group_filter.described(account, group.filter)}


def group_filter_set(call: Call) -> dict[str, Any]:
    account = call.account
    group = _filter_group(account, call.params["id"])
    elements = group_filter.stored(account, call.params["filter"])
    if group.id in group_filter.referred(elements):
        raise SendsayError("error/group/filter", f"the filter of {group.id} refers to itself")
    group.filter = elements
    return {}


HANDLERS: dict[str, Handler] = {
    "group.list": group_list,
    "group.create": group_create,
    "group.get": group_get,
    "group.set": group_set,
    "group.delete": group_delete,
    "group.filter.get": group_filter_get,
    "group.filter.set": group_filter_set,
}
