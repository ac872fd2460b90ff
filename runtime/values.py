"""The values messages stand for, and how a message shows a value: a leaf module, imported by
both `errors` and `codec` (which re-exports these names for the generated code)."""

from __future__ import annotations

from typing import Any


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


MISSING: Any = _Missing()  # a required key that is absent
MISSING_CHOICE: Any = _Missing()  # keys that exclude each other, given together


class _Redacted:
    def __repr__(self) -> str:
        return "'***'"


REDACTED: Any = _Redacted()  # stands for a secret value in validation messages


def describe(value: Any, limit: int = 60) -> str:
    """A short description of a value for messages: its JSON kind and a clipped repr."""
    if value is REDACTED:
        return "a secret value (not shown)"
    if value is MISSING:
        return "nothing (the key is absent)"
    kind = {
        dict: "object",
        list: "array",
        str: "string",
        bool: "boolean",
        int: "integer",
        float: "number",
        type(None): "null",
    }.get(type(value), type(value).__name__)
    try:
        text = repr(value)
    except RecursionError:
        text = "(nested too deeply to show)"
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return f"{kind} {text}" if value is not None else "null"
