"""Views of the operations modules: one method per operation, its checker, its answer."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .. import conditions
from ..model import Api, Operation
from ..typeexpr import TypeRef
from .checks import Checks, operation_rule_checks
from .code import lines
from .deprecations import mark_deprecations
from .docstrings import field_doc, method_doc
from .emit import Emitter
from .naming import pascal
from .overloads import OverloadView, overloads, signature_piece
from .protocols import protocol_of
from .scalars import PY_SCALARS


@dataclass
class ParamView:
    py: str
    wire: str
    annotation: str
    required: bool
    encode: str
    doc: str


@dataclass
class OperationView:
    wire: str
    const: str
    suffix: str
    method: str
    auth: bool
    params: list[ParamView]
    wire_params: list[str]  # every parameter of the spec, also those the client fills itself
    signature: list[str]
    call_args: str
    returns: str
    check_body: list[str]
    parse_branches: list[tuple[str | None, str]]
    secrets: list[str]
    idempotent: bool
    unsafe_when: str | None  # a Python test over `params`: the request is not safe to repeat
    doc: str
    shape: Any
    params_shape: Any
    overloads: list[OverloadView] = field(default_factory=list)
    keywords: dict[str, str] = field(default_factory=dict)  # wire -> Python, where they differ
    batch: tuple[str, str, str] | None = None  # requests param, answers field (wire, python)
    deprecated: str | None = None  # the method's `@deprecated` message
    deprecated_params: list[tuple[str, str]] = field(default_factory=list)  # (python, message)


def wire_shape(api: Api, ref: TypeRef, seen: frozenset[str] = frozenset()) -> Any:
    """The JSON kinds of a type, for wire formats that carry only text (Altcraft's XML)."""
    if ref.kind == "scalar":
        return PY_SCALARS[ref.name].shape
    if ref.kind in ("list", "map"):
        return [ref.kind, wire_shape(api, ref.item, seen)]
    if ref.kind == "union":
        members = [a for a in ref.args if not (a.kind == "scalar" and a.name == "null")]
        return wire_shape(api, members[0], seen) if len(members) == 1 else None
    t = api.types[ref.name]
    if t.is_enum:
        return wire_shape(api, t.base, seen) if t.base is not None else None
    if t.is_union or t.name in seen:
        return None
    inner = seen | {t.name}
    return {f.wire: wire_shape(api, f.type, inner) for f in t.fields}


def operation_view(api: Api, op: Operation) -> tuple[OperationView, set[str]]:
    em = Emitter(api, "", in_models=False)
    params = []
    for p in op.caller_params:
        ann = em.annotation(p.type, inbound=True)
        if p.enum and p.type.kind == "scalar" and p.type.name in ("string", "int"):
            ann = (
                "Literal["
                + ", ".join(json.dumps(e.value, ensure_ascii=False) for e in p.enum)
                + "]"
            )
        params.append(
            ParamView(p.py, p.wire, ann, p.required, em.encode(p.type).render(p.py), field_doc(p))
        )
    results = []
    for v in op.variants:
        name = em.qualify(v.type_name)
        if name not in results:
            results.append(name)
    returns = " | ".join(results)
    defaults, flags = op.param_defaults, op.flag_params
    branches: list[tuple[str | None, str]] = []
    for v in op.variants:
        test = conditions.to_python(v.when, defaults, flags=flags) if v.when is not None else None
        branches.append((test, em.qualify(v.type_name)))
    check = Checks(em).object_body(op.params, True, "_PARAMS_" + op.const_name)
    check += operation_rule_checks(op)
    signature = [signature_piece(p) for p in params]
    view = OperationView(
        wire=op.wire,
        const=op.const_name,
        suffix=op.func_suffix,
        method=op.method,
        auth=op.auth != "none",
        params=params,
        wire_params=[p.wire for p in op.params],
        signature=signature,
        call_args=", ".join(f"{p.py}={p.py}" for p in params),
        returns=returns,
        check_body=lines(check),
        parse_branches=branches,
        secrets=sorted(p.wire for p in op.params if p.secret),
        idempotent=op.retry.safe,
        unsafe_when=conditions.to_python(op.retry.unless, defaults, flags=flags)
        if op.retry.unless is not None
        else None,
        shape=wire_shape(api, TypeRef("named", op.variants[0].type_name))
        if protocol_of(api).text_wire and len(op.variants) == 1
        else None,
        params_shape={p.wire: wire_shape(api, p.type) for p in op.params}
        if protocol_of(api).text_wire
        else None,
        doc=method_doc(api, op),
    )
    view.overloads = overloads(em, op, params)
    view.keywords = {p.wire: p.py for p in params if p.wire != p.py}
    if op.batch is not None:
        requests, answers = op.batch
        fields = api.types[op.variants[0].type_name].fields
        view.batch = (requests, answers, next(f.py for f in fields if f.wire == answers))
    mark_deprecations(op, view)
    return view, em.imports


def namespace_class(namespace: str) -> str:
    return pascal(namespace or "root") + "Api"


def namespace_module(namespace: str) -> str:
    return namespace or "root"
