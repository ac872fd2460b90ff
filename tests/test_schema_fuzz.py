"""Property tests driven by the exported JSON Schemas alone (hypothesis-jsonschema).

The strategies of `spec_strategies.py` are built from the same intermediate model as the
generated code, so a misunderstanding shared by both would go unnoticed. Here the instances
come from `generated/jsonschema/` through an independent generator: every schema-valid request
must pass the generated checker, and every schema-valid answer must decode into the models and
encode back to the same JSON.

Recursive schemas (group filters) and very large ones (the sequence steps, whose conditions
hold every group-filter element) are skipped, with the reason: the generator cannot resolve
recursive references and takes minutes over dozens of unions; our own strategies cover them.
Requests with a language of their own (`checked_by`: the stat.uni query) are skipped too: the
JSON Schema describes their structure, not the language.
"""

from __future__ import annotations

import datetime
import functools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from test_properties import APIS, SETTINGS, keys_of, runtime_ops

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "generated" / "jsonschema"
DEFS_FILE = "_defs.schema.json"

FORMATS = {
    "x-datetime": st.datetimes(datetime.datetime(1970, 1, 1), datetime.datetime(2099, 1, 1)).map(
        lambda d: d.strftime("%Y-%m-%d %H:%M:%S")
    ),
    "x-datetime-hm": st.datetimes(datetime.datetime(1970, 1, 1), datetime.datetime(2099, 1, 1)).map(
        lambda d: d.strftime("%Y-%m-%d %H:%M")
    ),
}


def _local_refs(node: Any) -> Any:
    """The schema with references into `_defs.schema.json` turned into local `#/$defs/...`, and
    the vocabulary's `x-format` (a calendar moment) turned into a format hypothesis draws."""
    if isinstance(node, dict):
        if "x-format" in node:
            return {"type": "string", "format": f"x-{node['x-format']}"}
        return {
            k: (
                v.replace(DEFS_FILE + "#", "#")
                if k == "$ref" and isinstance(v, str)
                else _local_refs(v)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_local_refs(v) for v in node]
    return node


@functools.cache
def _defs(api: str) -> dict[str, Any]:
    doc = json.loads((SCHEMAS / api / DEFS_FILE).read_text(encoding="utf-8"))
    defs: dict[str, Any] = _local_refs(doc["$defs"])
    return defs


def _refs(node: Any) -> set[str]:
    """Names of the `#/$defs/...` a schema node refers to directly."""
    if isinstance(node, dict):
        found = {node["$ref"].rsplit("/", 1)[1]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(_refs(v) for k, v in node.items() if k != "$ref"))
    if isinstance(node, list):
        return set().union(*(_refs(v) for v in node))
    return set()


def _reachable(defs: dict[str, Any], roots: set[str]) -> tuple[set[str], bool]:
    """The definitions reachable from `roots`, and whether any of them is recursive."""
    seen: set[str] = set()
    recursive = False

    def visit(name: str, path: frozenset[str]) -> None:
        nonlocal recursive
        if name in path:
            recursive = True
            return
        if name in seen:
            return
        seen.add(name)
        for child in _refs(defs[name]):
            visit(child, path | {name})

    for root in roots:
        visit(root, frozenset())
    return seen, recursive


MAX_DEFS = 20  # larger bundles take hypothesis-jsonschema minutes to canonicalise


def bundled(api: str, wire: str, kind: str) -> dict[str, Any] | None:
    """One self-contained schema (the definitions it uses inlined), None if it is recursive
    or too large to generate from."""
    path = SCHEMAS / api / f"{wire.replace('/', '.')}.{kind}.schema.json"
    schema: dict[str, Any] = _local_refs(json.loads(path.read_text(encoding="utf-8")))
    schema.pop("$id", None)
    defs = _defs(api)
    used, recursive = _reachable(defs, _refs(schema))
    if recursive or len(used) > MAX_DEFS:
        return None
    # hypothesis-jsonschema knows only the draft-7 spelling of both
    dependencies = {**schema.pop("dependentRequired", {})}
    for name, rule in schema.pop("dependentSchemas", {}).items():
        dependencies[name] = (
            {"allOf": [rule, {"required": dependencies[name]}]} if name in dependencies else rule
        )
    if dependencies:
        schema["dependencies"] = dependencies
    return {**schema, "$defs": {name: defs[name] for name in sorted(used)}}


def strategy(api: str, wire: str, kind: str) -> st.SearchStrategy[Any] | None:
    """A strategy of schema-valid instances, or None when the schema cannot be generated."""
    schema = bundled(api, wire, kind)
    if schema is None:
        return None
    return from_schema(schema, custom_formats=FORMATS)


CASES = [(api.name, op.wire) for api in APIS.values() for op in api.operations]


@pytest.mark.parametrize(("api_name", "wire"), CASES)
def test_schema_valid_requests_pass_the_generated_checker(api_name: str, wire: str) -> None:
    if next(op for op in APIS[api_name].operations if op.wire == wire).checked_by:
        pytest.skip("the parameters hold a language the JSON Schema does not describe")
    requests = strategy(api_name, wire, "request")
    if requests is None:
        pytest.skip("hypothesis-jsonschema cannot generate this (recursive or large) schema")
    op = runtime_ops(APIS[api_name])[wire]

    @SETTINGS
    @given(requests)
    def run(params: dict[str, Any]) -> None:
        assert [str(i) for i in op.check(params)] == [], params

    run()


@pytest.mark.parametrize(("api_name", "wire"), CASES)
def test_schema_valid_answers_decode_and_encode_back(api_name: str, wire: str) -> None:
    answers = strategy(api_name, wire, "response")
    if answers is None:
        pytest.skip("hypothesis-jsonschema cannot generate this (recursive or large) schema")
    api = APIS[api_name]
    op = runtime_ops(api)[wire]
    spec_op = next(o for o in api.operations if o.wire == wire)
    models = __import__(f"{api.package}.models", fromlist=["*"])
    errors = __import__(api.package, fromlist=["ResponseValidationError"])
    candidates = [getattr(models, v.type_name) for v in spec_op.variants]

    @SETTINGS
    @given(answers)
    def run(answer: dict[str, Any]) -> None:
        # The answer is valid for one of the variants (anyOf); the request that would have
        # selected it is not known here, so each variant's model is tried.
        decoded = []
        for model in candidates:
            try:
                decoded.append(model.from_wire(answer))
            except errors.ResponseValidationError:  # another variant may be the one
                continue
        assert decoded, f"{op.action}: no variant decodes {answer!r}"
        # Encoding keeps every key; values may come back normalised ("0" -> 0 for a flag), so
        # the encoded answer must decode to the same model.
        assert any(
            keys_of(d.to_wire()) == keys_of(answer)
            and type(d).from_wire(json.loads(json.dumps(d.to_wire()))) == d
            for d in decoded
        ), answer

    run()
