"""View objects for the Python templates: every name, annotation and code line decided here."""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass, field
from typing import Any

from .. import conditions
from ..model import Api, Field, NamedType, Operation, Text
from ..typeexpr import TypeRef
from .decode import Decoders
from .emit import (
    Emitter,
    key_suffix,
    object_check_body,
    snake,
    union_check_body,
    union_decode_body,
)
from .naming import pascal
from .rules import rule_checks


def doc_text(text: Text | None) -> str:
    return "" if text is None else text.en.strip()


def docstring(text: str, indent: int, width: int = 99) -> str:
    """A docstring body: escaped, wrapped to the line length, indented for its block."""
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"').strip()
    pad = " " * indent
    out: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            out.append("")
            continue
        lead = len(line) - len(line.lstrip())
        if line.lstrip().startswith(("|", "```")):  # Markdown tables and fences stay as written
            out.append(pad + line.rstrip())
            continue
        bullet = line.lstrip().startswith(("- ", "* "))
        hang = lead + (2 if bullet else 4 if lead else 0)
        out.extend(
            textwrap.wrap(
                line.strip(),
                width=max(40, width - 3),
                initial_indent=pad + " " * lead,
                subsequent_indent=pad + " " * hang,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(out)


def docitem(text: str, name: str, indent: int, width: int = 99) -> str:
    """One `name: text` entry of an Attributes/Args list, wrapped with a hanging indent."""
    text = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    lines = textwrap.wrap(
        f"{name}: {' '.join(text.split())}",
        width=width,
        initial_indent=" " * indent,
        subsequent_indent=" " * (indent + 4),
        break_long_words=False,
        break_on_hyphens=False,
    )
    return "\n".join(lines)


@dataclass
class FieldView:
    py: str
    wire: str
    annotation: str
    required: bool
    encode: str
    secret: bool
    doc: str


@dataclass
class ClassView:
    name: str
    doc: str
    keys_const: str
    nullable: list[str]  # optional fields that may be null: null and absent are told apart
    fields: list[FieldView]
    additional: FieldView | None
    decode_body: list[str]  # statements of from_wire
    is_response: bool
    check_func: str
    check_body: list[str]


@dataclass
class EnumView:
    name: str
    literals: str
    doc: str


@dataclass
class UnionView:
    name: str
    members: str
    doc: str
    decode_func: str
    check_func: str
    decode_body: list[str]
    check_body: list[str]


def _field_doc(f: Field) -> str:
    parts = [doc_text(f.description) or "(no description)"]
    if f.py != f.wire:
        parts.append(f"Wire name `{f.wire}`.")
    if f.enum:
        parts.append(
            "One of: " + ", ".join(json.dumps(e.value, ensure_ascii=False) for e in f.enum) + "."
        )
    if f.has_default:
        parts.append(f"Server default: {json.dumps(f.default, ensure_ascii=False)}.")
    return " ".join(parts)


def models_module(api: Api, module: str, type_names: list[str]) -> dict[str, Any]:
    em = Emitter(api, module)
    enums: list[EnumView] = []
    classes: list[ClassView] = []
    unions: list[UnionView] = []
    for name in type_names:
        t = api.types[name]
        if t.is_union:
            members = " | ".join(em.qualify(v) for v in dict.fromkeys(t.variants.values()))
            unions.append(
                UnionView(
                    t.name,
                    members,
                    doc_text(t.description) + f"\n\nTold apart by `{t.discriminator}`.",
                    f"decode_{snake(t.name)}",
                    f"check_{snake(t.name)}",
                    union_decode_body(em, t),
                    union_check_body(em, t),
                )
            )
            continue
        if t.is_enum:
            enums.append(
                EnumView(
                    t.name,
                    ", ".join(json.dumps(e.value, ensure_ascii=False) for e in t.enum),
                    _type_doc(t),
                )
            )
            continue
        classes.append(_class_view(em, t))
    imports = sorted(m for m in em.imports if m != module)
    names = sorted([e.name for e in enums] + [c.name for c in classes] + [u.name for u in unions])
    return {
        "enums": enums,
        "classes": classes,
        "unions": unions,
        "imports": imports,
        "names": names,
    }


def _type_doc(t: NamedType) -> str:
    lines = [doc_text(t.description)]
    if t.enum:
        lines.append("")
        for e in t.enum:
            lines.append(
                f"- `{json.dumps(e.value, ensure_ascii=False)}`: {doc_text(e.description)}".rstrip(
                    ": "
                )
            )
    return "\n".join(lines)


def _read_only_keys(api: Api, t: NamedType) -> list[str]:
    """Keys of `read_only_from` that this request object lacks: they can only be read."""
    if t.read_only_from is None:
        return []
    own = {f.wire for f in t.fields}
    return [f.wire for f in api.types[t.read_only_from].fields if f.wire not in own]


def _class_view(em: Emitter, t: NamedType) -> ClassView:
    decoders = Decoders(em)
    fields = []
    for f in t.fields:
        annotation = em.annotation(f.type)
        if not f.required and "None" not in annotation.split(" | ") and annotation != "Any":
            annotation += " | None"
        fields.append(
            FieldView(
                f.py,
                f.wire,
                annotation,
                f.required,
                em.encode(f.type, f"self.{f.py}"),
                f.secret,
                _field_doc(f),
            )
        )
    additional = None
    additional_lines: list[str] = []
    if t.additional is not None:
        a = t.additional
        keys = "_KEYS_" + t.name
        decode = decoders.decode(a.type, "x", "_codec.key_path(path, k)")
        additional_lines = [
            f"self.{a.py} = {{k: {decode} for k, x in d.items() if k not in {keys}}}"
        ]
        additional = FieldView(
            a.py,
            "",
            f"dict[str, {em.annotation(a.type)}]",
            False,
            em.encode(a.type, "x"),
            False,
            doc_text(a.description) or "Entries keyed by data.",
        )
    check_body = object_check_body(
        em,
        t.fields,
        t.closed,
        "_KEYS_" + t.name,
        additional=t.additional.type if t.additional else None,
        min_properties=t.min_properties,
        key_pattern=t.additional.key_pattern if t.additional else None,
        read_only=_read_only_keys(em.api, t),
    )
    check_body += rule_checks(
        t.exclusive, t.together, t.requires, t.field_defaults, t.flag_fields, "value", "path"
    )
    return ClassView(
        t.name,
        _type_doc(t),
        "_KEYS_" + t.name,
        sorted(f.wire for f in t.fields if not f.required and f.type.admits_null),
        fields,
        additional,
        decoders.from_wire_body(t, additional_lines),
        t.is_response,
        f"check_{snake(t.name)}",
        check_body,
    )


# -- operations -------------------------------------------------------------------------------


@dataclass
class ParamView:
    py: str
    wire: str
    annotation: str
    required: bool
    encode: str
    doc: str


@dataclass
class OverloadView:
    params: list[str]  # rendered "name: annotation = default" pieces
    returns: str


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
    result_union: list[str]
    check_body: list[str]
    parse_branches: list[tuple[str | None, str]]
    secrets: list[str]
    idempotent: bool
    unsafe_when: str | None  # a Python test over `params`: the request is not safe to repeat
    doc: str
    shape: Any
    overloads: list[OverloadView] = field(default_factory=list)


SHAPE_OF_SCALAR = {
    "int": "int",
    "flag": "int",
    "number": "number",
    "bool": "bool",
    "string": "string",
    "date": "string",
    "datetime": "string",
    "datetime_hm": "string",
}


def wire_shape(api: Api, ref: TypeRef, seen: frozenset[str] = frozenset()) -> Any:
    """The JSON kinds of a type, for wire formats that carry only text (Altcraft's XML)."""
    if ref.kind == "scalar":
        return SHAPE_OF_SCALAR.get(ref.name)
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


def _literal(f: Field, value: Any) -> str:
    if f.type.kind == "scalar" and f.type.name == "flag":
        return "True" if value in (1, "1") else "False"
    return json.dumps(value, ensure_ascii=False)


def operation_view(api: Api, op: Operation) -> tuple[OperationView, set[str]]:
    em = Emitter(api, "", in_models=False)
    params = []
    for p in op.params:
        if op.auth == "token" and p.wire == "token":
            continue  # filled by the client from its configuration
        ann = em.annotation(p.type, inbound=True)
        if p.enum and p.type.kind == "scalar" and p.type.name in ("string", "int"):
            ann = (
                "Literal["
                + ", ".join(json.dumps(e.value, ensure_ascii=False) for e in p.enum)
                + "]"
            )
        params.append(
            ParamView(p.py, p.wire, ann, p.required, em.encode(p.type, p.py), _field_doc(p))
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
    check = object_check_body(em, op.params, True, "_PARAMS_" + op.const_name)
    check += rule_checks(op.exclusive, op.together, op.requires, defaults, flags)
    if op.checked_by is not None:  # the language inside the parameters, once their types hold
        module, function = op.checked_by.rsplit(".", 1)
        check += [
            "if not issues:",
            f"    from ..{module} import {function} as _language_issues",
            "",
            "    issues += _language_issues(params)",
        ]
    signature = [_sig(p) for p in params]
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
        result_union=results,
        check_body=check,
        parse_branches=branches,
        secrets=sorted(p.wire for p in op.params if p.secret),
        idempotent=op.retry.safe,
        unsafe_when=conditions.to_python(op.retry.unless, defaults, flags=flags)
        if op.retry.unless is not None
        else None,
        shape=wire_shape(api, TypeRef("named", op.variants[0].type_name))
        if api.protocol == "altcraft" and len(op.variants) == 1
        else None,
        doc=_method_doc(api, op, em),
    )
    view.overloads = _overloads(em, op, params)
    return view, em.imports


def _sig(
    p: ParamView, annotation: str | None = None, required: bool | None = None, default: str = "None"
) -> str:
    ann = annotation or p.annotation
    req = p.required if required is None else required
    if req:
        return f"{p.py}: {ann}"
    if "None" not in ann.split(" | ") and ann != "Any":
        ann += " | None"
    return f"{p.py}: {ann} = {default}"


def _overloads(em: Emitter, op: Operation, params: list[ParamView]) -> list[OverloadView]:
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
        sig = [(_sig(p, ann, True) if p.wire == name else _sig(p)) for p in params]
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
    sig = [(_sig(p, ann) if p.wire == name else _sig(p)) for p in params]
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


def _method_doc(api: Api, op: Operation, em: Emitter) -> str:
    lines = [doc_text(op.summary).rstrip(".") + f" (`{op.wire}`)."]
    if op.description:
        lines += ["", doc_text(op.description)]
    if op.mode != "sync":
        lines += [
            "",
            "Asynchronous: the answer carries a `track.id` to follow with `client.track.wait()`."
            if api.protocol == "sendsay" and op.mode == "async"
            else "Synchronous or asynchronous depending on the parameters (see Returns)."
            if op.mode == "conditional"
            else "Asynchronous: returns a task id without waiting.",
        ]
    lines += ["", _retry_doc(op)]
    if op.params:
        lines += ["", "Args:"]
        for p in op.params:
            lines.append(f"    {p.py}: {_field_doc(p)}")
        lines.append("    request_id: Value of `request.id` (generated when omitted).")
        lines.append("    timeout: Seconds for this call, instead of the client's default.")
    lines += ["", "Returns:"]
    for v in op.variants:
        cond = (
            f" when {conditions.to_text(v.when)}"
            if v.when is not None
            else (" otherwise" if len(op.variants) > 1 else "")
        )
        lines.append(f"    {v.type_name}{cond}.")
    lines += [
        "",
        "Raises:",
        "    RequestValidationError: the parameters break the spec (nothing is sent).",
        "    APIError: the server answered with errors"
        + (": " + ", ".join(f"`{e.id}`" for e in op.errors) if op.errors else "")
        + ".",
    ]
    return "\n".join(lines)


def _retry_doc(op: Operation) -> str:
    """What the client does when the call fails after it may have reached the server."""
    reason = doc_text(op.retry.reason).rstrip(".") + "."
    if not op.retry.safe:
        return f"Never repeated automatically after it may have reached the server: {reason}"
    if op.retry.unless is not None:
        return (
            "Repeated automatically after a connection loss or HTTP 5xx, except when"
            f" {conditions.to_text(op.retry.unless)}: {reason}"
        )
    return f"Repeated automatically after a connection loss or HTTP 5xx: {reason}"


def namespace_class(namespace: str) -> str:
    return pascal(namespace or "root") + "Api"


def namespace_module(namespace: str) -> str:
    return namespace or "root"


def key_suffix_of(key: str) -> str:
    return key_suffix(key)
