"""Keep secrets (passwords, sessions, API keys, tokens) out of logs, reprs, messages and chained
exceptions.

Two ways, both needed:

- By key. Which keys are secret is decided by the spec (`secret: true` on parameters, fields
  and the envelope); the generated client carries the set as `_secret_keys`. A key written
  slightly differently (`pasword`, `Passwd`, `api_key`, `user_password`) counts as the secret
  key it resembles: a server that echoes a misspelt request still echoes a secret.
- By value. The client knows its own secrets (password, sessions, API key, token, and what a
  call sends under secret keys). Each is masked in every encoding an answer can echo it in: raw
  (XML CDATA included), escaped JSON (ASCII or not, escaped twice), HTML/XML-escaped, Python
  repr, URL-encoded, and these combined. Values shorter than `MIN_SECRET_LENGTH` are masked by
  key only: masking them by value would blank out ordinary words of every message.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from typing import Any
from urllib.parse import quote, quote_plus

from .codec import REDACTED, Issue
from .errors import Error

MASK = "***"
MIN_SECRET_LENGTH = 4
MAX_DEPTH = 200  # deeper parts of a value are shown as "..." in logs and messages
MAX_ITEMS = 10_000  # values of an error's attributes masked one by one; the rest "..."
SIMILARITY = 0.8  # difflib ratio from which a key counts as a misspelling of a secret key


def _normal(key: str) -> str:
    return re.sub(r"[^a-z0-9]", "", key.lower())


@lru_cache(maxsize=4096)
def _looks_secret(key: str, secret_keys: frozenset[str]) -> bool:
    normal = _normal(key)
    if not normal:
        return False
    for secret in secret_keys:
        if normal == secret or (len(secret) >= 4 and secret in normal):
            return True
        if SequenceMatcher(None, normal, secret).ratio() >= SIMILARITY:
            return True
    return False


def _encodings(secret: str) -> set[str]:
    """Every way an answer may write `secret`: each first encoding, and each encoded again."""
    first: set[str] = {
        secret,
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        repr(secret)[1:-1],
        ascii(secret)[1:-1],
    }
    steps: tuple[Callable[[str], str], ...] = (
        html.escape,
        lambda s: html.escape(s, quote=False),
        lambda s: html.escape(s).replace("&#x27;", "&apos;"),
        lambda s: html.escape(s).replace("&#x27;", "&#39;").replace("&quot;", "&#34;"),
        lambda s: quote(s, safe=""),
        quote,
        quote_plus,
        lambda s: json.dumps(s)[1:-1],
        lambda s: json.dumps(s, ensure_ascii=False)[1:-1],
    )
    out = set(first)
    for form in first:
        for step in steps:
            try:
                out.add(step(form))
            except UnicodeEncodeError:  # a lone surrogate has no URL encoding
                continue
    return {form for form in out if len(form) >= MIN_SECRET_LENGTH}


# A quoted key, a separator, then its value: `"passwd": "x"`, `'passwd': 'x'`,
# `&quot;passwd&quot;:&quot;x&quot;`, `\"passwd\":\"x\"`, `%22passwd%22%3A%22x%22`.
_QUOTE = r"(?:\\\\\\\"|\\\"|\"|'|&quot;|&#34;|&#x22;|&#39;|&#x27;|&apos;|%22|%27)"
_KEY_VALUE = re.compile(
    r"(?P<q>" + _QUOTE + r")(?P<key>[A-Za-z0-9_.\-\[\]]{1,64})(?P=q)"
    r"(?P<sep>\s*(?::|=>|=|%3A)\s*(?:%20|\+)*)"
    r"(?:(?P<vq>" + _QUOTE + r")(?:.*?(?<!\\)(?P=vq)|.*$)|[^,}\]\s&<;%]+)",
    re.IGNORECASE,
)
# `<passwd>x</passwd>`, `<passwd a="1"><![CDATA[x]]></passwd>`
_ELEMENT = re.compile(
    r"(?P<open><(?P<key>[A-Za-z_][\w.\-]{0,63})(?:\s[^>]*)?>)"
    r"(?:<!\[CDATA\[.*?(?:\]\]>|$)|[^<]+)",
    re.DOTALL,
)
# `passwd=x&...` in a form body or a query string
_FORM_FIELD = re.compile(r"(?P<lead>(?:^|[?&;\s]))(?P<key>[A-Za-z0-9_.\-\[\]]{1,64})=[^&\s\"'<]*")


class Masker:
    """Masks the secrets of one client (and one call): by key, and by value in all encodings.

    `values` is called the first time a value is masked (building the masks costs a little, and
    most calls never need them).
    """

    def __init__(self, keys: Iterable[str], values: Callable[[], Iterable[Any]] = tuple) -> None:
        self.keys = frozenset(keys)
        self._normal_keys = frozenset(_normal(k) for k in self.keys) - {""}
        self._values = values

    def is_secret_key(self, key: str) -> bool:
        return _looks_secret(key, self._normal_keys)

    @cached_property
    def _pattern(self) -> tuple[re.Pattern[str] | None, int]:
        secrets = {v for v in self._values() if isinstance(v, str) and len(v) >= 1}
        forms = sorted({f for v in secrets for f in _encodings(v)}, key=len, reverse=True)
        if not forms:
            return None, 0
        return re.compile("|".join(map(re.escape, forms)), re.IGNORECASE), len(forms[0])

    def text(self, text: str) -> str:
        """`text` with every secret masked: known values in any encoding, values of secret keys."""
        pattern, _ = self._pattern
        if pattern is not None:
            text = pattern.sub(MASK, text)
        text = _KEY_VALUE.sub(self._key_value, text)
        text = _ELEMENT.sub(self._element, text)
        return _FORM_FIELD.sub(self._form_field, text)

    def _key_value(self, match: re.Match[str]) -> str:
        if not self.is_secret_key(match["key"]):
            return match[0]
        quote_mark = match["vq"] or ""
        head = match[0][: match.start("sep") - match.start() + len(match["sep"])]
        return f"{head}{quote_mark}{MASK}{quote_mark}"

    def _element(self, match: re.Match[str]) -> str:
        return match["open"] + MASK if self.is_secret_key(match["key"]) else match[0]

    def _form_field(self, match: re.Match[str]) -> str:
        if not self.is_secret_key(match["key"]):
            return match[0]
        return f"{match['lead']}{match['key']}={MASK}"

    def excerpt(self, body: bytes | str, limit: int = 200) -> str:
        """A short excerpt of an unusable answer for error messages, secrets masked.

        Masked before it is cut, so that no secret shows even in part at the cut.
        """
        _, longest = self._pattern
        window = limit * 4 + longest
        raw = body[: window * 4] if isinstance(body, bytes) else body[:window]
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        return self.text(text[:window])[:limit]

    def value(self, value: Any) -> Any:
        """A copy of a JSON-like value with secret keys' values and known secrets masked.

        Parts deeper than MAX_DEPTH, or past the first MAX_ITEMS values, become "...": this
        copy is for messages and logs, the caller keeps the raw answer.
        """
        return self._value(value, 0, [MAX_ITEMS])

    def _value(self, value: Any, depth: int, budget: list[int]) -> Any:
        budget[0] -= 1
        if isinstance(value, str):
            return self.text(value) if budget[0] >= 0 else "..."
        if isinstance(value, dict | list | tuple) and (depth >= MAX_DEPTH or budget[0] < 0):
            return "..."
        if isinstance(value, dict):
            return {
                k: MASK
                if isinstance(k, str) and self.is_secret_key(k)
                else self._value(v, depth + 1, budget)
                for k, v in value.items()
            }
        if isinstance(value, list | tuple):
            return [self._value(v, depth + 1, budget) for v in value]
        return value

    def log_line(self, value: Any, limit: int = 2000) -> str:
        """`value` as JSON for a log line: secret keys masked, at most `limit` characters,
        known secrets masked before the cut."""
        text = json.dumps(redact(value, self.keys, self.is_secret_key), ensure_ascii=False)
        _, longest = self._pattern
        return self.text(text[: limit + longest])[:limit]


def redact(
    value: Any, secret_keys: Iterable[str], is_secret: Callable[[str], bool] | None = None
) -> Any:
    """A copy of a JSON value with the values of secret keys masked, to `MAX_DEPTH` levels."""
    keys = frozenset(secret_keys)
    return _redact(value, is_secret or keys.__contains__, 0)


def _redact(value: Any, is_secret: Callable[[str], bool], depth: int) -> Any:
    if depth >= MAX_DEPTH and isinstance(value, dict | list):
        return "..."
    if isinstance(value, dict):
        return {
            k: (MASK if isinstance(k, str) and is_secret(k) else _redact(v, is_secret, depth + 1))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_redact(v, is_secret, depth + 1) for v in value]
    return value


def secret_values(value: Any, is_secret: Callable[[str], bool]) -> list[str]:
    """The strings held under secret keys anywhere in a request's parameters (no recursion)."""
    found: list[str] = []
    todo: list[tuple[Any, bool]] = [(value, False)]
    while todo:
        item, secret = todo.pop()
        if isinstance(item, str):
            if secret:
                found.append(item)
        elif isinstance(item, dict):
            todo += [(v, secret or (isinstance(k, str) and is_secret(k))) for k, v in item.items()]
        elif isinstance(item, list | tuple):
            todo += [(v, secret) for v in item]
    return found


def scrubbed(exc: Error, masker: Masker) -> Error:
    """`exc` with every secret masked in its message and attributes, and no chained exception
    (a chained httpx error holds the whole request, credentials included).

    The message is built again from the masked attributes where the class builds it, so that
    a secret clipped inside a short description cannot show in part.
    """
    for name, value in list(vars(exc).items()):
        if name == "issues":
            value = [_scrubbed_issue(issue, masker) for issue in value]
        setattr(exc, name, masker.value(value))
    rebuild = getattr(exc, "_message", None)
    exc.args = (rebuild(),) if callable(rebuild) else tuple(masker.value(a) for a in exc.args)
    exc.__cause__ = None
    exc.__context__ = None
    exc.__suppress_context__ = True
    return exc


def _scrubbed_issue(issue: Any, masker: Masker) -> Any:
    if not isinstance(issue, Issue):
        return issue
    key = re.search(r'(?:\.([^.\[\]"]+)|\["((?:[^"\\]|\\.)*)"\])$', issue.path)
    if key is not None and masker.is_secret_key(key[1] or key[2]):
        issue.got = REDACTED
    elif issue.got is not REDACTED:
        issue.got = masker.value(issue.got)
    return issue
