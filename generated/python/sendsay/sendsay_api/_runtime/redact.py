"""Keep secrets (passwords, sessions, API keys, tokens) out of logs, reprs and messages.

Which keys are secret is decided by the spec (`secret: true` on parameters, fields and the
envelope); the generated client carries the set as `_secret_keys` and passes it here. Nothing
here keeps its own list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

MASK = "***"


def redact(value: Any, secret_keys: Iterable[str]) -> Any:
    """A copy of a JSON value with the values of secret keys masked, at any depth."""
    return _redact(value, frozenset(secret_keys))


def _redact(value: Any, keys: frozenset[str]) -> Any:
    if isinstance(value, dict):
        return {k: (MASK if k in keys else _redact(v, keys)) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact(v, keys) for v in value]
    return value


def excerpt(body: bytes | str, secret_keys: Iterable[str], limit: int = 200) -> str:
    """A short excerpt of an unusable answer for error messages, secret values masked.

    The body may be broken JSON or XML, or a page that echoes the request's form, so the values
    of secret keys are masked textually: `"session": "abc"` -> `"session": "***"`,
    `<token>abc</token>` -> `<token>***</token>`, `%22passwd%22%3A%22abc%22` ->
    `%22passwd%22%3A%22***%22` (also when the value is cut short).
    """
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    for key in sorted(set(secret_keys)):
        name = re.escape(key)
        json_value = re.compile(r'("' + name + r'"\s*:\s*)("(?:[^"\\]|\\.)*"?|[^,}\]\s]+)')
        text = json_value.sub(lambda m: m.group(1) + f'"{MASK}"', text)
        xml_element = re.compile(r"(<" + name + r"(?:\s[^>]*)?>)[^<]+")
        text = xml_element.sub(lambda m: m.group(1) + MASK, text)
        # the same JSON inside an echoed form body: request=%7B%22passwd%22%3A%22...%22
        form_value = re.compile(
            r"(%22" + name + r"%22(?:%20|\+)*%3A(?:%20|\+)*)(%22.*?(?:%22|$)|[^%&,]+)", re.I
        )
        text = form_value.sub(lambda m: m.group(1) + f"%22{MASK}%22", text)
    return text[:limit]
