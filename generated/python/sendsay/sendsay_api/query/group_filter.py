"""Group filters: typed constructors for every `which` element, AND / OR / brackets, checks.

    vip = (
        G.int_compare("<=", "member", "error", 2)
        & G.any("personal", "region", ["RU01", "RU13", "RU40"])
        & G.month_day_now("personal", "birthday", shift=1)
        & (G.member_of("abc") | G.member_of("xyz"))
    )
    client.group.filter_set(id="vip", filter=vip.for_set())

`&` and `|` join conditions; mixing them wraps the left side in brackets (`group`), so the
filter never depends on a precedence the document tells not to assume. A filter read from
`group.filter.get` keeps the names it adds (`aid.name`, `qid.name`, `pid.name`, the values of
the `resp` hash); `for_set()` drops them, as `group.filter.set` ignores them anyway.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias, cast

from ._vocab import WHICH, Problem, QueryError
from .check import combination_problems, filter_problems
from .expr import Condition as StatUniCondition
from .parse import parse_condition

IntOp = Literal["!=", "==", "<", "<=", ">=", ">"]
NowWhich = Literal["nowy", "nowm", "nowd"]
DateNowWhich = Literal["dtnow", "dtnowne", "dtnowlt", "dtnowle", "dtnowge", "dtnowgt"]
StringWhich = Literal["ne", "eq", "lt", "le", "ge", "gt"]
SubstringWhich = Literal["has", "nhas", "beg", "nbeg", "end", "nend"]
JoinWhich = Literal["AND", "OR"]
_DOCUMENT_SPELLINGS = {"reps": "resp", "=>": ">=", "dtnowgl": "dtnowgt"}


class _Joinable:
    """`a & b` joins with AND, `a | b` with OR (see GroupFilter._join)."""

    __slots__ = ()

    def __and__(self, other: Operand) -> GroupFilter:
        return GroupFilter((cast("Cond | Brackets", self),))._join("AND", other)

    def __or__(self, other: Operand) -> GroupFilter:
        return GroupFilter((cast("Cond | Brackets", self),))._join("OR", other)


@dataclass(frozen=True)
class Join:
    """`{"which": "AND"}` or `{"which": "OR"}`."""

    which: JoinWhich

    def to_wire(self) -> dict[str, Any]:
        return {"which": self.which}


@dataclass(frozen=True)
class Cond(_Joinable):
    """A condition element: its `which` and its other keys, in their wire order."""

    which: str
    data: tuple[tuple[str, Any], ...]

    def get(self, key: str) -> Any:
        return dict(self.data).get(key)

    def to_wire(self) -> dict[str, Any]:
        out: dict[str, Any] = {"which": self.which}
        for key, value in self.data:
            if key == "filter" and self.which == "stat.uni":
                value = [c.to_wire() for c in value]
            out[key] = dict(value) if isinstance(value, tuple) and key == "resp" else value
        return out

    def for_set(self) -> Cond:
        """Without the names group.filter.get adds (`*.name`, the values of the resp hash)."""
        data = [(k, v) for k, v in self.data if not k.endswith(".name")]
        if WHICH.get(self.which) is not None and WHICH[self.which].resp_names:
            data = [(k, _resp_keys(v) if k == "resp" else v) for k, v in data]
        return Cond(self.which, tuple(data))

    def names(self) -> dict[str, Any]:
        """The names group.filter.get added: `aid.name`, ..., and `resp` answer names."""
        out = {k: v for k, v in self.data if k.endswith(".name")}
        resp = self.get("resp")
        if isinstance(resp, tuple) and any(v is not None for _, v in resp):
            out["resp"] = dict(resp)
        return out


def _resp_keys(value: Any) -> Any:
    return tuple((k, None) for k, _ in value) if isinstance(value, tuple) else value


@dataclass(frozen=True)
class Brackets(_Joinable):
    """`{"which": "group", "group": [...]}`: a nested filter."""

    inner: GroupFilter

    def to_wire(self) -> dict[str, Any]:
        return {"which": "group", "group": self.inner.to_wire()}

    def for_set(self) -> Brackets:
        return Brackets(self.inner.without_names())


Element: TypeAlias = Join | Cond | Brackets
Operand: TypeAlias = "Cond | Brackets | GroupFilter"


@dataclass(frozen=True)
class RawElement:
    """An element that is not an object with a known `which` (kept for the checker)."""

    data: Any
    reason: str

    def to_wire(self) -> Any:
        return self.data


@dataclass(frozen=True)
class GroupFilter:
    """A group filter: conditions joined by AND / OR elements, with brackets for nesting."""

    elements: tuple[Element | RawElement, ...] = ()

    def to_wire(self) -> list[Any]:
        return [e.to_wire() for e in self.elements]

    def without_names(self) -> GroupFilter:
        """This filter without the names group.filter.get adds."""
        return GroupFilter(
            tuple(e.for_set() if isinstance(e, Cond | Brackets) else e for e in self.elements)
        )

    def for_set(self) -> list[Any]:
        """The filter for `group.filter.set`: checked, without the names of group.filter.get."""
        self.check()
        return self.without_names().to_wire()

    @classmethod
    def from_wire(cls, data: Sequence[Any]) -> GroupFilter:
        """Read a filter (as group.filter.get returns it or group.filter.set takes it)."""
        if isinstance(data, str | bytes) or not isinstance(data, Sequence):
            raise ValueError(f"GroupFilter.from_wire: a filter is a list, got {data!r}")
        return cls(tuple(_element(e) for e in data))

    def problems(self) -> list[Problem]:
        """Every breach of the document's rules, nested filters included."""
        return _problems(self, "filter")

    def check(self) -> list[Problem]:
        """Raise QueryError if the filter breaks a rule; return the warnings otherwise."""
        found = self.problems()
        errors = [p for p in found if p.severity == "error"]
        if errors:
            raise QueryError(errors)
        return found

    def _join(self, which: JoinWhich, other: Operand) -> GroupFilter:
        left = self.elements
        joins = {e.which for e in left if isinstance(e, Join)}
        if joins and joins != {which}:
            left = (Brackets(self),)
        return GroupFilter((*left, Join(which), *_operand(other, which)))

    def __and__(self, other: Operand) -> GroupFilter:
        return self._join("AND", other)

    def __or__(self, other: Operand) -> GroupFilter:
        return self._join("OR", other)


def _operand(value: Operand, which: JoinWhich) -> tuple[Element | RawElement, ...]:
    if isinstance(value, GroupFilter):
        joins = {e.which for e in value.elements if isinstance(e, Join)}
        return value.elements if joins <= {which} else (Brackets(value),)
    return (value,)


def _element(data: Any) -> Element | RawElement:
    if not isinstance(data, Mapping) or not isinstance(data.get("which"), str):
        return RawElement(data, "an element is an object with a `which`")
    which = data["which"]
    if which in ("AND", "OR") and len(data) == 1:
        return Join(which)
    if which == "group" and set(data) == {"which", "group"} and isinstance(data["group"], list):
        return Brackets(GroupFilter.from_wire(data["group"]))
    items: list[tuple[str, Any]] = []
    for key, value in data.items():
        if key == "which":
            continue
        if key == "filter" and which == "stat.uni" and isinstance(value, list):
            value = tuple(parse_condition(c) for c in value)
        elif key == "resp" and isinstance(value, Mapping):
            value = tuple(value.items())
        items.append((key, value))
    return Cond(which, tuple(items))


# ------------------------------------------------------------------------------- constructors


def _cond(which: str, **fields: Any) -> Cond:
    return Cond(which, tuple((k, v) for k, v in fields.items() if v is not None))


def _shift(days: int | None) -> str | None:
    return None if days is None else f"{days:+d}"


class G:
    """Typed constructors of group filter elements (catalogue group_filter_which)."""

    @staticmethod
    def member_of(pid: str) -> Cond:
        """PRF, resp 1: the member is in the group `pid`."""
        return _cond("PRF", resp=1, pid=pid)

    @staticmethod
    def not_member_of(pid: str) -> Cond:
        """PRF, resp 0: the member is not in the group `pid`."""
        return _cond("PRF", resp=0, pid=pid)

    @staticmethod
    def stat_uni(
        conditions: Iterable[StatUniCondition],
        *,
        inside: bool = True,
        cache: Mapping[str, Any] | None = None,
    ) -> Cond:
        """stat.uni: the member is (inside=True) or is not in the selection of a stat.uni filter."""
        return _cond(
            "stat.uni",
            resp=1 if inside else 0,
            filter=tuple(conditions),
            cache=dict(cache) if cache is not None else None,
        )

    @staticmethod
    def any(aid: str, qid: str, answers: Iterable[str]) -> Cond:
        """any: at least one answer of the list is among the member's answers."""
        return _cond("any", aid=aid, qid=qid, resp=tuple((a, None) for a in answers))

    @staticmethod
    def each(aid: str, qid: str, answers: Iterable[str]) -> Cond:
        """each: every answer of the list is among the member's answers."""
        return _cond("each", aid=aid, qid=qid, resp=tuple((a, None) for a in answers))

    @staticmethod
    def atleast(aid: str, qid: str) -> Cond:
        """atleast: at least one answer is chosen."""
        return _cond("atleast", aid=aid, qid=qid)

    @staticmethod
    def empty(aid: str, qid: str) -> Cond:
        """empty: no answer is chosen."""
        return _cond("empty", aid=aid, qid=qid)

    @staticmethod
    def int_compare(op: IntOp, aid: str, qid: str, value: int) -> Cond:
        """!= == < <= >= >: the answer as an integer compared with `value` (sent as a string)."""
        return _cond(op, aid=aid, qid=qid, resp=str(value))

    @staticmethod
    def now(which: NowWhich, aid: str, qid: str) -> Cond:
        """nowy / nowm / nowd: the answer is numerically the current year / month / day."""
        return _cond(which, aid=aid, qid=qid)

    @staticmethod
    def date_now(which: DateNowWhich, aid: str, qid: str, *, shift: int | None = None) -> Cond:
        """dtnow dtnowne dtnowlt dtnowle dtnowge dtnowgt: the date against today + shift."""
        return _cond(which, aid=aid, qid=qid, resp=_shift(shift))

    @staticmethod
    def month_day_now(aid: str, qid: str, *, shift: int | None = None) -> Cond:
        """dtnowmd: month and day equal those of today + shift days (birthdays)."""
        return _cond("dtnowmd", aid=aid, qid=qid, resp=_shift(shift))

    @staticmethod
    def year_now(aid: str, qid: str) -> Cond:
        """dtnowy: the year of the date is the current year."""
        return _cond("dtnowy", aid=aid, qid=qid)

    @staticmethod
    def month_now(aid: str, qid: str) -> Cond:
        """dtnowm: the month of the date is the current month."""
        return _cond("dtnowm", aid=aid, qid=qid)

    @staticmethod
    def day_now(aid: str, qid: str, *, shift: int | None = None) -> Cond:
        """dtnowd: the day of the date is the current day + shift days."""
        return _cond("dtnowd", aid=aid, qid=qid, resp=_shift(shift))

    @staticmethod
    def empty_string(aid: str, qid: str) -> Cond:
        """emptyS: the answer string is empty."""
        return _cond("emptyS", aid=aid, qid=qid)

    @staticmethod
    def dirty_string(aid: str, qid: str) -> Cond:
        """dirtyS: the answer string is not empty."""
        return _cond("dirtyS", aid=aid, qid=qid)

    @staticmethod
    def string_compare(which: StringWhich, aid: str, qid: str, value: str) -> Cond:
        """ne eq lt le ge gt: string comparison (slow; the document may remove it)."""
        return _cond(which, aid=aid, qid=qid, resp=value)

    @staticmethod
    def substring(which: SubstringWhich, aid: str, qid: str, value: str) -> Cond:
        """has nhas beg nbeg end nend: substring tests (slow; the document may remove them)."""
        return _cond(which, aid=aid, qid=qid, resp=value)

    @staticmethod
    def group(inner: Operand) -> Brackets:
        """Brackets around a filter: `G.group(a | b)`."""
        return Brackets(inner if isinstance(inner, GroupFilter) else GroupFilter((inner,)))

    @staticmethod
    def of(*elements: Operand) -> GroupFilter:
        """A filter of one condition, or conditions joined explicitly: `G.of(a) & b`."""
        out: tuple[Element | RawElement, ...] = ()
        for e in elements:
            out += e.elements if isinstance(e, GroupFilter) else (e,)
        return GroupFilter(out)


# ------------------------------------------------------------------------------------- checks


def _is_int(value: Any, signed: bool) -> bool:
    text = str(value)
    if isinstance(value, bool) or not text:
        return False
    if text[0] in "+-":
        text = text[1:] if signed or text[0] == "-" else "x"
    return text.isdigit()


def _cond_problems(c: Cond, where: str) -> list[Problem]:
    info = WHICH.get(c.which)
    if info is None or info.kind != "condition":
        close = difflib.get_close_matches(c.which, list(WHICH), n=1)
        near = _DOCUMENT_SPELLINGS.get(c.which) or (close[0] if close else None)
        hint = f"; did you mean {near!r}?" if near else ""
        return [Problem("which-unknown", f"{c.which!r} is not an element type{hint}", where)]
    out: list[Problem] = []
    keys = [k for k, _ in c.data]
    allowed = {*info.required, *info.optional, *info.names}
    for key in keys:
        if key not in allowed:
            meant = _DOCUMENT_SPELLINGS.get(key)
            more = f" (the document's spelling of {meant!r})" if meant else ""
            out.append(
                Problem(
                    "which-fields",
                    f"{c.which} takes {', '.join(sorted(allowed))}; not {key!r}{more}",
                    f"{where}.{key}",
                )
            )
    for key in info.required:
        if key not in keys:
            out.append(Problem("which-fields", f"{c.which} needs {key!r}", where))
    resp = c.get("resp")
    if resp is None:
        return out
    if info.type in ("GroupFilterPrf", "GroupFilterStatUni") and resp not in (0, 1, "0", "1"):
        out.append(Problem("resp-value", "resp is 0 or 1", f"{where}.resp"))
    if info.type == "GroupFilterIntCompare" and not _is_int(resp, signed=False):
        out.append(Problem("resp-value", f"resp is an integer, not {resp!r}", f"{where}.resp"))
    shifted = ("GroupFilterDateNow", "GroupFilterMonthDayNow", "GroupFilterDayNow")
    if info.type in shifted and not _is_int(resp, signed=True):
        out.append(
            Problem(
                "resp-value", f"resp is a shift in days (-2, +1), not {resp!r}", f"{where}.resp"
            )
        )
    if info.resp_names and not isinstance(resp, tuple):
        out.append(
            Problem("resp-value", "resp is a hash of answer codes: {code: null}", f"{where}.resp")
        )
    if info.slow:
        out.append(
            Problem(
                "slow-filter",
                f"{c.which} is a slow filter the document says may be removed; a question with"
                " a list of answers avoids it",
                where,
                "warning",
            )
        )
    if info.type == "GroupFilterStatUni":
        conditions = c.get("filter")
        if not isinstance(conditions, tuple):
            out.append(Problem("which-fields", "filter is a list of stat.uni conditions", where))
        else:
            out += filter_problems(conditions, f"{where}.filter")
            out += combination_problems((), (), conditions)
    return out


def _problems(f: GroupFilter, path: str) -> list[Problem]:
    if not f.elements:
        return [
            Problem(
                "empty-filter",
                "an empty filter never matches anything: its result is always empty",
                path,
                "warning",
            )
        ]
    out: list[Problem] = []
    joins: set[str] = set()
    for i, e in enumerate(f.elements):
        where = f"{path}[{i}]"
        expect_join = i % 2 == 1
        if isinstance(e, RawElement):
            out.append(Problem("which-unknown", f"{e.data!r}: {e.reason}", where))
            continue
        if isinstance(e, Join) != expect_join:
            what = "AND / OR" if expect_join else "a condition or a group"
            out.append(
                Problem(
                    "join-position",
                    f"expected {what} here: the document's filters alternate conditions with"
                    " AND / OR elements, and it does not say how other orders are read",
                    where,
                    "warning",
                )
            )
        if isinstance(e, Join):
            joins.add(e.which)
        elif isinstance(e, Brackets):
            out += _problems(e.inner, f"{where}.group")
        else:
            out += _cond_problems(e, where)
    if isinstance(f.elements[-1], Join):
        out.append(
            Problem(
                "join-position",
                "the filter ends with AND / OR: nothing follows it",
                f"{path}[{len(f.elements) - 1}]",
                "warning",
            )
        )
    if len(joins) > 1:
        out.append(
            Problem(
                "join-precedence",
                "AND and OR on one level: the document says to use brackets (group) rather"
                " than assume a precedence",
                path,
                "warning",
            )
        )
    return out
