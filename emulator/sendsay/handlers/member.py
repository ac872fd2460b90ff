"""member.get, member.set, member.confirm.

`member.set` without `if_exists` overwrites (the document gives no default); `-group` is not
affected by `if_exists`. A new e-mail address set with `newbie.confirm` 1 is locked until
`member.confirm` gets its cookie (tests read it from `account.members[address].cookie`).
"""

from __future__ import annotations

from typing import Any

from ..addresses import normalise
from ..call import Call, Handler
from ..errors import SendsayError
from ..guesses import guessed
from ..member_data import GROUP_ANKETA, check_groups, prepare, set_groups, store
from ..state import LOCK_UNCONFIRMED, Account, Member


def member_get(call: Call) -> dict[str, Any]:
    return {"obj": call.account.member(call.params["email"]).to_wire()}


def _welcome(account: Account, member: Member, call: Call) -> None:
    """The information letter a new address gets, when the call names one."""
    name = "newbie.letter.confirm" if member.cookie else "newbie.letter.no-confirm"
    letter = call.get(name)
    if letter is not None and member.addr_type == "email":
        account.outbox.append({"to": member.address, "letter": letter, "cookie": member.cookie})


@guessed(
    "Without `if_exists` an existing subscriber is overwritten: the document gives no default."
)
def member_set(call: Call) -> dict[str, Any]:
    account = call.account
    address, addr_type = normalise(call.params["email"], call.get("addr_type"))
    if_exists = call.get("if_exists", "overwrite")
    member = account.members.get(address)
    if member is not None and if_exists == "error":
        raise SendsayError("error/member/exists", address)
    data = dict(call.get("obj") or {})
    groups = data.pop(GROUP_ANKETA, {}) or {}
    prepared = prepare(account, data)
    check_groups(account, groups)
    newbie = member is None
    if member is None:
        member = account.add_member(address, addr_type)
        if call.flag("newbie.confirm") and addr_type == "email":
            member.require_confirmation()
        _welcome(account, member, call)
    store(member, prepared, overwrite=if_exists != "update")
    set_groups(account, member, groups)
    answer: dict[str, Any] = {"newbie": int(newbie)}
    if call.flag("return_fresh_obj"):
        answer["obj"] = member.to_wire()
    return answer


def member_confirm(call: Call) -> dict[str, Any]:
    member = call.account.member(call.params["email"])
    if not member.locks & LOCK_UNCONFIRMED:
        return {}
    if call.params["cookie"] != member.cookie:
        return {"error": "error/member/wrongcookie"}
    member.locks &= ~LOCK_UNCONFIRMED
    member.cookie = None
    return {}


HANDLERS: dict[str, Handler] = {
    "member.get": member_get,
    "member.set": member_set,
    "member.confirm": member_confirm,
}
