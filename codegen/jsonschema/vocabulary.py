"""The dialect of the exported JSON Schemas: draft 2020-12 plus this project's annotations.

The dialect's meta-schema declares the standard vocabularies and ours (`VOCABULARY`, not
required: a validator that does not know it may ignore it, as its keywords only annotate). The
vocabulary's meta-schema lists each keyword with its shape and meaning, so a strict validator is
told about all of them in one step (ajv: `ajv.addVocabulary(Object.keys(extensions.properties))`).
The exported schemas themselves name the standard draft as `$schema`, which every tool reads.
"""

from __future__ import annotations

from typing import Any

# The base of every exported `$id`; the API name and its version follow.
EXPORT_BASE = "https://schemas.sendsay-altcraft-bindings.dev/"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
META_FOLDER = "meta/v1"  # under generated/jsonschema/ and under EXPORT_BASE alike
DIALECT = f"{EXPORT_BASE}{META_FOLDER}/dialect.schema.json"
EXTENSIONS = f"{EXPORT_BASE}{META_FOLDER}/extensions.schema.json"
VOCABULARY = f"{EXPORT_BASE}vocab/v1/extensions"

_STANDARD = [
    f"https://json-schema.org/draft/2020-12/vocab/{name}"
    for name in (
        "core",
        "applicator",
        "unevaluated",
        "validation",
        "meta-data",
        "format-annotation",
        "content",
    )
]

_TEXT = {"type": "string"}

# keyword -> (its schema, what it means): the one table of the extension keywords.
KEYWORDS: dict[str, tuple[dict[str, Any], str]] = {
    "x-description-ru": (
        _TEXT,
        "The Russian original of `description`, from the vendor's document.",
    ),
    "x-known-values": (
        {"type": "array"},
        "Values the document names for an open field (any other value is accepted too).",
    ),
    "x-document-spelling": (
        _TEXT,
        "How the vendor's document spells this name, where the wire name differs.",
    ),
    "x-envelope": (
        _TEXT,
        "What the protocol adds around this schema on the wire (see the envelope schemas).",
    ),
    "x-variant": (_TEXT, "The name of an answer variant."),
    "x-when": (
        _TEXT,
        "The condition on the request that selects this answer variant (the service model"
        " gives it as a schema of the request too).",
    ),
    "x-format": (
        {"enum": ["datetime", "datetime-hm"]},
        "A date and local time with a space, `YYYY-MM-DD hh:mm:ss` (`datetime`) or"
        " `YYYY-MM-DD hh:mm` (`datetime-hm`): `pattern` checks the spelling; the moment must"
        " also exist in the calendar (no 2024-02-30), which validators may assert.",
    ),
    "x-since": (
        _TEXT,
        "The API version that introduced this item, where the source document does not have it"
        " (`0.108+observed`: seen in requests that public code sends the live service).",
    ),
    "x-provenance": (
        {
            "type": "object",
            "required": ["observed"],
            "properties": {"observed": {"type": "array", "items": _TEXT}},
        },
        "Where an item the source document does not have comes from: `observed` lists the"
        " public sources (`owner/repository:path`) whose requests use it.",
    ),
    "x-deprecated": (
        {
            "type": "object",
            "required": ["since", "message"],
            "properties": {"since": _TEXT, "use": _TEXT, "message": _TEXT},
        },
        "Beside `deprecated: true`: the version that deprecated the item, what to use instead,"
        " and why.",
    ),
    "discriminator": (
        {
            "type": "object",
            "required": ["propertyName"],
            "properties": {
                "propertyName": _TEXT,
                "mapping": {"type": "object", "additionalProperties": _TEXT},
            },
        },
        "OpenAPI's discriminator on a `oneOf`: the property whose value (a `const` or `enum` in"
        " each variant) tells the variants apart; `mapping` maps each value to its variant.",
    ),
}


def extensions_meta_schema() -> dict[str, Any]:
    """The vocabulary's meta-schema: every extension keyword, its shape and meaning."""
    return {
        "$schema": DRAFT,
        "$id": EXTENSIONS,
        "$vocabulary": {VOCABULARY: True},
        "$dynamicAnchor": "meta",
        "title": "Extension keywords of the Sendsay and Altcraft schemas (annotations only)",
        "type": ["object", "boolean"],
        "properties": {
            name: {**schema, "description": meaning} for name, (schema, meaning) in KEYWORDS.items()
        },
    }


def dialect_meta_schema() -> dict[str, Any]:
    """The dialect every exported schema names: draft 2020-12 and the extension vocabulary."""
    return {
        "$schema": DRAFT,
        "$id": DIALECT,
        "$vocabulary": {**dict.fromkeys(_STANDARD, True), VOCABULARY: False},
        "$dynamicAnchor": "meta",
        "title": "JSON Schema 2020-12 with the Sendsay and Altcraft extension keywords",
        "allOf": [{"$ref": DRAFT}, {"$ref": EXTENSIONS}],
    }


def documents() -> dict[str, dict[str, Any]]:
    """File name -> meta-schema, for `generated/jsonschema/<META_FOLDER>/`."""
    return {
        "dialect.schema.json": dialect_meta_schema(),
        "extensions.schema.json": extensions_meta_schema(),
    }
