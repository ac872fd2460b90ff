"""The pieces of a stat.uni query: field references, aggregate functions, sort items, conditions.

Every piece renders to exactly the string or JSON object the API takes (`str(piece)` or
`piece.to_wire()`) and back (`parser`). Builders that know a rule break at once raise
`QueryError` (a bad precision given to `.at()`); the rules between pieces are checked by
`StatUni.problems()`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal, overload

from ._vocab import PRECISIONS, Problem, QueryError, precision_problem, resolve_field
from .time_expr import TimeExpr, format_date

PrecisionCode = Literal[
    "YY",
    "YM",
    "YD",
    "Yh",
    "Ym",
    "Ys",
    "MM",
    "MD",
    "Mh",
    "Mm",
    "Ms",
    "DD",
    "Dh",
    "Dm",
    "Ds",
    "hh",
    "hm",
    "hs",
    "mm",
    "ms",
    "ss",
]
CompareOp = Literal["==", "!=", "<", "<=", ">", ">="]
MembershipOp = Literal["in", "!in"]
NullnessOp = Literal["is_null", "!is_null"]
OrderSign = Literal["", "+", "-"]
Scalar = str | int | float
Value = str | int | float | TimeExpr | date


@dataclass(frozen=True)
class RawText:
    """An item that does not read as the language's grammar, kept verbatim for the checker."""

    text: str
    reason: str

    def __str__(self) -> str:
        return self.text

    def code(self) -> str:
        return f"raw({self.text!r})"


class Node:
    """Base of the typed field tree `F` (module fields): an object reached by a name prefix."""

    _is_kind = False

    def __init__(self, prefix: str) -> None:
        self._prefix = prefix

    def _path(self, name: str) -> str:
        return f"{self._prefix}.{name}"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._prefix}.*>"


class KindNode(Node):
    """A kind of statistics (click, read, deliv, deliv_ok...): also the argument of count()."""

    _is_kind = True


class _Comparable:
    """Comparison builders shared by fields and aggregate functions (`filter` element `a`)."""

    def _target(self) -> FieldRef | Aggregate:
        raise NotImplementedError

    def _value(self, value: Value) -> Scalar | TimeExpr:
        if isinstance(value, date):
            moment = value if isinstance(value, datetime) else datetime(*value.timetuple()[:3])
            return format_date(moment, self._date_precision())
        return value

    def _date_precision(self) -> str:
        raise QueryError([Problem("value-type", f"{self} is not a date; give a number or string")])

    def compare(self, op: CompareOp, value: Value) -> Compare:
        """`{"a": self, "op": op, "v": value}`; a date/datetime is written in the field's format."""
        return Compare(self._target(), op, self._value(value))

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
        """Ascending sort item: `+field` (or `field` with explicit=False)."""
        return OrderItem(self._target(), "+" if explicit else "")

    def desc(self) -> OrderItem:
        """Descending sort item: `-field`."""
        return OrderItem(self._target(), "-")


@dataclass(frozen=True)
class FieldRef(_Comparable):
    """A field name with an optional date precision: `click.dt:YM`, `member.email`."""

    name: str
    precision: str | None = None

    def __str__(self) -> str:
        return self.name if self.precision is None else f"{self.name}:{self.precision}"

    def _target(self) -> FieldRef:
        return self

    def at(self, precision: str) -> FieldRef:
        """The same field with a date precision given as a string (checked at once)."""
        problem = precision_problem(precision)
        if problem:
            raise QueryError([Problem("precision", problem, str(self))])
        return field(self.name, precision)

    def _date_precision(self) -> str:
        info = resolve_field(self.name)
        precision = self.precision or (info.precision if info else None)
        if precision is None or precision not in PRECISIONS:
            return super()._date_precision()
        return precision

    def in_(self, values: Iterable[Scalar]) -> Membership:
        """`in`: the value is in the list."""
        return Membership(self, "in", tuple(values))

    def not_in(self, values: Iterable[Scalar]) -> Membership:
        """`!in`: the value is not in the list."""
        return Membership(self, "!in", tuple(values))

    def is_null(self, *, empty_v: bool = False) -> Nullness:
        """`is_null` (only fields marked null); empty_v sends `"v": ""` instead of no `v`."""
        return Nullness(self, "is_null", "" if empty_v else None)

    def not_null(self, *, empty_v: bool = False) -> Nullness:
        """`!is_null` (only fields marked null); empty_v sends `"v": ""` instead of no `v`."""
        return Nullness(self, "!is_null", "" if empty_v else None)

    def code(self) -> str:
        from .fields import field_code

        return field_code(self)


class _PrecisionAttr:
    """`F.click.dt.YM`: the date field at a precision (attribute names are the document's codes)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.code = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _PrecisionAttr: ...
    @overload
    def __get__(self, obj: DateFieldRef, owner: type | None = None) -> DateFieldRef: ...
    def __get__(
        self, obj: DateFieldRef | None, owner: type | None = None
    ) -> DateFieldRef | _PrecisionAttr:
        if obj is None:
            return self
        return DateFieldRef(obj.name, self.code)


@dataclass(frozen=True)
class DateFieldRef(FieldRef):
    """A date field; its attributes YY, YM, ..., ss give it a precision (`dt:YM`)."""

    YY = _PrecisionAttr()
    YM = _PrecisionAttr()
    YD = _PrecisionAttr()
    Yh = _PrecisionAttr()
    Ym = _PrecisionAttr()
    Ys = _PrecisionAttr()
    MM = _PrecisionAttr()
    MD = _PrecisionAttr()
    Mh = _PrecisionAttr()
    Mm = _PrecisionAttr()
    Ms = _PrecisionAttr()
    DD = _PrecisionAttr()
    Dh = _PrecisionAttr()
    Dm = _PrecisionAttr()
    Ds = _PrecisionAttr()
    hh = _PrecisionAttr()
    hm = _PrecisionAttr()
    hs = _PrecisionAttr()
    mm = _PrecisionAttr()
    ms = _PrecisionAttr()
    ss = _PrecisionAttr()


def field(name: str, precision: str | None = None) -> FieldRef:
    """A field by its name as a string (for names only known at run time); not checked here.

    Date fields of the catalogue come back as DateFieldRef. Prefer the typed tree `F`.
    """
    info = resolve_field(name)
    if info is not None and info.is_date:
        return DateFieldRef(name, precision)
    return FieldRef(name, precision)


@dataclass(frozen=True)
class KindRef:
    """A kind of statistics as the argument of `count(KIND)`: `count(click)`."""

    name: str
    dot_star: bool = False  # written `deliv.*` (the document's examples of stat.issue.delivering)

    def __str__(self) -> str:
        return self.name + (".*" if self.dot_star else "")


@dataclass(frozen=True)
class Aggregate(_Comparable):
    """An aggregate function: `count(*)`, `count(unique f)`, `count(click)`, `max(f)`..."""

    func: str
    arg: FieldRef | KindRef | RawText | None  # None is `*`
    unique: bool = False

    def __str__(self) -> str:
        arg = "*" if self.arg is None else str(self.arg)
        return f"{self.func}({'unique ' if self.unique else ''}{arg})"

    def _target(self) -> Aggregate:
        return self

    def _date_precision(self) -> str:
        if isinstance(self.arg, FieldRef) and self.func in ("max", "min"):
            return self.arg._date_precision()
        return super()._date_precision()

    def code(self) -> str:
        if self.func == "count" and self.arg is None and not self.unique:
            return "A.count()"
        if self.func == "count" and isinstance(self.arg, KindRef):
            star = ", dot_star=True" if self.arg.dot_star else ""
            return f"A.count(F.{self.arg.name}{star})"
        if self.func == "count" and self.unique and isinstance(self.arg, FieldRef):
            return f"A.count_unique({self.arg.code()})"
        if self.func in FUNCTION_NAMES and isinstance(self.arg, FieldRef):
            unique = ", unique=True" if self.unique else ""
            return f"A.{self.func}({self.arg.code()}{unique})"
        return f"raw({str(self)!r})"


FUNCTION_NAMES = ("max", "min", "avg", "sum", "range", "stdev", "variance")


@dataclass(frozen=True)
class UniqueAll:
    """`unique(*)`: only distinct rows of the selected fields (with no other function)."""

    def __str__(self) -> str:
        return "unique(*)"

    def code(self) -> str:
        return "A.unique()"


SelectItem = FieldRef | Aggregate | UniqueAll | RawText


@dataclass(frozen=True)
class OrderItem:
    """A sort item: `-` descending, `+` or nothing ascending."""

    expr: FieldRef | Aggregate | UniqueAll | RawText
    sign: OrderSign = ""

    def __str__(self) -> str:
        return f"{self.sign}{self.expr}"

    def code(self) -> str:
        inner = self.expr.code()
        if self.sign == "-":
            return (
                f"{inner}.desc()" if not isinstance(self.expr, RawText) else f"raw({str(self)!r})"
            )
        if self.sign == "+":
            return f"{inner}.asc()" if not isinstance(self.expr, RawText) else f"raw({str(self)!r})"
        return inner


def _wire_value(value: Any) -> Any:
    if isinstance(value, TimeExpr):
        return str(value)
    if isinstance(value, tuple):
        return [_wire_value(v) for v in value]
    return value


def _code_value(value: Any) -> str:
    if isinstance(value, TimeExpr):
        return value.code()
    if isinstance(value, tuple):
        return "[" + ", ".join(_code_value(v) for v in value) + "]"
    return repr(value)


@dataclass(frozen=True)
class Compare:
    """`{"a": field or function, "op": "==" | "!=" | "<" | "<=" | ">" | ">=", "v": value}`."""

    a: FieldRef | Aggregate | RawText
    op: str
    v: Any

    def to_wire(self) -> dict[str, Any]:
        return {"a": str(self.a), "op": self.op, "v": _wire_value(self.v)}

    def code(self) -> str:
        names = {"==": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge"}
        if isinstance(self.a, RawText) or self.op not in names:
            return f"raw_condition({self.to_wire()!r})"
        return f"{self.a.code()}.{names[self.op]}({_code_value(self.v)})"


@dataclass(frozen=True)
class Membership:
    """`{"a": field, "op": "in" | "!in", "v": [values]}`."""

    a: FieldRef | Aggregate | RawText
    op: str
    v: Any

    def to_wire(self) -> dict[str, Any]:
        return {"a": str(self.a), "op": self.op, "v": _wire_value(self.v)}

    def code(self) -> str:
        if not isinstance(self.a, FieldRef) or not isinstance(self.v, tuple):
            return f"raw_condition({self.to_wire()!r})"
        method = "in_" if self.op == "in" else "not_in"
        return f"{self.a.code()}.{method}({_code_value(self.v)})"


@dataclass(frozen=True)
class Nullness:
    """`{"a": field, "op": "is_null" | "!is_null"}` (`v` absent or "")."""

    a: FieldRef | Aggregate | RawText
    op: str
    v: Any = None  # None: no "v" key

    def to_wire(self) -> dict[str, Any]:
        wire: dict[str, Any] = {"a": str(self.a), "op": self.op}
        if self.v is not None:
            wire["v"] = self.v
        return wire

    def code(self) -> str:
        if not isinstance(self.a, FieldRef) or self.v not in (None, ""):
            return f"raw_condition({self.to_wire()!r})"
        method = "is_null" if self.op == "is_null" else "not_null"
        return f"{self.a.code()}.{method}({'empty_v=True' if self.v == '' else ''})"


@dataclass(frozen=True)
class RawCondition:
    """A filter element that is not one of the three forms (kept verbatim for the checker)."""

    data: Any
    reason: str

    def to_wire(self) -> Any:
        return self.data

    def code(self) -> str:
        return f"raw_condition({self.data!r})"


Condition = Compare | Membership | Nullness | RawCondition


class A:
    """Aggregate functions of select, order and filter (catalogue stat_uni_aggregates)."""

    @staticmethod
    def count(of: KindNode | None = None, *, dot_star: bool = False) -> Aggregate:
        """`count(*)`, or `count(KIND)` for a kind node: `A.count(F.click)` -> `count(click)`.

        dot_star writes `count(deliv.*)`, the form of the document's stat.issue.delivering
        examples (not among the documented forms; the checker warns).
        """
        if of is None:
            return Aggregate("count", None)
        if not isinstance(of, KindNode):
            raise QueryError(
                [
                    Problem(
                        "count-field",
                        "count() takes no argument (count(*)), a kind of statistics"
                        " (A.count(F.click)) or, with A.count_unique(field), a field:"
                        " count(FIELD) without unique is not documented",
                    )
                ]
            )
        return Aggregate("count", KindRef(of._prefix, dot_star))

    @staticmethod
    def count_unique(of: FieldRef) -> Aggregate:
        """`count(unique FIELD)`: the number of distinct values."""
        return Aggregate("count", of, unique=True)

    @staticmethod
    def max(of: FieldRef, *, unique: bool = False) -> Aggregate:
        """`max(FIELD)` / `max(unique FIELD)`"""
        return Aggregate("max", of, unique)

    @staticmethod
    def min(of: FieldRef, *, unique: bool = False) -> Aggregate:
        """`min(FIELD)` / `min(unique FIELD)`"""
        return Aggregate("min", of, unique)

    @staticmethod
    def avg(of: FieldRef, *, unique: bool = False) -> Aggregate:
        """`avg(FIELD)` / `avg(unique FIELD)`"""
        return Aggregate("avg", of, unique)

    @staticmethod
    def sum(of: FieldRef, *, unique: bool = False) -> Aggregate:
        """`sum(FIELD)` / `sum(unique FIELD)`"""
        return Aggregate("sum", of, unique)

    @staticmethod
    def range(of: FieldRef, *, unique: bool = False) -> Aggregate:
        """`range(FIELD)` / `range(unique FIELD)`: maximum minus minimum."""
        return Aggregate("range", of, unique)

    @staticmethod
    def stdev(of: FieldRef, *, unique: bool = False) -> Aggregate:
        """`stdev(FIELD)` / `stdev(unique FIELD)`"""
        return Aggregate("stdev", of, unique)

    @staticmethod
    def variance(of: FieldRef, *, unique: bool = False) -> Aggregate:
        """`variance(FIELD)` / `variance(unique FIELD)`"""
        return Aggregate("variance", of, unique)

    @staticmethod
    def unique() -> UniqueAll:
        """`unique(*)`: distinct rows of the selected fields; needs fields, no other function."""
        return UniqueAll()
