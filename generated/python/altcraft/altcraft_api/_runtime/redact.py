"""Keep secrets (passwords, sessions, API keys, tokens) out of logs, reprs and messages.

Which parameters are secret is decided by the spec (`secret: true`), carried by each Operation;
the protocol's own credentials are added here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

MASK = "***"
PROTOCOL_SECRETS = frozenset({"passwd", "password", "session", "apikey", "one_time_auth", "token"})


def redact(value: Any, secrets: Iterable[str] = ()) -> Any:
    """A copy of a JSON value with the values of secret keys masked, at any depth."""
    keys = PROTOCOL_SECRETS | frozenset(secrets)
    return _redact(value, keys)


def _redact(value: Any, keys: frozenset[str]) -> Any:
    if isinstance(value, dict):
        return {k: (MASK if k in keys else _redact(v, keys)) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact(v, keys) for v in value]
    return value


def excerpt(body: bytes | str, limit: int = 200) -> str:
    """A short excerpt of an unusable answer for error messages, with secrets masked."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    text = text[:limit]
    for key in PROTOCOL_SECRETS:
        marker = f'"{key}"'
        start = text.find(marker)
        while start != -1:
            colon = text.find(":", start + len(marker))
            end = text.find(",", colon) if colon != -1 else -1
            if colon == -1:
                break
            end = len(text) if end == -1 else end
            text = text[: colon + 1] + f'"{MASK}"' + text[end:]
            start = text.find(marker, colon + 1)
    return text
