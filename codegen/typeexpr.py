"""Type expressions of the spec: `string`, `list[Question]`, `map[flag]`, `A | list[A]`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .scalars import SCALARS as SCALAR_ROWS

SCALARS = frozenset(SCALAR_ROWS)
# The JSON kind each member of a union is told apart by.
JSON_KIND = {name: row.json_kind for name, row in SCALAR_ROWS.items() if row.json_kind != "any"}


@dataclass(frozen=True)
class TypeRef:
    """A parsed type expression. kind: scalar | named | list | map | union."""

    kind: str
    name: str = ""
    args: tuple[TypeRef, ...] = ()

    @property
    def item(self) -> TypeRef:
        return self.args[0]

    @property
    def is_nullable(self) -> bool:
        return self.kind == "union" and any(
            a.kind == "scalar" and a.name == "null" for a in self.args
        )

    @property
    def admits_null(self) -> bool:
        """Whether null is a valid value: a `| null` union, or `any` (alone or in a union)."""
        if self.kind == "union":
            return any(a.admits_null for a in self.args)
        return self.kind == "scalar" and self.name in ("null", "any")

    def without_null(self) -> TypeRef:
        if self.kind != "union":
            return self
        rest = tuple(a for a in self.args if not (a.kind == "scalar" and a.name == "null"))
        return rest[0] if len(rest) == 1 else TypeRef("union", args=rest)

    def walk(self) -> list[TypeRef]:
        out = [self]
        for arg in self.args:
            out.extend(arg.walk())
        return out

    def __str__(self) -> str:
        if self.kind in ("scalar", "named"):
            return self.name
        if self.kind == "union":
            return " | ".join(str(a) for a in self.args)
        return f"{self.kind}[{self.item}]"


_WORDS = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+")


def pascal(text: str) -> str:
    """A type name from a wire name: `member.list.count` -> `MemberListCount`."""
    return "".join(p[:1].upper() + p[1:] for p in _WORDS.split(text) if p)


class TypeExprError(ValueError):
    pass


_TOKEN = re.compile(r"\s*(list\[|map\[|\]|\||[A-Za-z_][A-Za-z0-9_]*)")


def parse(text: str) -> TypeRef:
    tokens: list[str] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            hint = ": only list[T] and map[T] take an item type" if text[pos] == "[" else ""
            raise TypeExprError(f"unexpected {text[pos:]!r} in type expression {text!r}{hint}")
        tokens.append(match.group(1))
        pos = match.end()
    result, rest = _union(tokens, text)
    if rest:
        raise TypeExprError(f"unexpected {' '.join(rest)!r} in type expression {text!r}")
    return result


def _union(tokens: list[str], text: str) -> tuple[TypeRef, list[str]]:
    members = []
    member, tokens = _member(tokens, text)
    members.append(member)
    while tokens and tokens[0] == "|":
        member, tokens = _member(tokens[1:], text)
        members.append(member)
    if len(members) == 1:
        return members[0], tokens
    flat: list[TypeRef] = []
    for m in members:
        if m in flat:
            raise TypeExprError(f"{m} appears twice in {text!r}")
        flat.append(m)
    return TypeRef("union", args=tuple(flat)), tokens


def _member(tokens: list[str], text: str) -> tuple[TypeRef, list[str]]:
    if not tokens:
        raise TypeExprError(f"type expression {text!r} ends too early")
    head, rest = tokens[0], tokens[1:]
    if head in ("list[", "map["):
        inner, rest = _union(rest, text)
        if not rest or rest[0] != "]":
            raise TypeExprError(f"missing ']' in type expression {text!r}")
        return TypeRef(head[:-1], args=(inner,)), rest[1:]
    if head in ("]", "|"):
        raise TypeExprError(f"unexpected {head!r} in type expression {text!r}")
    if head in ("list", "map"):
        raise TypeExprError(f"{head} needs an item type: {head}[T] in {text!r}")
    if head in SCALARS:
        return TypeRef("scalar", head), rest
    if head[0].isupper():
        return TypeRef("named", head), rest
    raise TypeExprError(
        f"unknown type {head!r} in {text!r}: expected one of {', '.join(sorted(SCALARS))},"
        " list[T], map[T] or a PascalCase type name"
    )
