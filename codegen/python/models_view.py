"""Views of the models modules: classes, enumerations and unions, with their code."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..model import Api, NamedType
from .checks import Checks, read_only_keys, type_rule_checks
from .code import Line, lines
from .decode import Decoders
from .docstrings import doc_text, field_doc, type_doc
from .emit import Emitter, snake


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
    unknown_values: bool = False  # some field holds an enum: unknown values are kept and listed


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
                    lines(Decoders(em).union_body(t)),
                    lines(Checks(em).union_body(t)),
                )
            )
            continue
        if t.is_enum:
            enums.append(
                EnumView(
                    t.name,
                    ", ".join(json.dumps(e.value, ensure_ascii=False) for e in t.enum),
                    type_doc(t),
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
                em.encode(f.type).render(f"self.{f.py}"),
                f.secret,
                field_doc(f),
            )
        )
    additional = None
    additional_lines: list[Line] = []
    if t.additional is not None:
        a = t.additional
        keys = "_KEYS_" + t.name
        entry = decoders.decode(a.type, "_codec.key_path(path, k)", place=f"{a.py}[]")
        decode = entry.render("x")
        additional_lines = [
            Line(f"self.{a.py} = {{k: {decode} for k, x in d.items() if k not in {keys}}}")
        ]
        additional = FieldView(
            a.py,
            "",
            f"dict[str, {em.annotation(a.type)}]",
            False,
            em.encode(a.type).render("x"),
            False,
            doc_text(a.description) or "Entries keyed by data.",
        )
    check_body = Checks(em).object_body(
        t.fields,
        t.closed,
        "_KEYS_" + t.name,
        additional=t.additional.type if t.additional else None,
        min_properties=t.min_properties,
        key_pattern=t.additional.key_pattern if t.additional else None,
        read_only=read_only_keys(em.api, t),
    )
    check_body += type_rule_checks(t)
    return ClassView(
        t.name,
        type_doc(t),
        "_KEYS_" + t.name,
        sorted(f.wire for f in t.fields if not f.required and f.type.admits_null),
        fields,
        additional,
        lines(decoders.from_wire_body(t, list(additional_lines))),
        t.is_response,
        f"check_{snake(t.name)}",
        lines(check_body),
        decoders.model_has_enum(t),
    )
