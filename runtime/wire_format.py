"""Reading answers strictly: what makes a body unreadable is said once here for both protocols
(JSON and XML), as an `UnreadableAnswer` with the reason.

JSON: `NaN`, `Infinity` and numbers too large for a float are not JSON numbers; an answer
nested deeper than the parser's limit is refused, not a `RecursionError`. A key given twice
is ambiguous: for the keys that carry errors (`ERROR_KEYS`) the value that reports an error
wins, so that `{"errors":[...],"errors":[]}` cannot pass for success; any other repeated key
is reported (`repeated`), after the errors, which still raise the API's error first.
"""

from __future__ import annotations

import json
import math
from typing import Any

ERROR_KEYS = frozenset({"errors", "error", "explain", "error_text"})


class UnreadableAnswer(ValueError):
    """A body that cannot be read as the format it claims; the message says why."""


class RepeatedKeys(UnreadableAnswer):
    """A JSON answer repeats keys other than the error keys; `value` is what was read."""

    def __init__(self, keys: list[str], value: Any) -> None:
        self.keys = keys
        self.value = value
        super().__init__(f"the answer repeats the key(s) {', '.join(map(repr, keys))}")


def _reports_error(value: Any) -> bool:
    return value not in (None, "", 0, "0", False) and value != [] and value != {}


def _constant(name: str) -> Any:
    raise UnreadableAnswer(f"{name} is not a JSON number")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise UnreadableAnswer(f"the number {text[:40]} is too large")
    return value


def load_json(body: bytes) -> Any:
    """The JSON value of an answer; raises UnreadableAnswer (RepeatedKeys: see the module)."""
    repeated: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key not in out:
                out[key] = value
            elif key in ERROR_KEYS:
                out[key] = _merged(out[key], value)
            else:
                repeated.append(key)
                out[key] = value
        return out

    try:
        value = json.loads(
            body, object_pairs_hook=pairs, parse_constant=_constant, parse_float=_float
        )
    except RecursionError:
        raise UnreadableAnswer("the answer is nested too deeply to be read") from None
    except UnicodeDecodeError:
        raise UnreadableAnswer("the answer is not UTF-8 text") from None
    except UnreadableAnswer:
        raise
    except ValueError:
        raise UnreadableAnswer("the answer is not JSON") from None
    if repeated:
        raise RepeatedKeys(sorted(set(repeated)), value)
    return value


def _merged(first: Any, second: Any) -> Any:
    """One value for an error key given twice: both error lists, else the one reporting one."""
    if isinstance(first, list) and isinstance(second, list):
        return first + second
    if _reports_error(first):
        return first
    return second
