"""`current +/- N unit ...` time expressions (catalogue stat_uni_time_expression).

    current(months=-1, days=4)                      -> "current - 1 month + 4 days"
    current().minus(1, "hour").minus(3, "minutes")  -> "current - 1 hour - 3 minutes"
    parse_time_expr("current -40 days + 78 hours")  -> kept exactly as written

`evaluate` applies the document's rules for years and months: the date is first lowered to the
year (when a year component is given) or to the year-month, the years and months are added,
the date is set back to the first month (if lowered to the year), the first day, 00:00:00, and
only then the days, hours, minutes and seconds are added; the result is brought to the
precision of the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from ._vocab import PRECISIONS, TIME_DOCUMENT_SPELLING, TIME_KEYWORD, UNIT_BY_WORD, UNITS, Problem

Sign = Literal["+", "-"]
UnitWord = Literal[
    "year",
    "years",
    "month",
    "months",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "second",
    "seconds",
]

_TERM = re.compile(r"(\s*)([+-])(\s*)(\d+)(\s+)([^\s+-]+)")


@dataclass(frozen=True)
class Shift:
    """One `+ N unit` component, with its spelling kept (`-1 hour`, `- 0 years`)."""

    sign: Sign
    amount: int
    word: str  # as written: "month", "months", "days"...
    gap: str = " "  # between the sign and the number ("" in `-1 hour`)
    lead: str = " "  # before the sign
    space: str = " "  # between the number and the word

    @property
    def unit(self) -> str | None:
        """The unit code (Y M D h m s), or None if the word is not a unit."""
        word = self.word[:-1] if self.word.endswith("s") else self.word
        unit = UNIT_BY_WORD.get(word) or UNIT_BY_WORD.get(self.word)
        return unit.code if unit else None

    @property
    def value(self) -> int:
        return -self.amount if self.sign == "-" else self.amount

    def __str__(self) -> str:
        return f"{self.lead}{self.sign}{self.gap}{self.amount}{self.space}{self.word}"


@dataclass(frozen=True)
class TimeExpr:
    """The current time plus or minus a shift, as the value `v` of a date comparison."""

    shifts: tuple[Shift, ...] = ()
    keyword: str = TIME_KEYWORD
    trail: str = ""

    def __str__(self) -> str:
        return self.keyword + "".join(map(str, self.shifts)) + self.trail

    def plus(self, amount: int, unit: UnitWord) -> TimeExpr:
        """This expression with `+ amount unit` appended (the unit word is kept as given)."""
        return self._add("+", amount, unit)

    def minus(self, amount: int, unit: UnitWord) -> TimeExpr:
        """This expression with `- amount unit` appended (the unit word is kept as given)."""
        return self._add("-", amount, unit)

    def _add(self, sign: Sign, amount: int, unit: str) -> TimeExpr:
        if amount < 0:
            raise ValueError(
                f"amount must not be negative (use {'minus' if sign == '+' else 'plus'})"
            )
        return TimeExpr((*self.shifts, Shift(sign, amount, unit)), self.keyword, self.trail)

    def problems(self, where: str = "") -> list[Problem]:
        """Breaches of the document's rules for `current` expressions."""
        out: list[Problem] = []
        if self.keyword != TIME_KEYWORD:
            hint = (
                " (the document's template writes it with a Cyrillic 'с')"
                if self.keyword == TIME_DOCUMENT_SPELLING.split()[0]
                else ""
            )
            out.append(
                Problem(
                    "time-keyword",
                    f"a time expression starts with the ASCII keyword {TIME_KEYWORD!r},"
                    f" not {self.keyword!r}{hint}",
                    where,
                )
            )
        last = 0
        for shift in self.shifts:
            unit = shift.unit
            if unit is None:
                words = ", ".join(u.word for u in UNITS.values())
                out.append(
                    Problem(
                        "time-unit",
                        f"{shift.word!r} is not a unit of a time shift ({words}; an 's' may be"
                        " added at the end)",
                        where,
                    )
                )
                continue
            rank = UNITS[unit].rank
            if rank <= last:
                out.append(
                    Problem(
                        "time-order",
                        f"{str(shift).strip()!r}: the shift components must keep their order"
                        " from year to second, each at most once (the document: all are"
                        " optional, but their order must be kept)",
                        where,
                    )
                )
            last = max(last, rank)
        return out

    def code(self) -> str:
        """Python source that builds this expression with the builder."""
        names = {"Y": "years", "M": "months", "D": "days", "h": "hours", "m": "minutes"}
        names["s"] = "seconds"
        units = [s.unit for s in self.shifts]
        if all(units) and len(set(units)) == len(units) and self.keyword == TIME_KEYWORD:
            kwargs = {names[str(s.unit)]: s.value for s in self.shifts}
            if str(current(**kwargs)) == str(self):
                return "current(" + ", ".join(f"{k}={v}" for k, v in kwargs.items()) + ")"
        chain = current()
        text = "current()"
        for s in self.shifts:
            chain = chain._add(s.sign, s.amount, s.word)
            text += f".{'plus' if s.sign == '+' else 'minus'}({s.amount}, {s.word!r})"
        if str(chain) == str(self):
            return text
        return f"parse_time_expr({str(self)!r})"

    def evaluate(self, now: datetime) -> datetime:
        """The moment this expression stands for at `now` (Moscow time, as the document says)."""
        if self.problems():
            raise ValueError("; ".join(p.message for p in self.problems()))
        by_unit = {s.unit: s.value for s in self.shifts}
        moment = now.replace(microsecond=0)
        if "Y" in by_unit or "M" in by_unit:
            month = 1 if "Y" in by_unit else moment.month
            months = (moment.year + by_unit.get("Y", 0)) * 12 + month - 1 + by_unit.get("M", 0)
            moment = datetime(months // 12, months % 12 + 1, 1, tzinfo=now.tzinfo)
        return moment + timedelta(
            days=by_unit.get("D", 0),
            hours=by_unit.get("h", 0),
            minutes=by_unit.get("m", 0),
            seconds=by_unit.get("s", 0),
        )

    def evaluate_as(self, now: datetime, precision: str = "Ys") -> str:
        """`evaluate` brought to a precision from the year (YY, YM, YD, Yh, Ym, Ys)."""
        return format_date(self.evaluate(now), precision)


def format_date(moment: datetime, precision: str) -> str:
    """A date constant of the given precision (only precisions from the year have a format)."""
    info = PRECISIONS[precision]
    if info.value_format is None:
        raise ValueError(f"the document gives no value format for the precision {precision}")
    full = moment.strftime("%Y-%m-%d %H:%M:%S")
    return full[: len(info.value_format)]


def current(
    *,
    years: int | None = None,
    months: int | None = None,
    days: int | None = None,
    hours: int | None = None,
    minutes: int | None = None,
    seconds: int | None = None,
) -> TimeExpr:
    """`current` shifted by the given amounts, in the document's order (year to second).

    A negative amount is written `- N`, a positive or zero one `+ N` except that 0 months or 0
    years (the document's way to reset the date to the first day) is written `- 0`. The unit is
    singular for 1 and 0, plural otherwise.
    """
    expr = TimeExpr()
    for amount, word in (
        (years, "year"),
        (months, "month"),
        (days, "day"),
        (hours, "hour"),
        (minutes, "minute"),
        (seconds, "second"),
    ):
        if amount is None:
            continue
        sign: Sign = "-" if amount < 0 or (amount == 0 and word in ("year", "month")) else "+"
        expr = expr._add(sign, abs(amount), word if abs(amount) <= 1 else word + "s")
    return expr


def parse_time_expr(text: str) -> TimeExpr:
    """Read a `current ...` expression keeping its spelling; raises ValueError if it is not one.

    The result may still break the rules (unit order, unknown unit): see `TimeExpr.problems`.
    """
    match = re.match(r"\s*(\S+?)(?=[\s+-]|$)", text)
    if not match or match.group(1).lower() not in (TIME_KEYWORD, TIME_DOCUMENT_SPELLING.split()[0]):
        raise ValueError(f"{text!r} is not a time expression (current +/- N unit ...)")
    keyword = match.group(1)
    if match.start(1) != 0:
        raise ValueError(f"{text!r}: a time expression starts with {TIME_KEYWORD!r}")
    pos = match.end(1)
    shifts: list[Shift] = []
    while True:
        term = _TERM.match(text, pos)
        if not term:
            break
        lead, sign, gap, number, space, word = term.groups()
        shifts.append(Shift("+" if sign == "+" else "-", int(number), word, gap, lead, space))
        pos = term.end()
    rest = text[pos:]
    if rest.strip():
        raise ValueError(f"{text!r}: cannot read {rest.strip()!r} (expected +/- N unit)")
    return TimeExpr(tuple(shifts), keyword, rest)


def looks_like_time_expr(value: object) -> bool:
    """Whether a filter value is meant as a `current` expression (ASCII or the document's 'с')."""
    if not isinstance(value, str):
        return False
    head = value.lstrip()[: len(TIME_KEYWORD)]
    return head in (TIME_KEYWORD, TIME_DOCUMENT_SPELLING[: len(TIME_KEYWORD)])
