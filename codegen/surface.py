"""The public surface of an API: what its users see, flattened per operation, as plain JSON.

Two surfaces are compared by `codegen.apidiff`; `spec/<api>/compat-baseline.json` records the
surface of the last release. Per operation:

    {"python": "client.issue.send", "summary": ..., "since": ..., "deprecated": ...,
     "provenance": ..., "request": {path: entry}, "responses": {variant: {path: entry}},
     "signature": {python param: "name: annotation = default"}, "returns": "Model | Other"}

A path names a value inside the request or answer: `letter/from.name`, `users.list[]`,
`obj{}/base`; named types are expanded in place (a type that holds itself is expanded once).
"""

from __future__ import annotations

import hashlib
from typing import Any

from . import conditions
from .model import Api, EnumValue, Evolution, Field, Operation
from .python.operations_view import operation_view
from .typeexpr import TypeRef

SURFACE_FORMAT = 1
LIMITS = ("min", "max", "min_length", "max_length", "pattern", "min_items")


def _evolution(evo: Evolution | None) -> dict[str, Any]:
    if evo is None:
        return {}
    out: dict[str, Any] = {"since": evo.since}
    if evo.provenance.observed:
        out["observed"] = list(evo.provenance.observed)
    if evo.deprecated is not None:
        out["deprecated"] = {"since": evo.deprecated.since, "use": evo.deprecated.use}
    return out


def _digest(text: str) -> str:
    """A short fingerprint of a description: enough to tell that it changed."""
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def _enum(values: list[EnumValue]) -> list[Any]:
    return [v.value for v in values]


class _Flattener:
    def __init__(self, api: Api) -> None:
        self.api = api

    def fields(
        self, out: dict[str, Any], prefix: str, fields: list[Field], stack: tuple[str, ...]
    ) -> None:
        for f in fields:
            path = f"{prefix}/{f.wire}" if prefix else f.wire
            entry: dict[str, Any] = {"type": str(f.type), "required": f.required}
            if f.enum:
                entry["enum"] = _enum(f.enum)
            limits = {k: getattr(f, k) for k in LIMITS if getattr(f, k) is not None}
            if limits:
                entry["limits"] = limits
            if f.description is not None:
                entry["doc"] = _digest(f.description.en)
            entry.update(_evolution(f.evolution))
            out[path] = entry
            self.expand(out, path, f.type, stack)

    def expand(self, out: dict[str, Any], path: str, ref: TypeRef, stack: tuple[str, ...]) -> None:
        if ref.kind in ("list", "map"):
            self.expand(out, path + ("[]" if ref.kind == "list" else "{}"), ref.item, stack)
        elif ref.kind == "union":
            for member in ref.args:
                self.expand(out, path, member, stack)
        elif ref.kind == "named" and ref.name not in stack:
            t = self.api.types[ref.name]
            inner = (*stack, t.name)
            if t.is_enum:
                out.setdefault(path, {})["enum"] = _enum(t.enum)
            elif t.is_union:
                for value, variant in sorted(t.variants.items()):
                    self.expand(
                        out, f"{path}<{t.discriminator}={value}>", TypeRef("named", variant), inner
                    )
            else:
                self.fields(out, path, t.fields, inner)
                if t.additional is not None:
                    self.expand(out, path + "{}", t.additional.type, inner)


def _rules(op: Operation) -> list[str]:
    """The request rules across parameters, each as one line."""
    out = []
    for ex in op.exclusive:
        out.append(f"{'exactly' if ex.required else 'at most'} one of {', '.join(ex.params)}")
    out += [f"all or none of {', '.join(group)}" for group in op.together]
    for r in op.requires:
        need = ("any of " if r.any else "") + ", ".join(r.params)
        out.append(f"requires {need} when {conditions.to_text(r.when)}")
    return out


def operation_surface(api: Api, op: Operation) -> dict[str, Any]:
    flat = _Flattener(api)
    request: dict[str, Any] = {}
    flat.fields(request, "", op.params, ())
    responses: dict[str, Any] = {}
    for v in op.variants:
        fields: dict[str, Any] = {"": {"type": v.type_name}}
        flat.expand(fields, "", TypeRef("named", v.type_name), ())
        responses[v.name] = fields
    view, _ = operation_view(api, op)
    python = ".".join(p for p in ("client", op.namespace, op.method) if p)
    out: dict[str, Any] = {
        "python": python,
        "summary": op.summary.en,
        **_evolution(op.evolution),
        "request": request,
        "rules": sorted(_rules(op)),
        "responses": responses,
        "signature": {p.py: sig for p, sig in zip(view.params, view.signature, strict=True)},
        "returns": view.returns,
    }
    return out


def api_surface(api: Api) -> dict[str, Any]:
    """The public surface of one API (JSON-ready, keys sorted where order has no meaning)."""
    envelope: dict[str, Any] = {}
    _Flattener(api).fields(envelope, "", api.envelope, ())
    return {
        "format": SURFACE_FORMAT,
        "api": api.name,
        "spec_version": api.spec_version,
        "envelope": envelope,
        "operations": {
            op.wire: operation_surface(api, op)
            for op in sorted(api.operations, key=lambda o: o.wire)
        },
    }
