"""Find branches of Python code that can never run: a test nested under its own negation (the
body is dead) or under itself (the `else` is dead).

Facts are the tests of the enclosing `if`s (true in the body, negated in the `else`), split at
`and`; a fact is forgotten when a name it reads is assigned. Negation knows `is`/`is not`,
`in`/`not in`, `==`/`!=`, `not`, and De Morgan's laws, which covers the shapes a generator
writes; it proves nothing about other code, it only finds these.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

_NEGATED_OP: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
}


@dataclass(frozen=True)
class Dead:
    path: Path
    line: int  # the `if` whose body (or else) cannot run
    what: str  # "body" or "else"
    test: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: the {self.what} of `if {self.test}` never runs"


def negate(node: ast.expr) -> ast.expr:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return node.operand
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _NEGATED_OP:
        return ast.Compare(node.left, [_NEGATED_OP[type(node.ops[0])]()], node.comparators)
    if isinstance(node, ast.BoolOp):
        other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        return ast.BoolOp(other, [negate(v) for v in node.values])
    return ast.UnaryOp(ast.Not(), node)


def _key(node: ast.expr) -> str:
    return ast.dump(node, annotate_fields=False)


def _conjuncts(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        return [c for v in node.values for c in _conjuncts(v)]
    return [node]


def _names(node: ast.AST) -> frozenset[str]:
    return frozenset(n.id for n in ast.walk(node) if isinstance(n, ast.Name))


Facts = dict[str, frozenset[str]]  # a true expression (dumped) -> the names it reads


def _with(facts: Facts, test: ast.expr) -> Facts:
    out = dict(facts)
    for c in _conjuncts(test):
        out[_key(c)] = _names(c)
    return out


def _assigned(stmt: ast.stmt) -> frozenset[str]:
    targets: list[ast.AST] = []
    if isinstance(stmt, ast.Assign):
        targets = list(stmt.targets)
    elif isinstance(stmt, ast.AnnAssign | ast.AugAssign | ast.For | ast.AsyncFor):
        targets = [stmt.target]
    return frozenset(n for t in targets for n in _names(t))


class _Finder:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.found: list[Dead] = []

    def block(self, body: list[ast.stmt], facts: Facts) -> None:
        for stmt in body:
            names = _assigned(stmt)
            if names:
                facts = {k: v for k, v in facts.items() if not v & names}
            self.stmt(stmt, facts)

    def stmt(self, stmt: ast.stmt, facts: Facts) -> None:
        if isinstance(stmt, ast.If):
            test = stmt.test
            if all(_key(c) in facts for c in _conjuncts(negate(test))):
                self.found.append(Dead(self.path, stmt.lineno, "body", ast.unparse(test)))
            if stmt.orelse and all(_key(c) in facts for c in _conjuncts(test)):
                self.found.append(Dead(self.path, stmt.lineno, "else", ast.unparse(test)))
            self.block(stmt.body, _with(facts, test))
            self.block(stmt.orelse, _with(facts, negate(test)))
            return
        for name in ("body", "orelse", "finalbody"):
            inner = getattr(stmt, name, None)
            if inner:
                self.block(inner, {} if isinstance(stmt, ast.FunctionDef | ast.ClassDef) else facts)
        for handler in getattr(stmt, "handlers", []):
            self.block(handler.body, facts)
        for case in getattr(stmt, "cases", []):
            self.block(case.body, facts)


def find_dead_branches(path: Path) -> list[Dead]:
    finder = _Finder(path)
    finder.block(ast.parse(path.read_text(encoding="utf-8")).body, {})
    return finder.found
