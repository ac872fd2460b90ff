"""member.list: the subscribers of the account or of a group, answered or written to a file.

Columns are the address (`member.email` or `member.cellphone`) followed by the questions of
`format` (see formats.py). `result` "response" answers at once (optionally one page);
"save" and "email" start a track whose report file (csv or xlsx) is named in `param.report_file`
and kept in `Account.files`; "email" also puts a letter with it in `Account.outbox`.
"""

from __future__ import annotations

from typing import Any

from ..addresses import AddrType
from ..call import Call, Handler
from ..errors import invalid
from ..group_filter import members_of
from ..reports import cell, table
from ..state import Account, Member

Column = tuple[str, str]


def _selection(call: Call) -> tuple[AddrType, list[Member]]:
    account = call.account
    group = call.get("group")
    if group is None:
        members = list(account.members.values())
        addr_type: AddrType = call.get("addr_type") or "email"
    else:
        members = members_of(account, group)
        addr_type = call.get("addr_type") or (members[0].addr_type if members else "email")
    chosen = [m for m in members if m.addr_type == addr_type]
    haslock = call.get("member.haslock")
    if haslock == "":  # empty: the lock state is not considered, as when absent
        haslock = None
    if haslock == -1:
        chosen = [m for m in chosen if m.locks]
    elif haslock == 0:
        chosen = [m for m in chosen if not m.locks]
    elif haslock is not None:
        chosen = [m for m in chosen if m.locks & haslock == haslock]
    return addr_type, chosen


def _sort_key(sort: str) -> Any:
    if sort == "member.id":
        return lambda m: (m.id,)
    if sort == "member.domain":
        return lambda m: (m.address.rpartition("@")[2], m.address)
    if sort in ("member.email", "member.cellphone"):
        return lambda m: (m.address,)
    anketa_id, _, quest_id = sort.partition(".")
    return lambda m: (m.value(anketa_id, quest_id) is None, cell(m.value(anketa_id, quest_id)))


def _sorted(call: Call, members: list[Member]) -> list[Member]:
    sort = call.get("sort")
    if not sort:
        return members
    return sorted(members, key=_sort_key(sort), reverse=call.get("sort.order") == "desc")


def columns(account: Account, addr_type: AddrType, format_id: str | None) -> list[Column]:
    own: Column = ("member", "email" if addr_type == "email" else "cellphone")
    if format_id is None:
        return [own]
    return [own, *account.format(format_id).columns()]


def describe(account: Account, column: Column) -> dict[str, Any]:
    anketa = account.anketa(column[0])
    quest = anketa.quests.get(column[1])
    return {
        "anketa": anketa.id,
        "anketa.name": anketa.name,
        "quest": column[1],
        "quest.name": quest.name if quest else column[1],
    }


def _page(call: Call, rows: list[Member]) -> list[Member]:
    page, size = call.get("page"), call.get("pagesize")
    if page is None and size is None:
        return rows
    if page is None or size is None:
        raise invalid("page and pagesize must be given together")
    if page < 1 or size < 1:
        raise invalid("page and pagesize start at 1")
    return rows[(page - 1) * size : page * size]


def _caption(account: Account, cols: list[Column], kind: str | None) -> list[list[str]]:
    if kind == "id":
        return [[f"{a}.{q}" for a, q in cols]]
    if kind == "name":
        names = [describe(account, column) for column in cols]
        return [[f"{d['anketa.name']}: {d['quest.name']}" for d in names]]
    return []


def _report(call: Call, cols: list[Column]) -> dict[str, Any]:
    account = call.account
    result = call.params["result"]
    recipients = call.get("email") or []
    if result == "email" and not recipients:
        raise invalid("email: the recipients of the list are required with result=email")
    file_format = call.get("result.format", "csv")

    def work(track_id: int) -> dict[str, Any]:
        _, members = _selection(call)
        rows = _caption(account, cols, call.get("caption"))
        rows += [[cell(m.value(a, q)) for a, q in cols] for m in _sorted(call, members)]
        name = f"member.list.{track_id}.{file_format}"
        account.save_report(name, table(rows, file_format))
        if result == "email":
            account.outbox.append({"to": recipients, "attachment": name})
        return {"report_file": name}

    return call.start_track({"group.id": call.get("group", "")}, work)


def member_list(call: Call) -> dict[str, Any]:
    account = call.account
    addr_type, members = _selection(call)
    cols = columns(account, addr_type, call.get("format"))
    if call.get("result", "response") != "response":
        return _report(call, cols)
    chosen = _page(call, _sorted(call, members))
    return {
        "order": [describe(account, column) for column in cols],
        "list": [[m.value(a, q) for a, q in cols] for m in chosen],
    }


HANDLERS: dict[str, Handler] = {"member.list": member_list}
