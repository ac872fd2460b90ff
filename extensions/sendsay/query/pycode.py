"""Python source that rebuilds a query with the builder: `StatUni.from_wire(d).to_python()`.

Used to migrate string queries to the typed builder and to write the reference docs. What the
builder cannot express (a broken item, an undocumented form) is written as a call of the
parser, so the source always rebuilds exactly the same query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._field_tree import LEAVES
from ._vocab import PRECISIONS, resolve_field
from .expr import (
    Aggregate,
    Compare,
    Condition,
    Field,
    KindRef,
    Membership,
    Nullness,
    OrderItem,
    RawText,
    SelectItem,
    UniqueAll,
)
from .time_expr import TimeExpr

if TYPE_CHECKING:
    from .statuni import StatUni

_METHODS = {"==": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge"}


def field_code(f: Field) -> str:
    """`F.click.dt.YM`, or `field("name")` for names outside the tree."""
    code = LEAVES.get(f.name)
    if code is None:
        args = repr(f.name) + (f", {f.precision!r}" if f.precision is not None else "")
        return f"field({args})"
    if f.precision is None:
        return code
    info = resolve_field(f.name)
    if info is not None and info.is_date and f.precision in PRECISIONS:
        return f"{code}.{f.precision}"
    return f"field({f.name!r}, {f.precision!r})"


def item_code(item: SelectItem) -> str | None:
    """Builder source for a select item, or None when only the parser can read it."""
    if isinstance(item, Field):
        return field_code(item)
    if isinstance(item, UniqueAll):
        return "A.unique()"
    if isinstance(item, RawText):
        return None
    arg = item.arg
    if item.func == "count" and arg is None and not item.unique:
        return "A.count()"
    if item.func == "count" and isinstance(arg, KindRef):
        node = f"F.{arg.name}"
        return f"A.count({node}, dot_star=True)" if arg.dot_star else f"A.count({node})"
    if not isinstance(arg, Field):
        return None
    if item.func == "count":
        return f"A.count_unique({field_code(arg)})" if item.unique else None
    unique = ", unique=True" if item.unique else ""
    return f"A.{item.func}({field_code(arg)}{unique})"


def select_code(item: SelectItem) -> str:
    return item_code(item) or f"parse_select_item({str(item)!r})"


def order_code(item: OrderItem) -> str:
    inner = item_code(item.expr)
    if inner is None or isinstance(item.expr, UniqueAll):
        return f"parse_order_item({str(item)!r})"
    return {"-": f"{inner}.desc()", "+": f"{inner}.asc()", "": inner}[item.sign]


def value_code(value: Any) -> str:
    if isinstance(value, TimeExpr):
        return value.code()
    if isinstance(value, tuple):
        return "[" + ", ".join(value_code(v) for v in value) + "]"
    return repr(value)


def condition_code(c: Condition) -> str:
    fallback = f"parse_condition({c.to_wire()!r})"
    if isinstance(c, Compare) and c.op in _METHODS:
        a = item_code(c.a) if isinstance(c.a, Field | Aggregate) else None
        return f"{a}.{_METHODS[c.op]}({value_code(c.v)})" if a else fallback
    if isinstance(c, Membership) and isinstance(c.a, Field) and isinstance(c.v, tuple):
        method = "in_" if c.op == "in" else "not_in"
        return f"{field_code(c.a)}.{method}({value_code(c.v)})"
    if isinstance(c, Nullness) and isinstance(c.a, Field) and c.v in (None, ""):
        info = resolve_field(c.a.name)
        if info is None or not info.nullable or c.a.name not in LEAVES:
            return fallback
        method = "is_null" if c.op == "is_null" else "not_null"
        return f"{field_code(c.a)}.{method}({'empty_v=True' if c.v == '' else ''})"
    return fallback


def _list(name: str, items: list[str]) -> str:
    if not items:
        return ""
    inner = "".join(f"        {i},\n" for i in items)
    return f"    {name}=[\n{inner}    ],\n"


def query_code(query: StatUni) -> str:
    """`StatUni(select=[...], order=[...], filter=[...])` as source, one item per line."""
    body = _list("select", [select_code(s) for s in query.select])
    body += _list("order", [order_code(o) for o in query.order])
    body += _list("filter", [condition_code(c) for c in query.filter])
    for name in ("skip", "first"):
        value = getattr(query, name)
        if value is not None:
            body += f"    {name}={value!r},\n"
    return f"StatUni(\n{body})"
