"""Checkers: statements that report every problem of a wire value as an Issue.

Built as typed statements (code.py). Paths in messages are expressions evaluated only on the
failure branch, or once per nested object. A union's branch tests the value's JSON kind, so the
checks inside it do not test the kind again.
"""

from __future__ import annotations

from typing import Any

from .. import conditions
from ..model import Api, Exclusive, Field, NamedType, Operation, Requirement
from ..typeexpr import TypeRef
from .code import Block, For, Line, chain, if_
from .emit import Emitter, key_suffix, one_of
from .scalars import FLAG_KIND, JSON_KINDS, PY_SCALARS

Branches = list[tuple[str, Block]]


def issue(path: str, expected: str, got: str) -> Line:
    """`issues.append(...)`: `expected` is the words (a Python literal is made of them)."""
    return Line(f"issues.append(_codec.Issue({path}, {expected!r}, {got}))")


def _issue_code(path: str, expected_code: str, got: str) -> Line:
    """`issues.append(...)` with the expected words given as code (a constant of the codec)."""
    return Line(f"issues.append(_codec.Issue({path}, {expected_code}, {got}))")


class Checks:
    """Checking code for types as seen from one generated module (names qualified by `em`)."""

    def __init__(self, em: Emitter) -> None:
        self.em = em
        self.api = em.api

    def check(
        self,
        ref: TypeRef,
        v: str,
        path: str,
        f: Field | None = None,
        depth: int = 0,
        kind_known: bool = False,
    ) -> Block:
        """Statements that append an Issue to `issues` for every problem of wire value `v`.

        `path` is an expression for the value's path. `kind_known`: the value is known to be of
        the JSON kind of `ref` (a union's branch tested it).
        """
        got = "_codec.REDACTED" if f is not None and f.secret else v
        if ref.kind == "scalar":
            if ref.name == "any":
                return []
            row = PY_SCALARS[ref.name]
            assert row.wrong is not None
            constraints = self._constraints(ref, v, path, f)
            if kind_known and row.kind_known:
                return chain(constraints)
            return chain([(row.wrong.render(v), [issue(path, row.words, got)]), *constraints])
        if ref.kind == "named":
            return self._check_named(self.api.types[ref.name], v, path)
        if ref.kind in ("list", "map"):
            return self._check_container(ref, v, path, f, depth)
        return self._check_union(ref, v, path, f, depth, got)

    def _check_named(self, t: NamedType, v: str, path: str) -> Block:
        if not t.is_enum:
            return [Line(f"{self.em.check_func(t.name)}({v}, {path}, issues)")]
        assert t.base is not None
        values = tuple(e.value for e in t.enum)
        guard = f" or type({v}) is bool" if self.em.json_kind(t.base) == "number" else ""
        return [if_(f"{v} not in {values!r}{guard}", [issue(path, one_of(values), v)])]

    def _check_union(
        self, ref: TypeRef, v: str, path: str, f: Field | None, depth: int, got: str
    ) -> Block:
        """A branch per member with checks of its own; the members that need none (`null`, a
        plain string) are folded into the test of the last branch, which reports the value."""
        branches: Branches = []
        accepted: list[str] = []  # tests that the value is none of the members without checks
        expected = []
        for arg in ref.args:
            kind = self.em.json_kind(arg)
            if kind == "any":
                return []
            json_kind = FLAG_KIND if arg == TypeRef("scalar", "flag") else JSON_KINDS[kind]
            named = arg.kind == "named" and not self.api.types[arg.name].is_enum
            expected.append(f"a {arg.name} object" if named else JSON_KINDS[kind].words)
            if arg.kind in ("list", "map"):  # the branch test already knows the JSON kind
                body = self._check_items(arg, v, path, f, depth)
            else:
                body = self.check(arg, v, path, f, depth, kind_known=True)
            if body:
                branches.append((json_kind.test.render(v), body))
            else:
                accepted.append(json_kind.negated.render(v))
        wrong: Block = [issue(path, " or ".join(expected), got)]
        if accepted:
            return chain([*branches, (" and ".join(accepted), wrong)])
        return chain(branches, wrong)

    def _check_container(
        self, ref: TypeRef, v: str, path: str, f: Field | None, depth: int
    ) -> Block:
        kind, word = ("list", "an array") if ref.kind == "list" else ("dict", "an object")
        body = self._check_items(ref, v, path, f, depth)
        return [if_(f"type({v}) is not {kind}", [issue(path, word, v)], body)]

    def _check_items(self, ref: TypeRef, v: str, path: str, f: Field | None, depth: int) -> Block:
        """Checks of a container's size and items; `v` is known to be a list or a dict."""
        i, x = f"i{depth}", f"x{depth}"
        out: Block = []
        if ref.kind == "list":
            if f is not None and f.min_items is not None:
                words = f"at least {f.min_items} item(s)"
                out.append(if_(f"len({v}) < {f.min_items}", [issue(path, words, v)]))
            if f is not None and f.max_items is not None:
                words = f"at most {f.max_items} item(s)"
                out.append(if_(f"len({v}) > {f.max_items}", [issue(path, words, v)]))
            # the string constraints of a list of strings (pattern, lengths) hold for each item
            item_field = f if ref.item == TypeRef("scalar", "string") else None
            inner = self.check(
                ref.item, x, f"_codec.index_path({path}, {i})", item_field, depth + 1
            )
            head = f"{i}, {x} in enumerate({v})"
        else:
            inner = self.check(ref.item, x, f"_codec.key_path({path}, {i})", None, depth + 1)
            head = f"{i}, {x} in {v}.items()"
        if inner:
            out.append(For(head, inner))
        return out

    def _constraints(self, ref: TypeRef, v: str, path: str, f: Field | None) -> Branches:
        """The field's own limits, as branches after the type test (the value has its type)."""
        if f is None:
            return []
        got = "_codec.REDACTED" if f.secret else v
        out: Branches = []

        def limit(test: str, words: str) -> None:
            out.append((test, [issue(path, words, got)]))

        if f.enum and ref.name in ("string", "int", "number"):
            values = tuple(e.value for e in f.enum)
            limit(f"{v} not in {values!r}", one_of(values))
        if ref.name == "string":
            if f.min_length is not None:
                limit(f"len({v}) < {f.min_length}", f"at least {f.min_length} character(s)")
            if f.max_length is not None:
                limit(f"len({v}) > {f.max_length}", f"at most {f.max_length} character(s)")
            if f.pattern is not None:
                limit(
                    f"not _codec.pattern({f.pattern!r}).search({v})", "text matching " + f.pattern
                )
        if ref.name in ("int", "number"):
            if f.min is not None:
                limit(f"{v} < {f.min!r}", f"a number >= {f.min}")
            if f.max is not None:
                limit(f"{v} > {f.max!r}", f"a number <= {f.max}")
        return out

    # -- whole bodies ----------------------------------------------------------------------------

    def object_body(
        self,
        fields: list[Field],
        closed: bool,
        keys_const: str,
        value: str = "value",
        additional: TypeRef | None = None,
        min_properties: int | None = None,
        key_pattern: str | None = None,
        read_only: list[str] | None = None,
    ) -> Block:
        """Statements checking an object's fields (value is known to be a dict).

        `key_pattern`: every extra key (of `additional`) matches it; `read_only`: unknown keys
        of a closed object that can only be read (refused as such, not as unknown)."""
        out: Block = []
        if min_properties:
            words = f"at least {min_properties} key(s)"
            out.append(if_(f"len({value}) < {min_properties}", [issue("path", words, value)]))
        for f in fields:
            key = f.wire
            path = f"path + {key_suffix(key)!r}"
            body: Block = [Line(f"v = {value}[{key!r}]"), *self.check(f.type, "v", path, f)]
            if f.required:
                absent = _issue_code(path, "_codec.REQUIRED", "_codec.MISSING")
                out.append(if_(f"{key!r} not in {value}", [absent], body))
            else:
                out.append(if_(f"{key!r} in {value}", body))
        if additional is not None:
            inner = self.check(additional, "v", "_codec.key_path(path, k)")
            if key_pattern is not None:
                words = "a key matching " + key_pattern
                test = f"not _codec.pattern({key_pattern!r}).search(k)"
                inner = [if_(test, [issue("_codec.key_path(path, k)", words, "k")]), *inner]
            if inner:
                skip = if_(f"k in {keys_const}", [Line("continue")])
                out.append(For(f"k, v in {value}.items()", [skip, *inner]))
        elif closed:
            where = "_codec.key_path(path, k)"
            unknown = _issue_code(where, "_codec.UNKNOWN_KEY", f"{value}[k]")
            refusal: Block = [unknown]
            if read_only:
                words = "no value: it can only be read"
                only_read = issue(where, words, f"{value}[k]")
                refusal = [if_(f"k in {tuple(read_only)!r}", [only_read], [unknown])]
            out.append(For(f"k in {value}.keys() - {keys_const}", refusal))
        return out

    def union_body(self, t: NamedType) -> Block:
        """Statements of `check_<union>(value, path, issues)` (value is known to be a dict)."""
        assert t.discriminator is not None
        key = t.discriminator
        branches: Branches = []
        for name, values in variant_values(t).items():
            branches.append(
                (kind_test(values), [Line(f"{self.em.check_func(name)}(value, path, issues)")])
            )
        wrong = issue(f"path + {key_suffix(key)!r}", one_of(t.variants), "kind")
        return [Line(f"kind = value.get({key!r}, _codec.MISSING)"), *chain(branches, [wrong])]


def variant_values(t: NamedType) -> dict[str, list[str]]:
    """Discriminator values per variant type, in the spec's order."""
    out: dict[str, list[str]] = {}
    for value, name in t.variants.items():
        out.setdefault(name, []).append(value)
    return out


def kind_test(values: list[str]) -> str:
    """The test that a union's discriminator `kind` selects a variant of these values."""
    return f"kind == {values[0]!r}" if len(values) == 1 else f"kind in {tuple(values)!r}"


# -- rules between the keys of one object: an operation's parameters, an object's fields ------


def rule_checks(
    exclusive: list[Exclusive],
    together: list[list[str]],
    requires: list[Requirement],
    defaults: dict[str, Any],
    flags: frozenset[str],
    var: str = "params",
    path: str | None = None,
) -> Block:
    """Statements checking `together`, `exclusive` and `requires` over the dict `var`; `path`
    is the expression of the object's path (None: the request's root)."""

    def at(words: str) -> str:
        return repr(words) if path is None else f"{path} + {('.' + words)!r}"

    out: Block = []
    for group in together:
        names = tuple(group)
        out += [
            Line(f"given = _codec.present({var}, {names!r})"),
            if_(
                f"given and len(given) != {len(names)}",
                [issue(at(" | ".join(names)), "all of them together or none", "_codec.MISSING")],
            ),
        ]
    for ex in exclusive:
        names = tuple(ex.params)
        words = " | ".join(names)
        given = "', '.join(given)" if path is None else f"{path} + '.' + ', '.join(given)"
        branches: Branches = [
            ("len(given) > 1", [issue(given, f"only one of {words}", "_codec.MISSING_CHOICE")])
        ]
        if ex.required:
            branches.append(
                ("not given", [issue(at(words), "one of them (required)", "_codec.MISSING")])
            )
        out += [Line(f"given = _codec.present({var}, {names!r})"), *chain(branches)]
    for rule in requires:
        test = conditions.to_python(rule.when, defaults, var, flags)
        because = f"(required when {conditions.to_text(rule.when).replace('`', '')})"
        if rule.any:
            names = tuple(rule.params)
            out.append(
                if_(
                    f"{test} and not _codec.present({var}, {names!r})",
                    [issue(at(" | ".join(names)), "one of them " + because, "_codec.MISSING")],
                )
            )
            continue
        for name in rule.params:
            suffix = key_suffix(name)
            where = repr(suffix) if path is None else f"{path} + {suffix!r}"
            out.append(
                if_(
                    f"{test} and {name!r} not in {var}",
                    [issue(where, "a value " + because, "_codec.MISSING")],
                )
            )
    return out


def operation_rule_checks(op: Operation) -> Block:
    """The rules between an operation's parameters, then the checker of a language inside them
    (`checked_by`), called once the spec's own checks found nothing."""
    out = rule_checks(op.exclusive, op.together, op.requires, op.param_defaults, op.flag_params)
    if op.checked_by is not None:
        module, function = op.checked_by.rsplit(".", 1)
        out.append(
            if_(
                "not issues",
                [
                    Line(f"from ..{module} import {function} as _language_issues"),
                    Line("issues += _language_issues(params)"),
                ],
            )
        )
    return out


def type_rule_checks(t: NamedType) -> Block:
    """The rules between an object type's fields, over its `value` at `path`."""
    return rule_checks(
        t.exclusive, t.together, t.requires, t.field_defaults, t.flag_fields, "value", "path"
    )


def read_only_keys(api: Api, t: NamedType) -> list[str]:
    """Keys of `read_only_from` that this request object lacks: they can only be read."""
    if t.read_only_from is None:
        return []
    own = {f.wire for f in t.fields}
    return [f.wire for f in api.types[t.read_only_from].fields if f.wire not in own]
