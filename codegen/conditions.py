"""Response conditions (`when:`): a tiny expression language over request parameters.

cond := and ("or" and)* ; and := not ("and" not)* ; not := "not" not | atom
atom := "(" cond ")" | NAME ("=="|"!=") LITERAL | NAME "in" "(" LITERAL ("," LITERAL)* ")"
      | NAME "is" ("present"|"absent"|"list"|"object")
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

Literal_ = str | int | float


@dataclass(frozen=True)
class Compare:
    name: str
    op: str  # == != in
    values: tuple[Literal_, ...]


@dataclass(frozen=True)
class Is:
    name: str
    what: str  # present absent list object


@dataclass(frozen=True)
class Not:
    item: Cond


@dataclass(frozen=True)
class BoolOp:
    op: str  # and | or
    items: tuple[Cond, ...]


Cond = Compare | Is | Not | BoolOp


class ConditionError(ValueError):
    pass


_TOKEN = re.compile(
    r"""\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<num>-?\d+(?:\.\d+)?)|(?P<op>==|!=|\(|\)|,)"""
    r"""|(?P<name>[A-Za-z_!\-][A-Za-z0-9_.\-]*))"""
)
_WORDS = {"and", "or", "not", "in", "is", "present", "absent", "list", "object"}


def _tokens(text: str) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    pos = 0
    while pos < len(text.rstrip()):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ConditionError(f"cannot read {text[pos:].strip()!r} in condition {text!r}")
        pos = m.end()
        if m.group("str") is not None:
            out.append(("lit", json.loads(m.group("str"))))
        elif m.group("num") is not None:
            out.append(("lit", json.loads(m.group("num"))))
        elif m.group("op") is not None:
            out.append(("op", m.group("op")))
        else:
            word = m.group("name")
            out.append(("word" if word in _WORDS else "name", word))
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _tokens(text)
        self.i = 0

    def peek(self) -> tuple[str, Any] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, kind: str, value: Any = None) -> Any:
        tok = self.peek()
        if tok is None or tok[0] != kind or (value is not None and tok[1] != value):
            want = value or {"lit": "a number or a quoted string", "name": "a parameter name"}.get(
                kind, kind
            )
            got = "the end" if tok is None else repr(tok[1])
            raise ConditionError(f"expected {want} but found {got} in condition {self.text!r}")
        self.i += 1
        return tok[1]

    def at(self, kind: str, value: Any) -> bool:
        return self.peek() == (kind, value)

    def cond(self) -> Cond:
        items = [self.conj()]
        while self.at("word", "or"):
            self.i += 1
            items.append(self.conj())
        return items[0] if len(items) == 1 else BoolOp("or", tuple(items))

    def conj(self) -> Cond:
        items = [self.neg()]
        while self.at("word", "and"):
            self.i += 1
            items.append(self.neg())
        return items[0] if len(items) == 1 else BoolOp("and", tuple(items))

    def neg(self) -> Cond:
        if self.at("word", "not"):
            self.i += 1
            return Not(self.neg())
        return self.atom()

    def atom(self) -> Cond:
        if self.at("op", "("):
            self.i += 1
            inner = self.cond()
            self.take("op", ")")
            return inner
        name = self.take("name")
        tok = self.peek()
        if tok in (("op", "=="), ("op", "!=")):
            self.i += 1
            return Compare(name, tok[1], (self.take("lit"),))
        if tok == ("word", "in"):
            self.i += 1
            self.take("op", "(")
            values = [self.take("lit")]
            while self.at("op", ","):
                self.i += 1
                values.append(self.take("lit"))
            self.take("op", ")")
            return Compare(name, "in", tuple(values))
        if tok == ("word", "is"):
            self.i += 1
            what = self.take("word")
            if what not in ("present", "absent", "list", "object"):
                raise ConditionError(f"`is` takes present, absent, list or object, not {what!r}")
            return Is(name, what)
        raise ConditionError(f"expected ==, !=, in or is after {name!r} in condition {self.text!r}")


def parse(text: str) -> Cond:
    parser = _Parser(text)
    result = parser.cond()
    if parser.peek() is not None:
        raise ConditionError(f"unexpected {parser.peek()[1]!r} in condition {text!r}")  # type: ignore[index]
    return result


def names(cond: Cond) -> set[str]:
    if isinstance(cond, Compare | Is):
        return {cond.name}
    if isinstance(cond, Not):
        return names(cond.item)
    return set().union(*(names(c) for c in cond.items))


def to_python(
    cond: Cond, defaults: dict[str, Any], var: str = "params", flags: frozenset[str] = frozenset()
) -> str:
    """A Python expression over the wire-parameter dict `var`.

    Parameters in `flags` are 0|1 flags, which callers may send as numbers or strings: their
    value is normalised (`_codec.flag_value`) before it is compared.
    """
    if isinstance(cond, BoolOp):
        return (
            "(" + f" {cond.op} ".join(to_python(c, defaults, var, flags) for c in cond.items) + ")"
        )
    if isinstance(cond, Not):
        return f"not {to_python(cond.item, defaults, var, flags)}"
    key = repr(cond.name)
    if isinstance(cond, Is):
        if cond.what == "present":
            return f"{key} in {var}"
        if cond.what == "absent":
            return f"{key} not in {var}"
        kind = "list" if cond.what == "list" else "dict"
        return f"isinstance({var}.get({key}), {kind})"
    value = (
        f"{var}.get({key}, {defaults[cond.name]!r})"
        if cond.name in defaults
        else f"{var}.get({key})"
    )
    if cond.name in flags:
        value = f"_codec.flag_value({value})"
    if cond.op == "in":
        return f"{value} in {cond.values!r}"
    return f"{value} {cond.op} {cond.values[0]!r}"


def to_schema(
    cond: Cond, defaults: dict[str, Any], flags: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """A JSON Schema that an object of request parameters satisfies when `cond` holds (for
    `if` / `then`); a flag's value may also be its string or boolean form, as in `to_python`."""
    if isinstance(cond, BoolOp):
        key = "allOf" if cond.op == "and" else "anyOf"
        return {key: [to_schema(c, defaults, flags) for c in cond.items]}
    if isinstance(cond, Not):
        return {"not": to_schema(cond.item, defaults, flags)}
    if isinstance(cond, Is):
        if cond.what == "present":
            return present([cond.name])
        if cond.what == "absent":
            return absent(cond.name)
        kind = "array" if cond.what == "list" else "object"
        return {"properties": {cond.name: {"type": kind}}, "required": [cond.name]}
    values: list[Any] = list(cond.values)
    if cond.name in flags:
        values += [str(v) for v in cond.values] + [v == 1 for v in cond.values if v in (0, 1)]
    equal: dict[str, Any] = {"properties": {cond.name: {"enum": values}}, "required": [cond.name]}
    if cond.name in defaults and defaults[cond.name] in cond.values:
        equal = {"anyOf": [absent(cond.name), equal]}
    return {"not": equal} if cond.op == "!=" else equal


# Each `required` stands beside `properties` naming the same keys, and absence is a property
# schema of `false`: strict validators (ajv's strictRequired) accept the schemas as they are.
def present(names: list[str]) -> dict[str, Any]:
    """Every one of `names` is present."""
    return {"properties": dict.fromkeys(names, True), "required": list(names)}


def absent(name: str) -> dict[str, Any]:
    """`name` is absent."""
    return {"properties": {name: False}}


def any_present(names: list[str]) -> dict[str, Any]:
    """At least one of `names` is present (not all absent: no `anyOf` of objects, which model
    generators read as a union of types)."""
    return {"not": {"properties": dict.fromkeys(names, False)}}


def to_text(cond: Cond) -> str:
    """Human text for docs, e.g. `sync == 0 or group is present`."""
    if isinstance(cond, BoolOp):
        return f" {cond.op} ".join(
            f"({to_text(c)})" if isinstance(c, BoolOp) else to_text(c) for c in cond.items
        )
    if isinstance(cond, Not):
        return f"not ({to_text(cond.item)})"
    if isinstance(cond, Is):
        return f"`{cond.name}` is {cond.what}"
    if cond.op == "in":
        return f"`{cond.name}` in ({', '.join(json.dumps(v) for v in cond.values)})"
    return f"`{cond.name}` {cond.op} {json.dumps(cond.values[0])}"


def selector(cond: Cond) -> tuple[str, str, tuple[Literal_, ...]] | None:
    """(param, kind, values) when the condition tests one parameter only, for typing overloads."""
    if isinstance(cond, Compare) and cond.op in ("==", "in"):
        return cond.name, "values", cond.values
    if isinstance(cond, Is) and cond.what in ("list", "object"):
        return cond.name, cond.what, ()
    return None
