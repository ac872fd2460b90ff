"""sys.settings.get, sys.settings.set, sys.password.set, sys.log, sys.message.

Settings keep the writable values per account; read-only ones are refused by the spec's check
of `sys.settings.set` (its `list` is a closed type) and again here. `sys.password.set` changes
the caller's password: a sublogin created with `user.create` has its own, the main login's is
checked only when the emulator has fixed credentials. `sys.message` goes to the outbox.
"""

from __future__ import annotations

from typing import Any

from .. import clock
from ..call import Call, Handler
from ..errors import SendsayError
from ..settings import COMPUTED, READ_ONLY_DEFAULTS, WRITABLE_DEFAULTS
from ..users import ACTIVE, WAITING_FOR_PASSWORD

SETTINGS = (*COMPUTED, *READ_ONLY_DEFAULTS, *WRITABLE_DEFAULTS)


def _computed(call: Call) -> dict[str, Any]:
    account = call.account
    sms = sum(i.size * len(i.deliveries) for i in account.issues if i.channel == "sms")
    return {
        "about.id": account.login,
        "about.name": account.login,
        "about.user": call.authority.sublogin_of(call.session),
        "sms.used": sms,
    }


def sys_settings_get(call: Call) -> dict[str, Any]:
    wanted = call.params["list"] or list(SETTINGS)
    unknown = sorted(name for name in wanted if name not in SETTINGS)
    if unknown:
        raise SendsayError("error/settings/unknown", unknown)
    values = {**_computed(call), **READ_ONLY_DEFAULTS, **call.account.settings}
    return {"list": {name: values[name] for name in wanted}}


def sys_settings_set(call: Call) -> dict[str, Any]:
    account = call.account
    changes = call.params["list"]
    read_only = sorted(name for name in changes if name not in WRITABLE_DEFAULTS)
    if read_only:
        raise SendsayError("error/settings/read_only", read_only)
    for name, value in changes.items():
        account.note(call.who, "settings", "set", name, account.settings[name], value)
        account.settings[name] = value
    return {}


def sys_password_set(call: Call) -> dict[str, Any]:
    account = call.account
    old, new = call.params["password.old"], call.params["password.new"]
    sublogin = call.authority.sublogin_of(call.session)
    user = account.users.get(sublogin) if sublogin else None
    if user is None:
        call.authority.change_password(old, new)
    elif old != user.password:
        raise SendsayError("error/password/wrong", "password.old does not match")
    else:
        user.password = new
        if user.status == WAITING_FOR_PASSWORD:
            user.status = ACTIVE
    account.note(call.who, "user", "password", sublogin or account.login, None, None)
    return {}


def sys_log(call: Call) -> dict[str, Any]:
    start, end = call.get("from"), call.get("upto")
    low = clock.from_wire(start) if start else None
    high = clock.from_wire(end) if end else None
    return {
        "list": [
            entry.to_wire()
            for entry in call.account.log
            if (low is None or entry.dt >= low) and (high is None or entry.dt <= high)
        ]
    }


def sys_message(call: Call) -> dict[str, Any]:
    message = {"to": "support", "from": call.params["email"], "text": call.params["message"]}
    call.account.outbox.append(message)
    return {}


HANDLERS: dict[str, Handler] = {
    "sys.settings.get": sys_settings_get,
    "sys.settings.set": sys_settings_set,
    "sys.password.set": sys_password_set,
    "sys.log": sys_log,
    "sys.message": sys_message,
}
