"""Account settings (`sys.settings.*`) and the change log (`sys.log`).

The writable settings are the fields of `SysSettingsSet`; the others (`about.*`, `trial*`,
`allow.*`, `sms.*`, `member.*` limits, `sec.*`) are read-only, and those in `COMPUTED` come
from the state (`sms.used` counts the SMS messages sent, `about.user` is the caller's
sublogin). A test checks these names and their writability against the spec's catalogue
`sys_settings`. Every change made through the API (settings, passwords, users, rights) is
written to the account's log.
"""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass
from typing import Any

from . import clock

WRITABLE_DEFAULTS: dict[str, Any] = {
    "about.owner.email": [],
    "support.access": 0,
    "notify.member.join": [],
    "notify.member.confirm": [],
    "notify.member.modify": [],
    "notify.member.remove": [],
    "redirect.member.join": "",
    "redirect.member.join.exists": "",
    "redirect.member.confirm": "",
    "redirect.member.remove": "",
    "infolett.confirm.need": "",
    "infolett.confirm.done": "",
    "infolett.info": "",
    "msisdn.country": "7",
    "msisdn.zone": "",
    "issue.link.qid": "",
    "issue.access": {"who": "all"},
    "issue.dontsend.550": 0,
}

READ_ONLY_DEFAULTS: dict[str, Any] = {
    "about.tarif": "emulator",
    "trial": 0,
    "trial.issue.limit": None,
    "trial.issue.rest": None,
    "allow.email": 1,
    "allow.sms": 1,
    "sms.unlimited": 0,
    "sms.byed": 10000,
    "member.tarif.limit": 100000,
    "member.hard.limit": None,
    "member.noconfirm.limit": None,
    "member.noconfirm.rest": None,
    "sec.allowip": [],
    "sec.login.denysuper": 0,
    "sec.login.lock.error": 5,
    "sec.login.lock.inactive": 90,
    "sec.password.history": 3,
    "sec.password.check": 1,
    "sec.password.expire.day": 0,
}


COMPUTED = ("about.id", "about.name", "about.user", "sms.used")


@dataclass
class LogEntry:
    dt: datetime.datetime
    login: str
    object: str
    action: str
    title: str
    old: Any = None
    new: Any = None

    def to_wire(self) -> dict[str, Any]:
        return {
            "dt": clock.to_wire(self.dt),
            "ip": "127.0.0.1",
            "login": self.login,
            "object": self.object,
            "action": self.action,
            "title": self.title,
            "value.old": self.old,
            "value.new": self.new,
        }


def default_settings() -> dict[str, Any]:
    return copy.deepcopy(WRITABLE_DEFAULTS)
