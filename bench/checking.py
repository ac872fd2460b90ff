"""Request validation: our generated checkers against jsonschema and fastjsonschema on the same
schema (our exported request schema) and the same input; and how many problems each reports."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.thirdparty import (
    ROOT,
    fastjsonschema_errors_or_none,
    jsonschema_errors,
    request_schema,
)
from bench.timing import Timing, interleaved, ratio

ACTION = "stat.uni"
OURS = "ours: generated checker"
JSONSCHEMA = "jsonschema (iter_errors)"


def valid_request() -> dict[str, Any]:
    """The document's first `stat.uni` request (from the exported examples)."""
    examples = json.loads(
        (ROOT / "generated" / "service" / "sendsay" / "examples.json").read_text("utf-8")
    )["examples"][ACTION]
    request: dict[str, Any] = next(e["request"] for e in examples if "request" in e)
    return request


def broken_request() -> dict[str, Any]:
    """Three problems at once: a wrong type, a value out of its enum, an unknown key."""
    request = copy.deepcopy(valid_request())
    request["skip"] = "0"
    request["filter"][0]["op"] = "~="
    request["selct"] = ["oops"]
    return request


@dataclass
class Row:
    name: str
    timing: Timing
    ratio: float  # to ours
    problems: int  # reported on the broken request


def measure(rounds: int, budget: float, repeat: int) -> list[Row]:
    from sendsay_api.operations import OPERATIONS

    check = OPERATIONS[ACTION].check
    schema = request_schema(ACTION)
    good, bad = valid_request(), broken_request()
    assert not check(good), check(good)
    validators: dict[str, Callable[[Any], int]] = {OURS: lambda r: len(check(r))}
    every = jsonschema_errors(schema)
    if every is not None:
        validators[JSONSCHEMA] = lambda r: len(every(r))
    first = fastjsonschema_errors_or_none(schema)
    if first is not None:
        validators["fastjsonschema (first error only)"] = first
    cases = {name: _loop(v, good, repeat) for name, v in validators.items()}
    timings = interleaved(cases, rounds, budget)
    return [
        Row(name, timings[name], ratio(timings, name, OURS), validators[name](bad))
        for name in validators
    ]


def _loop(validate: Callable[[Any], int], request: Any, repeat: int) -> Callable[[], None]:
    def run() -> None:
        for _ in range(repeat):
            if validate(request):
                raise AssertionError("a valid request was refused")

    return run
