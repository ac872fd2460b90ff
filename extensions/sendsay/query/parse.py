"""Read the string forms of stat.uni back into builder pieces, keeping every spelling.

`str(parse_select_item(s)) == s` for every string, and `parse_condition(d).to_wire() == d` for
every filter element: what does not read as the grammar is kept as `RawText` /
`RawCondition` with the reason, so that the checker can report it and nothing is lost.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ._vocab import AGGREGATES, KINDS, OPERATORS
from .expr import (
    Aggregate,
    Compare,
    Condition,
    Field,
    KindRef,
    Membership,
    Nullness,
    OrderItem,
    OrderSign,
    RawCondition,
    RawText,
    SelectItem,
    UniqueAll,
    field,
)
from .time_expr import looks_like_time_expr, parse_time_expr

# Looser than the catalogue's grammar on purpose: a precision of any letters is read, so that
# the checker can say what is wrong with it (reversed, unknown) instead of "not a field".
_FIELD = re.compile(r"^(\*|[A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_-]+)*)(?::([A-Za-z]+))?$")
_CALL = re.compile(r"^([a-z]+)\((unique\s+)?(.*)\)$", re.S)
_KIND_ARG = re.compile(r"^([a-z_]+)(\.\*)?$")


def parse_field(text: str) -> Field | RawText:
    """`click.dt:YM` -> the field at that precision; anything else -> RawText with the reason."""
    match = _FIELD.match(text)
    if not match:
        reason = "not a field name (segments of letters, digits, _ and - joined by dots)"
        if text != text.strip():
            reason = "a field name has no spaces around it"
        return RawText(text, reason)
    name = match.group(1) + match.group(2)
    return field(name, match.group(3))


def parse_aggregate(text: str) -> Aggregate | UniqueAll | RawText:
    """`count(*)`, `count(unique f)`, `count(click)`, `max(dt:YD)`, `unique(*)`."""
    match = _CALL.match(text)
    if not match:
        return RawText(text, "not a function call")
    func, unique, arg = match.group(1), bool(match.group(2)), match.group(3)
    if func not in AGGREGATES:
        return RawText(text, f"{func}() is not an aggregate function ({', '.join(AGGREGATES)})")
    if func == "unique":
        if arg == "*" and not unique:
            return UniqueAll()
        return RawText(text, "the function unique takes only `*`: unique(*)")
    if arg == "*":
        return Aggregate(func, None, unique)
    kind = _KIND_ARG.match(arg)
    if func == "count" and not unique and kind and kind.group(1) in KINDS:
        return Aggregate(func, KindRef(kind.group(1), bool(kind.group(2))))
    return Aggregate(func, parse_field(arg), unique)


def parse_select_item(text: str) -> SelectItem:
    """One item of `select`: a field, an aggregate function or `unique(*)`."""
    if "(" in text:
        return parse_aggregate(text)
    return parse_field(text)


def parse_order_item(text: str) -> OrderItem:
    """One item of `order`: an optional sign (`-` descending, `+` ascending), then an item."""
    sign: OrderSign = "+" if text[:1] == "+" else "-" if text[:1] == "-" else ""
    return OrderItem(parse_select_item(text[len(sign) :]), sign)


def parse_attribute(text: Any) -> Field | Aggregate | RawText:
    """The `a` of a filter element: a field or an aggregate function."""
    if not isinstance(text, str):
        return RawText(repr(text), "the attribute `a` is a string")
    item = parse_select_item(text)
    if isinstance(item, UniqueAll):
        return RawText(text, "unique(*) is only an item of select")
    return item


def _value(value: Any) -> Any:
    if looks_like_time_expr(value):
        try:
            return parse_time_expr(value)
        except ValueError:
            return value
    return value


def parse_condition(data: Any) -> Condition:
    """One element of `filter` (`{"a": ..., "op": ..., "v": ...}`), keeping the key order."""
    if not isinstance(data, Mapping):
        return RawCondition(data, "a filter element is an object {a, op, v}")
    keys = tuple(data)
    extra = [k for k in keys if k not in ("a", "op", "v")]
    if extra or "a" not in data or "op" not in data:
        return RawCondition(dict(data), "a filter element has the keys a, op and v only")
    op = data["op"]
    info = OPERATORS.get(op) if isinstance(op, str) else None
    if info is None:
        return RawCondition(dict(data), f"{op!r} is not a filter operation")
    a = parse_attribute(data["a"])
    if info["kind"] == "nullness":
        return Nullness(a, op, data.get("v"), keys)
    if "v" not in data:
        return RawCondition(dict(data), f"the operation {op} needs a value `v`")
    v = data["v"]
    if info["kind"] == "membership":
        return Membership(a, op, tuple(v) if isinstance(v, list) else v, keys)
    return Compare(a, op, _value(v), keys)


__all__ = [
    "parse_aggregate",
    "parse_attribute",
    "parse_condition",
    "parse_field",
    "parse_order_item",
    "parse_select_item",
]
