"""Fault injection shared by both emulators: latency, HTTP 5xx, truncated and non-JSON bodies.

Every HTTP request an emulator gets passes `Faults.before()` (may sleep, may answer an HTTP
error instead of the API) and its answer `Faults.after()` (may cut the body short). The
counters (`http_error_next`, `truncate_next`, `non_json_next`) count down per request and may be
changed between requests, e.g. by a test: `emulator.faults.http_error_next = 2`.

    fault              the request is processed?   what the client sees
    latency            yes                         the answer `latency` seconds later
    HTTP 5xx           no (refused in front)       `http_error_status`, a short text body
    truncated body     yes (the state changes)     status 200, the first half of the JSON
    non-JSON body      no (a proxy's error page)   status 200, an HTML page

Order of precedence when several are due for one request: HTTP error, non-JSON, truncation.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

NON_JSON_PAGE = (
    b"<html><head><title>502 Bad Gateway</title></head>"
    b"<body><h1>Bad Gateway</h1><p>The upstream server is not answering.</p></body></html>\n"
)


@dataclass
class Faults:
    """The faults of one emulator run (all off by default).

    latency: seconds every request waits before it is answered.
    http_error_next: the next N requests are refused with `http_error_status`.
    http_error_rate: then each request is refused with this probability (0 to 1).
    http_error_status: the status of refused requests (500-599; 503 by default).
    truncate_next: the answers of the next N requests are cut in half (the call was performed).
    non_json_next: the next N requests get an HTML error page with status 200.
    seed: seed of the random choice for `http_error_rate` (None: not reproducible).
    """

    latency: float = 0.0
    http_error_next: int = 0
    http_error_rate: float = 0.0
    http_error_status: int = 503
    truncate_next: int = 0
    non_json_next: int = 0
    seed: int | None = None
    injected: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.latency < 0:
            raise ValueError("latency must not be negative")
        if min(self.http_error_next, self.truncate_next, self.non_json_next) < 0:
            raise ValueError("fault counts must not be negative")
        if not 0.0 <= self.http_error_rate <= 1.0:
            raise ValueError("http_error_rate must be between 0 and 1")
        if not 500 <= self.http_error_status <= 599:
            raise ValueError("http_error_status must be a 5xx status")
        self._random = random.Random(self.seed)
        self._lock = threading.Lock()

    def _count(self, kind: str) -> None:
        self.injected[kind] = self.injected.get(kind, 0) + 1

    def refusal(self) -> httpx.Response | None:
        """The answer that replaces the API's for this request, if a fault is due."""
        with self._lock:
            if self.http_error_next > 0:
                self.http_error_next -= 1
                return self._http_error()
            if self.http_error_rate and self._random.random() < self.http_error_rate:
                return self._http_error()
            if self.non_json_next > 0:
                self.non_json_next -= 1
                self._count("non_json")
                return httpx.Response(
                    200, content=NON_JSON_PAGE, headers={"Content-Type": "text/html"}
                )
        return None

    def _http_error(self) -> httpx.Response:
        self._count("http_error")
        status = self.http_error_status
        return httpx.Response(
            status,
            content=f"{status} emulated server error (fault injection)\n".encode(),
            headers={"Content-Type": "text/plain; charset=utf-8"},
        )

    def damage(self, response: httpx.Response) -> httpx.Response:
        """The API's answer, cut in half when a truncation is due."""
        with self._lock:
            if self.truncate_next <= 0:
                return response
            self.truncate_next -= 1
            self._count("truncated")
        content = response.content
        return httpx.Response(
            response.status_code,
            content=content[: len(content) // 2],
            headers={"Content-Type": response.headers.get("content-type", "application/json")},
        )

    def wait(self) -> None:
        if self.latency:
            time.sleep(self.latency)


Handle = Callable[[httpx.Request], httpx.Response]


def with_faults(faults: Faults, handle: Handle, request: httpx.Request) -> httpx.Response:
    """Answer `request` with `handle` unless a fault replaces or damages the answer."""
    refused = faults.refusal()
    if refused is not None:
        return refused
    return faults.damage(handle(request))


class EmulatorTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """An httpx transport (for Client and AsyncClient) answering from an emulator's `handle`.

    `handle` applies the faults itself, latency included; the async side waits the latency with
    asyncio.sleep, so that concurrent calls of an AsyncClient overlap as they would over HTTP.
    """

    def __init__(self, handle: Handle, answer: Handle, faults: Faults) -> None:
        self._handle = handle
        self._answer = answer
        self._faults = faults

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        return self._handle(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        if self._faults.latency:
            await asyncio.sleep(self._faults.latency)
        return with_faults(self._faults, self._answer, request)
