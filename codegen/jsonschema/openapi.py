"""An OpenAPI 3.1 document of an API that is plain REST (Altcraft: `POST <endpoint>/<path>`), so
that openapi-generator, Redocly, Prism and Schemathesis work on it out of the box.

It is built from the same schemas as `generated/jsonschema/` (`documents.py`): the shared
definitions become `components/schemas`, each operation's request a component of its own, and
each answer the protocol's envelope `{data, error, error_text}` with the operation's answer as
`data`. The document's examples are the media types' examples.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Api, Operation
from .documents import (
    DEFS_FILE,
    ENVELOPES,
    envelope_request_name,
    named_schemas,
    request_properties,
    response_schema,
)

OPENAPI = "3.1.0"
COMPONENTS = "#/components/schemas/"


def _local(node: Any) -> Any:
    """References into `_defs.schema.json` (or `#/$defs/`) become component references."""
    text = json.dumps(node, ensure_ascii=False)
    for prefix in (f'"{DEFS_FILE}#/$defs/', '"#/$defs/'):
        text = text.replace(prefix, f'"{COMPONENTS}')
    return json.loads(text)


def _operation_id(op: Operation) -> str:
    """`tasks/status` -> `tasksStatus`."""
    name = envelope_request_name(op).removesuffix("Request")
    return name[:1].lower() + name[1:]


def _examples(op: Operation, kind: str) -> dict[str, Any]:
    found = {
        example.name: {"value": getattr(example, kind)}
        for example in op.examples
        if getattr(example, kind) is not None
    }
    return {"examples": found} if found else {}


def operation(api: Api, op: Operation, schemas: dict[str, Any]) -> dict[str, Any]:
    request_name = envelope_request_name(op)
    schemas[request_name] = _local(request_properties(api, op))
    answer = _local(response_schema(api, op))
    for key in ("$schema", "$id", "title", "x-envelope"):
        answer.pop(key, None)
    answer_name = request_name.removesuffix("Request") + "Answer"
    schemas[answer_name] = answer
    entry: dict[str, Any] = {
        "operationId": _operation_id(op),
        "summary": op.summary.en.strip(),
        "tags": [op.section],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"$ref": COMPONENTS + request_name},
                    **_examples(op, "request"),
                }
            },
        },
        "responses": {
            "200": {
                "description": "The answer envelope; `data` holds the operation's answer"
                " when `error` is 0.",
                "content": {
                    "application/json": {
                        "schema": {
                            "allOf": [
                                {"$ref": COMPONENTS + "Answer"},
                                {"properties": {"data": {"$ref": COMPONENTS + answer_name}}},
                            ]
                        },
                        **_wrapped_examples(op),
                    }
                },
            },
            "default": {
                "description": "An error: `error` is not 0 and `error_text` says why.",
                "content": {"application/json": {"schema": {"$ref": COMPONENTS + "ErrorAnswer"}}},
            },
        },
    }
    if op.description is not None:
        entry["description"] = op.description.en.strip()
    if op.deprecated is not None:
        entry["deprecated"] = True
    if op.retry.safe and op.retry.unless is None:
        entry["x-retry-safe"] = True
    return entry


def _wrapped_examples(op: Operation) -> dict[str, Any]:
    found = {
        example.name: {
            "value": {"data": example.response, "error": 0, "error_text": "Successful operation"}
        }
        for example in op.examples
        if example.response is not None
    }
    return {"examples": found} if found else {}


def document(api: Api) -> dict[str, Any]:
    schemas: dict[str, Any] = {
        name: _local(schema)
        for _, t in sorted(api.types.items())
        for name, schema in named_schemas(t, "", api.types).items()
    }
    for name, schema in ENVELOPES[api.protocol](api).items():
        assert name not in schemas, f"envelope {name} collides with a type of the spec"
        schemas[name] = _local(schema)
    paths = {}
    for op in sorted(api.operations, key=lambda o: o.wire):
        paths[f"/{op.wire}"] = {"post": operation(api, op, schemas)}
    info: dict[str, Any] = {"title": api.title.en, "version": api.version}
    if api.description is not None:
        info["description"] = api.description.en.strip()
    return {
        "openapi": OPENAPI,
        "info": info,
        "servers": [{"url": api.base_url}],
        "tags": [{"name": s.name, "description": s.title.en} for s in api.sections if s.operations],
        "paths": paths,
        "components": {"schemas": schemas},
    }
