"""member.delete, member.sendconfirm, member.update: one change applied to many subscribers.

Subscribers are named by `email`, `list`, `group` or `url`. The call is synchronous for
`email` / `list` and asynchronous for `group` / `url`, unless `sync` says otherwise (the spec's
`when` conditions). Synchronous answers map each address to 1 (done) or 0 (not done: unknown or
invalid address, nothing to do); asynchronous calls apply the change when their track finishes.
`url` is refused: the emulator fetches nothing from the network.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..call import Call, Handler
from ..errors import SendsayError
from ..group_filter import members_of
from ..member_data import Prepared, prepare
from ..state import LOCK_UNCONFIRMED, Account, Member

Change = Callable[[Account, Member], bool]


def is_async(call: Call) -> bool:
    sync = call.get("sync")
    if sync is not None:
        return sync in (0, "0")
    return "group" in call.params or "url" in call.params


def _targets(call: Call) -> list[tuple[str, Member | None]]:
    account = call.account
    if "email" in call.params:
        return [(call.params["email"], account.find_member(call.params["email"]))]
    if "list" in call.params:
        return [(raw, account.find_member(raw)) for raw in call.params["list"]]
    return [(m.address, m) for m in members_of(account, call.params["group"])]


def _run(call: Call, change: Change) -> dict[str, Any]:
    if "url" in call.params:
        raise SendsayError("error/import/url", "cannot fetch url: the emulator has no network")
    account = call.account
    if "group" in call.params:
        members_of(account, call.params["group"])  # an unknown group fails now, not later

    def apply() -> dict[str, int]:
        return {key: int(m is not None and change(account, m)) for key, m in _targets(call)}

    def work(track_id: int) -> dict[str, Any]:
        apply()
        return {}

    if is_async(call):
        return call.start_track({"group.id": call.get("group", "")}, work)
    return {"list": apply()}


def _delete(account: Account, member: Member) -> bool:
    return account.remove_member(member)


def member_delete(call: Call) -> dict[str, Any]:
    return _run(call, _delete)


def member_sendconfirm(call: Call) -> dict[str, Any]:
    letter = call.params["letter"]

    def invite(account: Account, member: Member) -> bool:
        if not member.locks & LOCK_UNCONFIRMED:
            return False
        account.outbox.append({"to": member.address, "letter": letter, "cookie": member.cookie})
        return True

    return _run(call, invite)


def _merge(old: Any, new: Any) -> Any:
    if isinstance(old, list) and isinstance(new, list):
        return old + [code for code in new if code not in old]
    return new


def _updater(prepared: Prepared, if_has: str, if_hasnt: str) -> Change:
    def update(account: Account, member: Member) -> bool:
        for (anketa_id, quest_id), value in prepared.items():
            answers = member.answers.setdefault(anketa_id, {})
            old = answers.get(quest_id)
            if old is None and if_hasnt == "set" and value is not None:
                answers[quest_id] = value
            elif old is not None and if_has != "skip":
                new = _merge(old, value) if if_has == "merge" else value
                if new is None:
                    del answers[quest_id]
                else:
                    answers[quest_id] = new
            if not answers:
                del member.answers[anketa_id]
        return True

    return update


def member_update(call: Call) -> dict[str, Any]:
    """Applies the values of `format` (see formats.py); no format changes nothing."""
    format_id = call.get("format")
    values = call.account.format(format_id).values() if format_id is not None else {}
    prepared = prepare(call.account, dict(values))
    change = _updater(prepared, call.get("if_has", "overwrite"), call.get("if_hasnt", "set"))
    return _run(call, change)


HANDLERS: dict[str, Handler] = {
    "member.delete": member_delete,
    "member.sendconfirm": member_sendconfirm,
    "member.update": member_update,
}
