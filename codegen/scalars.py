"""The spec's scalar types: one row each, with what every back end needs to know of its wire form.

A back end that adds facts of its own (the Python back end: annotations, codec functions, tests)
keeps them in one table keyed by these names and checks at import that it covers every one
(codegen/python/scalars.py), so a new scalar is added here and there, nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Scalar:
    name: str
    json_kind: str  # what a union tells it apart by: string, number, boolean, null, any
    schema: dict[str, Any] = field(default_factory=dict)  # JSON Schema of its wire values


def _rows(*rows: Scalar) -> dict[str, Scalar]:
    return {row.name: row for row in rows}


SCALARS = _rows(
    Scalar("string", "string", {"type": "string"}),
    Scalar("int", "number", {"type": "integer"}),
    Scalar("number", "number", {"type": "number"}),
    Scalar("bool", "boolean", {"type": "boolean"}),
    # One typed enum per JSON type: generators make a literal type of each (a mixed enum
    # breaks them).
    Scalar(
        "flag",
        "number",
        {"anyOf": [{"type": "integer", "enum": [0, 1]}, {"type": "string", "enum": ["0", "1"]}]},
    ),
    # `format: date` (RFC 3339 full-date) asks validators that assert formats to check the
    # calendar. The date-times with a space have no standard format: a pattern, and the
    # vocabulary's `x-format` (codegen/jsonschema/vocabulary.py) naming the check (the moment
    # must exist) for validators that assert it.
    Scalar(
        "date", "string", {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
    ),
    Scalar(
        "datetime",
        "string",
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$",
            "x-format": "datetime",
        },
    ),
    Scalar(
        "datetime_hm",
        "string",
        {
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$",
            "x-format": "datetime-hm",
        },
    ),
    # Any JSON value, said with its types (json-schema-to-typescript reads a `{}` with a
    # description as an object; ajv strict refuses a `type` list).
    Scalar(
        "any",
        "any",
        {
            "anyOf": [
                {"type": kind}
                for kind in ("string", "number", "boolean", "object", "array", "null")
            ]
        },
    ),
    Scalar("null", "null", {"type": "null"}),
)
