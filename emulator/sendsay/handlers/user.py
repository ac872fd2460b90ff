"""user.list, user.create, user.set, user.delete, rights.get, rights.set.

A new user waits for a password change (status -1); while it does, its status changes only
with its password. `password.old` must match the user's password. Rights are per action of the
spec (1 by default); an action outside the spec is `error/rights/action`. The emulator refuses
the calls a sublogin has no right to (`error/rights/denied`, see emulator.py). Every change is
written to the work log (`sys.log`).
"""

from __future__ import annotations

from typing import Any

from ...spec_checks import operations
from ..call import Call, Handler
from ..errors import SendsayError
from ..users import ACTIVE, WAITING_FOR_PASSWORD, User

ACTIONS = frozenset(operations("sendsay_api"))


def _user(call: Call, sublogin: str) -> User:
    try:
        return call.account.users[sublogin]
    except KeyError:
        raise SendsayError("error/user/not_found", sublogin) from None


def _known(actions: list[str] | dict[str, Any]) -> None:
    unknown = sorted(action for action in actions if action not in ACTIONS)
    if unknown:
        raise SendsayError("error/rights/action", f"not actions of the API: {unknown}")


def user_list(call: Call) -> dict[str, Any]:
    return {"list": [user.list_item() for user in call.account.users.values()]}


def user_create(call: Call) -> dict[str, Any]:
    account = call.account
    sublogin = call.params["sublogin"]
    if sublogin in account.users:
        raise SendsayError("error/user/exists", sublogin)
    account.users[sublogin] = User(sublogin, call.params["password"], call.get("email"))
    account.note(call.who, "user", "create", sublogin, None, WAITING_FOR_PASSWORD)
    return {}


def user_set(call: Call) -> dict[str, Any]:
    account = call.account
    user = _user(call, call.params["sublogin"])
    old_status = user.status
    if "password.new" in call.params:
        if call.params["password.old"] != user.password:
            raise SendsayError("error/password/wrong", "password.old does not match")
        user.password = call.params["password.new"]
        if user.status == WAITING_FOR_PASSWORD:
            user.status = ACTIVE
        account.note(call.who, "user", "password", user.sublogin, None, None)
    status = call.get("status")
    if status is not None:
        if old_status == WAITING_FOR_PASSWORD and "password.new" not in call.params:
            raise SendsayError("error/user/status", "status -1 changes only with the password")
        user.status = status
    if user.status != old_status:
        account.note(call.who, "user", "status", user.sublogin, old_status, user.status)
    user.email = call.get("email", user.email)
    return {}


def user_delete(call: Call) -> dict[str, Any]:
    account = call.account
    user = _user(call, call.params["sublogin"])
    del account.users[user.sublogin]
    account.note(call.who, "user", "delete", user.sublogin, user.status, None)
    return {}


def rights_get(call: Call) -> dict[str, Any]:
    user = _user(call, call.params["user"])
    wanted = call.params["list"] or sorted(ACTIONS)
    _known(wanted)
    return {"list": {action: user.right(action) for action in wanted}}


def rights_set(call: Call) -> dict[str, Any]:
    user = _user(call, call.params["user"])
    changes = {action: int(value) for action, value in call.params["list"].items()}
    _known(changes)
    old = {action: user.right(action) for action in changes}
    user.rights.update(changes)
    call.account.note(call.who, "rights", "set", user.sublogin, old, changes)
    return {}


HANDLERS: dict[str, Handler] = {
    "user.list": user_list,
    "user.create": user_create,
    "user.set": user_set,
    "user.delete": user_delete,
    "rights.get": rights_get,
    "rights.set": rights_set,
}
