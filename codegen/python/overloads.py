"""typing.overload signatures of a method whose answer is chosen by one parameter."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import conditions
from ..model import Field, Operation
from .emit import Emitter

if TYPE_CHECKING:
    from .operations_view import ParamView


@dataclass
class OverloadView:
    params: list[str]  # rendered "name: annotation = default" pieces
    returns: str


def _literal(f: Field, value: Any) -> str:
    if f.type.kind == "scalar" and f.type.name == "flag":
        return "True" if value in (1, "1") else "False"
    return json.dumps(value, ensure_ascii=False)


def overloads(em: Emitter, op: Operation, params: list[ParamView]) -> list[OverloadView]:
    """typing.overload on the one parameter that selects the answer, when there is one."""
    selected = [v for v in op.variants if v.when is not None]
    if not selected or op.variants[-1].when is not None:
        return []
    sels = [conditions.selector(v.when) for v in selected if v.when is not None]
    if any(s is None for s in sels) or len({s[0] for s in sels if s}) != 1:
        return []
    name = sels[0][0]  # type: ignore[index]
    f = next(p for p in op.params if p.wire == name)
    pv = next(p for p in params if p.wire == name)
    out = []
    used: list[Any] = []
    for v, sel in zip(selected, sels, strict=True):
        assert sel is not None
        _, kind, values = sel
        if kind == "values":
            ann = "Literal[" + ", ".join(_literal(f, x) for x in values) + "]"
            used.extend(values)
        else:
            narrowed = _narrow(em, f, kind)
            if narrowed is None:
                return []
            ann = narrowed
        sig = [
            (signature_piece(p, ann, True) if p.wire == name else signature_piece(p))
            for p in params
        ]
        out.append(OverloadView(sig, em.qualify(v.type_name)))
    last = op.variants[-1]
    kinds = {s[1] for s in sels if s}
    if kinds == {"values"}:
        rest = [e.value for e in f.enum if e.value not in used] if f.enum else None
        if f.type.kind == "scalar" and f.type.name == "flag":
            rest = [x for x in (0, 1) if x not in used]
        if rest is None:
            return []
        ann = "Literal[" + ", ".join(_literal(f, x) for x in rest) + "]" if rest else "None"
    else:
        other = "object" if "list" in kinds else "list"
        ann = _narrow(em, f, other) or pv.annotation
    sig = [(signature_piece(p, ann) if p.wire == name else signature_piece(p)) for p in params]
    out.append(OverloadView(sig, em.qualify(last.type_name)))
    return out


def _narrow(em: Emitter, f: Field, kind: str) -> str | None:
    base = f.type.without_null()
    members = base.args if base.kind == "union" else (base,)
    keep = [m for m in members if (em.json_kind(m) == "array") == (kind == "list")]
    if not keep:
        return None
    # `list[...]`, not `Sequence[...]`: a str is a Sequence too, and would match both overloads
    return " | ".join(
        f"list[{em.annotation(m.item, inbound=True)}]"
        if m.kind == "list"
        else em.annotation(m, inbound=True)
        for m in keep
    )


def signature_piece(
    p: ParamView, annotation: str | None = None, required: bool | None = None, default: str = "None"
) -> str:
    ann = annotation or p.annotation
    req = p.required if required is None else required
    if req:
        return f"{p.py}: {ann}"
    if "None" not in ann.split(" | ") and ann != "Any":
        ann += " | None"
    return f"{p.py}: {ann} = {default}"
