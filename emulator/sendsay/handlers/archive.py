"""issue.list, issue.get, issue.get.attach, issue.set.access: the archive of sent issues.

Issues enter the archive when `issue.send` (now) finishes, a postponed issue goes out, or a
split test's winner is issued. `issue.get.attach` answers the content of the attachments as
they were sent (`content`; null for those given by `url`). An issue's access is `who: all`
until `issue.set.access` changes it; `default` takes the account's setting `issue.access`.
"""

from __future__ import annotations

import datetime
from typing import Any

from ..call import Call, Handler
from ..errors import SendsayError
from ..issues import Issue

_FORMATS = {"email": ("html", "text"), "sms": ("sms",), "html": ("html",), "text": ("text",)}


def _selected(issue: Issue, call: Call) -> bool:
    start, end, groups = call.get("from"), call.get("upto"), call.get("group")
    day = issue.date.date()
    if start and day < datetime.date.fromisoformat(start):
        return False
    if end and day > datetime.date.fromisoformat(end):
        return False
    if groups and issue.group not in groups:
        return False
    return "format" not in call.params or issue.format in _FORMATS[call.params["format"]]


def issue_list(call: Call) -> dict[str, Any]:
    return {"list": [{"id": i.id} for i in call.account.issues if _selected(i, call)]}


def issue_get(call: Call) -> dict[str, Any]:
    return {"obj": call.account.issues.get(call.params["id"]).to_wire()}


def issue_get_attach(call: Call) -> dict[str, Any]:
    issue = call.account.issues.get(call.params["id"])
    wanted = call.get("attach") or list(issue.attach)
    missing = [name for name in wanted if name not in issue.attach]
    if missing:
        raise SendsayError("error/issue/attach_not_found", missing)
    return {"list": {name: issue.attach[name] for name in wanted}}


def issue_set_access(call: Call) -> dict[str, Any]:
    account = call.account
    issue = account.issues.get(call.params["id"])
    access = dict(call.params["access"])
    if access["who"] == "group":
        account.group(access.get("group", ""))
    issue.access = dict(account.settings["issue.access"]) if access["who"] == "default" else access
    return {}


HANDLERS: dict[str, Handler] = {
    "issue.list": issue_list,
    "issue.get": issue_get,
    "issue.get.attach": issue_get_attach,
    "issue.set.access": issue_set_access,
}
