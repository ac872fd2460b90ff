"""The pieces of a stat.uni query: fields, aggregate functions, sort items and filter conditions.

Every piece renders to exactly the string or JSON object the API takes (`str(piece)`,
`condition.to_wire()`); `parse` reads them back. The typed field tree (`F`, generated from the
catalogue into `_field_tree`) builds on the node and field classes defined here. The rules
between pieces are checked by `check` (through `StatUni.problems()`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal, Self, cast

from ._vocab import PRECISIONS, Problem, QueryError, precision_problem, resolve_field
from .time_expr import TimeExpr, format_date

PrecisionCode = Literal[
    "YY", "YM", "YD", "Yh", "Ym", "Ys", "MM", "MD", "Mh", "Mm", "Ms",
    "DD", "Dh", "Dm", "Ds", "hh", "hm", "hs", "mm", "ms", "ss",
]  # fmt: skip
CompareOp = Literal["==", "!=", "<", "<=", ">", ">="]
MembershipOp = Literal["in", "!in"]
NullnessOp = Literal["is_null", "!is_null"]
OrderSign = Literal["", "+", "-"]
Scalar = str | int | float
Value = str | int | float | TimeExpr | date


class Node:
    """An object of the field tree, reached by a name prefix (`click`, `click.issue`)."""

    __slots__ = ("_prefix",)

    def __init__(self, prefix: str) -> None:
        self._prefix = prefix

    def _path(self, name: str) -> str:
        return f"{self._prefix}.{name}" if self._prefix else name

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._prefix}.*>"


class KindNode(Node):
    """A kind of statistics (click, read, deliv, deliv_ok...): also the argument of count()."""

    __slots__ = ()

    @property
    def kind(self) -> str:
        """The name of the kind, as `count(KIND)` writes it."""
        return self._prefix


@dataclass(frozen=True)
class RawText:
    """An item that does not read as the language's grammar, kept verbatim for the checker."""

    text: str
    reason: str

    def __str__(self) -> str:
        return self.text


class Operand:
    """What a filter compares and an order sorts: a field or an aggregate function."""

    __slots__ = ()

    def _date_precision(self) -> str | None:
        """The precision of a date operand (for writing date values), None if not a date."""
        return None

    def _value(self, value: Value) -> Scalar | TimeExpr:
        if isinstance(value, date):
            precision = self._date_precision()
            if precision is None or PRECISIONS[precision].value_format is None:
                problem = Problem(
                    "value-type",
                    f"{self} takes no date value: give a number or a string (a date is written"
                    " in the format of a precision from the year: YY, YM, YD, Yh, Ym, Ys)",
                    str(self),
                )
                raise QueryError([problem])
            moment = value if isinstance(value, datetime) else datetime(*value.timetuple()[:3])
            return format_date(moment, precision)
        return value

    def compare(self, op: CompareOp, value: Value) -> Compare:
        """`{"a": self, "op": op, "v": value}`; a date is written in the operand's format."""
        return Compare(self, op, self._value(value))

    def eq(self, value: Value) -> Compare:
        """`==`"""
        return self.compare("==", value)

    def ne(self, value: Value) -> Compare:
        """`!=`"""
        return self.compare("!=", value)

    def lt(self, value: Value) -> Compare:
        """`<`"""
        return self.compare("<", value)

    def le(self, value: Value) -> Compare:
        """`<=`"""
        return self.compare("<=", value)

    def gt(self, value: Value) -> Compare:
        """`>`"""
        return self.compare(">", value)

    def ge(self, value: Value) -> Compare:
        """`>=`"""
        return self.compare(">=", value)

    def asc(self, *, explicit: bool = True) -> OrderItem:
        """Ascending sort item: `+item` (or the bare `item` with explicit=False)."""
        return OrderItem(self._item(), "+" if explicit else "")

    def desc(self) -> OrderItem:
        """Descending sort item: `-item`."""
        return OrderItem(self._item(), "-")

    def _item(self) -> Field | Aggregate:
        return cast("Field | Aggregate", self)  # the only two kinds of operand


@dataclass(frozen=True)
class Field(Operand):
    """A field name with an optional date precision: `member.email`, `click.dt:YM`."""

    name: str
    precision: str | None = None

    def __str__(self) -> str:
        return self.name if self.precision is None else f"{self.name}:{self.precision}"

    def _date_precision(self) -> str | None:
        info = resolve_field(self.name)
        if info is None or not info.is_date:
            return None
        return self.precision or info.precision

    def in_(self, values: Iterable[Scalar]) -> Membership:
        """`in`: the value is in the list."""
        return Membership(self, "in", tuple(values))

    def not_in(self, values: Iterable[Scalar]) -> Membership:
        """`!in`: the value is not in the list."""
        return Membership(self, "!in", tuple(values))


@dataclass(frozen=True)
class NullableField(Field):
    """A field marked (null) in the catalogue: it also has `is_null()` and `not_null()`."""

    def is_null(self, *, empty_v: bool = False) -> Nullness:
        """`is_null`; empty_v sends `"v": ""` instead of leaving `v` out (both are allowed)."""
        return Nullness(self, "is_null", "" if empty_v else None)

    def not_null(self, *, empty_v: bool = False) -> Nullness:
        """`!is_null`; empty_v sends `"v": ""` instead of leaving `v` out."""
        return Nullness(self, "!is_null", "" if empty_v else None)


@dataclass(frozen=True)
class DateField(Field):
    """A date field; `.YM`, `.YD`, ... (the document's codes) give it a precision: `dt:YM`."""

    def at(self, precision: PrecisionCode) -> Self:
        """This field at a precision given as a string (checked at once)."""
        problem = precision_problem(precision)
        if problem:
            raise QueryError([Problem("precision", problem, str(self))])
        return dataclasses.replace(self, precision=precision)

    # One property per precision of the catalogue stat_uni_date_precisions (a test checks it).
    @property
    def YY(self) -> Self:
        """Only the year: `dt:YY`."""
        return self.at("YY")

    @property
    def YM(self) -> Self:
        """From year to month: `dt:YM`."""
        return self.at("YM")

    @property
    def YD(self) -> Self:
        """From year to day: `dt:YD`."""
        return self.at("YD")

    @property
    def Yh(self) -> Self:
        """From year to hour: `dt:Yh`."""
        return self.at("Yh")

    @property
    def Ym(self) -> Self:
        """From year to minute: `dt:Ym`."""
        return self.at("Ym")

    @property
    def Ys(self) -> Self:
        """From year to second: `dt:Ys`."""
        return self.at("Ys")

    @property
    def MM(self) -> Self:
        """Only the month: `dt:MM`."""
        return self.at("MM")

    @property
    def MD(self) -> Self:
        """From month to day: `dt:MD`."""
        return self.at("MD")

    @property
    def Mh(self) -> Self:
        """From month to hour: `dt:Mh`."""
        return self.at("Mh")

    @property
    def Mm(self) -> Self:
        """From month to minute: `dt:Mm`."""
        return self.at("Mm")

    @property
    def Ms(self) -> Self:
        """From month to second: `dt:Ms`."""
        return self.at("Ms")

    @property
    def DD(self) -> Self:
        """Only the day: `dt:DD`."""
        return self.at("DD")

    @property
    def Dh(self) -> Self:
        """From day to hour: `dt:Dh`."""
        return self.at("Dh")

    @property
    def Dm(self) -> Self:
        """From day to minute: `dt:Dm`."""
        return self.at("Dm")

    @property
    def Ds(self) -> Self:
        """From day to second: `dt:Ds`."""
        return self.at("Ds")

    @property
    def hh(self) -> Self:
        """Only the hour: `dt:hh`."""
        return self.at("hh")

    @property
    def hm(self) -> Self:
        """From hour to minute: `dt:hm`."""
        return self.at("hm")

    @property
    def hs(self) -> Self:
        """From hour to second: `dt:hs`."""
        return self.at("hs")

    @property
    def mm(self) -> Self:
        """Only the minute: `dt:mm`."""
        return self.at("mm")

    @property
    def ms(self) -> Self:
        """From minute to second: `dt:ms`."""
        return self.at("ms")

    @property
    def ss(self) -> Self:
        """Only the second: `dt:ss`."""
        return self.at("ss")


@dataclass(frozen=True)
class NullableDateField(DateField, NullableField):
    """A date field that may be undefined (`unsub.issue.dt`)."""


@dataclass(frozen=True)
class KindRef:
    """A kind of statistics as the argument of `count(KIND)`: `count(click)`."""

    name: str
    dot_star: bool = False  # written `deliv.*`, as the stat.issue.delivering examples do

    def __str__(self) -> str:
        return self.name + (".*" if self.dot_star else "")


@dataclass(frozen=True)
class Aggregate(Operand):
    """An aggregate function: `count(*)`, `count(unique f)`, `count(click)`, `max(f)`..."""

    func: str
    arg: Field | KindRef | RawText | None  # None is `*`
    unique: bool = False

    def __str__(self) -> str:
        arg = "*" if self.arg is None else str(self.arg)
        return f"{self.func}({'unique ' if self.unique else ''}{arg})"

    def _date_precision(self) -> str | None:
        if isinstance(self.arg, Field) and self.func in ("max", "min"):
            return self.arg._date_precision()
        return None


@dataclass(frozen=True)
class UniqueAll:
    """`unique(*)`: only distinct rows of the selected fields (with no other function)."""

    def __str__(self) -> str:
        return "unique(*)"


SelectItem = Field | Aggregate | UniqueAll | RawText


@dataclass(frozen=True)
class OrderItem:
    """A sort item: `-` descending, `+` or nothing ascending."""

    expr: Field | Aggregate | UniqueAll | RawText
    sign: OrderSign = ""

    def __str__(self) -> str:
        return f"{self.sign}{self.expr}"


def _wire_value(value: Any) -> Any:
    if isinstance(value, TimeExpr):
        return str(value)
    if isinstance(value, tuple):
        return [_wire_value(v) for v in value]
    return value


_DEFAULT_KEYS = ("a", "op", "v")


@dataclass(frozen=True)
class _Binary:
    """A filter element with an operand, an operator and a value."""

    a: Operand | RawText
    op: str
    v: Any
    keys: tuple[str, ...] = dataclasses.field(default=_DEFAULT_KEYS, compare=False)

    def to_wire(self) -> dict[str, Any]:
        """The filter element; keys in the order they were read (a, op, v when built)."""
        wire = {"a": str(self.a), "op": self.op, "v": _wire_value(self.v)}
        return {k: wire[k] for k in self.keys}


class Compare(_Binary):
    """`{"a": field or function, "op": "==" | "!=" | "<" | "<=" | ">" | ">=", "v": value}`."""


class Membership(_Binary):
    """`{"a": field, "op": "in" | "!in", "v": [values]}`."""


@dataclass(frozen=True)
class Nullness:
    """`{"a": field, "op": "is_null" | "!is_null"}` (`v` absent or "")."""

    a: Operand | RawText
    op: str
    v: Any = None  # None: no "v" key
    keys: tuple[str, ...] = dataclasses.field(default=_DEFAULT_KEYS, compare=False)

    def to_wire(self) -> dict[str, Any]:
        """The filter element (without `v` when it is None)."""
        wire: dict[str, Any] = {"a": str(self.a), "op": self.op, "v": self.v}
        return {k: wire[k] for k in self.keys if k != "v" or self.v is not None}


@dataclass(frozen=True)
class RawCondition:
    """A filter element that is not one of the three forms (kept verbatim for the checker)."""

    data: Any
    reason: str

    def to_wire(self) -> Any:
        return self.data


Condition = Compare | Membership | Nullness | RawCondition


def _function(name: str, of: Field, unique: bool) -> Aggregate:
    if not isinstance(of, Field):
        raise QueryError(
            [
                Problem(
                    "aggregate-form", f"{name}() takes a field (e.g. F.issue.members), not {of!r}"
                )
            ]
        )
    return Aggregate(name, of, unique)


class A:
    """Aggregate functions of select, order and filter (catalogue stat_uni_aggregates)."""

    @staticmethod
    def count(of: KindNode | None = None, *, dot_star: bool = False) -> Aggregate:
        """`count(*)`, or `count(KIND)` for a kind: `A.count(F.click)` -> `count(click)`.

        dot_star writes `count(deliv.*)`, the spelling of the document's stat.issue.delivering
        examples (not a documented form: the checker warns).
        """
        if of is None:
            return Aggregate("count", None)
        if not isinstance(of, KindNode):
            raise QueryError(
                [
                    Problem(
                        "aggregate-form",
                        "count() takes nothing (count(*)) or a kind of statistics"
                        " (A.count(F.click)); count of the distinct values of a field is"
                        " A.count_unique(field): count(FIELD) without unique is not documented",
                    )
                ]
            )
        return Aggregate("count", KindRef(of.kind, dot_star))

    @staticmethod
    def count_unique(of: Field) -> Aggregate:
        """`count(unique FIELD)`: the number of distinct values."""
        return _function("count", of, True)

    @staticmethod
    def max(of: Field, *, unique: bool = False) -> Aggregate:
        """`max(FIELD)` / `max(unique FIELD)`"""
        return _function("max", of, unique)

    @staticmethod
    def min(of: Field, *, unique: bool = False) -> Aggregate:
        """`min(FIELD)` / `min(unique FIELD)`"""
        return _function("min", of, unique)

    @staticmethod
    def avg(of: Field, *, unique: bool = False) -> Aggregate:
        """`avg(FIELD)` / `avg(unique FIELD)`"""
        return _function("avg", of, unique)

    @staticmethod
    def sum(of: Field, *, unique: bool = False) -> Aggregate:
        """`sum(FIELD)` / `sum(unique FIELD)`"""
        return _function("sum", of, unique)

    @staticmethod
    def range(of: Field, *, unique: bool = False) -> Aggregate:
        """`range(FIELD)` / `range(unique FIELD)`: maximum minus minimum."""
        return _function("range", of, unique)

    @staticmethod
    def stdev(of: Field, *, unique: bool = False) -> Aggregate:
        """`stdev(FIELD)` / `stdev(unique FIELD)`"""
        return _function("stdev", of, unique)

    @staticmethod
    def variance(of: Field, *, unique: bool = False) -> Aggregate:
        """`variance(FIELD)` / `variance(unique FIELD)`"""
        return _function("variance", of, unique)

    @staticmethod
    def unique() -> UniqueAll:
        """`unique(*)`: distinct rows of the selected fields; needs fields, no other function."""
        return UniqueAll()


def field(name: str, precision: str | None = None) -> Field:
    """A field by its name as a string (for names known only at run time), typed by catalogue.

    Date fields come back as DateField, fields marked (null) as NullableField. The name is not
    checked here (the checker does); prefer the typed tree `F`.
    """
    info = resolve_field(name)
    if info is None:
        return Field(name, precision)
    if info.is_date:
        cls: type[Field] = NullableDateField if info.nullable else DateField
    else:
        cls = NullableField if info.nullable else Field
    return cls(name, precision)
