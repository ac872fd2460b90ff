"""The Altcraft protocol: REST-style POST to `<base_url>/<endpoint>`, token in the body, JSON
or XML bodies, answers `{data, error, error_text}` where `error != 0` is an API error.

As in sendsay.py, one generator flow holds the logic; SyncCore and AsyncCore only send.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from typing import Any, Literal, TypeVar

import httpx

from .codec import unencodable
from .driver import DEFAULT_TIMEOUT, AsyncDriver, DriverBase, Flow, SyncDriver
from .errors import APIError, RequestValidationError, ResponseValidationError, TransportError
from .operation import Operation, parse_answer
from .redact import Masker
from .retry import RetryPolicy, unsure
from .transfer import DEFAULT_MAX_ANSWER_SIZE
from .wire_format import RepeatedKeys, UnreadableAnswer, load_json
from .xml_wire import read_xml, to_xml

T = TypeVar("T")
logger = logging.getLogger("altcraft_api")
WireFormat = Literal["json", "xml"]
_INTEGER = re.compile(r"-?\d+")


def from_xml(text: bytes) -> dict[str, Any]:
    """Parse an XML answer into JSON-like data: every leaf a string, repeated elements a list.

    XML carries only text, and one repeated element looks like a single one: `coerce` then
    gives each value the JSON kind the spec expects.
    """
    value = read_xml(text)
    return value if isinstance(value, dict) else {"data": value}


def coerce(value: Any, shape: Any) -> Any:
    """Give text from XML the JSON kinds of `shape` (generated from the spec).

    shape: None (leave as is), "int", "number", "bool", "string", {key: shape} for an object,
    ["list", item] or ["map", item]. A value that does not fit is left unchanged, so that the
    strict decoder reports it with its path.
    """
    if shape is None:
        return value
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return {} if value == "" else value
        return {k: coerce(v, shape.get(k)) for k, v in value.items()}
    if isinstance(shape, list):
        kind, item = shape
        if kind == "list":
            items = value if isinstance(value, list) else [] if value == "" else [value]
            return [coerce(v, item) for v in items]
        if isinstance(value, dict):
            return {k: coerce(v, item) for k, v in value.items()}
        return value
    if not isinstance(value, str):
        return value
    if shape == "int" and _INTEGER.fullmatch(value):
        return int(value)
    if shape == "number":
        try:
            return int(value) if _INTEGER.fullmatch(value) else float(value)
        except ValueError:
            return value
    if shape == "bool" and value in ("true", "false", "1", "0"):
        return value in ("true", "1")
    return value


ENVELOPE_SHAPE = {"error": "int", "error_text": "string"}


class _Base(DriverBase):
    _default_base_url = "https://example.com/api/v1.1"
    check_hint = "for refresh_counters, check the task with tasks/status"

    def __init__(
        self,
        token: str,
        *,
        base_url: str | None = None,
        wire_format: WireFormat = "json",
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        validate: bool = True,
        allow_insecure_http: bool = False,
        retry: RetryPolicy | None = None,
        max_answer_size: int = DEFAULT_MAX_ANSWER_SIZE,
    ) -> None:
        if not token:
            raise ValueError("an Altcraft API token is required")
        if wire_format not in ("json", "xml"):
            raise ValueError(f"wire_format must be 'json' or 'xml', not {wire_format!r}")
        self._token = token
        self.wire_format: WireFormat = wire_format
        self._configure(
            base_url=base_url,
            timeout=timeout,
            validate=validate,
            allow_insecure_http=allow_insecure_http,
            retry=retry,
            max_answer_size=max_answer_size,
        )

    def _secret_values(self) -> Iterable[str]:
        return [self._token]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} at {self.base_url} ({self.wire_format})>"

    def _flow(
        self,
        op: Operation[T],
        params: dict[str, Any],
        request_id: str | None,  # Altcraft's wire has no request id
        timeout: float | None,
        masker: Masker,
    ) -> Flow[T]:
        params = {"token": self._token, **params} if op.auth else dict(params)
        if self.validate:
            issues = op.check(params)
            if issues:
                raise RequestValidationError(op.action, issues)
        issues = unencodable(params, masker.is_secret_key)
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
        self._timed(request, timeout)
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("-> %s %s", request.url, masker.log_line(params))
        response = yield request
        assert response is not None
        unsure_note = "" if op.repeatable(params) else unsure(op.action, self.check_hint)
        answer = _decode(op.action, response, op.shape, masker, unsure_note)
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("<- %s %s", op.action, masker.log_line(answer))
        error = _error_code(answer.get("error", 0))
        if error is not None:
            raise APIError(op.action, [{"id": str(error), "explain": answer.get("error_text")}])
        data = answer.get("data")
        if data is None or data == "":
            data = {}
        if not isinstance(data, dict):
            raise ResponseValidationError("$.data", "an object", data, op.action)
        return parse_answer(op, data, params)


def _error_code(value: Any) -> Any:
    """The envelope's error code, None for success; of a repeated `<error>`, the first set."""
    for code in value if isinstance(value, list) else [value]:
        if code not in (0, "0", None, ""):
            return code
    return None


def _decode(
    action: str,
    response: httpx.Response,
    shape: Any,
    masker: Masker,
    unsure_note: str = "",
) -> dict[str, Any]:
    """The answer's envelope; an unreadable one raises TransportError (with `unsure_note`)."""
    body = response.content  # HTTP 200: other statuses were refused by the driver

    def unreadable(why: str) -> TransportError:
        return TransportError(why + unsure_note, action=action, excerpt=masker.excerpt(body))

    try:
        if body.lstrip()[:1] == b"<":
            answer: Any = coerce(from_xml(body), {**ENVELOPE_SHAPE, "data": shape})
        else:
            answer = load_json(body)
    except RepeatedKeys as exc:
        if not (isinstance(exc.value, dict) and _error_code(exc.value.get("error")) is not None):
            raise unreadable(f"{exc}.") from None
        answer = exc.value  # its error is raised as the API's error
    except UnreadableAnswer as exc:
        raise unreadable(f"the answer is neither JSON nor XML: {exc}.") from None
    if not isinstance(answer, dict):
        raise unreadable("the answer is not an object.")
    if "error" not in answer:  # e.g. an XHTML error page of a proxy: XML, but no envelope
        raise unreadable("the answer is not an Altcraft envelope {data, error, error_text}.")
    return answer


class SyncCore(_Base, SyncDriver):
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
        self._open(http_client, transport)


class AsyncCore(_Base, AsyncDriver):
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
        self._open(http_client, transport)
