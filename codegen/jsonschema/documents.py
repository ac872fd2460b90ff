"""JSON Schema (draft 2020-12) documents from the model: a product for other languages.

One file of shared `$defs` per API, and per operation a request and a response schema that
refer to it. Every schema carries the English description and the Russian original
(`x-description-ru`).
"""

from __future__ import annotations

from typing import Any

from .. import conditions
from ..model import Api, Exclusive, Field, NamedType, Operation, Requirement, Text
from ..scalars import SCALARS
from ..typeexpr import TypeRef

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DEFS_FILE = "_defs.schema.json"


def _describe(schema: dict[str, Any], text: Text | None) -> dict[str, Any]:
    if text is not None:
        schema["description"] = text.en.strip()
        if text.ru:
            schema["x-description-ru"] = text.ru.strip()
    return schema


def type_schema(ref: TypeRef, prefix: str) -> dict[str, Any]:
    if ref.kind == "scalar":
        return dict(SCALARS[ref.name].schema)
    if ref.kind == "named":
        return {"$ref": f"{prefix}#/$defs/{ref.name}"}
    if ref.kind == "list":
        return {"type": "array", "items": type_schema(ref.item, prefix)}
    if ref.kind == "map":
        return {"type": "object", "additionalProperties": type_schema(ref.item, prefix)}
    return {"anyOf": [type_schema(a, prefix) for a in ref.args]}


def field_schema(f: Field, prefix: str) -> dict[str, Any]:
    schema = type_schema(f.type, prefix)
    target = schema
    if f.type.kind == "union":  # constraints apply to the non-null scalar member
        members = [m for m in schema["anyOf"] if m != {"type": "null"}]
        target = members[0] if len(members) == 1 else schema
    # the string constraints of a list of strings hold for each item
    per_item = f.type.without_null() == TypeRef("list", args=(TypeRef("scalar", "string"),))
    if f.enum:
        target["enum"] = [e.value for e in f.enum]
        target.pop("type", None) if "enum" in target and f.type.kind != "union" else None
    for key, value in (
        ("minimum", f.min),
        ("maximum", f.max),
        ("minLength", f.min_length),
        ("maxLength", f.max_length),
        ("pattern", f.pattern),
        ("minItems", f.min_items),
        ("maxItems", f.max_items),
    ):
        if value is not None:
            string_rule = key in ("minLength", "maxLength", "pattern")
            (target["items"] if per_item and string_rule else target)[key] = value
    if f.has_default:
        schema["default"] = f.default
    if f.values:
        schema["x-known-values"] = [e.value for e in f.values]
    if f.secret:
        schema["writeOnly"] = True
    if f.document_spelling:
        schema["x-document-spelling"] = f.document_spelling
    return _describe(schema, f.description)


def object_schema(
    fields: list[Field],
    prefix: str,
    *,
    closed: bool,
    additional: dict[str, Any] | None,
    text: Text | None,
) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object"}
    _describe(schema, text)
    schema["properties"] = {f.wire: field_schema(f, prefix) for f in fields}
    required = [f.wire for f in fields if f.required]
    if required:
        schema["required"] = required
    if additional is not None:
        schema["additionalProperties"] = additional
    elif closed:
        schema["additionalProperties"] = False
    return schema


def named_schema(t: NamedType, prefix: str) -> dict[str, Any]:
    if t.is_union:
        names = list(dict.fromkeys(t.variants.values()))
        schema: dict[str, Any] = {"oneOf": [{"$ref": f"{prefix}#/$defs/{n}"} for n in names]}
        schema["x-discriminator"] = {"propertyName": t.discriminator, "mapping": dict(t.variants)}
        return _describe(schema, t.description)
    if t.is_enum:
        assert t.base is not None
        schema = type_schema(t.base, prefix)
        schema["enum"] = [e.value for e in t.enum]
        return _describe(schema, t.description)
    additional = type_schema(t.additional.type, prefix) if t.additional else None
    schema = object_schema(
        t.fields, prefix, closed=t.closed, additional=additional, text=t.description
    )
    if t.additional is not None and t.additional.key_pattern is not None:
        known = [f.wire for f in t.fields]
        schema["propertyNames"] = {
            "anyOf": [{"enum": known}, {"pattern": t.additional.key_pattern}]
        }
    if t.min_properties:
        schema["minProperties"] = t.min_properties
    schema.update(
        rule_schemas(t.exclusive, t.together, t.requires, t.field_defaults, t.flag_fields)
    )
    return schema


# What the request and answer schemas leave to the protocol (`x-envelope`), per protocol.
REQUEST_ENVELOPE = {
    "sendsay": "The action's parameters. The `request` JSON of the form also carries `action`"
    " and one of `session`, `apikey` or `one_time_auth` (the api's envelope), added by the"
    " protocol; the form itself holds apiversion=100, json=1, request.id and request.",
    "altcraft": "The request body, in JSON or in XML (the `token` included).",
}
ANSWER_ENVELOPE = {
    "sendsay": "The answer without the common fields every answer may carry: request.id,"
    " duration, warnings (errors answers carry `errors` instead).",
    "altcraft": "The contents of `data`: the answer is {data, error, error_text}, error 0 on"
    " success.",
}


def request_schema(api: Api, op: Operation) -> dict[str, Any]:
    schema = object_schema(op.params, DEFS_FILE, closed=True, additional=None, text=op.summary)
    schema = {
        "$schema": DRAFT,
        "$id": f"{api.name}/{op.wire.replace('/', '.')}.request.schema.json",
        "title": f"{op.wire} request",
        "x-envelope": REQUEST_ENVELOPE[api.protocol],
        **schema,
    }
    schema.update(
        rule_schemas(op.exclusive, op.together, op.requires, op.param_defaults, op.flag_params)
    )
    return schema


def rule_schemas(
    exclusive: list[Exclusive],
    together: list[list[str]],
    requires: list[Requirement],
    defaults: dict[str, Any],
    flags: frozenset[str],
) -> dict[str, Any]:
    """`allOf` and `dependentRequired` of the rules between an object's keys."""
    out: dict[str, Any] = {}
    rules: list[dict[str, Any]] = []
    for ex in exclusive:
        names = ex.params
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                rules.append({"not": {"required": [a, b]}})
        if ex.required:
            rules.append({"anyOf": [{"required": [n]} for n in names]})
    for rule in requires:
        needed = (
            {"anyOf": [{"required": [n]} for n in rule.params]}
            if rule.any
            else {"required": list(rule.params)}
        )
        when = conditions.to_schema(rule.when, defaults, flags)
        rules.append({"if": when, "then": needed})
    if rules:
        out["allOf"] = rules
    if together:
        out["dependentRequired"] = {
            name: [other for other in group if other != name]
            for group in together
            for name in group
        }
    return out


def response_schema(api: Api, op: Operation) -> dict[str, Any]:
    variants = []
    for v in op.variants:
        entry: dict[str, Any] = {"$ref": f"{DEFS_FILE}#/$defs/{v.type_name}"}
        entry["x-variant"] = v.name
        if v.when is not None:
            entry["x-when"] = conditions.to_text(v.when).replace("`", "")
        variants.append(entry)
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": f"{api.name}/{op.wire.replace('/', '.')}.response.schema.json",
        "title": f"{op.wire} answer",
        "x-envelope": ANSWER_ENVELOPE[api.protocol],
    }
    _describe(schema, op.summary)
    if len(variants) == 1:
        schema.update(variants[0])
    else:
        schema["anyOf"] = variants
    return schema


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
    defs = {name: named_schema(t, "") for name, t in sorted(api.types.items())}
    out: dict[str, dict[str, Any]] = {
        DEFS_FILE: {
            "$schema": DRAFT,
            "$id": f"{api.name}/{DEFS_FILE}",
            "title": f"Shared definitions of the {api.title.en}",
            "$defs": defs,
        },
    }
    out["examples.json"] = {
        "title": f"Examples of the {api.title.en} (request parameters and answers, as JSON)",
        "examples": examples(api),
    }
    if any(section.catalogs for section in api.sections):
        out["catalogs.json"] = {
            "title": f"Catalogues of the {api.title.en}",
            "catalogs": catalogs(api),
        }
    for op in sorted(api.operations, key=lambda o: o.wire):
        stem = op.wire.replace("/", ".")
        out[f"{stem}.request.schema.json"] = request_schema(api, op)
        out[f"{stem}.response.schema.json"] = response_schema(api, op)
    return out
