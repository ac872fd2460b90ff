"""The I/O half of a client: sends what a protocol flow yields, with retries, and renews the
session once for many concurrent calls.

A protocol flow (`sendsay._Base._flow`, `altcraft._Base._flow`) is a generator that yields
`httpx.Request`s (answered with the response) or `NeedSession` (answered once the session is
renewed). Everything else is decided there, with no I/O, once for both drivers.
"""

from __future__ import annotations

import platform
import threading
import time
from collections.abc import Awaitable, Callable, Generator
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from .operation import Operation
from .retry import Attempts, RetryPolicy
from .urls import is_loopback

T = TypeVar("T")
# The HTTP client and transport of a flavour: httpx.Client and BaseTransport for SyncDriver,
# AsyncClient and AsyncBaseTransport for AsyncDriver.
HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)
TransportT = TypeVar("TransportT", httpx.BaseTransport, httpx.AsyncBaseTransport)


@dataclass(frozen=True)
class NeedSession:
    """A flow asks for a session; `stale` is the one the server refused (None: there is none)."""

    stale: str | None
    timeout: Any


Step = httpx.Request | NeedSession
Flow = Generator[Step, httpx.Response | None, T]

_SESSION_OP: Operation[None] = Operation(
    "login", False, lambda params: [], lambda answer, params: None, idempotent=True
)


def user_agent(product: str) -> str:
    """`sendsay-api/1.2.0 python/3.11.9 httpx/0.27.0`: the package, then what it runs on."""
    return f"{product} python/{platform.python_version()} httpx/{httpx.__version__}"


class _Driver:
    base_url: str
    timeout: httpx.Timeout | None
    retry: RetryPolicy
    check_hint = "look the call up before repeating it"
    _secret_keys: frozenset[str] = frozenset()

    def _renewal(self, step: NeedSession) -> Flow[None] | None:
        """The flow that renews the session, or None when another call already did."""
        raise NotImplementedError(f"{type(self).__name__} does not use sessions")

    def _client_options(self, transport: object) -> dict[str, Any]:
        # Proxies from the environment are not used for loopback (the local emulator).
        return {
            "transport": transport,
            "timeout": self.timeout,
            "trust_env": transport is None and not is_loopback(self.base_url),
        }


class SyncDriver(_Driver):
    """Blocking I/O: httpx.Client and time.sleep; a thread lock around session renewal."""

    _http: httpx.Client

    def _open(
        self, http_client: httpx.Client | None, transport: httpx.BaseTransport | None
    ) -> None:
        self._own_http = http_client is None
        self._http = http_client or httpx.Client(**self._client_options(transport))
        self._session_lock = threading.Lock()

    def _drive(self, op: Operation[Any], flow: Flow[T], repeatable: bool | None = None) -> T:
        try:
            step = next(flow)
            while True:
                if isinstance(step, NeedSession):
                    self._renew(step)
                    step = flow.send(None)
                else:
                    step = flow.send(self._send(op, step, repeatable))
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]

    def _send(
        self, op: Operation[Any], request: httpx.Request, repeatable: bool | None
    ) -> httpx.Response:
        attempts = Attempts(self.retry, op, self.check_hint, self._secret_keys, repeatable)
        while True:
            try:
                response = self._http.send(request)
                response.read()
            except httpx.HTTPError as exc:
                time.sleep(attempts.after_error(exc))
                continue
            pause = attempts.after_response(response)
            if pause is None:
                return response
            time.sleep(pause)

    def _renew(self, step: NeedSession) -> None:
        with self._session_lock:
            renewal = self._renewal(step)
            if renewal is not None:
                self._drive(_SESSION_OP, renewal)

    def close(self) -> None:
        """Close the HTTP connections (when the client opened them itself)."""
        if self._own_http:
            self._http.close()

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncDriver(_Driver):
    """asyncio I/O: httpx.AsyncClient and asyncio.sleep; an asyncio lock around renewal, so that
    many concurrent calls that find the session expired log in once."""

    _http: httpx.AsyncClient
    _sleep: Callable[[float], Awaitable[None]]

    def _open(
        self, http_client: httpx.AsyncClient | None, transport: httpx.AsyncBaseTransport | None
    ) -> None:
        import asyncio  # here: a program that uses only the sync clients never loads asyncio

        self._own_http = http_client is None
        self._http = http_client or httpx.AsyncClient(**self._client_options(transport))
        self._session_lock = asyncio.Lock()
        self._sleep = asyncio.sleep

    async def _drive(self, op: Operation[Any], flow: Flow[T], repeatable: bool | None = None) -> T:
        try:
            step = next(flow)
            while True:
                if isinstance(step, NeedSession):
                    await self._renew(step)
                    step = flow.send(None)
                else:
                    step = flow.send(await self._send(op, step, repeatable))
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]

    async def _send(
        self, op: Operation[Any], request: httpx.Request, repeatable: bool | None
    ) -> httpx.Response:
        attempts = Attempts(self.retry, op, self.check_hint, self._secret_keys, repeatable)
        while True:
            try:
                response = await self._http.send(request)
                await response.aread()
            except httpx.HTTPError as exc:
                await self._sleep(attempts.after_error(exc))
                continue
            pause = attempts.after_response(response)
            if pause is None:
                return response
            await self._sleep(pause)

    async def _renew(self, step: NeedSession) -> None:
        async with self._session_lock:
            renewal = self._renewal(step)
            if renewal is not None:
                await self._drive(_SESSION_OP, renewal)

    async def aclose(self) -> None:
        """Close the HTTP connections (when the client opened them itself)."""
        if self._own_http:
            await self._http.aclose()

    async def __aenter__(self: _A) -> _A:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


_S = TypeVar("_S", bound=SyncDriver)
_A = TypeVar("_A", bound=AsyncDriver)
