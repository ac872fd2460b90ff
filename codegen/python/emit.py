"""Python source for one type: annotations, and the code that decodes, encodes and checks it.

Decoders (`from_wire`) check exact JSON types and build attrs models; encoders (`to_wire`) turn
Python values into wire JSON; checkers report every problem of a wire value as an Issue. All
three are emitted as plain code (no schema is interpreted per call). Paths in error messages are
built only on the failure branch, or once per nested object.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ..model import Api, Field, NamedType
from ..typeexpr import TypeRef
from .naming import python_name

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

SCALAR_OUT = {
    "string": "str",
    "int": "int",
    "number": "float",
    "bool": "bool",
    "flag": "bool",
    "date": "datetime.date",
    "datetime": "datetime.datetime",
    "datetime_hm": "datetime.datetime",
    "any": "Any",
    "null": "None",
}
SCALAR_IN = {
    **SCALAR_OUT,
    "date": "datetime.date | str",
    "datetime": "datetime.datetime | str",
    "datetime_hm": "datetime.datetime | str",
}
SCALAR_DECODE = {
    "string": "_codec.as_str",
    "int": "_codec.as_int",
    "number": "_codec.as_number",
    "bool": "_codec.as_bool",
    "flag": "_codec.as_flag",
    "date": "_codec.as_date",
    "datetime": "_codec.as_datetime",
    "datetime_hm": "_codec.as_datetime_hm",
    "null": "_codec.as_null",
}
SCALAR_ENCODE = {
    "flag": "_codec.enc_flag",
    "date": "_codec.enc_date",
    "datetime": "_codec.enc_datetime",
    "datetime_hm": "_codec.enc_datetime_hm",
}
# Exact-type test (wire) and the expected-value words of messages.
SCALAR_TEST = {  # (test that the value is wrong, expected-value words)
    "string": ("type({v}) is not str", "a string"),
    "int": ("type({v}) is not int", "an integer"),
    "number": ("type({v}) not in (int, float)", "a number"),
    "bool": ("type({v}) is not bool", "true or false"),
    "flag": ("{v} not in (0, 1, '0', '1') or type({v}) is bool", "a 0|1 flag"),
    "date": ("not _codec.is_date({v})", "a date YYYY-MM-DD"),
    "datetime": ("not _codec.is_datetime({v})", "a date-time YYYY-MM-DD hh:mm:ss"),
    "datetime_hm": ("not _codec.is_datetime_hm({v})", "a date-time YYYY-MM-DD hh:mm"),
    "null": ("{v} is not None", "null"),
}
KIND_TEST = {
    "object": "type({v}) is dict",
    "array": "type({v}) is list",
    "string": "type({v}) is str",
    "number": "type({v}) in (int, float)",
    "boolean": "type({v}) is bool",
    "null": "{v} is None",
}
KIND_WORD = {
    "object": "an object",
    "array": "an array",
    "string": "a string",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}


def key_suffix(key: str) -> str:
    """The path suffix of a known key: `.name` or `["track.id"]`."""
    return f".{key}" if _IDENT.match(key) else f"[{json.dumps(key, ensure_ascii=False)}]"


def snake(type_name: str) -> str:
    return python_name(type_name)


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
        if ref.kind == "list":
            return "array"
        if ref.kind == "map":
            return "object"
        if ref.kind == "named":
            t = self.api.types[ref.name]
            return self.json_kind(t.base) if t.base is not None else "object"
        if ref.kind == "scalar":
            return {
                "string": "string",
                "date": "string",
                "datetime": "string",
                "datetime_hm": "string",
                "int": "number",
                "number": "number",
                "flag": "number",
                "bool": "boolean",
                "null": "null",
            }.get(ref.name, "any")
        return "union"

    # -- annotations -----------------------------------------------------------------------------

    def annotation(self, ref: TypeRef, *, inbound: bool = False) -> str:
        """Python type of a model attribute (inbound=False) or a method parameter (inbound=True)."""
        if ref.kind == "scalar":
            return (SCALAR_IN if inbound else SCALAR_OUT)[ref.name]
        if ref.kind == "named":
            t = self.api.types[ref.name]
            name = self.qualify(ref.name)
            if inbound and t.is_union:
                members = [self.qualify(v) for v in dict.fromkeys(t.variants.values())]
                return " | ".join([*members, "Mapping[str, Any]"])
            if inbound and not t.is_enum:
                return f"{name} | Mapping[str, Any]"
            return name
        if ref.kind == "list":
            inner = self.annotation(ref.item, inbound=inbound)
            return f"Sequence[{inner}]" if inbound else f"list[{inner}]"
        if ref.kind == "map":
            inner = self.annotation(ref.item, inbound=inbound)
            return f"Mapping[str, {inner}]" if inbound else f"dict[str, {inner}]"
        parts: list[str] = []
        for arg in ref.args:
            for p in self.annotation(arg, inbound=inbound).split(" | "):
                if p not in parts:
                    parts.append(p)
        if "Any" in parts:
            return "Any"
        return " | ".join(parts)

    # -- encoding (Python -> wire), as one expression --------------------------------------------

    def needs_encoding(self, ref: TypeRef) -> bool:
        if ref.kind == "scalar":
            return ref.name in SCALAR_ENCODE
        if ref.kind == "named":
            return not self.api.types[ref.name].is_enum  # objects and unions of objects
        return any(self.needs_encoding(a) for a in ref.args)

    def encode(self, ref: TypeRef, v: str) -> str:
        if not self.needs_encoding(ref):
            return v
        if ref.kind == "scalar":
            return f"{SCALAR_ENCODE[ref.name]}({v})"
        if ref.kind == "named":
            return f"_codec.enc_model({v})"
        if ref.kind in ("list", "map"):
            inner = self.encode(ref.item, "x")
            func = (
                inner[:-3]
                if inner.endswith("(x)") and inner.count("(") == 1
                else f"lambda x: {inner}"
            )
            return f"_codec.enc_{ref.kind}({v}, {func})"
        return f"_codec.enc_any({v})"

    # -- checking (wire value -> issues), as statements --------------------------------------------

    def check(
        self, ref: TypeRef, v: str, path: str, f: Field | None = None, depth: int = 0
    ) -> list[str]:
        """Statements that append an Issue to `issues` for every problem of wire value `v`.

        `path` is an expression for the value's path; it is evaluated only when reporting, or
        once when descending into a container.
        """
        got = "_codec.REDACTED" if f is not None and f.secret else v
        if ref.kind == "scalar":
            if ref.name == "any":
                return []
            test, word = SCALAR_TEST[ref.name]
            return [
                f"if {test.format(v=v)}:",
                f"    issues.append(_codec.Issue({path}, {word!r}, {got}))",
                *self._constraints(ref, v, path, f),
            ]
        if ref.kind == "named":
            t = self.api.types[ref.name]
            if t.is_enum:
                assert t.base is not None
                values = tuple(e.value for e in t.enum)
                words = "one of " + ", ".join(json.dumps(x, ensure_ascii=False) for x in values)
                guard = f" or type({v}) is bool" if self.json_kind(t.base) == "number" else ""
                return [
                    f"if {v} not in {values!r}{guard}:",
                    f"    issues.append(_codec.Issue({path}, {words!r}, {v}))",
                ]
            return [f"{self.check_func(ref.name)}({v}, {path}, issues)"]
        if ref.kind in ("list", "map"):
            return self._check_container(ref, v, path, f, depth)
        # union
        lines = []
        expected = []
        first = True
        for arg in ref.args:
            kind = self.json_kind(arg)
            if kind == "any":
                return []
            test = KIND_TEST[kind].format(v=v)
            if arg.kind == "scalar" and arg.name == "flag":
                test = f"{v} in (0, 1, '0', '1') and type({v}) is not bool"
            expected.append(
                KIND_WORD[kind]
                if arg.kind != "named" or self.api.types[arg.name].is_enum
                else f"a {arg.name} object"
            )
            if arg.kind in ("list", "map"):  # the branch test already knows the JSON kind
                body = self._check_items(arg, v, path, f, depth) or ["pass"]
            else:
                body = self.check(arg, v, path, f, depth) or ["pass"]
            lines.append(f"{'if' if first else 'elif'} {test}:")
            lines += ["    " + line for line in body]
            first = False
        lines += [
            "else:",
            f"    issues.append(_codec.Issue({path}, {' or '.join(expected)!r}, {got}))",
        ]
        return lines

    def _check_container(
        self, ref: TypeRef, v: str, path: str, f: Field | None, depth: int
    ) -> list[str]:
        kind, word = ("list", "an array") if ref.kind == "list" else ("dict", "an object")
        lines = [
            f"if type({v}) is not {kind}:",
            f"    issues.append(_codec.Issue({path}, {word!r}, {v}))",
        ]
        body = self._check_items(ref, v, path, f, depth)
        if body:
            lines += ["else:"] + ["    " + line for line in body]
        return lines

    def _check_items(
        self, ref: TypeRef, v: str, path: str, f: Field | None, depth: int
    ) -> list[str]:
        """Checks of a container's size and items; `v` is known to be a list or a dict."""
        i, x = f"i{depth}", f"x{depth}"
        lines: list[str] = []
        if ref.kind == "list":
            if f is not None and f.min_items is not None:
                lines += [
                    f"if len({v}) < {f.min_items}:",
                    f"    issues.append(_codec.Issue({path},"
                    f" 'at least {f.min_items} item(s)', {v}))",
                ]
            if f is not None and f.max_items is not None:
                lines += [
                    f"if len({v}) > {f.max_items}:",
                    f"    issues.append(_codec.Issue({path},"
                    f" 'at most {f.max_items} item(s)', {v}))",
                ]
            # the string constraints of a list of strings (pattern, lengths) hold for each item
            item_field = f if ref.item == TypeRef("scalar", "string") else None
            inner = self.check(
                ref.item, x, f"_codec.index_path({path}, {i})", item_field, depth + 1
            )
            loop = f"for {i}, {x} in enumerate({v}):"
        else:
            inner = self.check(ref.item, x, f"_codec.key_path({path}, {i})", None, depth + 1)
            loop = f"for {i}, {x} in {v}.items():"
        if inner:
            lines += [loop] + ["    " + line for line in inner]
        return lines

    def _constraints(self, ref: TypeRef, v: str, path: str, f: Field | None) -> list[str]:
        if f is None:
            return []
        out: list[str] = []
        got = "_codec.REDACTED" if f.secret else v
        if f.enum and ref.name in ("string", "int", "number"):
            values = tuple(e.value for e in f.enum)
            words = "one of " + ", ".join(json.dumps(x, ensure_ascii=False) for x in values)
            out += [
                f"elif {v} not in {values!r}:",
                f"    issues.append(_codec.Issue({path}, {words!r}, {got}))",
            ]
        if ref.name == "string":
            if f.min_length is not None:
                out += [
                    f"elif len({v}) < {f.min_length}:",
                    f"    issues.append(_codec.Issue({path},"
                    f" 'at least {f.min_length} character(s)', {got}))",
                ]
            if f.max_length is not None:
                out += [
                    f"elif len({v}) > {f.max_length}:",
                    f"    issues.append(_codec.Issue({path},"
                    f" 'at most {f.max_length} character(s)', {got}))",
                ]
            if f.pattern is not None:
                out += [
                    f"elif not _codec.pattern({f.pattern!r}).search({v}):",
                    f"    issues.append(_codec.Issue({path},"
                    f" {'text matching ' + f.pattern!r}, {got}))",
                ]
        if ref.name in ("int", "number"):
            if f.min is not None:
                out += [
                    f"elif {v} < {f.min!r}:",
                    f"    issues.append(_codec.Issue({path}, 'a number >= {f.min}', {got}))",
                ]
            if f.max is not None:
                out += [
                    f"elif {v} > {f.max!r}:",
                    f"    issues.append(_codec.Issue({path}, 'a number <= {f.max}', {got}))",
                ]
        return out


def object_check_body(
    em: Emitter,
    t_fields: list[Field],
    closed: bool,
    keys_const: str,
    value: str = "value",
    additional: TypeRef | None = None,
    min_properties: int | None = None,
    key_pattern: str | None = None,
    read_only: list[str] | None = None,
) -> list[str]:
    """Statements checking an object's fields (value is known to be a dict)."""
    lines: list[str] = []
    if min_properties:
        lines += [
            f"if len({value}) < {min_properties}:",
            f"    issues.append(_codec.Issue(path, 'at least {min_properties} key(s)', {value}))",
        ]
    for f in t_fields:
        key = f.wire
        path = f"path + {key_suffix(key)!r}"
        if f.required:
            lines += [
                f"if {key!r} not in {value}:",
                f"    issues.append(_codec.Issue({path}, _codec.REQUIRED, _codec.MISSING))",
                "else:",
            ]
        else:
            lines += [f"if {key!r} in {value}:"]
        body = em.check(f.type, "v", path, f)
        lines += [f"    v = {value}[{key!r}]"] + ["    " + line for line in body]
    if additional is not None:
        inner = em.check(additional, "v", "_codec.key_path(path, k)")
        if key_pattern is not None:
            inner = [
                f"if not _codec.pattern({key_pattern!r}).search(k):",
                "    issues.append(_codec.Issue(_codec.key_path(path, k),"
                f" {'a key matching ' + key_pattern!r}, k))",
                *inner,
            ]
        if inner:
            lines += [
                f"for k, v in {value}.items():",
                f"    if k in {keys_const}:",
                "        continue",
            ]
            lines += ["    " + line for line in inner]
    elif closed and read_only:
        lines += [
            f"for k in {value}.keys() - {keys_const}:",
            f"    if k in {tuple(read_only)!r}:",
            "        issues.append(_codec.Issue(_codec.key_path(path, k),"
            " 'no value: it can only be read', value[k]))",
            "    else:",
            "        issues.append(_codec.Issue(_codec.key_path(path, k), _codec.UNKNOWN_KEY,"
            f" {value}[k]))",
        ]
    elif closed:
        lines += [
            f"for k in {value}.keys() - {keys_const}:",
            "    issues.append(_codec.Issue(_codec.key_path(path, k), _codec.UNKNOWN_KEY,"
            f" {value}[k]))",
        ]
    return lines


def needs_decoding_import(t: NamedType) -> bool:
    return not t.is_enum


def union_decode_body(em: Emitter, t: NamedType) -> list[str]:
    """Statements of `decode_<union>(data, path)`: dispatch on the discriminator's value."""
    assert t.discriminator is not None
    key = t.discriminator
    lines = ["d = _codec.as_dict(data, path)", f"kind = d.get({key!r})"]
    for name, values in _variant_values(t).items():
        test = f"kind == {values[0]!r}" if len(values) == 1 else f"kind in {tuple(values)!r}"
        lines += [f"if {test}:", f"    return {em.qualify(name)}.from_wire(d, path)"]
    expected = "one of " + ", ".join(json.dumps(v, ensure_ascii=False) for v in t.variants)
    lines.append(f"_codec.wrong_type(kind, {expected!r}, path, {key!r})")
    return lines


def union_check_body(em: Emitter, t: NamedType) -> list[str]:
    """Statements of `check_<union>(value, path, issues)` (value is known to be a dict)."""
    assert t.discriminator is not None
    key = t.discriminator
    lines = [f"kind = value.get({key!r}, _codec.MISSING)"]
    first = True
    for name, values in _variant_values(t).items():
        test = f"kind == {values[0]!r}" if len(values) == 1 else f"kind in {tuple(values)!r}"
        lines += [
            f"{'if' if first else 'elif'} {test}:",
            f"    {em.check_func(name)}(value, path, issues)",
        ]
        first = False
    expected = "one of " + ", ".join(json.dumps(v, ensure_ascii=False) for v in t.variants)
    lines += [
        "else:",
        f"    issues.append(_codec.Issue(path + {key_suffix(key)!r}, {expected!r}, kind))",
    ]
    return lines


def _variant_values(t: NamedType) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for value, name in t.variants.items():
        out.setdefault(name, []).append(value)
    return out
