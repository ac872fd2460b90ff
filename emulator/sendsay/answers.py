"""Subscriber answers: a value sent in `member.set` or imported, checked against its question.

Stored (and answered by `member.get`) as the wire has it: a string for `free`, `int` and `dt`
questions, a list of answer codes for `1m` and `nm` questions. A `dt` value is kept with the
precision of the question's subtype; choice answers may be given by code or by name.
"""

from __future__ import annotations

import re
from typing import Any

from .anketas import Question
from .errors import SendsayError

Answer = str | list[str]

_INT = re.compile(r"-?\d+")
_DT = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{2})(?::(\d{2})(?::(\d{2}))?)?)?")
_DT_PARTS = {"yd": 0, "yh": 1, "ym": 2, "ys": 3}


def _fail(where: str, reason: str) -> SendsayError:
    return SendsayError("error/member/answer_invalid", f"{where}: {reason}")


def _text(value: Any, where: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _fail(where, "expected a single value")
    return str(value)


def _datetime(text: str, subtype: str, where: str) -> str:
    match = _DT.fullmatch(text.strip())
    if match is None:
        raise _fail(where, f"expected a date YYYY-MM-DD[ hh:mm:ss], got {text!r}")
    date, *times = match.groups()
    parts = [t or "00" for t in times][: _DT_PARTS.get(subtype, 3)]
    if not parts:
        return date
    clock = ":".join(parts)
    return f"{date} {clock}"


def _choices(question: Question, value: Any, where: str) -> list[str]:
    items = value if isinstance(value, list) else [value]
    codes: list[str] = []
    for item in items:
        code = question.answer_code(_text(item, where))
        if code is None:
            raise _fail(where, f"no answer {item!r} in the question")
        if code not in codes:
            codes.append(code)
    if question.type == "1m" and len(codes) > 1:
        raise _fail(where, "a single-choice question takes one answer")
    return codes


def coerce(question: Question, value: Any, where: str) -> Answer:
    """The stored form of `value` for `question`; raises error/member/answer_invalid."""
    if question.type in ("1m", "nm"):
        return _choices(question, value, where)
    text = _text(value, where)
    if question.type == "int":
        if not _INT.fullmatch(text.strip()):
            raise _fail(where, f"expected an integer, got {text!r}")
        return text.strip()
    if question.type == "dt":
        return _datetime(text, question.subtype or "ys", where)
    if question.width is not None and len(text) > question.width:
        raise _fail(where, f"longer than the width {question.width}")
    return text
