"""The emulator's module structure: no import cycles (type-only imports included), the account
state a data leaf, and the handlers whose answers rest on guesses marked and listed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import emulator
from emulator.sendsay import coverage
from emulator.sendsay.handlers import HANDLERS

PACKAGE = Path(emulator.__file__).parent
# Modules that only compute answers from the state; the state must not depend on them.
BEHAVIOUR = ("group_filter", "stat_query", "stat_rows", "stat_fields", "handlers", "sending")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def in_package(path: Path) -> bool:
    """Whether a file is a module of the package (not of a build/ copy or another folder)."""
    folder = path.parent
    while folder != PACKAGE:
        if not (folder / "__init__.py").exists():
            return False
        folder = folder.parent
    return True


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py") if in_package(path)}


def imports_of(name: str) -> set[str]:
    """The emulator modules `name` imports anywhere: top level, in functions, type-only."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            for alias in node.names:
                inner = f"{target}.{alias.name}"
                found.add(inner if inner in MODULES else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {module for module in found if module in MODULES and module != name}


def cycles() -> list[list[str]]:
    graph = {name: imports_of(name) for name in MODULES}
    found: list[list[str]] = []
    done: set[str] = set()

    def walk(name: str, path: list[str]) -> None:
        if name in path:
            found.append([*path[path.index(name) :], name])
            return
        if name in done:
            return
        for target in sorted(graph[name]):
            walk(target, [*path, name])
        done.add(name)

    for name in sorted(graph):
        walk(name, [])
    return found


def test_the_emulator_has_no_import_cycles() -> None:
    assert cycles() == []


def test_the_account_state_is_a_data_leaf() -> None:
    state = "emulator.sendsay.state"
    behaviour = {f"emulator.sendsay.{name}" for name in BEHAVIOUR}
    reached: set[str] = set()
    todo = [state]
    while todo:
        for target in imports_of(todo.pop()) - reached:
            reached.add(target)
            todo.append(target)
    assert not {m for m in reached if m in behaviour or m.startswith("emulator.sendsay.handlers")}


def test_guessed_answers_are_marked_and_listed() -> None:
    assert coverage.GUESSED, "no handler is marked as guessing"
    assert set(coverage.GUESSED) <= coverage.STATEFUL
    for action, what in coverage.GUESSED.items():
        assert what and what[0].isupper() and what.endswith("."), (action, what)
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    assert "coverage.GUESSED" in readme


@pytest.mark.parametrize("action", ["infolett.get", "track.get", "member.import"])
def test_known_guesses_are_marked(action: str) -> None:
    assert action in HANDLERS and action in coverage.GUESSED
