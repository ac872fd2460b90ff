"""Check spec files against the format's meta-schema (spec/meta/spec.schema.json)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from .errors import Collector
from .loader import SpecFile

META_SCHEMA = Path(__file__).resolve().parent.parent / "spec" / "meta" / "spec.schema.json"


@cache
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    schema: dict[str, Any] = json.loads(META_SCHEMA.read_text(encoding="utf-8"))
    schema.pop("oneOf")
    schema["$ref"] = f"#/$defs/{kind}_file"
    return jsonschema.Draft202012Validator(schema)


def _describe(error: jsonschema.ValidationError) -> str:
    where = "/".join(str(p) for p in error.absolute_path) or "(file)"
    if error.validator == "additionalProperties":
        return f"{where}: {error.message}; see spec/FORMAT.md for the keys allowed here"
    if error.validator in ("oneOf", "anyOf") and error.context:
        best = jsonschema.exceptions.best_match(error.context)
        return f"{where}: {best.message}"
    return f"{where}: {error.message}"


def check_file(spec: SpecFile, collector: Collector) -> bool:
    """Add a problem per meta-schema violation; True when the file is valid."""
    data = spec.data
    if not isinstance(data, dict) or data.get("kind") not in ("api", "section", "layer"):
        collector.add(
            spec.loc(()),
            "a spec file must be a mapping with `kind: api`, `kind: section` or `kind: layer`",
        )
        return False
    ok = True
    errors = _validator(data["kind"]).iter_errors(data)
    for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        ok = False
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = set(error.schema.get("properties", {}))
            for key in sorted(set(error.instance) - allowed):
                where = "/".join(str(p) for p in (*path, key))
                collector.add(
                    spec.loc((*path, key)),
                    f"{where}: unknown key {key!r}; allowed here: {', '.join(sorted(allowed))}"
                    " (see spec/FORMAT.md)",
                )
            continue
        collector.add(spec.loc(path), _describe(error))
    return ok
