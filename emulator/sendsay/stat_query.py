"""The universal statistics (`stat.uni`) computed over the emulator's state.

A request reads one stream of rows, chosen by the prefixes of its fields (see stat_rows.py):
an event kind (`deliv`, `read`, `click`, `unsub`; at most one per request), else `issue`,
else `member`. With aggregate functions (`count`, `max`, `min`, `avg`, `sum`, `range`,
`stdev`, `variance`, each also over `unique` values) the rows are grouped by the plain
fields selected; `unique(*)` keeps distinct rows. Filters on plain fields select rows,
filters on aggregates select groups; dates compare as text at their precision, and a
`current +/- N unit` value is now shifted by calendar years and months, then by days, hours,
minutes and seconds. `order` names selected items (`+`/`-`), then `skip` and `first` cut the
result. A query that breaks the document's rules (the client package's query checker:
unknown fields, reversed precisions, undocumented functions...) is refused before anything is
computed. Not computed: the summary statistics (`*` fields, `count(KIND)`) and combining
several event kinds in one request (`error/stat/unsupported`).
"""

from __future__ import annotations

import datetime
import re
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sendsay_api.query import StatUni
from sendsay_api.query.statuni import QUERY_KEYS

from . import clock
from .errors import SendsayError, invalid
from .stat_fields import field_value, unsupported
from .stat_rows import EVENT_KINDS, Row, event_rows, issue_rows, member_rows

if TYPE_CHECKING:
    from .state import Account

_AGGREGATE = re.compile(r"^(count|max|min|avg|sum|range|stdev|variance)\((unique\s+)?(.+)\)$")
_SHIFT = re.compile(r"([+-])\s*(\d+)\s+(year|month|day|hour|minute|second)s?")
_SECONDS = {"day": 86400, "hour": 3600, "minute": 60, "second": 1}


@dataclass(frozen=True)
class Item:
    """One item of `select`, `order` or a filter's `a`: a field or an aggregate of one."""

    text: str
    function: str | None = None
    unique: bool = False
    field: str | None = None  # None for count(*)

    @classmethod
    def parse(cls, text: str) -> Item:
        text = text.strip()
        found = _AGGREGATE.match(text)
        if found is None:
            return cls(text, field=text)
        function, unique, argument = found.group(1), bool(found.group(2)), found.group(3).strip()
        if argument == "*":
            if function != "count" or unique:
                raise invalid(f"{text}: only count(*) takes *")
            return cls(text, function)
        if function == "count" and argument in (*EVENT_KINDS, "deliv_ok", "deliv_bad", "deliv_unk"):
            raise unsupported(text)
        return cls(text, function, unique, argument)


def _stream(items: Iterable[Item]) -> str:
    heads = {item.field.split(".")[0].split(":")[0] for item in items if item.field}
    if "*" in heads:
        raise unsupported("the summary fields *.")
    events = sorted(heads & set(EVENT_KINDS))
    if len(events) > 1:
        raise unsupported(f"combining {' and '.join(events)} in one request")
    if events:
        return events[0]
    return "issue" if "issue" in heads else "member"


def _rows(account: Account, stream: str) -> list[Row]:
    if stream in EVENT_KINDS:
        return list(event_rows(account, stream))
    return list(issue_rows(account) if stream == "issue" else member_rows(account))


def _current(expression: str) -> datetime.datetime:
    moment = clock.now()
    months = seconds = 0
    for sign, amount, unit in _SHIFT.findall(expression[len("current") :]):
        value = int(amount) * (1 if sign == "+" else -1)
        if unit in ("year", "month"):
            months += value * (12 if unit == "year" else 1)
        else:
            seconds += value * _SECONDS[unit]
    total = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(total, 12)
    day = min(moment.day, _days_in(year, month + 1))
    return moment.replace(year=year, month=month + 1, day=day) + datetime.timedelta(seconds=seconds)


def _days_in(year: int, month: int) -> int:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return (following - datetime.timedelta(days=1)).day


def _constant(value: Any, item: Item) -> Any:
    if isinstance(value, str) and value.strip().startswith("current"):
        precision = item.field.partition(":")[2] if item.field else ""
        text = clock.to_wire(_current(value.strip()))
        if precision:
            from .stat_fields import with_precision

            return with_precision(clock.from_wire(text), precision)
        return text
    return value


def _compare(left: Any, op: str, right: Any) -> bool:
    if op == "is_null":
        return left is None
    if op == "!is_null":
        return left is not None
    if op in ("in", "!in"):
        inside = str(left) in {str(v) for v in right} if left is not None else False
        return inside == (op == "in")
    if left is None:
        return False
    if isinstance(left, int | float) and not isinstance(right, int | float):
        try:
            right = float(right)
        except (TypeError, ValueError):
            left = str(left)
    elif isinstance(left, str):
        right = str(right)
    checks: dict[str, Callable[[Any, Any], bool]] = {
        "==": lambda a, b: a == b,
        "!=": lambda a, b: a != b,
        "<": lambda a, b: a < b,
        "<=": lambda a, b: a <= b,
        ">": lambda a, b: a > b,
        ">=": lambda a, b: a >= b,
    }
    return checks[op](left, right)


def _aggregate(item: Item, values: list[Any]) -> Any:
    if item.field is None:
        return len(values)
    present = [v for v in values if v is not None]
    if item.unique:
        present = list(dict.fromkeys(present))
    if item.function == "count":
        return len(present)
    if not present:
        return None
    if item.function in ("max", "min"):
        return max(present) if item.function == "max" else min(present)
    numbers = [float(v) for v in present]
    results: dict[str, Callable[[], float]] = {
        "avg": lambda: statistics.fmean(numbers),
        "sum": lambda: sum(numbers),
        "range": lambda: max(numbers) - min(numbers),
        "stdev": lambda: statistics.pstdev(numbers),
        "variance": lambda: statistics.pvariance(numbers),
    }
    result = results[item.function or "sum"]()
    return int(result) if result == int(result) else result


def _refuse_broken_rules(params: dict[str, Any]) -> None:
    """Like a strict server: every error of the document's rules (the client package's query
    checker: fields of the catalogue, precisions, functions, operators, values) is refused at
    once; its warnings are not."""
    query = StatUni.from_wire({k: v for k, v in params.items() if k in QUERY_KEYS})
    errors = [str(p) for p in query.problems() if p.severity == "error"]
    if errors:
        raise invalid(errors)


class Query:
    """One `stat.uni` request over one account."""

    def __init__(self, account: Account, params: dict[str, Any]) -> None:
        _refuse_broken_rules(params)
        self.account = account
        self.select = [Item.parse(text) for text in params.get("select") or []]
        if not self.select:
            raise invalid("select: at least one field")
        self.unique_rows = any(i.text.replace(" ", "") == "unique(*)" for i in self.select)
        self.select = [i for i in self.select if i.text.replace(" ", "") != "unique(*)"]
        self.filters = [(Item.parse(f["a"]), f) for f in params.get("filter") or []]
        self.order = [text.strip() for text in params.get("order") or []]
        # the document lets `order` name any field or function, selected or not: the others are
        # computed as hidden columns, used for sorting and dropped from the answer
        shown = {item.text for item in self.select}
        self.hidden = [
            Item.parse(name)
            for name in dict.fromkeys(text.lstrip("+-").strip() for text in self.order)
            if name not in shown
        ]
        self.columns = [*self.select, *self.hidden]
        self.skip = int(params.get("skip", 0))
        self.first = params.get("first")
        self.stream = _stream([*self.columns, *(item for item, _ in self.filters)])
        self.group_names = {g.id: g.name for g in account.groups.values()}

    def _value(self, row: Row, item: Item) -> Any:
        return field_value(row, item.field or "", self.group_names) if item.field else 1

    def _row_filter(self, row: Row) -> bool:
        return all(
            _compare(self._value(row, item), f["op"], _constant(f.get("v"), item))
            for item, f in self.filters
            if item.function is None
        )

    def rows(self) -> list[list[Any]]:
        rows = [row for row in _rows(self.account, self.stream) if self._row_filter(row)]
        if any(item.function for item in self.columns):
            table = self._grouped(rows)
        else:
            table = [[self._value(row, item) for item in self.columns] for row in rows]
        shown = len(self.select)
        table = [row[:shown] for row in self._sorted(table)]
        if self.unique_rows:
            table = [list(t) for t in dict.fromkeys(tuple(r) for r in table)]
        end = None if self.first is None else self.skip + int(self.first)
        return table[self.skip : end]

    def _grouped(self, rows: list[Row]) -> list[list[Any]]:
        keys = [item for item in self.columns if item.function is None]
        groups: dict[tuple[Any, ...], list[Row]] = {}
        for row in rows:
            groups.setdefault(tuple(self._value(row, k) for k in keys), []).append(row)
        if not keys and not groups:
            groups[()] = []
        having = [(item, f) for item, f in self.filters if item.function is not None]
        out: list[list[Any]] = []
        for key, members in groups.items():
            values = {
                item.text: _aggregate(item, [self._value(r, item) for r in members])
                for item in [*self.columns, *(i for i, _ in having)]
                if item.function
            }
            if not all(_compare(values[i.text], f["op"], f.get("v")) for i, f in having):
                continue
            plain = iter(key)
            out.append([values[i.text] if i.function else next(plain) for i in self.columns])
        return out

    def _sorted(self, table: list[list[Any]]) -> list[list[Any]]:
        names = [item.text for item in self.columns]
        for text in reversed(self.order):
            descending, name = text.startswith("-"), text.lstrip("+-").strip()
            column = names.index(name)
            table.sort(
                key=lambda r: (r[column] is None, r[column] if r[column] is not None else 0),
                reverse=descending,
            )
        return table


def matching_addresses(account: Account, filters: list[dict[str, Any]]) -> set[str]:
    """The addresses a `stat.uni` filter selects (the group filter's `stat.uni` condition)."""
    items = [Item.parse(f["a"]) for f in filters]
    stream = _stream(items)
    prefix = f"{stream}.member.email" if stream in EVENT_KINDS else "member.email"
    query = Query(account, {"select": [prefix], "filter": filters})
    return {row[0] for row in query.rows() if isinstance(row[0], str)}


__all__ = ["Query", "SendsayError", "matching_addresses"]
