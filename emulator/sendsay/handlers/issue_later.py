"""issue.later.list, issue.later.get, issue.later.send, issue.later.delete.

`issue.later.send` with a date in the future moves the issue there (refused when another
issue of the same group is planned for that day, except for Express Issues and transactional
letters); without a date, or with one in the past, the issue goes out at once: it is delivered
synchronously and appears in the archive (`issue.list`).
"""

from __future__ import annotations

import datetime
from typing import Any

from .. import clock
from ..call import Call, Handler
from ..errors import SendsayError
from ..groups import RESERVED_GROUPS
from ..issues import LATER, LaterIssue, Letter
from ..sending import deliver, new_issue
from ..state import Account
from .issue_send import audience_of

_FORMATS = {"email": ("html", "text"), "sms": ("sms",), "html": ("html",), "text": ("text",)}


def _selected(item: LaterIssue, call: Call) -> bool:
    start, end, groups = call.get("from"), call.get("upto"), call.get("group")
    day = item.day()
    if start and day < datetime.date.fromisoformat(start):
        return False
    if end and day > datetime.date.fromisoformat(end):
        return False
    if groups and item.group not in groups:
        return False
    return "format" not in call.params or item.format in _FORMATS[call.params["format"]]


def issue_later_list(call: Call) -> dict[str, Any]:
    return {"list": [item.list_item() for item in call.account.later if _selected(item, call)]}


def issue_later_get(call: Call) -> dict[str, Any]:
    return {"obj": call.account.later.get(call.params["id"]).to_wire()}


def _send_at_once(account: Account, item: LaterIssue) -> None:
    data = item.params
    letter = Letter(item.format, item.name, next(iter(item.message.values()), ""))
    letter.sender, letter.from_email = data.get("from.name", ""), data.get("from.email", "")
    addresses, left_out = audience_of(account, data, letter).choose(account, letter)
    issue = new_issue(account, item.group, letter)
    issue.draft_id, issue.left_out = item.draft_id, left_out
    deliver(account, issue, addresses, letter)
    account.later.delete(item.id)


def issue_later_send(call: Call) -> dict[str, Any]:
    account = call.account
    item = account.later.get(call.params["id"])
    date = call.get("issue.date")
    if date is None or datetime.datetime.strptime(date, "%Y-%m-%d %H:%M") <= clock.now():
        _send_at_once(account, item)
        return {}
    day = datetime.date.fromisoformat(date[:10])
    if item.group not in RESERVED_GROUPS and any(
        other.id != item.id and other.group == item.group and other.day() == day
        for other in account.later
        if other.status == LATER
    ):
        raise SendsayError("error/issue/later_conflict", f"{item.group} has an issue on {day}")
    item.issue_date, item.status = date, LATER
    return {}


def issue_later_delete(call: Call) -> dict[str, Any]:
    call.account.later.delete(call.params["id"])
    return {}


HANDLERS: dict[str, Handler] = {
    "issue.later.list": issue_later_list,
    "issue.later.get": issue_later_get,
    "issue.later.send": issue_later_send,
    "issue.later.delete": issue_later_delete,
}
