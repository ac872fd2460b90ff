"""Marks on the handlers whose answers rest on a guess.

Where the document does not say how the server behaves, a handler has to choose; `@guessed`
records what it chose, so that users can tell answers modelled on the document from answers
guessed (`coverage.GUESSED` lists them by action, the README points there). Limitations that
the emulator states plainly (no network, no schedule, no clicks) are not guesses: they are in
the handlers' docstrings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_GUESSES: dict[Callable[..., Any], str] = {}


def guessed(what: str) -> Callable[[F], F]:
    """Mark a handler: `what` says what it chose where the document is silent."""

    def mark(handler: F) -> F:
        _GUESSES[handler] = what
        return handler

    return mark


def guess_of(handler: Callable[..., Any]) -> str | None:
    """What a handler guessed, or None when its answers follow the document."""
    return _GUESSES.get(handler)
