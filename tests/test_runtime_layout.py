"""The runtime's module graph has no cycle (`codec` and `errors` once imported each other:
`describe` and its sentinels now live in the leaf module `values`)."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

RUNTIME = Path(__file__).resolve().parent.parent / "runtime"


def imports_of(path: Path) -> set[str]:
    """The runtime modules a module imports, at any level (`from .x import y`)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_runtime_modules_import_no_cycle() -> None:
    graph = {path.stem: imports_of(path) for path in RUNTIME.glob("*.py")}
    assert "codec" not in graph["errors"] and graph["values"] == set()
    try:
        list(TopologicalSorter(graph).static_order())
    except CycleError as exc:  # pragma: no cover - the failure message
        raise AssertionError(f"import cycle in runtime/: {exc.args[1]}") from None
