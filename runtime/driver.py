"""The I/O half of a client: sends what a protocol flow yields, with retries, within the
call's deadline and answer size limit, and renews the session once for many concurrent calls.

A protocol flow (`sendsay._Base._flow`, `altcraft._Base._flow`) is a generator that yields
`httpx.Request`s (answered with the response) or `NeedSession` (answered once the session is
renewed). Everything else is decided there, with no I/O, once for both drivers.

Whatever happens, a caller meets only the package's `Error`s, with every secret of the client
masked and no chained exception (`redact.scrubbed`): `_typed` is where that is ensured.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable, Generator, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from .errors import Error, TransportError
from .operation import Operation
from .redact import Masker, scrubbed, secret_values
from .retry import Attempts, RetryPolicy
from .transfer import Body, Deadline, check_max_answer_size, total_seconds
from .urls import check_base_url, is_loopback

T = TypeVar("T")
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


@dataclass(frozen=True)
class NeedSession:
    """A flow asks for a session; `stale` is the one the server refused (None: there is none).

    `renewals` is how many renewals had started when the call took its credentials: a renewal
    started since then answers this call too, whether it succeeded or failed.
    """

    stale: str | None
    timeout: Any
    renewals: int


Step = httpx.Request | NeedSession
Flow = Generator[Step, httpx.Response | None, T]

_SESSION_OP: Operation[None] = Operation(
    "login", False, lambda params: [], lambda answer, params: None, idempotent=True
)


class DriverBase:
    """What both protocols' clients share: their common options, timeouts, secrets, renewal
    bookkeeping, and the flow each protocol writes (`_flow`)."""

    base_url: str
    timeout: httpx.Timeout | None
    validate: bool
    retry: RetryPolicy
    max_answer_size: int
    check_hint = "look the call up before repeating it"
    _default_base_url: str
    _secret_keys: frozenset[str] = frozenset()  # from the spec, set by the generated client
    _renewals = 0  # renewals started (see NeedSession)
    _renewal_failure: Error | None = None  # how the last one ended, when it failed

    def _configure(
        self,
        *,
        base_url: str | None,
        timeout: float | httpx.Timeout | None,
        validate: bool,
        allow_insecure_http: bool,
        retry: RetryPolicy | None,
        max_answer_size: int,
    ) -> None:
        """The options every client takes (each protocol's constructor documents them)."""
        self.base_url = (base_url or self._default_base_url).rstrip("/")
        check_base_url(self.base_url, allow_insecure_http)
        self.timeout = (
            timeout
            if isinstance(timeout, httpx.Timeout) or timeout is None
            else httpx.Timeout(timeout)
        )
        self.validate = validate
        self.retry = retry or RetryPolicy()
        self.max_answer_size = check_max_answer_size(max_answer_size)

    def _timed(self, request: httpx.Request, timeout: float | None) -> httpx.Request:
        """The request with the call's phase timeouts (the client's when `timeout` is None);
        the driver cuts them further to what is left of the whole call."""
        chosen = self.timeout if timeout is None else httpx.Timeout(timeout)
        if chosen is not None:
            request.extensions["timeout"] = chosen.as_dict()
        return request

    def _flow(
        self,
        op: Operation[T],
        params: dict[str, Any],
        request_id: str | None,
        timeout: float | None,
        masker: Masker,
    ) -> Flow[T]:
        """The whole conversation of one call, with no I/O (each protocol writes its own)."""
        raise NotImplementedError  # pragma: no cover - sendsay._Base and altcraft._Base

    def _renewal(self, step: NeedSession) -> Flow[None] | None:
        """The flow that renews the session, or None when another call already did."""
        raise NotImplementedError(f"{type(self).__name__} does not use sessions")

    def _secret_values(self) -> Iterable[str]:
        """The secrets the client holds (password, sessions, API key, token)."""
        return ()

    def _masker(self, op: Operation[Any], params: dict[str, Any]) -> Masker:
        def values() -> list[str]:
            return [*self._secret_values(), *secret_values(params, masker.is_secret_key)]

        masker = Masker(self._secret_keys | op.secrets, values)
        return masker

    def _shared_failure(self) -> Error | None:
        """The failure of the last renewal, as a new error for one more waiting call."""
        failure = self._renewal_failure
        if failure is None:
            return None
        copy = failure.__class__.__new__(failure.__class__)
        copy.__dict__.update(vars(failure))
        copy.args = failure.args
        return copy

    def _client_options(self, transport: object) -> dict[str, Any]:
        # Proxies from the environment are not used for loopback (the local emulator).
        return {
            "transport": transport,
            "timeout": self.timeout,
            "trust_env": transport is None and not is_loopback(self.base_url),
        }

    def _deadline(self, timeout: Any) -> Deadline:
        return Deadline(total_seconds(timeout, self.timeout))

    @staticmethod
    def _typed(exc: Exception, op: Operation[Any], masker: Masker) -> Error:
        """The error a caller meets: an `Error` (anything else wrapped), secrets masked."""
        if isinstance(exc, Error):
            return scrubbed(exc, masker)
        if isinstance(exc, httpx.HTTPError | httpx.InvalidURL):
            error: Error = TransportError(f"{type(exc).__name__}: {exc}", action=op.action)
        elif isinstance(exc, RecursionError):
            error = Error(f"{op.action}: a value is nested too deeply to be handled")
        else:
            error = Error(f"{op.action}: unexpected {type(exc).__name__}: {exc}")
        return scrubbed(error, masker)


class SyncDriver(DriverBase):
    """Blocking I/O: httpx.Client and time.sleep; a thread lock around session renewal."""

    _http: httpx.Client

    def _open(
        self, http_client: httpx.Client | None, transport: httpx.BaseTransport | None
    ) -> None:
        self._own_http = http_client is None
        self._http = http_client or httpx.Client(**self._client_options(transport))
        self._session_lock = threading.Lock()

    def call(
        self,
        op: Operation[T],
        params: dict[str, Any],
        *,
        request_id: str | None = None,
        timeout: float | None = None,
    ) -> T:
        """Run one operation of the spec (the generated methods call this)."""
        masker = self._masker(op, params)
        flow = self._flow(op, params, request_id, timeout, masker)
        return self._drive(op, masker, flow, timeout, op.repeatable(params))

    def _drive(
        self,
        op: Operation[Any],
        masker: Masker,
        flow: Flow[T],
        timeout: Any,
        repeatable: bool | None = None,
        deadline: Deadline | None = None,
    ) -> T:
        """Run a flow to its end; `timeout` (None: the client's) bounds the whole call."""
        try:
            return self._run(op, flow, masker, deadline or self._deadline(timeout), repeatable)
        except Exception as exc:
            error = self._typed(exc, op, masker)
        raise error  # outside the handler: nothing chained to it

    def _run(
        self,
        op: Operation[Any],
        flow: Flow[T],
        masker: Masker,
        deadline: Deadline,
        repeatable: bool | None,
    ) -> T:
        try:
            step = next(flow)
            while True:
                if isinstance(step, NeedSession):
                    self._renew(step, deadline)
                    step = flow.send(None)
                else:
                    step = flow.send(self._send(op, step, masker, deadline, repeatable))
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        finally:
            flow.close()

    def _send(
        self,
        op: Operation[Any],
        request: httpx.Request,
        masker: Masker,
        deadline: Deadline,
        repeatable: bool | None,
    ) -> httpx.Response:
        attempts = Attempts(self.retry, op, self.check_hint, masker, deadline, repeatable)
        while True:
            try:
                deadline.clip(request)
                streamed = self._http.send(request, stream=True)
                try:
                    body = Body(streamed, self.max_answer_size, deadline, op.action)
                    for chunk in streamed.iter_bytes():
                        body.add(chunk)
                finally:
                    streamed.close()
                response = body.complete()
            except httpx.HTTPError as exc:
                pause = attempts.after_error(exc)
                time.sleep(pause)
                continue
            pause_or_none = attempts.after_response(response)
            if pause_or_none is None:
                return response
            time.sleep(pause_or_none)

    def _renew(self, step: NeedSession, deadline: Deadline) -> None:
        remaining = deadline.remaining()
        if not self._session_lock.acquire(timeout=-1 if remaining is None else remaining):
            raise TransportError(
                f"the call timed out waiting for a new session: {deadline.describe()} ran out",
                action="login",
            )
        try:
            renewal = self._renewal(step)
            if renewal is not None:
                try:
                    self._drive(
                        _SESSION_OP,
                        self._masker(_SESSION_OP, {}),
                        renewal,
                        step.timeout,
                        deadline=deadline,
                    )
                except Error as exc:
                    self._renewal_failure = exc
                    raise
        finally:
            self._session_lock.release()

    def close(self) -> None:
        """Close the HTTP connections (when the client opened them itself)."""
        if self._own_http:
            self._http.close()

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncDriver(DriverBase):
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
        self._wait_for = asyncio.wait_for

    async def call(
        self,
        op: Operation[T],
        params: dict[str, Any],
        *,
        request_id: str | None = None,
        timeout: float | None = None,
    ) -> T:
        """Run one operation of the spec (the generated methods call this)."""
        masker = self._masker(op, params)
        flow = self._flow(op, params, request_id, timeout, masker)
        return await self._drive(op, masker, flow, timeout, op.repeatable(params))

    async def _drive(
        self,
        op: Operation[Any],
        masker: Masker,
        flow: Flow[T],
        timeout: Any,
        repeatable: bool | None = None,
        deadline: Deadline | None = None,
    ) -> T:
        """Run a flow to its end; `timeout` (None: the client's) bounds the whole call."""
        try:
            return await self._run(
                op, flow, masker, deadline or self._deadline(timeout), repeatable
            )
        except Exception as exc:
            error = self._typed(exc, op, masker)
        raise error  # outside the handler: nothing chained to it

    async def _run(
        self,
        op: Operation[Any],
        flow: Flow[T],
        masker: Masker,
        deadline: Deadline,
        repeatable: bool | None,
    ) -> T:
        try:
            step = next(flow)
            while True:
                if isinstance(step, NeedSession):
                    await self._renew(step, deadline)
                    step = flow.send(None)
                else:
                    step = flow.send(await self._send(op, step, masker, deadline, repeatable))
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        finally:
            flow.close()

    async def _send(
        self,
        op: Operation[Any],
        request: httpx.Request,
        masker: Masker,
        deadline: Deadline,
        repeatable: bool | None,
    ) -> httpx.Response:
        attempts = Attempts(self.retry, op, self.check_hint, masker, deadline, repeatable)
        while True:
            try:
                deadline.clip(request)
                streamed = await self._http.send(request, stream=True)
                try:
                    body = Body(streamed, self.max_answer_size, deadline, op.action)
                    async for chunk in streamed.aiter_bytes():
                        body.add(chunk)
                finally:
                    await streamed.aclose()
                response = body.complete()
            except httpx.HTTPError as exc:
                pause = attempts.after_error(exc)
                await self._sleep(pause)
                continue
            pause_or_none = attempts.after_response(response)
            if pause_or_none is None:
                return response
            await self._sleep(pause_or_none)

    async def _renew(self, step: NeedSession, deadline: Deadline) -> None:
        try:
            await self._wait_for(self._session_lock.acquire(), deadline.remaining())
        except TimeoutError:
            raise TransportError(
                f"the call timed out waiting for a new session: {deadline.describe()} ran out",
                action="login",
            ) from None
        try:
            renewal = self._renewal(step)
            if renewal is not None:
                try:
                    await self._drive(
                        _SESSION_OP,
                        self._masker(_SESSION_OP, {}),
                        renewal,
                        step.timeout,
                        deadline=deadline,
                    )
                except Error as exc:
                    self._renewal_failure = exc
                    raise
        finally:
            self._session_lock.release()

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
