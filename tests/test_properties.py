"""Properties over the whole spec, with generated inputs (hypothesis).

- The generated request checkers agree with an independent JSON Schema validator (jsonschema,
  asserting formats) on the exported schemas: on generated near-valid requests and on the same
  requests with one parameter broken.
- An invalid request is refused with RequestValidationError, and nothing is sent.
- Schema-valid answers, unknown extra keys included, decode into models and encode back without
  losing a key, and decoding is stable.

A fixed budget with a fixed seed runs in `make test` (HYPOTHESIS_EXAMPLES, default 4 per
operation); `make fuzz` runs many more with random seeds.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import referencing
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from spec_strategies import ANY_JSON, WireValues

from codegen.cli import load_apis
from codegen.model import Api, Operation

ROOT = Path(__file__).resolve().parents[1]
APIS = {api.name: api for api in load_apis(ROOT / "spec")}
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "4"))
FUZZ = os.environ.get("HYPOTHESIS_FUZZ") == "1"
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not FUZZ,
    database=None,
    suppress_health_check=list(HealthCheck),
)
# The vocabulary's `x-format` (generated/jsonschema/meta/): the moment must exist.
X_FORMATS = {"datetime": "%Y-%m-%d %H:%M:%S", "datetime-hm": "%Y-%m-%d %H:%M"}


def _x_format(validator: Any, kind: str, value: object, schema: dict[str, Any]) -> Any:
    if isinstance(value, str) and not _parses(value, X_FORMATS[kind]):
        yield jsonschema.ValidationError(f"{value!r} is not a moment of the calendar ({kind})")


Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"x-format": _x_format})


def _parses(value: str, fmt: str) -> bool:
    try:
        datetime.datetime.strptime(value, fmt)
    except ValueError:
        return False
    return True


def runtime_ops(api: Api) -> dict[str, Any]:
    module = __import__(f"{api.package}.operations", fromlist=["OPERATIONS"])
    ops: dict[str, Any] = module.OPERATIONS
    return ops


@functools.cache
def validator(api_name: str, op_wire: str, kind: str) -> Any:
    folder = ROOT / "generated" / "jsonschema" / api_name
    resources = []
    for path in folder.glob("*.schema.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        resource = referencing.Resource.from_contents(doc)
        resources += [(path.name, resource), (doc["$id"], resource)]
    registry: referencing.Registry[Any] = referencing.Registry().with_resources(resources)
    schema = json.loads(
        (folder / f"{op_wire.replace('/', '.')}.{kind}.schema.json").read_text(encoding="utf-8")
    )
    return Validator(schema, registry=registry, format_checker=jsonschema.FormatChecker())


CASES = [(api.name, op.wire) for api in APIS.values() for op in api.operations]


def case(api_name: str, wire: str) -> tuple[Api, Operation, Any]:
    api = APIS[api_name]
    op = next(o for o in api.operations if o.wire == wire)
    return api, op, runtime_ops(api)[wire]


def agree(api: Api, op: Operation, runtime_op: Any, params: dict[str, Any]) -> bool:
    """Our checker and the JSON Schema validator agree on params; returns 'valid'."""
    oracle = [e.message for e in validator(api.name, op.wire, "request").iter_errors(params)]
    ours = [str(issue) for issue in runtime_op.check(params)]
    if op.checked_by and not oracle:  # the language inside the parameters is not in the schema
        ours = []
    assert bool(oracle) == bool(ours), (
        f"{op.wire}: jsonschema {oracle} vs ours {ours} on {params!r}"
    )
    return not ours


@pytest.mark.parametrize(("api_name", "wire"), CASES)
def test_checker_agrees_with_json_schema_on_generated_requests(api_name: str, wire: str) -> None:
    api, op, runtime_op = case(api_name, wire)

    @SETTINGS
    @given(WireValues(api).request(op))
    def run(params: dict[str, Any]) -> None:
        agree(api, op, runtime_op, params)

    run()


def broken(value: Any) -> Any:
    """A value of another JSON kind."""
    if isinstance(value, str):
        return 12345
    if isinstance(value, bool | int | float):
        return {"not": "a scalar"}
    return "a string instead"


@pytest.mark.parametrize(("api_name", "wire"), [c for c in CASES if case(*c)[1].params])
def test_one_broken_parameter_is_refused_and_nothing_is_sent(api_name: str, wire: str) -> None:
    api, op, runtime_op = case(api_name, wire)

    @SETTINGS
    @given(WireValues(api).request(op), st.data())
    def run(params: dict[str, Any], data: st.DataObject) -> None:
        filled_by_client = {"token"} if op.auth == "token" else set()  # the Altcraft token
        breakable = sorted(set(params) - filled_by_client)
        assume(breakable)
        name = data.draw(st.sampled_from(breakable))
        params = {**params, name: broken(params[name])}
        if agree(api, op, runtime_op, params):
            return  # the broken kind is still allowed there (a union or `any`)
        sent: list[httpx.Request] = []
        client = _client(api, httpx.MockTransport(lambda r: sent.append(r) or httpx.Response(500)))
        with pytest.raises(client_module(api).RequestValidationError) as info:
            client.call(runtime_op, {k: v for k, v in params.items() if k not in filled_by_client})
        assert sent == [] and info.value.action == op.wire

    run()


def client_module(api: Api) -> Any:
    return __import__(api.package)


def _client(api: Api, transport: httpx.MockTransport) -> Any:
    module = client_module(api)
    if api.protocol == "altcraft":
        return module.Altcraft(token="t0k", transport=transport)
    return module.Sendsay(session="s", transport=transport)


ANSWER_TYPES = sorted(
    {(api.name, v.type_name) for api in APIS.values() for op in api.operations for v in op.variants}
)


def keys_of(value: Any) -> Any:
    """The key structure of a JSON value (to compare what an encode kept)."""
    if isinstance(value, dict):
        return {k: keys_of(v) for k, v in value.items()}
    if isinstance(value, list):
        return [keys_of(v) for v in value]
    return None


@pytest.mark.parametrize(("api_name", "type_name"), ANSWER_TYPES)
def test_answers_round_trip_through_models_keeping_unknown_keys(
    api_name: str, type_name: str
) -> None:
    api = APIS[api_name]
    model = getattr(__import__(f"{api.package}.models", fromlist=[type_name]), type_name)

    @SETTINGS
    @given(WireValues(api, extra_keys=True).named(api.types[type_name], 0))
    def run(wire: dict[str, Any]) -> None:
        decoded = model.from_wire(json.loads(json.dumps(wire)))
        again = decoded.to_wire()
        assert keys_of(again) == keys_of(wire)
        assert model.from_wire(json.loads(json.dumps(again))) == decoded

    run()


def test_any_json_strategy_is_json() -> None:
    @SETTINGS
    @given(ANY_JSON)
    def run(value: Any) -> None:
        assert json.loads(json.dumps(value)) == value

    run()
