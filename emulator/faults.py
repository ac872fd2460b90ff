"""Fault injection for both emulators: latency, HTTP 5xx, truncated and non-JSON bodies.

A `Faults` sits in front of an emulator's `handle()`, at the HTTP layer: the loopback server
(`serve(faults=...)`) and the in-process transport (`faults.transport(emulator.handle)`) pass
every request through it. What a fault does to one request:

    fault                   the request is performed?   what the client sees
    latency                 yes                         the answer, `latency` seconds late
    HTTP 5xx                no                          `http_error_status`, a short text body
    HTTP 5xx, processed     yes (the state changes)     the same, after the emulator answered
    truncated body          yes (the state changes)     status 200, the first half of the body
    non-JSON body           no (a proxy's page)         status 200, an HTML error page

The counters (`latency_next`, `http_error_next`, `truncate_next`, `non_json_next`) count down
per request and may be changed at any time, e.g. by a test between calls:
`server.faults.http_error_next = 2`. When several faults are due for one request, the first of
HTTP error, non-JSON, truncation applies and the others stay due. `injected` counts what was
done, by kind.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import httpx

Handle = Callable[[httpx.Request], httpx.Response]
Damage = Literal["http_error", "non_json", "truncated"]

# What a reverse proxy answers when the application behind it is down (HTML, not XML: the
# <meta> and <hr> elements are not closed).
NON_JSON_PAGE = (
    b'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>502 Bad Gateway</title></head>'
    b"<body><h1>502 Bad Gateway</h1><hr><p>nginx</p></body></html>\n"
)


@dataclass
class Faults:
    """The faults of one emulator run; all off by default.

    latency: seconds each request waits before it is answered.
    latency_next: only the next N requests wait (None: every request).
    http_error_next: the next N requests are answered with HTTP `http_error_status`.
    http_error_rate: after those, each request is answered so with this probability (0 to 1).
    http_error_status: the status of those answers (500-599).
    http_error_processed: perform the request first, then answer the error (the gateway timed
        out while the server worked): the case in which repeating a call is unsafe.
    retry_after: send `Retry-After: <seconds>` with the HTTP errors.
    truncate_next: the answers of the next N requests are cut in half (the calls are performed).
    non_json_next: the next N requests get an HTML error page with status 200.
    seed: seed of the random draws for `http_error_rate` (None: a different run each time).
    """

    latency: float = 0.0
    latency_next: int | None = None
    http_error_next: int = 0
    http_error_rate: float = 0.0
    http_error_status: int = 503
    http_error_processed: bool = False
    retry_after: float | None = None
    truncate_next: int = 0
    non_json_next: int = 0
    seed: int | None = None
    injected: Counter[str] = field(default_factory=Counter, init=False)

    def __post_init__(self) -> None:
        if self.latency < 0:
            raise ValueError(f"latency must be 0 or more seconds, not {self.latency}")
        counts = {
            "latency_next": self.latency_next or 0,
            "http_error_next": self.http_error_next,
            "truncate_next": self.truncate_next,
            "non_json_next": self.non_json_next,
        }
        for name, count in counts.items():
            if count < 0:
                raise ValueError(f"{name} must be 0 or more requests, not {count}")
        if not 0.0 <= self.http_error_rate <= 1.0:
            raise ValueError(f"http_error_rate must be between 0 and 1, not {self.http_error_rate}")
        if not 500 <= self.http_error_status <= 599:
            raise ValueError(f"http_error_status must be 500-599, not {self.http_error_status}")
        if self.retry_after is not None and self.retry_after < 0:
            raise ValueError(f"retry_after must be 0 or more seconds, not {self.retry_after}")
        self._random = random.Random(self.seed)
        self._lock = threading.Lock()

    def describe(self) -> str:
        """The faults that are on, e.g. `latency 0.2 s (next 3), HTTP 503 next 2` ('' if none)."""
        parts = []
        if self.latency and self.latency_next != 0:
            parts.append(f"latency {self.latency:g} s" + _next(self.latency_next))
        status = f"HTTP {self.http_error_status}" + (
            " after processing" if self.http_error_processed else ""
        )
        if self.http_error_next:
            parts.append(f"{status} next {self.http_error_next}")
        if self.http_error_rate:
            parts.append(f"{status} at rate {self.http_error_rate:g} (seed {self.seed})")
        if self.non_json_next:
            parts.append(f"HTML page next {self.non_json_next}")
        if self.truncate_next:
            parts.append(f"truncated body next {self.truncate_next}")
        return ", ".join(parts)

    def report(self) -> str:
        """What was injected so far, e.g. `http_error 2, latency 5` ('' if nothing)."""
        return ", ".join(f"{kind} {count}" for kind, count in sorted(self.injected.items()))

    # -- deciding ------------------------------------------------------------------------------

    def plan(self) -> Plan:
        """Draw the faults of one request (counters count down here)."""
        with self._lock:
            delay = self._delay()
            damage = self._damage()
            if delay:
                self.injected["latency"] += 1
            if damage:
                self.injected[damage] += 1
            return Plan(self, delay, damage)

    def _delay(self) -> float:
        if not self.latency or self.latency_next == 0:
            return 0.0
        if self.latency_next is not None:
            self.latency_next -= 1
        return self.latency

    def _damage(self) -> Damage | None:
        if self.http_error_next > 0:
            self.http_error_next -= 1
            return "http_error"
        if self.http_error_rate and self._random.random() < self.http_error_rate:
            return "http_error"
        if self.non_json_next > 0:
            self.non_json_next -= 1
            return "non_json"
        if self.truncate_next > 0:
            self.truncate_next -= 1
            return "truncated"
        return None

    # -- answering -----------------------------------------------------------------------------

    def answer(self, handle: Handle, request: httpx.Request) -> httpx.Response:
        """`handle(request)` with this request's faults (blocking: the server's threads)."""
        plan = self.plan()
        if plan.delay:
            time.sleep(plan.delay)
        return plan.finish(handle, request)

    async def answer_async(self, handle: Handle, request: httpx.Request) -> httpx.Response:
        """The same without blocking the event loop while the latency passes."""
        plan = self.plan()
        if plan.delay:
            await asyncio.sleep(plan.delay)
        return plan.finish(handle, request)

    def transport(self, handle: Handle) -> FaultyTransport:
        """An in-process httpx transport (sync and async) answering `handle` with these faults."""
        return FaultyTransport(handle, self)

    def http_error(self) -> httpx.Response:
        status = self.http_error_status
        headers = {"Content-Type": "text/plain; charset=utf-8"}
        if self.retry_after is not None:
            headers["Retry-After"] = f"{self.retry_after:g}"
        text = f"{status} emulated server error (fault injection)\n"
        return httpx.Response(status, content=text.encode(), headers=headers)


@dataclass(frozen=True)
class Plan:
    """What happens to one request: a delay, then at most one damage."""

    faults: Faults
    delay: float
    damage: Damage | None

    def finish(self, handle: Handle, request: httpx.Request) -> httpx.Response:
        if self.damage == "non_json":
            return httpx.Response(200, content=NON_JSON_PAGE, headers={"Content-Type": "text/html"})
        if self.damage == "http_error" and not self.faults.http_error_processed:
            return self.faults.http_error()
        response = handle(request)
        if self.damage == "http_error":
            return self.faults.http_error()
        if self.damage == "truncated":
            return _truncated(response)
        return response


def _next(count: int | None) -> str:
    return "" if count is None else f" (next {count})"


def _truncated(response: httpx.Response) -> httpx.Response:
    content = response.content
    content_type = response.headers.get("content-type", "application/json")
    return httpx.Response(
        response.status_code,
        content=content[: len(content) // 2],
        headers={"Content-Type": content_type},
    )


class FaultyTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """An httpx transport for Client and AsyncClient answering from an emulator's `handle`,
    through `faults`. The async side sleeps with asyncio, so concurrent calls overlap as they
    would over HTTP."""

    def __init__(self, handle: Handle, faults: Faults) -> None:
        self.handle = handle
        self.faults = faults

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        return self.faults.answer(self.handle, request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        return await self.faults.answer_async(self.handle, request)
