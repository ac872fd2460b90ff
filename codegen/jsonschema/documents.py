"""JSON Schema (draft 2020-12) documents from the model: a product for other languages.

One file of shared `$defs` per API, one of the protocol's envelopes, and per operation a request
and a response schema that refer to them. Every schema carries the English description and the
Russian original (`x-description-ru`). `$schema` is the standard draft, so that every tool reads
the schemas (python's `referencing` refuses a dialect it does not know); the `x-*` keywords and
OpenAPI's `discriminator` are declared by the vocabulary of `vocabulary.py`, which a strict
validator registers in one step.
Each `$id` is absolute: `<EXPORT_BASE><api>/<version>/<file>`.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from .. import conditions
from ..model import Api, Evolution, Exclusive, Field, NamedType, Operation, Requirement, Text
from ..scalars import SCALARS
from ..typeexpr import TypeRef
from .vocabulary import DRAFT, EXPORT_BASE

DEFS_FILE = "_defs.schema.json"
ENVELOPE_FILE = "_envelope.schema.json"


def base_uri(api: Api) -> str:
    """Where the API's schemas live: the export base, the API, its version (a folder URI)."""
    return f"{EXPORT_BASE}{api.name}/{api.version}/"


def stem(op: Operation) -> str:
    """The file stem of an operation's schemas (`tasks/status` -> `tasks.status`)."""
    return op.wire.replace("/", ".")


def _describe(schema: dict[str, Any], text: Text | None) -> dict[str, Any]:
    if text is not None:
        schema["description"] = text.en.strip()
        if text.ru:
            schema["x-description-ru"] = text.ru.strip()
    return schema


def type_schema(ref: TypeRef, prefix: str) -> dict[str, Any]:
    if ref.kind == "scalar":
        return copy.deepcopy(SCALARS[ref.name].schema)
    if ref.kind == "named":
        return {"$ref": f"{prefix}#/$defs/{ref.name}"}
    if ref.kind == "list":
        return {"type": "array", "items": type_schema(ref.item, prefix)}
    if ref.kind == "map":
        return {"type": "object", "additionalProperties": type_schema(ref.item, prefix)}
    return {"anyOf": [type_schema(a, prefix) for a in ref.args]}


_JSON_TYPE = {bool: "boolean", int: "integer", float: "number", str: "string"}


def _enum_per_member(members: list[dict[str, Any]], values: list[Any]) -> None:
    """The values of a union's enum, each under the member of its JSON type (`"" | -1..7`
    becomes a string `enum` and an integer `enum`), so that every `enum` holds one type, as
    code generators need; a member no value has is dropped."""
    for member in list(members):
        own = [v for v in values if _JSON_TYPE.get(type(v)) == member.get("type")]
        if own:
            member["enum"] = own
        elif member != {"type": "null"}:
            members.remove(member)


# The JSON types a limit applies to: in a union, it goes to the members of those types only
# (ajv's strict mode refuses `pattern` beside an `anyOf` of an integer and a string).
_LIMITED_TYPES = {
    "minimum": ("integer", "number"),
    "maximum": ("integer", "number"),
    "minLength": ("string",),
    "maxLength": ("string",),
    "pattern": ("string",),
    "minItems": ("array",),
    "maxItems": ("array",),
}


def _holders(target: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """Where a limit goes: the schema itself, or in a union the members it applies to."""
    if "anyOf" not in target:
        return [target]
    members = [m for m in target["anyOf"] if m.get("type") in _LIMITED_TYPES[key]]
    return members or [target]


def field_schema(f: Field, prefix: str) -> dict[str, Any]:
    schema = type_schema(f.type, prefix)
    target = schema
    if f.type.kind == "union":  # constraints apply to the non-null scalar member
        members = [m for m in schema["anyOf"] if m != {"type": "null"}]
        target = members[0] if len(members) == 1 else schema
    # the string constraints of a list of strings hold for each item
    per_item = f.type.without_null() == TypeRef("list", args=(TypeRef("scalar", "string"),))
    if f.enum and target is schema and "anyOf" in schema:
        _enum_per_member(schema["anyOf"], [e.value for e in f.enum])
    elif f.enum:
        target["enum"] = [e.value for e in f.enum]
        target.pop("type", None) if f.type.kind != "union" else None
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
            for place in _holders(target, key):
                (place["items"] if per_item and string_rule else place)[key] = value
    if f.has_default:
        schema["default"] = f.default
    if f.values:
        schema["x-known-values"] = [e.value for e in f.values]
    if f.secret:
        schema["writeOnly"] = True
    if f.document_spelling:
        schema["x-document-spelling"] = f.document_spelling
    evolution_keys(schema, f.evolution)
    return _describe(schema, f.description)


def evolution_keys(schema: dict[str, Any], evo: Evolution | None) -> dict[str, Any]:
    """`deprecated: true` (with `x-deprecated`), and `x-since` / `x-provenance` for what the
    source document does not have."""
    if evo is None:
        return schema
    if evo.deprecated is not None:
        schema["deprecated"] = True
        dep = evo.deprecated
        use = {"use": dep.use} if dep.use else {}
        schema["x-deprecated"] = {"since": dep.since, **use, "message": dep.message.en}
    if evo.provenance.observed:
        schema["x-since"] = evo.since
        schema["x-provenance"] = {"observed": list(evo.provenance.observed)}
    return schema


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


# A tag value that is no word gets a name for the variant schema it picks (`!=` -> `Ne`).
_TAG_WORDS = {"!=": "Ne", "==": "Eq", "<": "Lt", "<=": "Le", ">": "Gt", ">=": "Ge"}


def tag_name(value: Any) -> str:
    """A name part for a tag value: `!=` -> `Ne`, `!is_null` -> `NotIsNull`, `nowy` -> `Nowy`."""
    text = str(value)
    if text in _TAG_WORDS:
        return _TAG_WORDS[text]
    if text.startswith("!"):
        return "Not" + tag_name(text[1:])
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[^0-9A-Za-z]+", text) if p)


def union_tags(types: dict[str, NamedType]) -> dict[str, tuple[str, list[Any]]]:
    """Variant type -> (the tag property, the tag values that pick it)."""
    out: dict[str, tuple[str, list[Any]]] = {}
    for union in types.values():
        if union.discriminator is not None:
            for value, name in union.variants.items():
                out.setdefault(name, (union.discriminator, []))[1].append(value)
    return out


def _member(name: str, value: Any, tags: dict[str, tuple[str, list[Any]]]) -> str:
    """The schema a tag value picks: the variant's own, or the variant's copy for this value
    when several values pick it (generators such as msgspec take one tag value per type)."""
    return f"{name}{tag_name(value)}" if len(tags[name][1]) > 1 else name


def _union(
    description: Text | None, prop: str, mapping: dict[str, str], prefix: str
) -> dict[str, Any]:
    refs = {value: f"{prefix}#/$defs/{name}" for value, name in mapping.items()}
    schema: dict[str, Any] = {"oneOf": [{"$ref": r} for r in dict.fromkeys(refs.values())]}
    schema["discriminator"] = {"propertyName": prop, "mapping": refs}
    return _describe(schema, description)


def named_schemas(t: NamedType, prefix: str, types: dict[str, NamedType]) -> dict[str, Any]:
    """The `$defs` entries of a named type: itself, and for a variant that several tag values
    pick, one copy per value (the type itself is then the union of its copies)."""
    tags = union_tags(types)
    if t.is_union:
        assert t.discriminator is not None
        mapping = {v: _member(name, v, tags) for v, name in t.variants.items()}
        return {t.name: _union(t.description, t.discriminator, mapping, prefix)}
    if t.is_enum:
        assert t.base is not None
        schema = type_schema(t.base, prefix)
        schema["enum"] = [e.value for e in t.enum]
        return {t.name: _describe(schema, t.description)}
    additional = type_schema(t.additional.type, prefix) if t.additional else None
    schema = object_schema(
        t.fields, prefix, closed=t.closed, additional=additional, text=t.description
    )
    if t.min_properties:
        schema["minProperties"] = t.min_properties
    if t.additional is not None and t.additional.key_pattern is not None:
        known = [f.wire for f in t.fields]
        schema["propertyNames"] = {
            "anyOf": [{"enum": known}, {"pattern": t.additional.key_pattern}]
        }
    schema.update(
        rule_schemas(t.exclusive, t.together, t.requires, t.field_defaults, t.flag_fields)
    )
    if t.evolution is not None and t.evolution.deprecated is not None:
        schema["deprecated"] = True
    if not t.closed and additional is None:
        # Open: keys the spec does not list are allowed, and said so for generators.
        schema["additionalProperties"] = True
    prop, values = tags.get(t.name, ("", []))
    if prop not in schema["properties"]:
        return {t.name: schema}
    out: dict[str, Any] = {}
    for value in values:  # the tag as `const`
        member = copy.deepcopy(schema)
        tag = member["properties"][prop]
        for key in ("enum", "type"):
            tag.pop(key, None)
        tag["const"] = value
        out[_member(t.name, value, tags)] = member
    if len(values) > 1:
        out[t.name] = _union(
            t.description, prop, {v: _member(t.name, v, tags) for v in values}, prefix
        )
    return out


# What the request and answer schemas leave to the protocol (`x-envelope`), per protocol.
REQUEST_ENVELOPE = {
    "sendsay": "The action's parameters. The `request` JSON of the form also carries `action`"
    " and one of `session`, `apikey` or `one_time_auth`: `_envelope.schema.json#/$defs/Request`"
    " is the request as it goes out.",
    "altcraft": "The request body, in JSON or in XML (the `token` included).",
}
ANSWER_ENVELOPE = {
    "sendsay": "The answer without the common fields every answer may carry: request.id,"
    " duration, warnings (`_envelope.schema.json#/$defs/Answer`); an error answer is"
    " `_envelope.schema.json#/$defs/ErrorAnswer`.",
    "altcraft": "The contents of `data`: the answer is {data, error, error_text}, error 0 on"
    " success (`_envelope.schema.json#/$defs/Answer`).",
}


def _header(api: Api, name: str, title: str) -> dict[str, Any]:
    return {"$schema": DRAFT, "$id": base_uri(api) + name, "title": title}


def _exclusion(names: list[str]) -> dict[str, Any]:
    """At most one of `names`: each present one forbids the others (no `required` in a `not`,
    which strict validators reject when the names are not properties of the same schema)."""
    return {name: {"properties": {o: False for o in names if o != name}} for name in names}


def request_properties(api: Api, op: Operation) -> dict[str, Any]:
    """The request schema's body: parameters, rules; no `$schema`, `$id` or title."""
    schema = object_schema(op.params, DEFS_FILE, closed=True, additional=None, text=op.summary)
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
    """The rules between an object's keys (an operation's parameters, an object type's
    fields): `allOf`, `dependentSchemas` and `dependentRequired`."""
    out: dict[str, Any] = {}
    rules: list[dict[str, Any]] = []
    exclusions: dict[str, Any] = {}
    for ex in exclusive:
        for name, rule in _exclusion(ex.params).items():
            exclusions.setdefault(name, {"properties": {}})["properties"].update(rule["properties"])
        if ex.required:
            rules.append(conditions.any_present(ex.params))
    for rule in requires:
        needed = (
            conditions.any_present(rule.params)
            if rule.any
            else conditions.present(list(rule.params))
        )
        when = conditions.to_schema(rule.when, defaults, flags)
        rules.append({"if": when, "then": needed})
    if rules:
        out["allOf"] = rules
    if exclusions:
        out["dependentSchemas"] = exclusions
    if together:
        out["dependentRequired"] = {
            name: [other for other in group if other != name]
            for group in together
            for name in group
        }
    return out


def request_schema(api: Api, op: Operation) -> dict[str, Any]:
    schema = {
        **_header(api, f"{stem(op)}.request.schema.json", f"{op.wire} request"),
        "x-envelope": REQUEST_ENVELOPE[api.protocol],
        **request_properties(api, op),
    }
    return evolution_keys(schema, op.evolution)


def variant_ref(type_name: str, prefix: str = DEFS_FILE) -> str:
    return f"{prefix}#/$defs/{type_name}"


def response_schema(api: Api, op: Operation) -> dict[str, Any]:
    variants = []
    for v in op.variants:
        entry: dict[str, Any] = {"$ref": variant_ref(v.type_name)}
        entry["x-variant"] = v.name
        if v.when is not None:
            entry["x-when"] = conditions.to_text(v.when).replace("`", "")
        variants.append(entry)
    schema: dict[str, Any] = {
        **_header(api, f"{stem(op)}.response.schema.json", f"{op.wire} answer"),
        "x-envelope": ANSWER_ENVELOPE[api.protocol],
    }
    _describe(schema, op.summary)
    evolution_keys(schema, op.evolution)
    if len(variants) == 1:
        schema.update(variants[0])
    else:
        schema["anyOf"] = variants
    return schema


def envelope_request_name(op: Operation) -> str:
    """The `$defs` name of an operation's request as it goes out (`member.set` ->
    `MemberSetRequest`)."""
    parts = stem(op).split(".")
    return "".join(p[:1].upper() + p[1:] for p in parts) + "Request"


def _sendsay_envelope(api: Api) -> dict[str, Any]:
    auth = {f.wire: field_schema(f, DEFS_FILE) for f in api.envelope}
    ops = sorted(api.operations, key=lambda o: o.wire)
    defs: dict[str, Any] = {
        "Request": {
            "description": "The `request` JSON of the form, as it goes out: `action` picks the"
            " operation; the rest are its parameters and at most one of the authorisations.",
            "type": "object",
            "required": ["action"],
            "properties": {"action": {"enum": [op.wire for op in ops]}},
            "allOf": [
                {
                    "if": {"properties": {"action": {"const": op.wire}}},
                    "then": {"$ref": f"#/$defs/{envelope_request_name(op)}"},
                }
                for op in ops
            ],
        },
        "Form": {
            "description": "The form fields of the POST (application/x-www-form-urlencoded):"
            " `request` holds the JSON of `#/$defs/Request`.",
            "type": "object",
            "required": ["apiversion", "json", "request"],
            "properties": {
                "apiversion": {"const": "100"},
                "json": {"const": "1"},
                "request.id": {"type": "string", "description": "Echoed in the answer."},
                "request": {"type": "string", "contentMediaType": "application/json"},
            },
            "additionalProperties": False,
        },
        "Answer": {
            "description": "The fields every answer may carry beside the operation's own.",
            "type": "object",
            "properties": {
                "request.id": {"type": ["string", "integer"]},
                "duration": {"type": "number"},
                "warnings": {"type": "array", "items": {"$ref": "#/$defs/Problem"}},
            },
            "additionalProperties": True,
        },
        "ErrorAnswer": {
            "description": "An answer that reports errors instead of a result.",
            "type": "object",
            "required": ["errors"],
            "properties": {
                "errors": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/Problem"}},
                "request.id": {"type": ["string", "integer"]},
                "duration": {"type": "number"},
            },
            "additionalProperties": True,
        },
        "Problem": {
            "description": "One error or warning: its id (e.g. `error/auth/failed`) and the"
            " explanation.",
            "type": "object",
            "required": ["id"],
            "properties": {"id": {"type": "string"}, "explain": SCALARS["any"].schema},
            "additionalProperties": True,
        },
    }
    for op in ops:
        body = request_properties(api, op)
        body.pop("description", None)
        body.pop("x-description-ru", None)
        keys = {"action": {"const": op.wire}, **({} if op.auth == "none" else auth)}
        body["properties"] = {**keys, **body["properties"]}
        body["required"] = ["action", *body.get("required", [])]
        if op.auth != "none":
            found = body.setdefault("dependentSchemas", {})
            for name, rule in _exclusion(list(auth)).items():
                found.setdefault(name, {"properties": {}})["properties"].update(rule["properties"])
        defs[envelope_request_name(op)] = {"description": f"`{op.wire}` as it goes out.", **body}
    return defs


def _altcraft_envelope(api: Api) -> dict[str, Any]:
    return {
        "Answer": {
            "description": "Every answer: `data` (the operation's result), `error` (0 on"
            " success) and `error_text`.",
            "type": "object",
            "required": ["data", "error", "error_text"],
            "properties": {
                "data": {
                    **SCALARS["any"].schema,
                    "description": "The operation's answer schema describes it.",
                },
                "error": {"type": "integer"},
                "error_text": {"type": "string"},
            },
            "additionalProperties": True,
        },
        "ErrorAnswer": {
            "description": "An answer that reports an error: `error` is not 0.",
            "type": "object",
            "required": ["error"],
            "properties": {
                "data": SCALARS["any"].schema,
                "error": {"type": "integer", "not": {"const": 0}},
                "error_text": {"type": "string"},
            },
            "additionalProperties": True,
        },
    }


ENVELOPES = {"sendsay": _sendsay_envelope, "altcraft": _altcraft_envelope}


def envelope_schema(api: Api) -> dict[str, Any]:
    return {
        **_header(api, ENVELOPE_FILE, f"Wire envelopes of the {api.title.en}"),
        "$defs": ENVELOPES[api.protocol](api),
    }


def documents(api: Api) -> dict[str, dict[str, Any]]:
    """File name -> schema, for `generated/jsonschema/<api>/` (schemas only)."""
    defs = {
        name: schema
        for _, t in sorted(api.types.items())
        for name, schema in named_schemas(t, "", api.types).items()
    }
    out: dict[str, dict[str, Any]] = {
        DEFS_FILE: {
            **_header(api, DEFS_FILE, f"Shared definitions of the {api.title.en}"),
            "$defs": defs,
        },
        ENVELOPE_FILE: envelope_schema(api),
    }
    for op in sorted(api.operations, key=lambda o: o.wire):
        out[f"{stem(op)}.request.schema.json"] = request_schema(api, op)
        out[f"{stem(op)}.response.schema.json"] = response_schema(api, op)
    return out
