"""issue.draft.list, issue.draft.get, issue.draft.set, issue.draft.delete, issue.draft.preview.

`issue.draft.set` without `id` creates a draft (the next free number); with an `id` it changes
that draft, which must exist and must not be a template.
"""

from __future__ import annotations

from typing import Any

from ..call import Call, Handler
from ..errors import SendsayError
from ..letters import Draft, render
from ..state import Account


def issue_draft_list(call: Call) -> dict[str, Any]:
    return {"list": [draft.list_item() for draft in call.account.drafts]}


def issue_draft_get(call: Call) -> dict[str, Any]:
    return {"obj": call.account.drafts.get(call.params["id"]).to_wire()}


def issue_draft_set(call: Call) -> dict[str, Any]:
    drafts = call.account.drafts
    data = dict(call.params["obj"])
    draft_id = call.get("id")
    if draft_id is None:
        draft = drafts.add(Draft(drafts.new_id(), data))
    else:
        draft = drafts.get(draft_id)
        if draft.template:
            raise SendsayError("error/draft/template", f"{draft_id} is a template")
        draft.data = data
    return {"obj": draft.to_wire()} if call.flag("return_fresh_obj") else {}


def issue_draft_delete(call: Call) -> dict[str, Any]:
    call.account.drafts.delete(call.params["id"])
    return {}


def issue_draft_preview(call: Call) -> dict[str, Any]:
    account = call.account
    source = call.get("obj") or account.drafts.get(call.params["id"]).data
    return {"text": preview(account, source["text"], call.get("email"))}


def preview(account: Account, text: str, email: str | None) -> str:
    """`text` as the subscriber `email` would get it (no answers when no address is given)."""
    if email is None:
        return render(text, lambda anketa, quest: None)
    return render(text, account.member(email).value)


HANDLERS: dict[str, Handler] = {
    "issue.draft.list": issue_draft_list,
    "issue.draft.get": issue_draft_get,
    "issue.draft.set": issue_draft_set,
    "issue.draft.delete": issue_draft_delete,
    "issue.draft.preview": issue_draft_preview,
}
