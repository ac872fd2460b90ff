"""The Altcraft protocol: REST-style POST to `<base_url>/<endpoint>`, token in the body, JSON
or XML bodies, answers `{data, error, error_text}` where `error != 0` is an API error.

As in sendsay.py, one generator flow holds the logic; SyncCore and AsyncCore only send.
"""

from __future__ import annotations

import json
import logging
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Generator
from typing import Any, Literal, TypeVar

import httpx

from .errors import APIError, RequestValidationError, ResponseValidationError, TransportError
from .operation import Operation
from .redact import excerpt, redact

T = TypeVar("T")
logger = logging.getLogger("altcraft_api")
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
WireFormat = Literal["json", "xml"]
Flow = Generator[httpx.Request, httpx.Response, T]
_INTEGER = re.compile(r"-?\d+")


def to_xml(body: dict[str, Any]) -> bytes:
    """`{"a": 1, "b": {"c": "x"}}` -> `<xml><a>1</a><b><c>x</c></b></xml>`; lists repeat."""
    root = ET.Element("xml")
    _fill(root, body)
    return bytes(ET.tostring(root, encoding="utf-8"))


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            items = item if isinstance(item, list) else [item]
            for one in items:
                _fill(ET.SubElement(element, key), one)
    elif value is not None:
        element.text = str(int(value)) if isinstance(value, bool) else str(value)


def from_xml(text: bytes) -> dict[str, Any]:
    """Parse an XML answer into JSON-like data.

    XML carries only text: a leaf that is an integer becomes an int (the envelope's `error`, the
    documented counters), every other leaf stays a string; repeated elements become a list.
    """
    root = ET.fromstring(text)
    value = _read(root)
    return value if isinstance(value, dict) else {"data": value}


def _read(element: ET.Element) -> Any:
    children = list(element)
    if not children:
        text = (element.text or "").strip()
        return int(text) if _INTEGER.fullmatch(text) else text
    out: dict[str, Any] = {}
    for child in children:
        value = _read(child)
        if child.tag in out:
            previous = out[child.tag]
            out[child.tag] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            out[child.tag] = value
    return out


class _Base:
    _default_base_url = "https://example.com/api/v1.1"

    def __init__(
        self,
        token: str,
        *,
        base_url: str | None = None,
        wire_format: WireFormat = "json",
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        validate: bool = True,
        allow_insecure_http: bool = False,
    ) -> None:
        if not token:
            raise ValueError("an Altcraft API token is required")
        if wire_format not in ("json", "xml"):
            raise ValueError(f"wire_format must be 'json' or 'xml', not {wire_format!r}")
        self._token = token
        self.base_url = (base_url or self._default_base_url).rstrip("/")
        parsed = httpx.URL(self.base_url)
        loopback = parsed.host in ("127.0.0.1", "localhost", "::1")
        if parsed.scheme != "https" and not (
            parsed.scheme == "http" and (loopback or allow_insecure_http)
        ):
            raise ValueError(
                f"refusing base_url {self.base_url!r}: use https:// (plain http:// is allowed for"
                " loopback addresses, or with allow_insecure_http=True)"
            )
        self.wire_format: WireFormat = wire_format
        self.timeout = (
            timeout
            if isinstance(timeout, httpx.Timeout) or timeout is None
            else httpx.Timeout(timeout)
        )
        self.validate = validate

    def __repr__(self) -> str:
        return f"<{type(self).__name__} at {self.base_url} ({self.wire_format})>"

    def _flow(self, op: Operation[T], params: dict[str, Any], timeout: Any) -> Flow[T]:
        params = {"token": self._token, **params} if op.auth else dict(params)
        if self.validate:
            issues = op.check(params)
            if issues:
                raise RequestValidationError(op.action, issues)
        if self.wire_format == "xml":
            content, ctype = to_xml(params), "application/xml"
        else:
            content, ctype = json.dumps(params, ensure_ascii=False).encode(), "application/json"
        request = httpx.Request(
            "POST",
            f"{self.base_url}/{op.action}",
            content=content,
            headers={"Content-Type": ctype, "Accept": ctype},
        )
        chosen = self.timeout if timeout is None else httpx.Timeout(timeout)
        if chosen is not None:
            request.extensions["timeout"] = chosen.as_dict()
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("-> %s %s", request.url, json.dumps(redact(params, op.secrets)))
        response = yield request
        answer = _decode(op.action, response)
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("<- %s %s", op.action, json.dumps(redact(answer, op.secrets))[:2000])
        error = answer.get("error", 0)
        if error not in (0, "0", None):
            raise APIError(op.action, [{"id": str(error), "explain": answer.get("error_text")}])
        data = answer.get("data")
        if data is None or data == "":
            data = {}
        if not isinstance(data, dict):
            raise ResponseValidationError("$.data", "an object", data, op.action)
        try:
            return op.parse(data, params)
        except ResponseValidationError as exc:
            raise exc.with_action(op.action) from None


def _decode(action: str, response: httpx.Response) -> dict[str, Any]:
    body = response.content
    if response.status_code != 200:
        raise TransportError(
            f"HTTP {response.status_code} from {response.request.url}",
            action=action,
            status_code=response.status_code,
            excerpt=excerpt(body),
        )
    try:
        if body.lstrip()[:1] == b"<":
            answer: Any = from_xml(body)
        else:
            answer = json.loads(body)
    except (ValueError, ET.ParseError):
        raise TransportError(
            "the answer is neither JSON nor XML", action=action, excerpt=excerpt(body)
        ) from None
    if not isinstance(answer, dict):
        raise TransportError("the answer is not an object", action=action, excerpt=excerpt(body))
    return answer


def _transport_error(action: str, exc: httpx.HTTPError) -> TransportError:
    kind = "timed out" if isinstance(exc, httpx.TimeoutException) else "failed"
    return TransportError(f"the HTTP request {kind}: {type(exc).__name__}: {exc}", action=action)


class SyncCore(_Base):
    """Synchronous Altcraft client core."""

    def __init__(
        self,
        token: str,
        *,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        **options: Any,
    ) -> None:
        super().__init__(token, **options)
        self._core: SyncCore = self
        self._own_http = http_client is None
        self._http = http_client or httpx.Client(
            transport=transport, timeout=self.timeout, trust_env=not os.environ.get("CI")
        )

    def call(
        self,
        op: Operation[T],
        params: dict[str, Any],
        *,
        request_id: str | None = None,
        timeout: float | None = None,
    ) -> T:
        flow = self._flow(op, params, timeout)
        try:
            request = next(flow)
            while True:
                try:
                    response = self._http.send(request)
                    response.read()
                except httpx.HTTPError as exc:
                    raise _transport_error(op.action, exc) from None
                request = flow.send(response)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]

    def close(self) -> None:
        if self._own_http:
            self._http.close()

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncCore(_Base):
    """Asynchronous Altcraft client core."""

    def __init__(
        self,
        token: str,
        *,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        **options: Any,
    ) -> None:
        super().__init__(token, **options)
        self._core: AsyncCore = self
        self._own_http = http_client is None
        self._http = http_client or httpx.AsyncClient(
            transport=transport, timeout=self.timeout, trust_env=not os.environ.get("CI")
        )

    async def call(
        self,
        op: Operation[T],
        params: dict[str, Any],
        *,
        request_id: str | None = None,
        timeout: float | None = None,
    ) -> T:
        flow = self._flow(op, params, timeout)
        try:
            request = next(flow)
            while True:
                try:
                    response = await self._http.send(request)
                    await response.aread()
                except httpx.HTTPError as exc:
                    raise _transport_error(op.action, exc) from None
                request = flow.send(response)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]

    async def aclose(self) -> None:
        if self._own_http:
            await self._http.aclose()

    async def __aenter__(self: _A) -> _A:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


_S = TypeVar("_S", bound=SyncCore)
_A = TypeVar("_A", bound=AsyncCore)
