"""Settings a client takes from the environment when its constructor is not given them."""

from __future__ import annotations

import os


def from_environment(name: str) -> str | None:
    """The variable's value, or None when it is unset or blank."""
    value = os.environ.get(name, "").strip()
    return value or None
