"""The service model: one machine-readable file per API and version, for SDKs in any language.

Like botocore's `service-2.json`, it lists every operation with its request and answer schemas
(absolute `$id`s of `generated/jsonschema/`), its answer variants and the condition on the
request that selects each (as text and as a JSON Schema of the request), authorisation, mode,
retry safety and error ids; `metadata` describes the protocol: endpoint, method, encoding and
the envelope schemas. Beside it: the document's examples and catalogues as JSON.
"""

from __future__ import annotations

from typing import Any

from .. import conditions
from ..model import Api, Evolution, Operation, Text
from .documents import (
    DEFS_FILE,
    ENVELOPE_FILE,
    base_uri,
    envelope_request_name,
    stem,
    variant_ref,
)

# The service model's own format version: bumped when its shape changes.
FORMAT_VERSION = "1.0"

# How each protocol puts an operation on the wire.
PROTOCOLS: dict[str, dict[str, Any]] = {
    "sendsay": {
        "protocol": "sendsay-json-form",
        "method": "POST",
        "path": "",
        "requestEncoding": "application/x-www-form-urlencoded",
        "answerEncoding": "application/json",
        "operationKey": "action",
        "envelope": {
            "form": "Form",
            "request": "Request",
            "answer": "Answer",
            "error": "ErrorAnswer",
        },
        "description": "One endpoint. The POST form holds apiversion=100, json=1, request.id and"
        " request: a JSON object with `action` (the operation's name), the operation's"
        " parameters and the authorisation (`session`, `apikey` or `one_time_auth`). An answer"
        " with `errors` is an error answer; other answers may carry `request.id`, `duration`"
        " and `warnings` beside the operation's own fields.",
    },
    "altcraft": {
        "protocol": "rest-json",
        "method": "POST",
        "path": "/{operation}",
        "requestEncoding": "application/json",
        "alternativeEncodings": ["application/xml"],
        "answerEncoding": "application/json",
        "operationKey": None,
        "envelope": {"answer": "Answer", "error": "ErrorAnswer"},
        "description": "POST <endpoint>/<operation> with the parameters (`token` included) as"
        " the body. Every answer is {data, error, error_text}: `data` is the operation's answer,"
        " `error` 0 on success.",
    },
}


def _text(text: Text | None) -> dict[str, str] | None:
    if text is None:
        return None
    out = {"en": text.en.strip()}
    if text.ru:
        out["ru"] = text.ru.strip()
    return out


def _condition(cond: conditions.Cond | None, op: Operation) -> dict[str, Any] | None:
    if cond is None:
        return None
    return {
        "text": conditions.to_text(cond).replace("`", ""),
        "schema": conditions.to_schema(cond, op.param_defaults, op.flag_params),
    }


def evolution(ev: Evolution | None) -> dict[str, Any]:
    """`since`, `provenance` (the document's version, or the observed sources) and, when the
    item should no longer be used, `deprecated` {since, message, use}."""
    if ev is None:
        return {}
    provenance: dict[str, Any] = {}
    if ev.provenance.document:
        provenance["document"] = ev.provenance.document
    if ev.provenance.observed:
        provenance["observed"] = list(ev.provenance.observed)
    out: dict[str, Any] = {"since": ev.since, "provenance": provenance}
    if ev.deprecated is not None:
        out["deprecated"] = {"since": ev.deprecated.since, "message": _text(ev.deprecated.message)}
        if ev.deprecated.use:
            out["deprecated"]["use"] = ev.deprecated.use
    return out


def operation_entry(api: Api, op: Operation) -> dict[str, Any]:
    base = base_uri(api)
    protocol = PROTOCOLS[api.protocol]
    entry: dict[str, Any] = {
        "name": op.wire,
        "section": op.section,
        "summary": _text(op.summary),
        "http": {"method": protocol["method"], "path": protocol["path"].format(operation=op.wire)},
        "auth": op.auth,
        "mode": op.mode,
        "retry": {
            "safe": op.retry.safe,
            "unless": _condition(op.retry.unless, op),
            "reason": _text(op.retry.reason),
        },
        "input": {"$ref": f"{base}{stem(op)}.request.schema.json"},
        "output": {"$ref": f"{base}{stem(op)}.response.schema.json"},
        "variants": [
            {
                "name": v.name,
                "schema": {"$ref": base + variant_ref(v.type_name)},
                "when": _condition(v.when, op),
                "description": _text(v.description),
            }
            for v in op.variants
        ],
        "errors": [{"id": e.id, "description": _text(e.description)} for e in op.errors],
        "documentation": _text(op.description),
    }
    if protocol["operationKey"]:
        entry["wireInput"] = {"$ref": f"{base}{ENVELOPE_FILE}#/$defs/{envelope_request_name(op)}"}
    if op.document_spelling:
        entry["documentSpelling"] = op.document_spelling
    entry.update(evolution(op.evolution))
    deprecated = {p.wire: evolution(p.evolution)["deprecated"] for p in op.params if p.deprecated}
    if deprecated:
        entry["deprecatedParameters"] = deprecated
    return entry


def service_model(api: Api) -> dict[str, Any]:
    base = base_uri(api)
    protocol = PROTOCOLS[api.protocol]
    metadata: dict[str, Any] = {
        "api": api.name,
        "apiVersion": api.version,
        "title": _text(api.title),
        "source": api.source,
        "endpoint": api.base_url,
        **{k: v for k, v in protocol.items() if k not in ("envelope",)},
        "envelope": {
            role: {"$ref": f"{base}{ENVELOPE_FILE}#/$defs/{name}"}
            for role, name in protocol["envelope"].items()
        },
        "schemas": {"base": base, "definitions": base + DEFS_FILE},
        "documentation": _text(api.description),
    }
    return {
        "formatVersion": FORMAT_VERSION,
        "metadata": metadata,
        "operations": {
            op.wire: operation_entry(api, op) for op in sorted(api.operations, key=lambda o: o.wire)
        },
    }


def catalogs(api: Api) -> dict[str, Any]:
    """Every section's catalogues, for other languages and tools."""
    out: dict[str, Any] = {}
    for section in api.sections:
        for name, catalog in sorted(section.catalogs.items()):
            out[name] = {"section": section.name, **catalog}
    return out


def examples(api: Api) -> dict[str, Any]:
    """The document's examples as JSON test vectors: action -> [{name, request?, response?}]."""
    out: dict[str, Any] = {}
    for op in sorted(api.operations, key=lambda o: o.wire):
        cases = []
        for example in op.examples:
            case: dict[str, Any] = {"name": example.name}
            if example.request is not None:
                case["request"] = example.request
            if example.response is not None:
                case["response"] = example.response
            if len(case) > 1:
                cases.append(case)
        if cases:
            out[op.wire] = cases
    return out


def documents(api: Api) -> dict[str, dict[str, Any]]:
    """File name -> document, for `generated/service/<api>/`."""
    out: dict[str, dict[str, Any]] = {
        "service.json": service_model(api),
        "examples.json": {
            "title": f"Examples of the {api.title.en} (request parameters and answers, as JSON)",
            "examples": examples(api),
        },
    }
    if any(section.catalogs for section in api.sections):
        out["catalogs.json"] = {
            "title": f"Catalogues of the {api.title.en}",
            "catalogs": catalogs(api),
        }
    return out
