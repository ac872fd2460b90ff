"""The document's rules for stat.uni queries, checked before anything is sent.

Each problem has a stable code, the place (`select[2]`, `filter[0].v`) and a message that says
what the document forbids. Errors stop a request; warnings (forms the document does not
describe, combinations it does not list, filters that can never match) are reported only.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from ._vocab import (
    COMBINATIONS,
    KINDS,
    OBJECTS,
    PRECISIONS,
    SUMMARY,
    Problem,
    catalogue_field_paths,
    precision_problem,
    resolve_field,
)
from .expr import (
    Aggregate,
    Compare,
    Condition,
    Field,
    KindRef,
    Membership,
    OrderItem,
    RawCondition,
    RawText,
    SelectItem,
    UniqueAll,
)
from .time_expr import TimeExpr

_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


@cache
def _known_fields() -> list[str]:
    return sorted(catalogue_field_paths())


def field_problems(f: Field, where: str, *, role: str) -> list[Problem]:
    """Rules of one field: known name, precision, where it may be used.

    role: "select" (an item of select), "argument" (of an aggregate function), "order",
    "filter".
    """
    out: list[Problem] = []
    info = resolve_field(f.name)
    if info is None:
        near = difflib.get_close_matches(f.name, _known_fields(), n=1)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        out.append(
            Problem(
                "unknown-field",
                f"unknown field {f.name!r}: not in the catalogue stat_uni_fields{hint}",
                where,
            )
        )
    if f.precision is not None:
        problem = precision_problem(f.precision)
        if problem:
            out.append(Problem("precision", problem, where))
        elif info is not None and not info.is_date:
            out.append(
                Problem(
                    "precision",
                    f"{f.name} is not a date field: only date fields take a precision"
                    f" (`:{f.precision}`)",
                    where,
                )
            )
        elif info is not None and f.precision not in info.precisions:
            out.append(
                Problem(
                    "precision",
                    f"{f.name} holds a date of precision {info.precision};"
                    f" {f.precision} is beyond it",
                    where,
                )
            )
    if info is not None and info.select_only and role != "select":
        out.append(
            Problem(
                "select-only",
                f"{info.entry} is allowed only as an item of select (the document: for now only"
                " in select, and not an argument of aggregate functions)",
                where,
            )
        )
    return out


def _aggregate_problems(agg: Aggregate, where: str) -> list[Problem]:
    out: list[Problem] = []
    if isinstance(agg.arg, RawText):
        out.append(Problem("syntax", f"{agg.arg.text!r}: {agg.arg.reason}", where))
    elif isinstance(agg.arg, Field):
        out += field_problems(agg.arg, where, role="argument")
        if agg.func == "count" and not agg.unique:
            out.append(
                Problem(
                    "aggregate-form",
                    f"{agg}: count takes `*`, `unique FIELD` or a kind of statistics;"
                    f" count(FIELD) without unique is not documented (count(unique {agg.arg}))",
                    where,
                )
            )
    elif isinstance(agg.arg, KindRef):
        if agg.arg.dot_star:
            out.append(
                Problem(
                    "aggregate-form",
                    f"{agg}: not a documented form (count(*), count(unique FIELD),"
                    f" count(KIND)); read as count({agg.arg.name})",
                    where,
                    "warning",
                )
            )
    elif agg.func != "count":
        out.append(
            Problem(
                "aggregate-form", f"{agg}: only count takes `*`; {agg.func} takes a field", where
            )
        )
    elif agg.unique:
        out.append(
            Problem(
                "aggregate-form",
                f"{agg}: unique goes before a field name (count(unique FIELD));"
                " count(*) counts the rows",
                where,
            )
        )
    return out


def _item_problems(item: SelectItem, where: str, role: str) -> list[Problem]:
    if isinstance(item, RawText):
        return [Problem("syntax", f"{item.text!r}: {item.reason}", where)]
    if isinstance(item, Field):
        return field_problems(item, where, role=role)
    if isinstance(item, Aggregate):
        return _aggregate_problems(item, where)
    if role != "select":
        return [Problem("select-only", "unique(*) is only an item of select", where)]
    return []


def select_problems(items: Sequence[SelectItem]) -> list[Problem]:
    """Each item, then the rules between items of select."""
    out: list[Problem] = []
    for i, item in enumerate(items):
        out += _item_problems(item, f"select[{i}]", "select")
    selected = {f.name: i for i, f in enumerate(items) if isinstance(f, Field)}
    for i, item in enumerate(items):
        arg = item.arg if isinstance(item, Aggregate) else None
        if isinstance(arg, Field) and arg.name in selected:
            j = selected[arg.name]
            out.append(
                Problem(
                    "selected-and-aggregated",
                    f"{arg.name} is both selected (select[{j}] {items[j]}) and an argument of"
                    f" {item}: the document forbids it, even at different precisions",
                    f"select[{i}]",
                )
            )
    unique_all = [i for i, item in enumerate(items) if isinstance(item, UniqueAll)]
    functions = [str(item) for item in items if isinstance(item, Aggregate)]
    for i in unique_all:
        if functions:
            out.append(
                Problem(
                    "unique-all-with-function",
                    f"unique(*) is incompatible with any other function ({', '.join(functions)})",
                    f"select[{i}]",
                )
            )
        if not selected:
            out.append(
                Problem(
                    "unique-all-alone",
                    "unique(*) needs a list of fields (unique(*) alone is wrong)",
                    f"select[{i}]",
                )
            )
    return out


def order_problems(items: Sequence[OrderItem]) -> list[Problem]:
    out: list[Problem] = []
    for i, item in enumerate(items):
        out += _item_problems(item.expr, f"order[{i}]", "order")
    return out


# ------------------------------------------------------------------------------------- filter


def _value_precision(value: str) -> str | None:
    """The precision from the year that a date constant is written in (None: not a date)."""
    for code, info in PRECISIONS.items():
        if info.value_pattern is not None and info.value_pattern.match(value):
            return code
    return None


def _date_value_problems(f: Field, value: Any, where: str) -> list[Problem]:
    info = resolve_field(f.name)
    if info is None or not info.is_date:
        return []
    precision = f.precision or info.precision
    if precision not in PRECISIONS or PRECISIONS[precision].first.code != "Y":
        return []  # the document gives value formats only for precisions from the year
    text = str(value)
    written = _value_precision(text)
    wanted = PRECISIONS[precision]
    if written is None:
        return [
            Problem(
                "value-format",
                f"{text!r} is neither a date constant ({wanted.value_format} for"
                f" {precision}) nor a `current` time expression",
                where,
            )
        ]
    if not PRECISIONS[written].is_real(text):
        return [
            Problem(
                "value-format",
                f"{text!r} is not a real date and time ({PRECISIONS[written].value_format})",
                where,
            )
        ]
    if PRECISIONS[written].last.rank < wanted.last.rank:
        return [
            Problem(
                "value-precision",
                f"{text!r} has less precision ({written}) than {f} ({precision}): the document"
                f" calls a value of smaller precision an error; write {wanted.value_format}",
                where,
            )
        ]
    return []


def _compare_problems(c: Compare, where: str) -> list[Problem]:
    out: list[Problem] = []
    a, v = c.a, c.v
    if isinstance(v, TimeExpr):
        info = resolve_field(a.name) if isinstance(a, Field) else None
        if isinstance(a, Field) and info is not None and not info.is_date:
            out.append(
                Problem(
                    "time-expr",
                    f"{a.name} is not a date field: only date fields compare with `current`",
                    f"{where}.v",
                )
            )
        out += v.problems(f"{where}.v")
        return out
    if not isinstance(v, str | int | float) or isinstance(v, bool):
        return [Problem("value-type", f"{v!r}: a comparison takes a number or a string", where)]
    if isinstance(a, Field):
        return _field_value_problems(a, v, f"{where}.v")
    if isinstance(a, Aggregate) and a.func in ("max", "min") and isinstance(a.arg, Field):
        return _field_value_problems(a.arg, v, f"{where}.v")  # a value of the field itself
    if isinstance(a, Aggregate) and a.func not in ("max", "min") and not _NUMBER.match(str(v)):
        return [Problem("value-type", f"{a} is a number; {v!r} is not one", f"{where}.v")]
    return []


def _field_value_problems(a: Field, v: Any, where: str) -> list[Problem]:
    """Rules of a constant compared with, or listed for, a field: its type and precision."""
    info = resolve_field(a.name)
    if info is not None and info.is_date:
        return _date_value_problems(a, v, where)
    if info is not None and info.type == "int" and not _NUMBER.match(str(v)):
        return [Problem("value-type", f"{a.name} is a number; {v!r} is not one", where)]
    return []


def condition_problems(c: Condition, where: str) -> list[Problem]:
    """Rules of one filter element."""
    if isinstance(c, RawCondition):
        return [Problem("filter-form", f"{c.data!r}: {c.reason}", where)]
    out: list[Problem] = []
    a = c.a
    if isinstance(a, RawText):
        out.append(Problem("syntax", f"{a.text!r}: {a.reason}", f"{where}.a"))
    elif isinstance(a, Field):
        out += field_problems(a, f"{where}.a", role="filter")
    elif isinstance(a, Aggregate):
        out += _aggregate_problems(a, f"{where}.a")
    if isinstance(c, Compare):
        return out + _compare_problems(c, where)
    if not isinstance(a, Field | RawText):
        out.append(
            Problem("filter-attribute", f"{c.op} takes a field name, not a function", f"{where}.a")
        )
    if isinstance(c, Membership):
        if not isinstance(c.v, tuple):
            out.append(Problem("membership-value", f"{c.op} takes a list of values", f"{where}.v"))
        elif isinstance(a, Field):
            for i, item in enumerate(c.v):
                out += _field_value_problems(a, item, f"{where}.v[{i}]")
        return out
    if isinstance(a, Field):
        info = resolve_field(a.name)
        if info is not None and not info.nullable:
            out.append(
                Problem(
                    "is-null-not-nullable",
                    f"{c.op} only applies to fields marked (null); {a.name} is always defined",
                    f"{where}.a",
                )
            )
    if c.v not in (None, ""):
        out.append(
            Problem("null-value", f'for {c.op} `v` must be absent or equal to ""', f"{where}.v")
        )
    return out


def _bound(value: Any) -> tuple[int, float | str] | None:
    """A comparable form of a constant: numbers as numbers, dates by their length and text."""
    if isinstance(value, bool | TimeExpr):
        return None
    text = str(value)
    if _NUMBER.match(text):
        return (0, float(text))
    precision = _value_precision(text)
    return (len(text), text) if precision else None


def _excludes(
    first: tuple[str, tuple[int, float | str]], second: tuple[str, tuple[int, float | str]]
) -> bool:
    """Whether no value satisfies both comparisons (op, bound) of one attribute."""
    lows = [(b, op == ">") for op, b in (first, second) if op in (">", ">=", "==")]
    highs = [(b, op == "<") for op, b in (first, second) if op in ("<", "<=", "==")]
    for (lo, lo_open), (hi, hi_open) in ((x, y) for x in lows for y in highs):
        if lo[0] != hi[0]:
            continue  # a number and a date, or dates of different lengths: not comparable
        if lo[1] > hi[1] or (lo[1] == hi[1] and (lo_open or hi_open)):  # type: ignore[operator]
            return True
    return False


def contradiction_problems(conditions: Sequence[Condition]) -> list[Problem]:
    """Pairs of comparisons on one attribute that no value can satisfy (joined by AND)."""
    seen: dict[str, list[tuple[int, tuple[str, tuple[int, float | str]]]]] = {}
    out: list[Problem] = []
    for i, c in enumerate(conditions):
        bound = _bound(c.v) if isinstance(c, Compare) and c.op != "!=" else None
        if bound is None or not isinstance(c, Compare):
            continue
        key, mine = str(c.a), (c.op, bound)
        for j, other in seen.get(key, []):
            if _excludes(other, mine):
                out.append(
                    Problem(
                        "filter-never-matches",
                        f"filter[{j}] and filter[{i}] on {key} exclude each other: all elements"
                        " of the filter are joined with AND, so it selects nothing",
                        f"filter[{i}]",
                        "warning",
                    )
                )
                break
        seen.setdefault(key, []).append((i, mine))
    return out


def filter_problems(conditions: Sequence[Condition], prefix: str = "filter") -> list[Problem]:
    out: list[Problem] = []
    for i, c in enumerate(conditions):
        out += condition_problems(c, f"{prefix}[{i}]")
    return out + contradiction_problems(conditions)


# ------------------------------------------------------------------------- kinds of statistics


def _scope(f: Field) -> str:
    return f.name.split(".", 1)[0]


def combination_problems(
    select: Sequence[SelectItem], order: Sequence[OrderItem], conditions: Sequence[Condition]
) -> list[Problem]:
    """Which kinds of statistics and objects one request combines."""
    fields: list[Field] = []
    kinds: set[str] = set()
    count_star: list[int] = []
    for i, item in enumerate(select):
        if isinstance(item, Field):
            fields.append(item)
        elif isinstance(item, Aggregate):
            if isinstance(item.arg, Field):
                fields.append(item.arg)
            elif isinstance(item.arg, KindRef):
                kinds.add(item.arg.name)
            elif item.func == "count":
                count_star.append(i)
    for o in order:
        if isinstance(o.expr, Field):
            fields.append(o.expr)
    fields += [
        c.a for c in conditions if not isinstance(c, RawCondition) and isinstance(c.a, Field)
    ]
    scopes = {_scope(f) for f in fields}
    kinds |= scopes & set(KINDS)
    objects = (scopes & set(OBJECTS)) - set(KINDS) - {SUMMARY}
    summary = SUMMARY in scopes
    out: list[Problem] = []
    if len(kinds) > 1:
        listed = ", ".join(sorted(kinds))
        for i, item in enumerate(select):
            if isinstance(item, Field) and _scope(item) in KINDS:
                out.append(
                    Problem(
                        "kinds-summary",
                        f"several kinds of statistics take part ({listed}): select the summary"
                        f" fields `*.…` instead of {item} (the document: summary field names"
                        " are used when several kinds of statistics take part)",
                        f"select[{i}]",
                    )
                )
        for i in count_star:
            out.append(
                Problem(
                    "kinds-summary",
                    f"several kinds of statistics take part ({listed}): count() takes the kind"
                    " it counts, e.g. count(click) (the document: the scope of the function is"
                    " given by its argument)",
                    f"select[{i}]",
                )
            )
    if not kinds and not objects and not summary:
        return out
    for combo in COMBINATIONS:
        if kinds <= combo.kinds and objects <= combo.objects and (combo.summary or not summary):
            return out
    documented = "; ".join(c.name for c in COMBINATIONS)
    used = ", ".join(sorted(kinds | objects | ({"*"} if summary else set())))
    out.append(
        Problem(
            "combination-undocumented",
            f"this request combines {used}; the document's list of combinations is lost and"
            f" its examples only combine: {documented}",
            "",
            "warning",
        )
    )
    return out


def query_problems(
    select: Sequence[SelectItem], order: Sequence[OrderItem], conditions: Sequence[Condition]
) -> list[Problem]:
    """Every rule of a whole stat.uni query."""
    return [
        *select_problems(select),
        *order_problems(order),
        *filter_problems(conditions),
        *combination_problems(select, order, conditions),
    ]


__all__ = [
    "combination_problems",
    "condition_problems",
    "field_problems",
    "filter_problems",
    "query_problems",
    "select_problems",
]
