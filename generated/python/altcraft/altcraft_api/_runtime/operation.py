"""What a generated operation hands to a client: its wire name and pure functions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .errors import ResponseValidationError

T = TypeVar("T")

Checker = Callable[[dict[str, Any]], list[Any]]
Parser = Callable[[dict[str, Any], dict[str, Any]], T]


@dataclass(frozen=True, slots=True)
class Operation(Generic[T]):
    """One API operation.

    check(params) lists every problem of the wire parameters; parse(answer, params) turns the
    answer (common fields removed) into the typed result chosen by the request's parameters.
    """

    action: str
    auth: bool
    check: Checker
    parse: Parser[T]
    secrets: frozenset[str] = frozenset()
    idempotent: bool = False
    unsafe_when: Callable[[dict[str, Any]], bool] | None = None
    shape: Any = None  # the answer's JSON kinds, for formats that carry only text (XML)
    params_shape: Any = None  # the parameters' JSON kinds, likewise (for a server reading XML)

    def repeatable(self, params: dict[str, Any]) -> bool:
        """May this request be repeated after a failure that may have reached the server?"""
        return self.idempotent and not (self.unsafe_when is not None and self.unsafe_when(params))


def parse_answer(op: Operation[T], answer: dict[str, Any], params: dict[str, Any]) -> T:
    """Decode an answer; a mismatch names its path and action, nothing obscure escapes."""
    try:
        return op.parse(answer, params)
    except ResponseValidationError as exc:
        raise exc.with_action(op.action) from None
    except Exception as exc:  # a decoder gap must surface as a typed error, not a TypeError
        raise ResponseValidationError(
            "$", "an answer the client can decode", f"{type(exc).__name__}: {exc}", op.action
        ) from exc
