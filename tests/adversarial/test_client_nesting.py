"""Deeply nested answers and unencodable parameters end in the package's own errors."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import altcraft_api
import httpx
import pytest
import sendsay_api
from adversarial.hostile import PASSWORD, SESSION, TOKEN, assert_no_secret, visible, within


def sendsay(answer: bytes, **options: object) -> sendsay_api.Sendsay:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=answer)

    return sendsay_api.Sendsay(session=SESSION, transport=httpx.MockTransport(handle), **options)


def altcraft(answer: bytes, content_type: str) -> altcraft_api.Altcraft:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=answer, headers={"Content-Type": content_type})

    return altcraft_api.Altcraft(token=TOKEN, transport=httpx.MockTransport(handle))


DEEP_JSON = b'{"a":' + b"[" * 100_000 + b"]" * 100_000 + b"}"


def test_json_answer_100000_deep_is_a_transport_error() -> None:
    with within(5), pytest.raises(sendsay_api.Error) as caught:
        sendsay(DEEP_JSON).request("ping")
    assert isinstance(caught.value, sendsay_api.TransportError)
    assert "deep" in str(caught.value)
    assert not isinstance(caught.value.__context__, RecursionError)


def test_json_answer_100000_deep_through_a_typed_method() -> None:
    with within(5), pytest.raises(sendsay_api.TransportError):
        sendsay(DEEP_JSON).pong()


def test_async_client_too() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=DEEP_JSON)

    async def run() -> None:
        async with sendsay_api.AsyncSendsay(
            session=SESSION, transport=httpx.MockTransport(handle)
        ) as c:
            await c.request("ping")

    with within(5), pytest.raises(sendsay_api.TransportError):
        asyncio.run(run())


def test_altcraft_json_answer_100000_deep() -> None:
    deep = b'{"error":0,"data":{"a":' + b"[" * 100_000 + b"]" * 100_000 + b"}}"
    with within(5), pytest.raises(altcraft_api.TransportError):
        altcraft(deep, "application/json").tasks.status(task_id="t-1")


def test_altcraft_xml_answer_5000_deep() -> None:
    deep = b"<xml><error>0</error><data>" + b"<a>" * 5000 + b"</a>" * 5000 + b"</data></xml>"
    with within(5), pytest.raises(altcraft_api.Error) as caught:
        altcraft(deep, "application/xml").tasks.status(task_id="t-1")
    assert not isinstance(caught.value, RecursionError)


def test_valid_600_deep_answer_with_debug_logging(debug_logs: pytest.LogCaptureFixture) -> None:
    deep = b'{"a":' + b"[" * 600 + b"]" * 600 + b', "session": "' + SESSION.encode() + b'"}'
    with within(5):
        answer = sendsay(deep).request("ping")
    assert "a" in answer
    assert any(r.levelno == logging.DEBUG and "ping" in r.getMessage() for r in debug_logs.records)
    assert_no_secret(debug_logs.text)


def test_valid_600_deep_altcraft_answer_with_debug_logging(
    debug_logs: pytest.LogCaptureFixture,
) -> None:
    deep = b'{"error":0,"data":{"task_id":"t","a":' + b"[" * 600 + b"]" * 600 + b"}}"
    with within(5), contextlib.suppress(altcraft_api.ResponseValidationError):
        altcraft(deep, "application/json").tasks.status(task_id="t")
    assert any("tasks/status" in r.getMessage() for r in debug_logs.records)
    assert_no_secret(debug_logs.text)


def test_lone_surrogate_in_a_parameter_is_a_request_error() -> None:
    c = sendsay(b"{}")
    with pytest.raises(sendsay_api.RequestValidationError) as caught:
        c.member.get(email="a\udc80@example.com")
    assert "email" in str(caught.value)
    assert "surrogate" in str(caught.value)


def test_lone_surrogate_with_validation_off_and_raw_request() -> None:
    c = sendsay(b"{}", validate=False)
    with pytest.raises(sendsay_api.RequestValidationError) as caught:
        c.request("member.get", {"email": "x", "deep": [{"key\ud800": "v"}]})
    assert "deep[0]" in str(caught.value)


def test_lone_surrogate_in_an_altcraft_parameter() -> None:
    for wire_format in ("json", "xml"):
        c = altcraft_api.Altcraft(
            token=TOKEN,
            wire_format=wire_format,  # type: ignore[arg-type]
            transport=httpx.MockTransport(lambda r: httpx.Response(500)),
        )
        with pytest.raises(altcraft_api.RequestValidationError) as caught:
            c.tasks.status(task_id="t\udfff")
        assert "task_id" in str(caught.value)


def test_lone_surrogate_in_the_password_never_shows_it() -> None:
    password = PASSWORD + "\udc80"
    c = sendsay_api.Sendsay(
        login="acme",
        password=password,
        transport=httpx.MockTransport(lambda r: httpx.Response(500)),
    )
    with pytest.raises(sendsay_api.RequestValidationError) as caught:
        c.pong()
    assert_no_secret(visible(caught.value), (PASSWORD,))
