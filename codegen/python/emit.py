"""Python for one type as seen from one generated module: names, annotations, encoders.

Checkers are built by checks.py, decoders by decode.py; both start from an `Emitter`, which
qualifies the names of other modules' types and collects the imports they need.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ..model import Api, json_kind
from ..typeexpr import TypeRef
from .code import Expr
from .naming import python_name
from .scalars import PY_SCALARS

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def key_suffix(key: str) -> str:
    """The path suffix of a known key: `.name` or `["track.id"]`."""
    return f".{key}" if _IDENT.match(key) else f"[{json.dumps(key, ensure_ascii=False)}]"


def _members(annotation: str) -> list[str]:
    """The members of a union annotation, split at its top level only (`Sequence[A | B]` is
    one member)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(annotation):
        depth += {"[": 1, "]": -1}.get(ch, 0)
        if depth == 0 and annotation.startswith(" | ", i):
            out.append(annotation[start:i])
            start = i + 3
    return [*out, annotation[start:]]


def snake(type_name: str) -> str:
    return python_name(type_name)


def one_of(values: object) -> str:
    """`one of "a", "b"`: the expected-value words of an enumeration."""
    return "one of " + ", ".join(json.dumps(x, ensure_ascii=False) for x in values)  # type: ignore[attr-defined]


@dataclass
class Emitter:
    """Emits code for types as seen from one generated module."""

    api: Api
    module: str  # "common" or a section name: the models module being written
    in_models: bool = True  # False: writing an operations module (every model is qualified)
    imports: set[str] = field(default_factory=set)

    # -- names -----------------------------------------------------------------------------------

    def qualify(self, type_name: str) -> str:
        t = self.api.types[type_name]
        if self.in_models and t.module == self.module:
            return t.name
        self.imports.add(t.module)
        return f"_{t.module}.{t.name}"

    def func(self, prefix: str, type_name: str) -> str:
        """A module-level function of a type (`check_x`, `decode_x`), qualified when needed."""
        t = self.api.types[type_name]
        name = f"{prefix}_{snake(t.name)}"
        if self.in_models and t.module == self.module:
            return name
        self.imports.add(t.module)
        return f"_{t.module}.{name}"

    def check_func(self, type_name: str) -> str:
        return self.func("check", type_name)

    def json_kind(self, ref: TypeRef) -> str:
        return json_kind(self.api.types, ref)

    # -- annotations -----------------------------------------------------------------------------

    def annotation(self, ref: TypeRef, *, inbound: bool = False) -> str:
        """Python type of a model attribute (inbound=False) or a method parameter (inbound=True)."""
        if ref.kind == "scalar":
            row = PY_SCALARS[ref.name]
            return row.inbound if inbound else row.annotation
        if ref.kind == "named":
            return self._named_annotation(ref.name, inbound)
        if ref.kind in ("list", "map"):
            inner = self.annotation(ref.item, inbound=inbound)
            if ref.kind == "list":
                return f"Sequence[{inner}]" if inbound else f"list[{inner}]"
            return f"Mapping[str, {inner}]" if inbound else f"dict[str, {inner}]"
        parts: list[str] = []
        for arg in ref.args:
            for p in _members(self.annotation(arg, inbound=inbound)):
                if p not in parts:
                    parts.append(p)
        return "Any" if "Any" in parts else " | ".join(parts)

    def _named_annotation(self, type_name: str, inbound: bool) -> str:
        t = self.api.types[type_name]
        name = self.qualify(type_name)
        if inbound and t.is_union:
            members = [self.qualify(v) for v in dict.fromkeys(t.variants.values())]
            return " | ".join([*members, "Mapping[str, Any]"])
        if inbound and not t.is_enum:
            return f"{name} | Mapping[str, Any]"
        return name

    # -- encoding (Python -> wire), as one expression --------------------------------------------

    def needs_encoding(self, ref: TypeRef) -> bool:
        if ref.kind == "scalar":
            return PY_SCALARS[ref.name].encode is not None
        if ref.kind == "named":
            return not self.api.types[ref.name].is_enum  # objects and unions of objects
        if ref.kind in ("list", "map"):
            return True  # signatures take any Sequence / Mapping; the wire wants list / dict
        return any(self.needs_encoding(a) for a in ref.args)

    def encode(self, ref: TypeRef) -> Expr:
        """The wire value of a Python value (the expression's hole)."""
        if not self.needs_encoding(ref):
            return Expr.value()
        if ref.kind == "scalar":
            func = PY_SCALARS[ref.name].encode
            assert func is not None
            return Expr.call(func)
        if ref.kind == "named":
            return Expr.call("_codec.enc_model")
        if ref.kind in ("list", "map"):
            item = self.encode(ref.item)
            if item.is_value:
                return Expr.call(f"_codec.enc_{ref.kind}")
            return Expr.call(f"_codec.enc_{ref.kind}", item.as_callable())
        return Expr.call("_codec.enc_any")
