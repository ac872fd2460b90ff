"""The limits of one call, with no I/O: its deadline (the call's `timeout` bounds the whole
call: retries, re-login, and an answer that arrives one byte at a time), and the largest answer
it reads (streamed, and refused as soon as it is longer, never read whole first).
"""

from __future__ import annotations

import time
from typing import Any

import httpx

from .errors import AnswerTooLargeError

DEFAULT_MAX_ANSWER_SIZE = 64 * 1024 * 1024
_HOP_HEADERS = ("content-encoding", "content-length", "transfer-encoding")


def total_seconds(timeout: Any, default: httpx.Timeout | None) -> float | None:
    """The whole-call limit: the call's `timeout` in seconds, else the client's (the longest of
    its phases: `httpx.Timeout(30, connect=10)` gives 30 s). None: no limit."""
    if isinstance(timeout, int | float):
        return float(timeout)
    chosen = timeout if isinstance(timeout, httpx.Timeout) else default
    if chosen is None:
        return None
    phases = [chosen.connect, chosen.read, chosen.write, chosen.pool]
    limits = [p for p in phases if p is not None]
    return max(limits) if limits else None


def check_max_answer_size(value: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"max_answer_size must be a positive number of bytes, not {value!r}")
    return value


class Deadline:
    """When a call must be over (None: never)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.at = None if seconds is None else time.monotonic() + seconds

    def remaining(self) -> float | None:
        return None if self.at is None else max(0.0, self.at - time.monotonic())

    def expired(self) -> bool:
        return self.at is not None and time.monotonic() >= self.at

    def allows(self, pause: float) -> bool:
        """Is there time for a pause and one more try?"""
        return self.at is None or time.monotonic() + pause < self.at

    def clip(self, request: httpx.Request) -> None:
        """No phase of the next try (connect, each read...) may wait past the deadline."""
        remaining = self.remaining()
        if remaining is None:
            return
        if remaining <= 0:
            raise httpx.TimeoutException("no time left for the request", request=request)
        phases = dict(request.extensions.get("timeout") or {})
        for phase in ("connect", "read", "write", "pool"):
            value = phases.get(phase)
            phases[phase] = remaining if value is None else min(value, remaining)
        request.extensions["timeout"] = phases

    def describe(self) -> str:
        return f"the call's timeout of {self.seconds:g}s" if self.seconds is not None else ""


class Body:
    """The answer's body as it streams in: refused when longer than `limit`, or when the
    deadline passes between two chunks (a server can send one byte per read timeout)."""

    def __init__(
        self, response: httpx.Response, limit: int, deadline: Deadline, action: str
    ) -> None:
        self.response = response
        self.limit = limit
        self.deadline = deadline
        self.action = action
        self.chunks: list[bytes] = []
        self.size = 0
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            self._too_large(f"it declares {int(declared):,} bytes")

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limit:
            self._too_large(f"more than {self.limit:,} bytes arrived")
        self.chunks.append(chunk)
        if self.deadline.expired():
            raise httpx.ReadTimeout(
                f"the answer was still arriving at the end of {self.deadline.describe()}",
                request=self.response.request,
            )

    def _too_large(self, why: str) -> None:
        raise AnswerTooLargeError(
            f"the answer is larger than max_answer_size={self.limit:,} bytes"
            f" ({_mib(self.limit)}): {why}; reading stopped. Raise max_answer_size to accept it.",
            action=self.action,
            status_code=self.response.status_code,
        )

    def complete(self) -> httpx.Response:
        """The response with its whole (already decoded) body."""
        headers = [(k, v) for k, v in self.response.headers.multi_items() if k not in _HOP_HEADERS]
        response = httpx.Response(
            self.response.status_code,
            headers=headers,
            content=b"".join(self.chunks),
            request=self.response.request,
        )
        response.read()
        return response


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):g} MiB"
