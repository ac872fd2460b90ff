"""Answers for the actions the emulator keeps no state for, taken from the spec itself.

The candidates are the document's own answer examples (exported by the generator to
`generated/service/<api>/examples.json`, shipped by each generated package as
`<package>/service/`), then a minimal answer per response variant built
from the exported JSON Schema. The first candidate that the generated parser accepts for this
request's parameters is the answer: so the answer is schema-valid and of the variant the request
selects (`result=save` gets a track, `return_fresh_obj=1` the object).
"""

from __future__ import annotations

import copy
import json
from functools import cached_property
from importlib.resources import files
from typing import Any

MAX_DEPTH = 12
_SAMPLE_STRINGS = {
    r"^\d{4}-\d{2}-\d{2}$": "2024-01-15",
    r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$": "2024-01-15 10:30:00",
    r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$": "2024-01-15 10:30",
}


class NoSpecAnswer(LookupError):
    """No example or minimal answer fits the request (a gap in the spec)."""


class SpecAnswers:
    """Answers of one API's actions from its exported examples and schemas."""

    def __init__(self, package: str, operations: dict[str, Any]) -> None:
        self.folder = files(package) / "schemas"  # read from the installed package
        self.service = files(package) / "service"
        self.operations = operations

    @cached_property
    def examples(self) -> dict[str, list[dict[str, Any]]]:
        data = json.loads((self.service / "examples.json").read_text(encoding="utf-8"))
        examples: dict[str, list[dict[str, Any]]] = data["examples"]
        return examples

    @cached_property
    def defs(self) -> dict[str, Any]:
        data = json.loads((self.folder / "_defs.schema.json").read_text(encoding="utf-8"))
        defs: dict[str, Any] = data["$defs"]
        return defs

    def candidates(self, action: str) -> list[dict[str, Any]]:
        out = [case["response"] for case in self.examples.get(action, []) if "response" in case]
        stem = action.replace("/", ".")
        path = self.folder / f"{stem}.response.schema.json"
        if path.is_file():
            schema = json.loads(path.read_text(encoding="utf-8"))
            for variant in schema.get("anyOf", [schema]):
                value = minimal(variant, self.defs)
                if isinstance(value, dict):
                    out.append(value)
        return out

    def answer(self, action: str, params: dict[str, Any]) -> dict[str, Any]:
        parse = self.operations[action].parse
        for candidate in self.candidates(action):
            answer = copy.deepcopy(candidate)
            try:
                parse(copy.deepcopy(answer), params)
            except Exception:  # this candidate is of another variant
                continue
            return answer
        raise NoSpecAnswer(action)


def minimal(schema: dict[str, Any], defs: dict[str, Any], depth: int = 0) -> Any:
    """The smallest value valid for `schema` (required keys only, first enum value...)."""
    if depth > MAX_DEPTH:
        return None
    if "$ref" in schema:
        return minimal(defs[schema["$ref"].rsplit("/", 1)[-1]], defs, depth + 1)
    if "enum" in schema:
        return schema["enum"][0]
    for key in ("oneOf", "anyOf"):
        if key in schema:
            members = [m for m in schema[key] if m.get("type") != "null"] or schema[key]
            return minimal(members[0], defs, depth + 1)
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        return {name: minimal(props[name], defs, depth + 1) for name in schema.get("required", [])}
    if kind == "array":
        item = minimal(schema.get("items", {}), defs, depth + 1)
        return [item] * int(schema.get("minItems", 0))
    if kind == "string":
        sample = _SAMPLE_STRINGS.get(schema.get("pattern", ""), "x")
        return sample * max(1, int(schema.get("minLength", 1))) if sample == "x" else sample
    if kind == "integer":
        return int(schema.get("minimum", 0))
    if kind == "number":
        return schema.get("minimum", 0)
    if kind == "boolean":
        return False
    return None
