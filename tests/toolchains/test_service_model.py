"""The service model (`generated/service/<api>/service.json`) lists every operation of the spec,
every schema it names resolves, and the variant conditions it gives as schemas of the request
pick, for each document example, a variant whose schema the example's answer satisfies (the
document's answer examples come without their request: then any variant may be the one)."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from consumer_tools import APIS, ROOT, examples, registry, service

from codegen.cli import load_apis

SPEC = {api.name: api for api in load_apis(ROOT / "spec")}


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for k, v in node.items() if k != "schema" or "$ref" in v for r in refs(v)]
    if isinstance(node, list):
        return [r for item in node for r in refs(item)]
    return []


def valid(schema: dict[str, Any], data: Any) -> bool:
    return jsonschema.Draft202012Validator(schema, registry=registry()).is_valid(data)


@pytest.mark.parametrize("api", APIS)
def test_every_operation_is_listed_with_version_and_protocol(api: str) -> None:
    model = service(api)
    spec = SPEC[api]
    assert model["metadata"]["apiVersion"] == spec.version
    assert model["metadata"]["endpoint"] == spec.base_url
    assert set(model["operations"]) == {op.wire for op in spec.operations}
    for op in spec.operations:
        entry = model["operations"][op.wire]
        assert (entry["auth"], entry["mode"], entry["retry"]["safe"]) == (
            op.auth,
            op.mode,
            op.retry.safe,
        )
        assert [e["id"] for e in entry["errors"]] == [e.id for e in op.errors]
        assert [v["name"] for v in entry["variants"]] == [v.name for v in op.variants]
        assert f"/{spec.version}/" in entry["input"]["$ref"]
        assert op.evolution is not None
        assert entry["since"] == op.evolution.since
        provenance = op.evolution.provenance
        assert entry["provenance"].get("document") == provenance.document
        assert entry["provenance"].get("observed", []) == list(provenance.observed)
        assert ("deprecated" in entry) == (op.deprecated is not None)
        deprecated = {p.wire for p in op.params if p.deprecated is not None}
        assert set(entry.get("deprecatedParameters", {})) == deprecated


@pytest.mark.parametrize("api", APIS)
def test_every_schema_the_model_names_resolves(api: str) -> None:
    resolver = registry().resolver()
    found = refs(service(api))
    assert found
    for ref in found:
        resolver.lookup(ref)  # raises when the schema is missing


def test_the_variant_conditions_pick_a_variant_the_answer_satisfies() -> None:
    answers = 0
    for api in APIS:
        model = service(api)
        for wire, example in examples(api):
            if "response" not in example:
                continue
            variants = model["operations"][wire]["variants"]
            chosen = variants  # without the request, any variant may be the one
            if "request" in example:
                request = example["request"]
                chosen = [
                    v for v in variants if v["when"] and valid(v["when"]["schema"], request)
                ] or [v for v in variants if not v["when"]]
            assert chosen, f"{wire} {example['name']}: no variant's condition holds"
            assert any(valid(v["schema"], example["response"]) for v in chosen), (
                f"{wire} {example['name']}: the answer fits none of {[v['name'] for v in chosen]}"
            )
            answers += 1
    assert answers
