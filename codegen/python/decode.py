"""Python source of the decoders: the body of each model's `from_wire` and the expressions it
uses. Plain fields are tested inline; a helper of the runtime's codec is called only for what
converts (dates, flags), nests (models) or holds items (lists, maps). Paths are built only when
an error is raised.

Two shapes of `from_wire`, chosen per model:
- dense (some fields are required): each field is read by key; when the object holds only its
  required keys, the optional fields and the unknown-key check are skipped at once;
- sparse (every field optional, several of them, like the parameters of a track): the keys the
  object holds are matched one by one, so that absent fields cost nothing.

Expressions are `Expr`s whose hole is the wire value (code.py): one that reads the value once
takes `d[key]` in place, others read it into the temporary `v` first.
"""

from __future__ import annotations

from ..model import Field, NamedType
from ..typeexpr import TypeRef
from .checks import kind_test, variant_values
from .code import Block, Expr, For, Line, Match, Try, chain, if_
from .emit import Emitter, key_suffix, one_of
from .protocols import protocol_of
from .scalars import JSON_KINDS, PY_SCALARS

SPARSE_MIN_FIELDS = 3  # an all-optional model with at least this many fields is matched by key
ANY = TypeRef("scalar", "any")
_SET_HERE = "# Each field is checked and set here: attrs' __init__ (keyword parsing) is skipped."
Inline = tuple[Expr, str]  # the test that a value is wrong, the expected words


def anything(ref: TypeRef) -> bool:
    """`any`, or a union with `any` in it: every value is kept as it is."""
    return ref == ANY or (ref.kind == "union" and ANY in ref.args)


def _same_on_wire(ref: TypeRef) -> bool:
    return ref.kind == "scalar" and PY_SCALARS[ref.name].same_on_wire


class Decoders:
    """Decoding code for types as seen from one generated module (names qualified by `em`)."""

    def __init__(self, em: Emitter) -> None:
        self.em = em
        self.api = em.api

    # -- expressions ----------------------------------------------------------------------------

    def same_on_wire(self, ref: TypeRef) -> Inline | None:
        """(test that the value is wrong, expected words) for a type decoded to the wire value
        itself. Such values are checked inline and kept as they are; None for types that convert
        (flags, dates, models) or hold items (lists, maps).
        """
        if _same_on_wire(ref):
            row = PY_SCALARS[ref.name]
            assert row.wrong is not None
            return row.wrong, row.words
        if ref.kind == "named":
            t = self.api.types[ref.name]
            if t.is_enum:
                assert t.base is not None
                values = tuple(e.value for e in t.enum)
                words = "one of " + ", ".join(repr(x) for x in values)
                guard = " or type({v}) is bool" if self.em.json_kind(t.base) == "number" else ""
                return Expr.of(f"{{v}} not in {values!r}{guard}"), words
        if ref.kind == "union" and all(_same_on_wire(a) for a in ref.args):
            # `string | int`: the value is kept when it is any of them
            rows = [PY_SCALARS[a.name] for a in ref.args]
            test = Expr.join(" and ", [r.wrong for r in rows if r.wrong is not None])
            return test, " or ".join(r.words for r in rows)
        return None

    def decode(self, ref: TypeRef, path: str, key: str | None = None) -> Expr:
        """Decoding of the wire value (the hole), whose path is `path` + key_suffix(key)."""
        keyarg = "" if key is None else f", {key!r}"
        child = path if key is None else f"{path} + {key_suffix(key)!r}"
        if ref.kind == "scalar":
            decode = PY_SCALARS[ref.name].decode
            return Expr.value() if decode is None else Expr.call(decode, path + keyarg)
        if ref.kind == "named":
            t = self.api.types[ref.name]
            if t.is_enum:
                values = tuple(e.value for e in t.enum)
                return Expr.call("_codec.as_enum", f"{values!r}, {path}{keyarg}")
            if t.is_union:
                return Expr.call(self.em.func("decode", ref.name), child)
            return Expr.call(f"{self.em.qualify(ref.name)}.from_wire", child)
        if ref.kind in ("list", "map"):
            reused = self.reused_container(ref)
            if reused is not None:
                return Expr.call(f"_codec.{reused}", path + keyarg)
            helper = "list_of" if ref.kind == "list" else "map_of"
            return Expr.call(f"_codec.{helper}", f"{self.item_decoder(ref.item)}, {path}{keyarg}")
        return self._decode_union(ref, path, key)

    def _decode_union(self, ref: TypeRef, path: str, key: str | None) -> Expr:
        """Dispatch on the JSON kind: `(a if test_a else (b if test_b else wrong_type(...)))`."""
        keyarg = "" if key is None else f", {key!r}"
        branches: list[tuple[Expr | None, Expr]] = []
        words = []
        for arg in ref.args:
            kind = self.em.json_kind(arg)
            if kind == "any":
                branches.append((None, Expr.value()))
                continue
            test = Expr.of("type({v}) is int") if arg == TypeRef("scalar", "int") else None
            test = test or JSON_KINDS[kind].test
            if kind == "null" or _same_on_wire(arg):
                value = Expr.value()  # the branch's test is the whole check
            else:
                value = self.decode(arg, path, key)
            branches.append((test, value))
            words.append(JSON_KINDS[kind].words)
        expr = Expr.call("_codec.wrong_type", f"{' or '.join(words)!r}, {path}{keyarg}")
        for test, value in reversed(branches):
            expr = Expr.of(
                "({value} if {test} else {rest})", value=value, test=test or "True", rest=expr
            )
        return expr

    def reused_container(self, ref: TypeRef) -> str | None:
        """The codec helper that checks a list or map of plain JSON values and keeps it as is."""
        item = ref.item
        if item.kind == "scalar" and PY_SCALARS[item.name].reused is not None:
            name = PY_SCALARS[item.name].reused
            if ref.kind == "list" or name in ("str", "int", "any"):
                return f"as_{name}_{ref.kind}"
        if ref.kind == "list" and item.kind == "list" and item.item == ANY:
            return "as_rows"
        if ref.kind == "map" and item == TypeRef("scalar", "flag"):
            return "as_flag_map"
        return None

    def item_decoder(self, ref: TypeRef) -> str:
        """A callable `(value, path) -> item` for the items of a list or map."""
        if ref.kind == "scalar" and PY_SCALARS[ref.name].decode is not None:
            return str(PY_SCALARS[ref.name].decode)
        if ref.kind == "named" and not self.api.types[ref.name].is_enum:
            if self.api.types[ref.name].is_union:
                return self.em.func("decode", ref.name)
            return f"{self.em.qualify(ref.name)}.from_wire"
        return f"lambda x, p: {self.decode(ref, 'p').render('x')}"

    # -- statements, field by field --------------------------------------------------------------

    def _inline(self, f: Field) -> tuple[str, str] | None:
        """(test of a wrong value in `v`, words) when the field is checked inline."""
        inline = self.same_on_wire(f.type.without_null())
        if inline is None:
            return None
        test, words = inline[0].render("v"), inline[1]
        test = f"({test})" if " or " in test or " and " in test else test
        return test, words + (" or null" if f.type.is_nullable else "")

    def required_lines(self, f: Field) -> Block:
        """Statements decoding required field `f` of dict `d` into `self.<name>`.

        They read `d[key]` (twice as fast as `d.get`); from_wire turns the KeyError of an absent
        key into a ResponseValidationError naming it.
        """
        key, target = f.wire, f"self.{f.py}"
        if anything(f.type):
            return [Line(f"{target} = d[{key!r}]")]
        inline = self._inline(f)
        if inline is not None:
            return [Line(f"v = d[{key!r}]"), *self._present(f, inline)]
        expr = self.decode(f.type, "path", key)
        if expr.uses == 1:  # one use: no temporary needed
            return [Line(f"{target} = {expr.render(f'd[{key!r}]')}")]
        return [Line(f"v = d[{key!r}]"), Line(f"{target} = {expr.render('v')}")]

    def optional_lines(self, f: Field) -> Block:
        """Statements decoding optional field `f` of dict `d` (None when absent).

        Presence is tested first: `key in d` is the whole cost of an absent field.
        """
        key, target = f.wire, f"self.{f.py}"
        if anything(f.type):
            return [Line(f"{target} = d.get({key!r})")]
        inline = self._inline(f)
        if inline is None:
            expr = self.decode(f.type, "path", f.wire)
            if expr.uses == 1:
                value = expr.render(f"d[{key!r}]")
                return [Line(f"{target} = {value} if {key!r} in d else None")]
        present = [Line(f"v = d[{key!r}]"), *self._present(f, inline)]
        return [if_(f"{key!r} in d", present, [Line(f"{target} = None")])]

    def present_lines(self, f: Field) -> Block:
        """Statements decoding field `f` whose key is present in `d`, with its value in `v`."""
        if anything(f.type):
            return [Line(f"self.{f.py} = v")]
        return self._present(f, self._inline(f))

    def _present_noting_null(self, f: Field) -> Block:
        """present_lines, and an explicit null of a field admitting null noted in `nulls`."""
        noted: Block = [Line("nulls.append(key)")]
        if not f.type.admits_null:
            return self.present_lines(f)
        inline = self._inline(f)
        if inline is None or anything(f.type):
            return [if_("v is None", noted), *self.present_lines(f)]
        test, words = inline
        wrong = Line(f"_codec.wrong_field(d, {f.wire!r}, {words!r}, path)")
        return [*chain([("v is None", noted), (test, [wrong])]), Line(f"self.{f.py} = v")]

    def _present(self, f: Field, inline: tuple[str, str] | None) -> Block:
        target = f"self.{f.py}"
        if inline is None:
            return [Line(f"{target} = {self.decode(f.type, 'path', f.wire).render('v')}")]
        test, words = inline
        cond = f"v is not None and {test}" if f.type.is_nullable else test
        wrong = Line(f"_codec.wrong_field(d, {f.wire!r}, {words!r}, path)")
        return [if_(cond, [wrong]), Line(f"{target} = v")]

    # -- the whole body --------------------------------------------------------------------------

    def from_wire_body(self, t: NamedType, additional: Block) -> Block:
        """Statements of `from_wire(cls, data, path)` after its docstring."""
        required = [f for f in t.fields if f.required]
        optional = [f for f in t.fields if not f.required]
        out: Block = [
            Line('d = data if type(data) is dict else _codec.wrong_type(data, "an object", path)'),
            Line(_SET_HERE),
            Line("self = cls.__new__(cls)"),
        ]
        if required:
            names = tuple(f.wire for f in required)
            absent = Line(f"raise _codec.absent_key(d, {names!r}, path, exc) from None")
            body = [s for f in required for s in self.required_lines(f)]
            out.append(Try(body, [("KeyError as exc  # a required key is absent", [absent])]))
        if additional:
            out += [s for f in optional for s in self.optional_lines(f)]
            out += [*additional, Line("self.unknown_fields = {}")]
        elif not required and len(optional) >= SPARSE_MIN_FIELDS:
            return self._close(t, out + self._sparse(optional))
        else:
            out += self._dense_rest(t, len(required), optional)
        if any(f.type.admits_null for f in optional):
            out.append(Line(f"self.explicit_nulls = _codec.nulls(d, _NULLABLE_{t.name})"))
        return self._close(t, out)

    def _sparse(self, optional: list[Field]) -> Block:
        """Every field optional: the keys the object holds are matched one by one."""
        nullable = any(f.type.admits_null for f in optional)
        out: Block = [Line(f"self.{f.py} = None") for f in optional]
        out += [Line("nulls: list[str] = []")] if nullable else []
        cases = [(repr(f.wire), self._present_noting_null(f)) for f in optional]
        cases.append(("_", [Line("unknown[key] = v")]))
        out += [
            Line("unknown: dict[str, Any] = {}"),
            For("key, v in d.items()", [Match("key", cases)]),
            Line("self.unknown_fields = unknown"),
        ]
        if nullable:
            out.append(Line("self.explicit_nulls = frozenset(nulls) if nulls else _codec.NO_NULLS"))
        return out

    def _dense_rest(self, t: NamedType, n_required: int, optional: list[Field]) -> Block:
        """After the required fields: the optional ones, and the keys nobody knows."""
        keys = f"_KEYS_{t.name}"
        unknown = f"_codec.unknown(d, {keys})"
        if not optional:
            return [Line(f"self.unknown_fields = {{}} if len(d) == {n_required} else {unknown}")]
        only_required: Block = [Line(f"self.{f.py} = None") for f in optional]
        only_required.append(Line("self.unknown_fields = {}"))
        rest = [s for f in optional for s in self.optional_lines(f)]
        rest.append(Line(f"self.unknown_fields = {{}} if {keys}.issuperset(d) else {unknown}"))
        test = f"len(d) == {n_required}  # the required keys only: nothing else to read"
        return [if_(test, only_required, rest)]

    def _close(self, t: NamedType, body: Block) -> Block:
        response: Block = [Line("self.raw = None")] if t.is_response else []
        if t.is_response and protocol_of(self.api).warnings:
            response.append(Line("self.warnings = []"))
        return [*body, *response, Line("return self")]

    def union_body(self, t: NamedType) -> Block:
        """Statements of `decode_<union>(data, path)`: dispatch on the discriminator's value."""
        assert t.discriminator is not None
        key = t.discriminator
        out: Block = [Line("d = _codec.as_dict(data, path)"), Line(f"kind = d.get({key!r})")]
        for name, values in variant_values(t).items():
            ret = Line(f"return {self.em.qualify(name)}.from_wire(d, path)")
            out.append(if_(kind_test(values), [ret]))
        out.append(Line(f"_codec.wrong_type(kind, {one_of(t.variants)!r}, path, {key!r})"))
        return out
