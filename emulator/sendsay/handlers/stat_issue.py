"""stat.issue and stat.activity, computed from the archive of sent issues.

`stat.issue` counts issues and recipients per group and per period of `groupby` (the issue
date at that precision, "" for Total) by format; `total` adds (yes) or gives only (only) the
key "" summing every group; groups given in `group` that had no issue appear empty unless
`withempty` is 1. `stat.activity` lists the events of the subscribers: deliveries (d, details:
the delivery status) and reads (r); clicks (l) and unsubscriptions (u) never happen in the
emulator. `with_deliver` / `with_read` keep one kind, `gid` one group, `from` / `to` the event
days and `issue.from` / `issue.to` the issue days; sorted by date (or address) and paged.
"""

from __future__ import annotations

import datetime
from typing import Any

from .. import clock
from ..call import Call, Handler
from ..issues import Issue
from ..stat_fields import with_precision
from ..stat_output import start_report


def _in_days(day: datetime.date, start: str | None, end: str | None) -> bool:
    if start and day < datetime.date.fromisoformat(start):
        return False
    return not (end and day > datetime.date.fromisoformat(end))


def _add(counters: dict[str, int], issue: Issue) -> None:
    receivers = len(issue.deliveries)
    for prefix in (issue.format, "total"):
        counters[f"{prefix}.issue"] = counters.get(f"{prefix}.issue", 0) + 1
        counters[f"{prefix}.receiver"] = counters.get(f"{prefix}.receiver", 0) + receivers
    if issue.format == "sms":
        counters["sms.sms"] = counters.get("sms.sms", 0) + receivers * issue.size


def _stat_issue(call: Call) -> dict[str, Any]:
    account = call.account
    groups = call.get("group") or []
    for group in groups:
        account.group(group)
    groupby = call.get("groupby", "YM")
    total = call.get("total", "none")
    out: dict[str, dict[str, dict[str, int]]] = {}
    if not call.flag("withempty"):
        out.update({group: {} for group in groups})
    for issue in account.issues:
        if groups and issue.group not in groups:
            continue
        if not _in_days(issue.date.date(), call.get("issue.from"), call.get("issue.upto")):
            continue
        period = "" if groupby == "Total" else with_precision(issue.date, groupby) or ""
        keys = ([] if total == "only" else [issue.group]) + ([""] if total != "none" else [])
        for key in keys:
            _add(out.setdefault(key, {}).setdefault(period, {}), issue)
    return {"list": out}


def stat_issue(call: Call) -> dict[str, Any]:
    answer = _stat_issue(call)
    if call.get("result", "response") == "response":
        return answer

    def rows() -> list[list[Any]]:
        table: list[list[Any]] = [["group", "period", "counter", "value"]]
        for group, periods in _stat_issue(call)["list"].items():
            for period, counters in periods.items():
                table += [[group, period, name, n] for name, n in counters.items()]
        return table

    return start_report(call, rows)


def _events(call: Call) -> list[list[Any]]:
    account = call.account
    gid = call.get("gid")
    if gid:
        account.group(gid)
    kinds = {"d", "r"}
    if call.flag("with_deliver") or call.flag("with_errs"):
        kinds = {"d"}
    elif call.flag("with_read"):
        kinds = {"r"}
    elif call.flag("with_links") or call.flag("with_remove"):
        kinds = set()
    rows: list[tuple[datetime.datetime, str, str, str, Any]] = []
    for issue in account.issues:
        if gid and issue.group != gid:
            continue
        if not _in_days(issue.date.date(), call.get("issue.from"), call.get("issue.to")):
            continue
        if "d" in kinds:
            for address, status in issue.deliveries.items():
                if not call.flag("with_errs") or status <= 0 or call.flag("with_deliver"):
                    rows.append((issue.date, address, "d", issue.group, status))
        if "r" in kinds:
            rows += [(dt, a, "r", issue.group, issue.id) for a, dt in issue.reads.items()]
    rows = [r for r in rows if _in_days(r[0].date(), call.get("from"), call.get("to"))]
    by_email = call.get("sort", "date") == "email"
    rows.sort(key=lambda r: (r[1], r[0]) if by_email else (r[0], r[1]), reverse=call.flag("desc"))
    return [[a, clock.to_wire(dt), kind, group, detail] for dt, a, kind, group, detail in rows]


def stat_activity(call: Call) -> dict[str, Any]:
    events = _events(call)
    if call.get("result", "response") != "response":
        header: list[Any] = ["member", "dt", "type", "group", "details"]
        return start_report(call, lambda: [header, *_events(call)], {"group.id": call.get("gid")})
    size = int(call.get("pagesize", 20))
    start = (int(call.get("page", 1)) - 1) * size
    return {"obj": events[start : start + size]}


HANDLERS: dict[str, Handler] = {"stat.issue": stat_issue, "stat.activity": stat_activity}
