"""The spec's examples checked against the spec itself (`codegen lint`, `generate` and
`check`): each example request and answer is validated with the operation's
JSON Schema, and a mismatch is reported at the example's file:line."""

from __future__ import annotations

from typing import Any

import jsonschema
import referencing

from .errors import Loc, Problem
from .jsonschema.documents import documents
from .model import Api


def _registry(docs: dict[str, dict[str, Any]]) -> referencing.Registry[Any]:
    resources = [
        (name, referencing.Resource.from_contents(doc))
        for name, doc in docs.items()
        if name.endswith(".schema.json")
    ]
    return referencing.Registry().with_resources(resources)


def example_problems(api: Api) -> list[Problem]:
    docs = documents(api)
    registry = _registry(docs)
    problems = []
    for op in api.operations:
        stem = op.wire.replace("/", ".")
        for example in op.examples:
            loc = example.loc or op.loc
            for kind, value in (("request", example.request), ("response", example.response)):
                if value is None:
                    continue
                schema = docs[f"{stem}.{kind}.schema.json"]
                validator = jsonschema.Draft202012Validator(schema, registry=registry)
                for error in validator.iter_errors(value):
                    where = "/".join(str(p) for p in error.absolute_path) or "(top)"
                    problems.append(
                        Problem(
                            Loc(loc.file, loc.line),
                            f"example {example.name!r} of {op.wire}: {kind} {where}:"
                            f" {error.message}",
                        )
                    )
    return problems
