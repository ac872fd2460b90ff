"""The spec's request checks, taken from the generated packages' `OPERATIONS` at run time.

The generated packages are imported by name rather than statically: they are installed as
editable packages whose import hooks mypy cannot follow, and the emulators need only one pure
function of each operation, `check(params) -> issues`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

Checker = Callable[[dict[str, Any]], list[Any]]


def operations(package: str) -> dict[str, Any]:
    """Action -> Operation of a generated package (`sendsay_api`, ...)."""
    ops: dict[str, Any] = import_module(f"{package}.operations").OPERATIONS
    return ops


def public_actions(package: str) -> frozenset[str]:
    """The actions that need no session: the operations the spec marks `auth: none`."""
    return frozenset(action for action, op in operations(package).items() if not op.auth)


def request_checkers(package: str) -> dict[str, Checker]:
    """Action -> `check` of every operation of a generated package (`sendsay_api`, ...)."""
    operations = import_module(f"{package}.operations").OPERATIONS
    return {action: operation.check for action, operation in operations.items()}
