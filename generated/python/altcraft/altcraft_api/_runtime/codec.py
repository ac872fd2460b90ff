"""Primitives of the generated decoders, encoders and checkers.

Decoders check exact JSON types (no silent `str()`/`int()` coercion) and raise
ResponseValidationError naming the path; checkers append an Issue per problem.
"""

from __future__ import annotations

import datetime
import importlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any, NoReturn, TypeVar

from .errors import ResponseValidationError
from .values import MISSING as MISSING
from .values import MISSING_CHOICE as MISSING_CHOICE
from .values import REDACTED as REDACTED
from .values import describe as describe

T = TypeVar("T")


REQUIRED = "a value (required)"
UNKNOWN_KEY = "no such key (not in the spec)"


class Model:
    """Base of every generated model: `from_wire` decodes, `to_wire` encodes."""

    __slots__ = ()

    def to_wire(self) -> dict[str, Any]:  # pragma: no cover - every model overrides it
        raise NotImplementedError


class LazyModule:
    """A module imported when one of its names is first used.

    The root operations (`login`, `ping`...) are imported with the client; their models are
    not needed before the first call, and importing them would import attrs too.
    """

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, name: str) -> Any:
        value = getattr(importlib.import_module(self._name), name)
        setattr(self, name, value)  # found directly from now on
        return value


class Issue:
    """One problem of a request: where (parameter path), what was expected, what was given."""

    __slots__ = ("expected", "got", "path")

    def __init__(self, path: str, expected: str, got: Any) -> None:
        self.path = path
        self.expected = expected
        self.got = got

    def __str__(self) -> str:
        path = self.path.lstrip(".") or "(request)"
        if self.got is MISSING:
            return f"{path}: missing, expected {self.expected}"
        if self.expected is UNKNOWN_KEY:
            return f"{path}: not in the spec (unknown parameter or key), got {describe(self.got)}"
        if self.got is MISSING_CHOICE:
            return f"{path}: given together, expected {self.expected}"
        return f"{path}: expected {self.expected}, got {describe(self.got)}"

    def __repr__(self) -> str:
        return f"Issue({self.path!r}, {self.expected!r}, {describe(self.got)})"


def key_path(path: str, key: Any) -> str:
    """`path.key`, or `path["a.b"]` for a key that is no identifier (as the generator writes)."""
    key = str(key)
    if key.isidentifier() and key.isascii():
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def index_path(path: str, index: int) -> str:
    return f"{path}[{index}]"


def _at(path: str, key: str | None) -> str:
    return path if key is None else key_path(path, key)


UNENCODABLE = "text that can be sent as UTF-8 (no lone surrogate such as '\\udc80')"


def unencodable(params: Any, is_secret: Callable[[str], bool]) -> list[Issue]:
    """An Issue per key or string (at any depth) that UTF-8 cannot encode: a lone surrogate,
    as decoding bytes with `errors="surrogateescape"` leaves them. Such a request cannot be sent
    at all, so this is checked even when validation is off. Walked without recursion."""
    issues: list[Issue] = []
    todo: list[tuple[str, Any, bool]] = [("", params, False)]
    while todo:
        path, value, secret = todo.pop()
        if isinstance(value, str):
            if not _encodable(value):
                issues.append(Issue(path, UNENCODABLE, REDACTED if secret else value))
        elif isinstance(value, dict):
            for key, item in value.items():
                at = key_path(path, key)
                hidden = secret or (isinstance(key, str) and is_secret(key))
                if isinstance(key, str) and not _encodable(key):
                    at = f"{path}[{json.dumps(key)}]"  # escaped: the message must print
                    issues.append(Issue(at, UNENCODABLE + " in the key", key))
                todo.append((at, item, hidden))
        elif isinstance(value, list | tuple):
            todo += [(index_path(path, i), item, secret) for i, item in enumerate(value)]
    return sorted(issues, key=lambda issue: issue.path)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# -- decoding (wire -> Python) ------------------------------------------------------------------
#
# The generated `from_wire` methods test plain fields inline and call these helpers for the
# rest. Every helper checks exact JSON types (never `str()` or `int()`), and builds a path only
# when it raises. Containers are decoded without paths; an error inside one is relocated to the
# item's path on the way out (`relocated`), so a list of 100,000 rows builds no path at all.


def wrong_type(value: Any, expected: str, path: str, key: str | None = None) -> NoReturn:
    raise ResponseValidationError(_at(path, key), expected, value)


def wrong_field(data: dict[str, Any], key: str, expected: str, path: str) -> NoReturn:
    """A field failed its inline test: it is missing, or of the wrong type."""
    if key not in data:
        missing(path, key)
    raise ResponseValidationError(key_path(path, key), expected, data[key])


def missing(path: str, key: str) -> NoReturn:
    raise ResponseValidationError(key_path(path, key), REQUIRED, MISSING)


def absent_key(
    data: dict[str, Any], keys: tuple[str, ...], path: str, error: KeyError
) -> Exception:
    """The error of a KeyError met while reading the required `keys`: the first one absent
    (or the KeyError itself, when they are all there and it came from elsewhere)."""
    for key in keys:
        if key not in data:
            return ResponseValidationError(key_path(path, key), REQUIRED, MISSING)
    return error


def as_str(value: Any, path: str, key: str | None = None) -> str:
    if type(value) is str:
        return value
    wrong_type(value, "a string", path, key)


def as_int(value: Any, path: str, key: str | None = None) -> int:
    if type(value) is int:
        return value
    wrong_type(value, "an integer", path, key)


def as_number(value: Any, path: str, key: str | None = None) -> float:
    if type(value) is float or type(value) is int:
        return value
    wrong_type(value, "a number", path, key)


def as_bool(value: Any, path: str, key: str | None = None) -> bool:
    if type(value) is bool:
        return value
    wrong_type(value, "true or false", path, key)


_FLAGS: dict[Any, bool] = {0: False, 1: True, "0": False, "1": True}


def as_flag(value: Any, path: str, key: str | None = None) -> bool:
    """A 0|1 flag; the server sends it as a number or a string."""
    if type(value) is not bool:
        try:
            return _FLAGS[value]
        except (KeyError, TypeError):
            pass
    wrong_type(value, "a 0|1 flag", path, key)


def flag_value(value: Any) -> Any:
    """0 or 1 for a flag sent as a number, a string or a bool; anything else unchanged."""
    if type(value) is bool:
        return int(value)
    return _FLAGS_AS_INT.get(value, value) if isinstance(value, int | str) else value


_FLAGS_AS_INT: dict[Any, int] = {0: 0, 1: 1, "0": 0, "1": 1}


def present(params: dict[str, Any], names: tuple[str, ...]) -> list[str]:
    """Which of `names` the parameters hold (for exclusive and together groups)."""
    return [name for name in names if name in params]


def as_null(value: Any, path: str, key: str | None = None) -> None:
    if value is not None:
        wrong_type(value, "null", path, key)


def as_enum(value: Any, allowed: tuple[Any, ...], path: str, key: str | None = None) -> Any:
    if value in allowed and type(value) is not bool:
        return value
    wrong_type(value, "one of " + ", ".join(repr(a) for a in allowed), path, key)


def as_list(value: Any, path: str, key: str | None = None) -> list[Any]:
    if type(value) is list:
        return value
    wrong_type(value, "an array", path, key)


def as_dict(value: Any, path: str, key: str | None = None) -> dict[str, Any]:
    if type(value) is dict:
        return value
    wrong_type(value, "an object", path, key)


def list_of(
    value: Any, decode: Callable[[Any, str], T], path: str, key: str | None = None
) -> list[T]:
    """A list decoded item by item; `decode(item, "$")` raises with a path relative to the item."""
    items = as_list(value, path, key)
    try:
        return [decode(item, "$") for item in items]
    except ResponseValidationError as exc:
        index = next(i for i, item in enumerate(items) if _fails(decode, item))
        raise exc.relocated(f"{_at(path, key)}[{index}]") from None


def map_of(
    value: Any, decode: Callable[[Any, str], T], path: str, key: str | None = None
) -> dict[str, T]:
    """A map decoded entry by entry; errors name the entry's key."""
    items = as_dict(value, path, key)
    try:
        return {name: decode(item, "$") for name, item in items.items()}
    except ResponseValidationError as exc:
        name = next(n for n, item in items.items() if _fails(decode, item))
        raise exc.relocated(key_path(_at(path, key), name)) from None


def _fails(decode: Callable[[Any, str], Any], item: Any) -> bool:
    try:
        decode(item, "$")
    except ResponseValidationError:
        return True
    return False


# Lists and maps of JSON scalars are checked and then reused, not copied: their items are
# immutable. The loops are written out (no call per item; faster than `set(map(type, ...))` on
# small lists and as fast on large ones); `_refused_item` runs only to name a wrong item.


def _refused_item(
    value: Any, path: str, key: str | None, kinds: tuple[type, ...], word: str
) -> NoReturn:
    """Raise for the first item of `value` (a list, or a dict's values) not of `kinds`."""
    if type(value) is list:
        index = next(i for i, item in enumerate(value) if type(item) not in kinds)
        raise ResponseValidationError(f"{_at(path, key)}[{index}]", word, value[index])
    name = next(n for n, item in value.items() if type(item) not in kinds)
    raise ResponseValidationError(key_path(_at(path, key), name), word, value[name])


def as_str_list(value: Any, path: str, key: str | None = None) -> list[str]:
    if type(value) is list:
        for item in value:
            if type(item) is not str:
                break
        else:
            return value
    _refused_item(as_list(value, path, key), path, key, (str,), "a string")


def as_int_list(value: Any, path: str, key: str | None = None) -> list[int]:
    if type(value) is list:
        for item in value:
            if type(item) is not int:
                break
        else:
            return value
    _refused_item(as_list(value, path, key), path, key, (int,), "an integer")


def as_number_list(value: Any, path: str, key: str | None = None) -> list[float]:
    if type(value) is list:
        for item in value:
            if type(item) is not int and type(item) is not float:
                break
        else:
            return value
    _refused_item(as_list(value, path, key), path, key, (int, float), "a number")


def as_bool_list(value: Any, path: str, key: str | None = None) -> list[bool]:
    if type(value) is list:
        for item in value:
            if type(item) is not bool:
                break
        else:
            return value
    _refused_item(as_list(value, path, key), path, key, (bool,), "true or false")


def as_any_list(value: Any, path: str, key: str | None = None) -> list[Any]:
    return as_list(value, path, key)


def as_rows(value: Any, path: str, key: str | None = None) -> list[list[Any]]:
    """A table: a list of arrays of any JSON values (`member.list`, `stat.uni`), reused."""
    if type(value) is list:
        for item in value:
            if type(item) is not list:
                break
        else:
            return value
    _refused_item(as_list(value, path, key), path, key, (list,), "an array")


def as_str_map(value: Any, path: str, key: str | None = None) -> dict[str, str]:
    if type(value) is dict:
        for item in value.values():
            if type(item) is not str:
                break
        else:
            return value
    _refused_item(as_dict(value, path, key), path, key, (str,), "a string")


def as_int_map(value: Any, path: str, key: str | None = None) -> dict[str, int]:
    if type(value) is dict:
        for item in value.values():
            if type(item) is not int:
                break
        else:
            return value
    _refused_item(as_dict(value, path, key), path, key, (int,), "an integer")


def as_any_map(value: Any, path: str, key: str | None = None) -> dict[str, Any]:
    return as_dict(value, path, key)


def as_flag_map(value: Any, path: str, key: str | None = None) -> dict[str, bool]:
    items = as_dict(value, path, key)
    return {name: as_flag(item, _at(path, key), name) for name, item in items.items()}


# Dates are parsed by fromisoformat (C, fast), which reads ASCII digits only, after a check of
# their shape: the length and the separators (every third character from the fifth on). That
# rules out the other forms it accepts (20240131, 2024-W05-3, time zones, fractions, a `T`).
_parse_date = datetime.date.fromisoformat
_parse_datetime = datetime.datetime.fromisoformat


def _date(value: Any) -> datetime.date | None:
    if type(value) is str and len(value) == 10 and value[4::3] == "--":
        try:
            return _parse_date(value)
        except ValueError:  # 2024-02-30 and the like
            pass
    return None


def _datetime(value: Any, length: int, separators: str) -> datetime.datetime | None:
    if type(value) is str and len(value) == length and value[4::3] == separators:
        try:
            return _parse_datetime(value)
        except ValueError:
            pass
    return None


def as_date(value: Any, path: str, key: str | None = None) -> datetime.date:
    result = _date(value)
    if result is None:
        wrong_type(value, "a date YYYY-MM-DD", path, key)
    return result


def as_datetime(value: Any, path: str, key: str | None = None) -> datetime.datetime:
    if type(value) is str and len(value) == 19 and value[4::3] == "-- ::":
        try:
            return _parse_datetime(value)
        except ValueError:
            pass
    wrong_type(value, "a date-time YYYY-MM-DD hh:mm:ss", path, key)


def as_datetime_hm(value: Any, path: str, key: str | None = None) -> datetime.datetime:
    result = _datetime(value, 16, "-- :")
    if result is None:
        wrong_type(value, "a date-time YYYY-MM-DD hh:mm", path, key)
    return result


def is_date(value: Any) -> bool:
    return _date(value) is not None


def is_datetime(value: Any) -> bool:
    return _datetime(value, 19, "-- ::") is not None


def is_datetime_hm(value: Any) -> bool:
    return _datetime(value, 16, "-- :") is not None


@lru_cache(maxsize=256)
def pattern(regex: str) -> re.Pattern[str]:
    """Compiled on first use, not at import."""
    return re.compile(regex)


NO_NULLS: frozenset[str] = frozenset()

# The `warnings` of a Sendsay answer, as the models annotate them (a model may have a field
# named `list`, which would hide the builtin in its class body).
Warnings = list[dict[str, Any]]


def nulls(data: dict[str, Any], nullable: frozenset[str]) -> frozenset[str]:
    """The optional keys sent as null (kept apart from absent ones)."""
    if nullable.isdisjoint(data):  # the common case, without a generator
        return NO_NULLS
    return frozenset(k for k in nullable if k in data and data[k] is None)


def unknown(data: dict[str, Any], known: frozenset[str]) -> dict[str, Any]:
    """Keys a newer server sent that the spec does not know: kept, never dropped."""
    if data.keys() <= known:
        return {}
    return {k: v for k, v in data.items() if k not in known}


# -- encoding -----------------------------------------------------------------------------------


def enc_flag(value: Any) -> Any:
    return int(value) if type(value) is bool else value


def enc_date(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def enc_datetime(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return value


def enc_datetime_hm(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value


def enc_model(value: Any) -> Any:
    return value.to_wire() if isinstance(value, Model) else value


def enc_list(value: Any, item: Callable[[Any], Any]) -> Any:
    if isinstance(value, list | tuple):
        return [item(x) for x in value]
    return value


def enc_map(value: Any, item: Callable[[Any], Any]) -> Any:
    if isinstance(value, Mapping):
        return {k: item(x) for k, x in value.items()}
    return value


def enc_any(value: Any) -> Any:
    """Encode a value of a union type: models, dates and containers of them."""
    if isinstance(value, Model):
        return value.to_wire()
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: enc_any(x) for k, x in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return [enc_any(x) for x in value]
    return value


def redacted(_: Any) -> str:
    """attrs repr of secret fields."""
    return "'***'"
