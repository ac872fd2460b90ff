"""Python source of the decoders: the body of each model's `from_wire` and the expressions it
uses. Plain fields are tested inline; a helper of the runtime's codec is called only for what
converts (dates, flags), nests (models) or holds items (lists, maps). Paths are built only when
an error is raised.

Two shapes of `from_wire`, chosen per model:
- dense (some fields are required): each field is read by key; when the object holds only its
  required keys, the optional fields and the unknown-key check are skipped at once;
- sparse (every field optional, several of them, like the parameters of a track): the keys the
  object holds are matched one by one, so that absent fields cost nothing.
"""

from __future__ import annotations

import re

from ..model import Field, NamedType
from ..typeexpr import TypeRef
from .emit import KIND_TEST, KIND_WORD, SCALAR_DECODE, Emitter, key_suffix

# Types decoded to the wire value itself: the inline test of a wrong value, and the words.
INLINE_TEST = {
    "string": ("type({v}) is not str", "a string"),
    "int": ("type({v}) is not int", "an integer"),
    "number": ("type({v}) is not int and type({v}) is not float", "a number"),
    "bool": ("type({v}) is not bool", "true or false"),
    "null": ("{v} is not None", "null"),
}
# Scalars whose lists (and some maps) are checked in one pass and reused.
REUSED_ITEMS = {"string": "str", "int": "int", "number": "number", "bool": "bool", "any": "any"}
SPARSE_MIN_FIELDS = 3  # an all-optional model with at least this many fields is matched by key
ANY = TypeRef("scalar", "any")


def anything(ref: TypeRef) -> bool:
    """`any`, or a union with `any` in it: every value is kept as it is."""
    return ref == ANY or (ref.kind == "union" and ANY in ref.args)


_V = re.compile(r"\bv\b")  # the temporary that holds a field's wire value


class Decoders:
    """Decoding code for types as seen from one generated module (names qualified by `em`)."""

    def __init__(self, em: Emitter) -> None:
        self.em = em
        self.api = em.api

    # -- expressions ----------------------------------------------------------------------------

    def same_on_wire(self, ref: TypeRef) -> tuple[str, str] | None:
        """(test that `{v}` is wrong, expected words) for a type decoded to the wire value itself.

        Such values are checked inline and kept as they are; None for types that convert (flags,
        dates, models) or hold items (lists, maps).
        """
        if ref.kind == "scalar" and ref.name in INLINE_TEST:
            return INLINE_TEST[ref.name]
        if ref.kind == "named":
            t = self.api.types[ref.name]
            if t.is_enum:
                assert t.base is not None
                values = tuple(e.value for e in t.enum)
                words = "one of " + ", ".join(repr(x) for x in values)
                guard = " or type({v}) is bool" if self.em.json_kind(t.base) == "number" else ""
                return f"{{v}} not in {values!r}{guard}", words
        if ref.kind == "union" and all(
            a.kind == "scalar" and a.name in INLINE_TEST for a in ref.args
        ):  # `string | int`: the value is kept when it is any of them
            members = [INLINE_TEST[a.name] for a in ref.args]
            return " and ".join(test for test, _ in members), " or ".join(w for _, w in members)
        return None

    def decode(self, ref: TypeRef, v: str, path: str, key: str | None = None) -> str:
        """Expression decoding wire value `v`, whose path is `path` + key_suffix(key)."""
        keyarg = "" if key is None else f", {key!r}"
        child = path if key is None else f"{path} + {key_suffix(key)!r}"
        if ref.kind == "scalar":
            if ref.name == "any":
                return v
            return f"{SCALAR_DECODE[ref.name]}({v}, {path}{keyarg})"
        if ref.kind == "named":
            t = self.api.types[ref.name]
            if t.is_enum:
                assert t.base is not None
                values = tuple(e.value for e in t.enum)
                return f"_codec.as_enum({v}, {values!r}, {path}{keyarg})"
            if t.is_union:
                return f"{self.em.func('decode', ref.name)}({v}, {child})"
            return f"{self.em.qualify(ref.name)}.from_wire({v}, {child})"
        if ref.kind in ("list", "map"):
            reused = self.reused_container(ref)
            if reused is not None:
                return f"_codec.{reused}({v}, {path}{keyarg})"
            helper = "list_of" if ref.kind == "list" else "map_of"
            return f"_codec.{helper}({v}, {self.item_decoder(ref.item)}, {path}{keyarg})"
        # union: dispatch on the JSON kind
        branches = []
        words = []
        for arg in ref.args:
            kind = self.em.json_kind(arg)
            if kind == "any":
                branches.append(("True", v))
                continue
            test = KIND_TEST[kind].format(v=v)
            if arg.kind == "scalar" and arg.name == "int":
                test = f"type({v}) is int"
            if kind == "null" or (arg.kind == "scalar" and arg.name in INLINE_TEST):
                value = v  # the branch's test is the whole check
            else:
                value = self.decode(arg, v, path, key)
            branches.append((test, value))
            words.append(KIND_WORD[kind])
        expr = f"_codec.wrong_type({v}, {' or '.join(words)!r}, {path}{keyarg})"
        for test, value in reversed(branches):
            expr = f"({value} if {test} else {expr})"
        return expr

    def reused_container(self, ref: TypeRef) -> str | None:
        """The codec helper that checks a list or map of plain JSON values and keeps it as is."""
        item = ref.item
        if item.kind == "scalar" and item.name in REUSED_ITEMS:
            name = REUSED_ITEMS[item.name]
            if ref.kind == "list" or name in ("str", "int", "any"):
                return f"as_{name}_{ref.kind}"
        if ref.kind == "list" and item.kind == "list" and item.item == ANY:
            return "as_rows"
        if ref.kind == "map" and item == TypeRef("scalar", "flag"):
            return "as_flag_map"
        return None

    def item_decoder(self, ref: TypeRef) -> str:
        """A callable `(value, path) -> item` for the items of a list or map."""
        if ref.kind == "scalar" and ref.name in SCALAR_DECODE:
            return SCALAR_DECODE[ref.name]
        if ref.kind == "named" and not self.api.types[ref.name].is_enum:
            if self.api.types[ref.name].is_union:
                return self.em.func("decode", ref.name)
            return f"{self.em.qualify(ref.name)}.from_wire"
        return f"lambda x, p: {self.decode(ref, 'x', 'p')}"

    # -- statements, field by field --------------------------------------------------------------

    def _inline(self, f: Field) -> tuple[str, str] | None:
        """(test of a wrong value in `v`, words) when the field is checked inline."""
        inline = self.same_on_wire(f.type.without_null())
        if inline is None:
            return None
        test, words = inline[0].format(v="v"), inline[1]
        test = f"({test})" if " or " in test or " and " in test else test
        return test, words + (" or null" if f.type.is_nullable else "")

    def required_lines(self, f: Field) -> list[str]:
        """Statements decoding required field `f` of dict `d` into `self.<name>`.

        They read `d[key]` (twice as fast as `d.get`); from_wire turns the KeyError of an absent
        key into a ResponseValidationError naming it.
        """
        key, target = f.wire, f"self.{f.py}"
        if anything(f.type):
            return [f"{target} = d[{key!r}]"]
        inline = self._inline(f)
        if inline is not None:
            return [f"v = d[{key!r}]", *self._present(f, inline)]
        expr = self.decode(f.type, "v", "path", key)
        if len(_V.findall(expr)) == 1:  # one use: no temporary needed
            return [f"{target} = " + _V.sub(f"d[{key!r}]", expr)]
        return [f"v = d[{key!r}]", f"{target} = {expr}"]

    def optional_lines(self, f: Field) -> list[str]:
        """Statements decoding optional field `f` of dict `d` (None when absent).

        Presence is tested first: `key in d` is the whole cost of an absent field.
        """
        key, target = f.wire, f"self.{f.py}"
        if anything(f.type):
            return [f"{target} = d.get({key!r})"]
        present = self.present_lines(f)
        if len(present) == 1 and len(_V.findall(present[0])) == 1:  # `self.x = <expr of v>`
            value = _V.sub(f"d[{key!r}]", present[0].split(" = ", 1)[1])
            return [f"{target} = {value} if {key!r} in d else None"]
        return [
            f"if {key!r} in d:",
            f"    v = d[{key!r}]",
            *["    " + line for line in present],
            "else:",
            f"    {target} = None",
        ]

    def present_lines(self, f: Field) -> list[str]:
        """Statements decoding field `f` whose key is present in `d`, with its value in `v`."""
        if anything(f.type):
            return [f"self.{f.py} = v"]
        return self._present(f, self._inline(f))

    def _present_noting_null(self, f: Field) -> list[str]:
        """present_lines, and an explicit null of a field admitting null noted in `nulls`."""
        if not f.type.admits_null:
            return self.present_lines(f)
        inline = self._inline(f)
        if inline is None or anything(f.type):
            return ["if v is None:", "    nulls.append(key)", *self.present_lines(f)]
        test, words = inline
        return [
            "if v is None:",
            "    nulls.append(key)",
            f"elif {test}:",
            f"    _codec.wrong_field(d, {f.wire!r}, {words!r}, path)",
            f"self.{f.py} = v",
        ]

    def _present(self, f: Field, inline: tuple[str, str] | None) -> list[str]:
        target = f"self.{f.py}"
        if inline is None:
            return [f"{target} = {self.decode(f.type, 'v', 'path', f.wire)}"]
        test, words = inline
        cond = f"v is not None and {test}" if f.type.is_nullable else test
        return [
            f"if {cond}:",
            f"    _codec.wrong_field(d, {f.wire!r}, {words!r}, path)",
            f"{target} = v",
        ]

    # -- the whole body --------------------------------------------------------------------------

    def from_wire_body(self, t: NamedType, additional_lines: list[str]) -> list[str]:
        """Statements of `from_wire(cls, data, path)` after its docstring."""
        keys = f"_KEYS_{t.name}"
        required = [f for f in t.fields if f.required]
        optional = [f for f in t.fields if not f.required]
        lines = [
            'd = data if type(data) is dict else _codec.wrong_type(data, "an object", path)',
            "# Each field is checked and set here: attrs' __init__ (keyword parsing) is skipped.",
            "self = cls.__new__(cls)",
        ]
        if required:
            lines.append("try:")
            for f in required:
                lines += ["    " + line for line in self.required_lines(f)]
            names = tuple(f.wire for f in required)
            lines += [
                "except KeyError as exc:  # a required key is absent",
                f"    raise _codec.absent_key(d, {names!r}, path, exc) from None",
            ]
        if additional_lines:
            for f in optional:
                lines += self.optional_lines(f)
            lines += [*additional_lines, "self.unknown_fields = {}"]
        elif not required and len(optional) >= SPARSE_MIN_FIELDS:
            nullable = any(f.type.admits_null for f in optional)
            lines += [f"self.{f.py} = None" for f in optional]
            lines += ["nulls: list[str] = []"] if nullable else []
            lines += ["unknown: dict[str, Any] = {}", "for key, v in d.items():", "    match key:"]
            for f in optional:
                lines.append(f"        case {f.wire!r}:")
                lines += ["            " + line for line in self._present_noting_null(f)]
            lines += [
                "        case _:",
                "            unknown[key] = v",
                "self.unknown_fields = unknown",
            ]
            if nullable:
                lines.append("self.explicit_nulls = frozenset(nulls) if nulls else _codec.NO_NULLS")
            return self._close(t, lines)
        elif optional:
            lines.append(
                f"if len(d) == {len(required)}:  # the required keys only: nothing else to read"
            )
            lines += [f"    self.{f.py} = None" for f in optional]
            lines += ["    self.unknown_fields = {}", "else:"]
            for f in optional:
                lines += ["    " + line for line in self.optional_lines(f)]
            unknown = f"_codec.unknown(d, {keys})"
            lines.append(f"    self.unknown_fields = {{}} if {keys}.issuperset(d) else {unknown}")
        else:
            unknown = f"_codec.unknown(d, {keys})"
            lines.append(f"self.unknown_fields = {{}} if len(d) == {len(required)} else {unknown}")
        if any(f.type.admits_null for f in optional):
            lines.append(f"self.explicit_nulls = _codec.nulls(d, _NULLABLE_{t.name})")
        return self._close(t, lines)

    def _close(self, t: NamedType, lines: list[str]) -> list[str]:
        response = ["self.raw = None"] if t.is_response else []
        if t.is_response and self.api.protocol == "sendsay":  # Altcraft answers have none
            response.append("self.warnings = []")
        return [*lines, *response, "return self"]
