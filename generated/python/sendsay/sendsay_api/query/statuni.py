"""A whole stat.uni query: build it, check it, send it, or read an existing one back.

    query = StatUni(
        select=[F.click.dt.YD, A.count(), A.count_unique(F.click.member.id)],
        order=[F.click.dt.YD.desc()],
        filter=[F.click.dt.ge(current(months=-1, days=4))],
    )
    answer = client.stat.uni(**query.kwargs(), first=100)

`kwargs()` checks the query first and raises `QueryError` listing every error; it returns the
keyword arguments of `client.stat.uni` as a TypedDict, so mypy checks the call.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict

from .._runtime.codec import Issue
from ._vocab import Problem, QueryError
from .check import query_problems
from .expr import Aggregate, Condition, Field, OrderItem, SelectItem
from .parse import parse_condition, parse_order_item, parse_select_item
from .pycode import query_code

QUERY_KEYS = ("skip", "first", "select", "order", "filter")


class StatUniArgs(TypedDict, total=False):
    """The query's keyword arguments of `client.stat.uni` (wire names equal Python names)."""

    skip: int
    first: int
    select: list[str]
    order: list[str]
    filter: list[dict[str, object]]  # object, not Any: mypy then picks the precise overload


def _order_item(item: OrderItem | Field | Aggregate) -> OrderItem:
    return item if isinstance(item, OrderItem) else OrderItem(item)


@dataclass(frozen=True, init=False)
class StatUni:
    """The query part of a stat.uni request: select, order, filter, skip and first."""

    select: tuple[SelectItem, ...]
    order: tuple[OrderItem, ...]
    filter: tuple[Condition, ...]
    skip: int | None
    first: int | None
    keys: tuple[str, ...] = field(compare=False)  # the wire keys, in the order to write them

    def __init__(
        self,
        *,
        select: Iterable[SelectItem] = (),
        order: Iterable[OrderItem | Field | Aggregate] = (),
        filter: Iterable[Condition] = (),
        skip: int | None = None,
        first: int | None = None,
        keys: Iterable[str] | None = None,
    ) -> None:
        """A query; order items may be given bare (ascending, written without a sign)."""
        values = {
            "select": tuple(select),
            "order": tuple(_order_item(o) for o in order),
            "filter": tuple(filter),
            "skip": skip,
            "first": first,
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)
        present = [k for k in QUERY_KEYS if values[k] not in ((), None)]
        object.__setattr__(self, "keys", tuple(keys) if keys is not None else tuple(present))

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> StatUni:
        """Read the query keys of a stat.uni request, keeping every spelling and the key order.

        Raises ValueError for keys that are not part of the query (cache, result, email...:
        give those to `client.stat.uni` directly) and for lists that are not lists.
        """
        extra = [k for k in data if k not in QUERY_KEYS]
        if extra:
            raise ValueError(
                f"StatUni.from_wire: {', '.join(map(repr, extra))} not a query key"
                f" ({', '.join(QUERY_KEYS)}); pass them to client.stat.uni(...) itself"
            )
        for key in ("select", "order", "filter"):
            if key in data and not isinstance(data[key], list):
                raise ValueError(f"StatUni.from_wire: {key} must be a list, got {data[key]!r}")
        for key in ("select", "order"):
            bad = [x for x in data.get(key, ()) if not isinstance(x, str)]
            if bad:
                raise ValueError(f"StatUni.from_wire: {key} holds strings, got {bad[0]!r}")
        return cls(
            select=[parse_select_item(s) for s in data.get("select", ())],
            order=[parse_order_item(s) for s in data.get("order", ())],
            filter=[parse_condition(c) for c in data.get("filter", ())],
            skip=data.get("skip"),
            first=data.get("first"),
            keys=tuple(data),
        )

    @classmethod
    def from_json(cls, text: str) -> StatUni:
        """`from_wire` of a JSON object (e.g. copied from the document or a log)."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError(
                f"StatUni.from_json: expected a JSON object, got {type(data).__name__}"
            )
        return cls.from_wire(data)

    def to_wire(self) -> dict[str, Any]:
        """The query as the API takes it (not checked: see `problems` and `kwargs`)."""
        wire: dict[str, Any] = {
            "select": [str(s) for s in self.select],
            "order": [str(o) for o in self.order],
            "filter": [c.to_wire() for c in self.filter],
            "skip": self.skip,
            "first": self.first,
        }
        keys = list(self.keys) + [k for k in QUERY_KEYS if k not in self.keys]
        return {k: wire[k] for k in keys if k in self.keys or wire[k] not in ([], None)}

    def to_json(self, indent: int | None = None) -> str:
        """`to_wire` as JSON text (non-ASCII kept as is)."""
        return json.dumps(self.to_wire(), ensure_ascii=False, indent=indent)

    def problems(self) -> list[Problem]:
        """Every breach of the document's rules: errors and warnings."""
        return query_problems(self.select, self.order, self.filter)

    def check(self) -> list[Problem]:
        """Raise QueryError if the query breaks a rule; return the warnings otherwise."""
        found = self.problems()
        errors = [p for p in found if p.severity == "error"]
        if errors:
            raise QueryError(errors)
        return found

    def kwargs(self) -> StatUniArgs:
        """The checked query as keyword arguments: `client.stat.uni(**query.kwargs())`."""
        self.check()
        wire = self.to_wire()
        args = StatUniArgs()
        if "select" in wire:
            args["select"] = wire["select"]
        if "order" in wire:
            args["order"] = wire["order"]
        if "filter" in wire:
            args["filter"] = wire["filter"]
        if self.skip is not None:
            args["skip"] = self.skip
        if self.first is not None:
            args["first"] = self.first
        return args

    def to_python(self) -> str:
        """Python source that builds this query with the builder (for docs and migration)."""
        return query_code(self)


def request_issues(params: Mapping[str, Any]) -> list[Issue]:
    """The errors of the query rules in a `stat.uni` request whose types the spec's checks
    passed, as issues of the request: the client's checker and the emulator report them alike."""
    query = StatUni.from_wire({k: v for k, v in params.items() if k in QUERY_KEYS})
    return [
        Issue(
            p.where, f"a query by the stat.uni rules: {p.message} [{p.code}]", _at(params, p.where)
        )
        for p in query.problems()
        if p.severity == "error"
    ]


def _at(params: Mapping[str, Any], where: str) -> Any:
    """The value at a problem's place (`filter[0].v`), or the whole query part it names."""
    value: Any = params
    for step in re.findall(r"[^.\[\]]+", where):
        if isinstance(value, list) and step.isdigit() and int(step) < len(value):
            value = value[int(step)]
        elif isinstance(value, Mapping) and step in value:
            value = value[step]
        else:
            break
    return value
