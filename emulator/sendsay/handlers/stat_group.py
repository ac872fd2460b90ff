"""stat.group.common and stat.group.portrait, computed from the members of the groups.

`stat.group.common` counts the members of the groups given (all members when none is given):
active, locked (by reason: unconfirmed, unsubscribed, blocked = hard bounce or stop list), and
e-mail addresses by top- and second-level domain. `stat.group.portrait` counts, for every
choice question (1m, nm) of every questionnaire, how many of the selected members chose each
answer (`perc` of the selected, one decimal); `format` limits it to the format's questions,
`empty_resp` / `empty_quest` keep answers / questions nobody chose. Reports: stat_output.py.
"""

from __future__ import annotations

from typing import Any

from ..anketas import CHOICE_TYPES
from ..call import Call, Handler
from ..group_filter import members_of
from ..stat_output import start_report
from ..state import LOCK_HARDBOUNCED, LOCK_UNCONFIRMED, LOCK_UNSUBSCRIBED, Account, Member


def selected(account: Account, groups: list[str] | str | None) -> list[Member]:
    wanted = [groups] if isinstance(groups, str) else groups or []
    if not wanted:
        return list(account.members.values())
    chosen: dict[str, Member] = {}
    for group in wanted:
        chosen.update((m.address, m) for m in members_of(account, group))
    return list(chosen.values())


def _common(account: Account, members: list[Member]) -> dict[str, Any]:
    def locked(bit: int) -> int:
        return sum(1 for m in members if m.locks & bit)

    blocked = sum(1 for m in members if m.locks & LOCK_HARDBOUNCED or account.stoplisted(m))
    active = sum(1 for m in members if not m.locks and not account.stoplisted(m))
    tld: dict[str, int] = {}
    sld: dict[str, int] = {}
    for member in members:
        if member.addr_type == "email":
            domain = member.address.rpartition("@")[2]
            tld[domain.rpartition(".")[2]] = tld.get(domain.rpartition(".")[2], 0) + 1
            sld[domain] = sld.get(domain, 0) + 1
    counts = {
        "total": len(members),
        "active": active,
        "locked": len(members) - active,
        "locked.unconfirmed": locked(LOCK_UNCONFIRMED),
        "locked.unsubscribed": locked(LOCK_UNSUBSCRIBED),
        "locked.blocked": blocked,
    }
    return {"members": counts, "tld": tld, "sld": sld}


def stat_group_common(call: Call) -> dict[str, Any]:
    account = call.account
    members = selected(account, call.get("group"))  # an unknown group fails now
    if call.get("result", "response") == "response":
        return _common(account, members)

    def rows() -> list[list[Any]]:
        answer = _common(account, selected(account, call.get("group")))
        table: list[list[Any]] = [["section", "key", "count"]]
        for section in ("members", "tld", "sld"):
            table += [[section, key, value] for key, value in answer[section].items()]
        return table

    return start_report(call, rows, {"group.id": ",".join(call.get("group") or [])})


def _portrait(call: Call) -> dict[str, Any]:
    account = call.account
    members = selected(account, call.get("group"))
    limit = set(account.format(call.params["format"]).columns()) if call.get("format") else None
    out: dict[str, dict[str, dict[str, dict[str, Any]]]] = {}
    for anketa in account.anketas.values():
        for question in anketa.quests.values():
            outside = limit is not None and (anketa.id, question.id) not in limit
            if question.type not in CHOICE_TYPES or outside:
                continue
            counts = dict.fromkeys(question.answers, 0)
            for member in members:
                value = member.value(anketa.id, question.id)
                for code in value if isinstance(value, list) else [value]:
                    if code in counts:
                        counts[code] += 1
            if not call.flag("empty_resp"):
                counts = {code: n for code, n in counts.items() if n}
            if not counts and not call.flag("empty_quest"):
                continue
            share = len(members) or 1
            out.setdefault(anketa.id, {})[question.id] = {
                code: {"num": n, "perc": round(100 * n / share, 1)} for code, n in counts.items()
            }
    return {"selected": len(members), "list": out}


def stat_group_portrait(call: Call) -> dict[str, Any]:
    answer = _portrait(call)  # an unknown group or format fails now
    if call.get("result", "response") == "response":
        return answer

    def rows() -> list[list[Any]]:
        table: list[list[Any]] = [["anketa", "quest", "answer", "num", "perc"]]
        for aid, quests in _portrait(call)["list"].items():
            for qid, answers in quests.items():
                table += [[aid, qid, code, a["num"], a["perc"]] for code, a in answers.items()]
        return table

    return start_report(call, rows, {"group.id": call.get("group")})


HANDLERS: dict[str, Handler] = {
    "stat.group.common": stat_group_common,
    "stat.group.portrait": stat_group_portrait,
}
