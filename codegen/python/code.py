"""Typed pieces of generated Python: expressions with a hole for the value they read, and
statements that indent themselves.

An `Expr` is a sequence of code fragments and `HOLE`s, each hole standing for the one value the
expression reads (a field's wire value, a list item). The generator builds expressions once and
renders them for a value later (`expr.render("d['key']")`), and it can ask how often the value
is read (`expr.uses`) or whether the expression is a plain call of the value (`expr.func`), so it
never rewrites code it has already produced.

Statements (`Line`, `If`, `For`, `Try`, `Match`) nest blocks; `lines(block)` gives the indented
source lines the templates print.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Union


class _Hole:
    def __repr__(self) -> str:
        return "HOLE"


HOLE = _Hole()
_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class Expr:
    """A Python expression over one value, the `HOLE`."""

    parts: tuple[str | _Hole, ...]
    func: str | None = None  # set when the expression is `func(HOLE)`

    @staticmethod
    def of(template: str, **pieces: Expr | str) -> Expr:
        """`{v}` in the template is the hole; other `{name}`s are the given pieces."""
        parts: list[str | _Hole] = []
        for literal, name, spec, conv in _FORMATTER.parse(template):
            if literal:
                parts.append(literal)
            if name is None:
                continue
            if spec or conv:
                raise ValueError(f"no format specs in code templates: {template!r}")
            if name == "v":
                parts.append(HOLE)
                continue
            piece = pieces[name]
            parts.extend(piece.parts if isinstance(piece, Expr) else (piece,))
        return Expr(tuple(parts))

    @staticmethod
    def call(func: str, *args: str) -> Expr:
        """`func(HOLE, *args)`; a call with the value alone remembers `func`."""
        rest = "".join(", " + a for a in args)
        return Expr((func + "(", HOLE, rest + ")"), func if not args else None)

    @staticmethod
    def value() -> Expr:
        """The value itself."""
        return Expr((HOLE,))

    @staticmethod
    def join(sep: str, exprs: Sequence[Expr]) -> Expr:
        """`a<sep>b<sep>c` over the same value."""
        parts: list[str | _Hole] = []
        for i, e in enumerate(exprs):
            parts += ([sep] if i else []) + list(e.parts)
        return Expr(tuple(parts))

    @property
    def uses(self) -> int:
        return sum(1 for p in self.parts if p is HOLE)

    @property
    def is_value(self) -> bool:
        return self.parts == (HOLE,)

    def render(self, value: str) -> str:
        return "".join(value if isinstance(p, _Hole) else p for p in self.parts)

    def as_callable(self, param: str = "x") -> str:
        """A callable of one argument computing this expression: `func` or a lambda."""
        return self.func or f"lambda {param}: {self.render(param)}"


# -- statements ------------------------------------------------------------------------------


@dataclass
class Line:
    """One simple statement."""

    text: str


@dataclass
class If:
    """`if`/`elif` branches (test, body) and an optional `else` body.

    A test (like a `for` head or an `except` clause) may end in `  # comment`.
    """

    branches: list[tuple[str, Block]]
    orelse: Block = field(default_factory=list)


@dataclass
class For:
    head: str  # "x0 in items"
    body: Block


@dataclass
class Try:
    body: Block
    handlers: list[tuple[str, Block]]  # ("KeyError as exc", body)


@dataclass
class Match:
    subject: str
    cases: list[tuple[str, Block]]


Stmt = Union[Line, If, For, Try, Match]  # noqa: UP007 (a runtime alias, used before 3.12)
Block = list[Stmt]


def if_(test: str, body: Block, orelse: Block | None = None) -> If:
    return If([(test, body)], orelse or [])


def chain(branches: Sequence[tuple[str, Block]], orelse: Block | None = None) -> Block:
    """An if/elif chain; no statement at all when there are no branches and no `else`."""
    if not branches:
        return list(orelse or [])
    return [If(list(branches), orelse or [])]


def lines(block: Block, indent: int = 0) -> list[str]:
    """The source lines of a block, indented by `indent` levels (an empty body gets `pass`)."""
    pad = "    " * indent
    out: list[str] = []
    for stmt in block:
        if isinstance(stmt, Line):
            out.append(pad + stmt.text)
        elif isinstance(stmt, If):
            for i, (test, body) in enumerate(stmt.branches):
                out.append(pad + _head("if" if i == 0 else "elif", test))
                out += _body(body, indent + 1)
            if stmt.orelse:
                out.append(pad + "else:")
                out += _body(stmt.orelse, indent + 1)
        elif isinstance(stmt, For):
            out.append(pad + _head("for", stmt.head))
            out += _body(stmt.body, indent + 1)
        elif isinstance(stmt, Try):
            out.append(pad + "try:")
            out += _body(stmt.body, indent + 1)
            for head, body in stmt.handlers:
                out.append(pad + _head("except", head))
                out += _body(body, indent + 1)
        else:
            out.append(f"{pad}match {stmt.subject}:")
            for pattern, body in stmt.cases:
                out.append(f"{pad}    case {pattern}:")
                out += _body(body, indent + 2)
    return out


def _head(keyword: str, text: str) -> str:
    """`keyword text:`; a trailing `  # comment` of the text stays after the colon."""
    code, sep, comment = text.partition("  # ")
    return f"{keyword} {code}:" + (f"  # {comment}" if sep else "")


def _body(block: Block, indent: int) -> list[str]:
    return lines(block, indent) or ["    " * indent + "pass"]
