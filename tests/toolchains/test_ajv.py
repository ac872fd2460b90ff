"""ajv, the most used JavaScript validator, reads the export as it is (strict mode, draft
2020-12, formats asserted, the vocabulary registered in one step): every schema compiles, and
ajv agrees with python-jsonschema on every document example (request parameters, the Sendsay
request as it goes out, answers, the Altcraft answer envelope) and on mutated examples."""

from __future__ import annotations

import copy
import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from consumer_tools import (
    APIS,
    SCHEMAS,
    examples,
    load,
    python_valid,
    run_node,
    schema_files,
    service,
)

MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$")
UNKNOWN_KEY = "x_not_a_parameter"


def broken(value: Any) -> Any:
    """A value of another JSON type (or a moment that does not exist)."""
    if isinstance(value, str) and MOMENT.match(value):
        return "2023-02-30 10:00" + value[16:]
    return 17 if isinstance(value, dict | list | str) else {"unexpected": [None]}


def mutations(value: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The example with each top-level value broken, one at a time."""
    for key in value:
        mutated = copy.deepcopy(value)
        mutated[key] = broken(value[key])
        yield mutated


def cases() -> list[dict[str, Any]]:
    """{schema, data, kind} for every example and mutation; kind says what is expected."""
    out: list[dict[str, Any]] = []
    for api in APIS:
        model = service(api)
        meta = model["metadata"]
        for wire, example in examples(api):
            op = model["operations"][wire]
            request = example.get("request")
            answer = example.get("response")
            if request is not None:
                out.append({"schema": op["input"]["$ref"], "data": request, "kind": "example"})
                closed = {**request, UNKNOWN_KEY: 1}
                out.append({"schema": op["input"]["$ref"], "data": closed, "kind": "invalid"})
                out += [
                    {"schema": op["input"]["$ref"], "data": m, "kind": "mutated"}
                    for m in mutations(request)
                ]
                if "wireInput" in op:
                    auth = {} if op["auth"] == "none" else {"session": "s3ss10n"}
                    sent = {"action": wire, **auth, **request}
                    out.append({"schema": op["wireInput"]["$ref"], "data": sent, "kind": "example"})
                    envelope = meta["envelope"]["request"]["$ref"]
                    out.append({"schema": envelope, "data": sent, "kind": "example"})
                    out.append(
                        {"schema": envelope, "data": {**sent, UNKNOWN_KEY: 1}, "kind": "invalid"}
                    )
            if answer is not None:
                out.append({"schema": op["output"]["$ref"], "data": answer, "kind": "example"})
                out += [
                    {"schema": op["output"]["$ref"], "data": m, "kind": "mutated"}
                    for m in mutations(answer)
                ]
                if meta["protocol"] == "rest-json":
                    wrapped = {"data": answer, "error": 0, "error_text": "Successful operation"}
                    out.append(
                        {
                            "schema": meta["envelope"]["answer"]["$ref"],
                            "data": wrapped,
                            "kind": "example",
                        }
                    )
    return out


def test_ajv_compiles_every_schema_and_agrees_with_jsonschema() -> None:
    all_cases = cases()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases.json"
        path.write_text(json.dumps([{k: c[k] for k in ("schema", "data")} for c in all_cases]))
        report = run_node("ajv_check.mjs", str(SCHEMAS), str(path))
    ids = {load(p)["$id"] for p in schema_files() if "/meta/" not in load(p)["$id"]}
    assert report["failed"] == []
    assert set(report["compiled"]) == ids
    disagreements = [
        (c["schema"], c["data"], ajv)
        for c, ajv in zip(all_cases, report["valid"], strict=True)
        if ajv != python_valid(c["schema"], c["data"])
    ]
    assert disagreements == []
    invalid_examples = [
        (c["schema"], c["data"])
        for c, ajv in zip(all_cases, report["valid"], strict=True)
        if c["kind"] == "example" and not ajv
    ]
    assert invalid_examples == []
    accepted_unknown = [
        c["schema"]
        for c, ajv in zip(all_cases, report["valid"], strict=True)
        if c["kind"] == "invalid" and ajv
    ]
    assert accepted_unknown == []
    mutated = [
        ajv for c, ajv in zip(all_cases, report["valid"], strict=True) if c["kind"] == "mutated"
    ]
    assert mutated.count(False) > len(mutated) // 2  # most broken values are refused


def test_the_vocabulary_declares_every_extension_keyword_the_schemas_use() -> None:
    extensions = load(SCHEMAS / "meta" / "v1" / "extensions.schema.json")
    declared = set(extensions["properties"])
    used: set[str] = set()

    def walk(node: Any, parent: str | None) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                keyword = parent not in ("properties", "$defs", "dependentSchemas", "mapping")
                if keyword and (key.startswith("x-") or key == "discriminator"):
                    used.add(key)
                walk(value, key)
        elif isinstance(node, list):
            for item in node:
                walk(item, None)

    for path in schema_files():
        walk(load(path), None)
    assert used <= declared, used - declared
    assert "x-datetime" not in json.dumps([load(p) for p in schema_files()])
