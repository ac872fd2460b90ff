"""The group filter language: checking a filter, matching members against it, naming it.

A filter is a list of conditions joined by `AND` / `OR` elements, evaluated left to right (the
document asks for brackets, `group`, rather than any precedence); two conditions with no joining
element between them are joined by AND. An empty filter, or one without any condition, matches
nothing. Missing answers: a comparison with a missing answer is false, except `empty`, `emptyS`
and the negated substring tests (`nhas`, `nbeg`, `nend`), which hold. `stat.uni` conditions are
evaluated by the emulator's statistics over its own state (see stat_query.py). Dates compare
the date part of an answer with today plus `resp` days (the emulator's local time).
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .anketas import DELIVERY_ERRORS, MEMBER_ANKETA
from .errors import SendsayError
from .groups import FILTER
from .stat_query import matching_addresses

if TYPE_CHECKING:
    from .state import Account, Member

JOINERS = ("AND", "OR")
NAME_FIELDS = ("aid.name", "qid.name", "pid.name")
MAX_DEPTH = 8
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_STRING_OPS = {"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}
_DATE_OPS = {
    "dtnow": "==",
    "dtnowne": "!=",
    "dtnowlt": "<",
    "dtnowle": "<=",
    "dtnowge": ">=",
    "dtnowgt": ">",
}


# -- writing -----------------------------------------------------------------------------------


def stored(account: Account, elements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The filter as kept: names dropped, `resp` hash values emptied, references checked."""
    out: list[dict[str, Any]] = []
    for element in elements:
        kept = {k: v for k, v in element.items() if k not in NAME_FIELDS}
        which = kept["which"]
        if which == "group":
            kept["group"] = stored(account, kept["group"])
        elif which == "PRF":
            account.group(kept["pid"])
        elif "aid" in kept:
            _check_question(account, kept)
        if which in ("any", "each"):
            kept["resp"] = dict.fromkeys(kept["resp"], "")
        out.append(kept)
    return out


def _check_question(account: Account, element: dict[str, Any]) -> None:
    """The questionnaire and question exist; `any` / `each` name answers the question has."""
    where = f"{element['aid']}.{element['qid']}"
    question = account.anketa(element["aid"]).quests.get(element["qid"])
    if question is None:
        raise SendsayError("error/quest/not_found", where)
    if element["which"] in ("any", "each"):
        unknown = sorted(code for code in element["resp"] if code not in question.answers)
        if unknown:
            raise SendsayError("error/quest/answer_not_found", f"{where}: {unknown}")


def referred(elements: list[dict[str, Any]]) -> set[str]:
    """The groups a filter refers to (`PRF`), brackets included."""
    found: set[str] = set()
    for element in elements:
        if element["which"] == "PRF":
            found.add(element["pid"])
        elif element["which"] == "group":
            found |= referred(element["group"])
    return found


# -- reading -----------------------------------------------------------------------------------


def described(account: Account, elements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The filter as read: with `aid.name`, `qid.name`, `pid.name` and named answers."""
    out: list[dict[str, Any]] = []
    for element in elements:
        shown = dict(element)
        if shown["which"] == "group":
            shown["group"] = described(account, shown["group"])
        if "pid" in shown and (group := account.groups.get(shown["pid"])) is not None:
            shown["pid.name"] = group.name
        anketa = account.anketas.get(shown.get("aid", ""))
        if anketa is not None:
            shown["aid.name"] = anketa.name
            question = anketa.quests.get(shown["qid"])
            if question is not None:
                shown["qid.name"] = question.name
                if isinstance(shown.get("resp"), dict):
                    shown["resp"] = {c: question.answers.get(c, "") for c in shown["resp"]}
        out.append(shown)
    return out


# -- matching ----------------------------------------------------------------------------------


def members_of(account: Account, group_id: str, depth: int = 0) -> list[Member]:
    """The members of a list group, or those a filter group selects (of its address type)."""
    group = account.group(group_id)
    if group.type != FILTER:
        return [m for m in account.members.values() if group_id in m.groups]
    if not group.filter:
        return []
    return [
        m
        for m in account.members.values()
        if m.addr_type == group.addr_type and matches(account, m, group.filter, depth)
    ]


def matches(
    account: Account, member: Member, elements: list[dict[str, Any]], depth: int = 0
) -> bool:
    if depth > MAX_DEPTH:
        raise SendsayError("error/group/filter", "filters refer to each other too deeply")
    result: bool | None = None
    joiner = "AND"
    for element in elements:
        which = element["which"]
        if which in JOINERS:
            joiner = which
            continue
        value = _condition(account, member, element, depth)
        if result is None:
            result = value
        else:
            result = (result and value) if joiner == "AND" else (result or value)
        joiner = "AND"
    return bool(result)


def _answer(account: Account, member: Member, element: dict[str, Any]) -> Any:
    if (element["aid"], element["qid"]) == (MEMBER_ANKETA, DELIVERY_ERRORS):
        return sum(  # member.error: the issues that failed to reach the address
            1 for issue in account.issues if issue.deliveries.get(member.address, 1) < 0
        )
    return member.value(element["aid"], element["qid"])


def _shift(element: dict[str, Any]) -> datetime.date:
    resp = element.get("resp") or 0
    try:
        days = int(resp)
    except (TypeError, ValueError):
        raise SendsayError("error/group/filter", f"resp: not a number of days: {resp!r}") from None
    return datetime.date.today() + datetime.timedelta(days=days)


def _date(answer: Any) -> datetime.date | None:
    if not isinstance(answer, str):
        return None
    try:
        return datetime.date.fromisoformat(answer[:10])
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _condition(account: Account, member: Member, element: dict[str, Any], depth: int) -> bool:
    which = element["which"]
    if which == "group":
        return matches(account, member, element["group"], depth + 1)
    if which == "PRF":
        inside = any(m is member for m in members_of(account, element["pid"], depth + 1))
        return inside == (element["resp"] in (1, "1"))
    if which == "stat.uni":
        inside = member.address in matching_addresses(account, element["filter"])
        return inside == (element["resp"] in (1, "1"))
    answer = _answer(account, member, element)
    codes = set(answer) if isinstance(answer, list) else set()
    if which == "any":
        return bool(codes & set(element["resp"]))
    if which == "each":
        return set(element["resp"]) <= codes
    if which == "atleast":
        return bool(answer)
    if which == "empty":
        return not answer
    if which in _COMPARE:
        number, wanted = _int(answer), _int(element["resp"])
        return number is not None and wanted is not None and _COMPARE[which](number, wanted)
    if which in ("nowy", "nowm", "nowd"):
        today = datetime.date.today()
        current = {"nowy": today.year, "nowm": today.month, "nowd": today.day}[which]
        return _int(answer) == current
    return _text_or_date(which, answer, element)


def _text_or_date(which: str, answer: Any, element: dict[str, Any]) -> bool:
    if which in _DATE_OPS or which in ("dtnowmd", "dtnowy", "dtnowm", "dtnowd"):
        day = _date(answer)
        if day is None:
            return False
        if which in _DATE_OPS:
            return _COMPARE[_DATE_OPS[which]](day, _shift(element))
        today = datetime.date.today()
        if which == "dtnowy":
            return day.year == today.year
        if which == "dtnowm":
            return day.month == today.month
        target = _shift(element)
        if which == "dtnowd":
            return day.day == target.day
        return (day.month, day.day) == (target.month, target.day)
    text = answer if isinstance(answer, str) else None
    if which == "emptyS":
        return not text
    if which == "dirtyS":
        return bool(text)
    if which in _STRING_OPS:
        return text is not None and _COMPARE[_STRING_OPS[which]](text, str(element["resp"]))
    resp = str(element["resp"])
    tests: dict[str, Callable[[str], bool]] = {
        "has": lambda t: resp in t,
        "beg": lambda t: t.startswith(resp),
        "end": lambda t: t.endswith(resp),
    }
    positive = which.removeprefix("n")
    if positive not in tests:
        raise SendsayError("error/group/filter", f"unknown condition {which!r}")
    found = text is not None and tests[positive](text)
    return found if positive == which else not found
