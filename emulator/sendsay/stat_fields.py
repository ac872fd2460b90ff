"""Values of the `stat.uni` fields over the emulator's rows (see stat_rows.py).

Computed: `member.id`, `member.email`, `member.haslock`, `member.anketa.ANKETA.QUEST`,
`member.domain.name`; `issue.id`, `.dt`, `.name`, `.members`, `.format`, `.size`, `.archive`,
`.deliv_ok`, `.deliv_bad`, `.readed`, `.u_readed`, `.clicked`, `.u_clicked`, `.unsubed` (no
clicks or unsubscriptions happen: 0), `.stoplist`, `.lockunsub`, `.lockconfirm`,
`.hardbounce`, `.draft.id`, `.sequence.id` (null), `.variant.id`, `.group.gid`, `.group.name`;
`deliv.status`, `read.dt`, `click.dt`, `unsub.why`; and every member or issue field after an
event prefix (`deliv.member.email`, `read.issue.id`). Dates accept a precision suffix
(`issue.dt:YM` gives "2024-05"). Other fields of the catalogue (domain and link ids, link
groups, the `*` summary fields) are refused with `error/stat/unsupported`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from . import clock
from .errors import SendsayError
from .issues import ARCHIVE_URL, Issue
from .stat_rows import EVENT_KINDS, Row

_UNIT_SPAN = {"Y": (0, 4), "M": (5, 7), "D": (8, 10), "h": (11, 13), "m": (14, 16), "s": (17, 19)}
_EMPTY_COUNTERS = ("clicked", "u_clicked", "unsubed")


def unsupported(name: str) -> SendsayError:
    return SendsayError("error/stat/unsupported", f"{name}: not computed by the emulator")


def with_precision(moment: datetime.datetime | None, precision: str | None) -> str | None:
    """A date-time as text at a precision: `YM` -> "2024-05", `MD` -> "05-04"."""
    if moment is None:
        return None
    text = clock.to_wire(moment)
    if precision is None:
        return text
    return text[_UNIT_SPAN[precision[0]][0] : _UNIT_SPAN[precision[1]][1]]


def _issue_field(issue: Issue, path: list[str]) -> Any:
    name = ".".join(path)
    simple: dict[str, Callable[[], Any]] = {
        "id": lambda: issue.id,
        "name": lambda: issue.title,
        "members": lambda: len(issue.deliveries),
        "format": lambda: issue.format,
        "size": lambda: issue.size,
        "archive": lambda: f"{ARCHIVE_URL}/{issue.id}",
        "deliv_ok": lambda: issue.delivered(True),
        "deliv_bad": lambda: issue.delivered(False),
        "readed": lambda: len(issue.reads),
        "u_readed": lambda: len(issue.reads),
        "draft.id": lambda: issue.draft_id,
        "sequence.id": lambda: None,
        "variant.id": lambda: issue.variant_id,
        "group.gid": lambda: issue.group,
    }
    if name in simple:
        return simple[name]()
    if name in _EMPTY_COUNTERS:
        return 0
    if name in ("stoplist", "lockunsub", "lockconfirm", "hardbounce"):
        return issue.left_out.get(name, 0)
    raise unsupported(f"issue.{name}")


def field_value(row: Row, name: str, group_names: dict[str, str]) -> Any:
    """The value of the field `name` (with an optional `:XY` precision) for one row."""
    base, _, precision = name.partition(":")
    path = base.split(".")
    head, rest = path[0], path[1:]
    if head in EVENT_KINDS:
        if rest and rest[0] in ("member", "issue"):
            inner = ".".join(rest) + (f":{precision}" if precision else "")
            return field_value(row, inner, group_names)
        if rest == ["dt"]:
            return with_precision(row.dt, precision or None)
        if head == "deliv" and rest == ["status"]:
            return row.status
        raise unsupported(name)
    if head == "issue" and row.issue is not None:
        if rest == ["dt"]:
            return with_precision(row.issue.date, precision or None)
        if rest == ["group", "name"]:
            return group_names.get(row.issue.group, row.issue.group)
        return _issue_field(row.issue, rest)
    if head == "member":
        return _member_field(row, rest, name)
    raise unsupported(name)


def _member_field(row: Row, rest: list[str], name: str) -> Any:
    member = row.member
    if rest == ["email"]:
        return member.address if member is not None else row.address
    if member is None:
        return None
    if rest == ["id"]:
        return member.id
    if rest == ["haslock"]:
        return int(bool(member.locks))
    if rest == ["domain", "name"]:
        return member.address.rpartition("@")[2] or None
    if len(rest) == 3 and rest[0] == "anketa":
        return member.value(rest[1], rest[2])
    raise unsupported(name)
