"""Malformed envelopes: an error in any of the document's shapes is an APIError with its ids,
an answer with warnings reaches the caller, non-JSON numbers are refused."""

from __future__ import annotations

import json
import logging

import altcraft_api
import httpx
import pytest
import sendsay_api
from adversarial.hostile import PASSWORD, SESSION, TOKEN, assert_no_secret, visible

AUTH_FAILED = '{"id":"error/auth/failed","explain":"wrong_credentials"}'


def sendsay(*answers: bytes, **options: object) -> sendsay_api.Sendsay:
    queue = list(answers)

    def handle(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=queue.pop(0))

    options.setdefault("login", "acme")
    options.setdefault("password", PASSWORD)
    return sendsay_api.Sendsay(transport=httpx.MockTransport(handle), **options)


@pytest.mark.parametrize(
    "answer",
    [
        '{"errors":' + AUTH_FAILED + "}",
        '{"errors":{"0":' + AUTH_FAILED + "}}",
        '{"errors":[' + AUTH_FAILED + "]}",
        '{"error":"error/auth/failed","explain":"wrong_credentials"}',
        '{"errors":[' + AUTH_FAILED + '],"errors":[]}',
        '{"errors":[],"errors":[' + AUTH_FAILED + "]}",
        '{"error":"error/auth/failed","error":""}',
    ],
    ids=["object", "keyed-object", "list", "single", "dup-last-empty", "dup-first-empty", "dup"],
)
def test_login_error_in_any_shape_is_an_auth_error(answer: str) -> None:
    with pytest.raises(sendsay_api.AuthError) as caught:
        sendsay(answer.encode()).login(login="acme", password=PASSWORD)
    assert caught.value.ids == ["error/auth/failed"]
    with pytest.raises(sendsay_api.AuthError) as raw:
        sendsay(answer.encode()).request("login", {"login": "acme", "passwd": PASSWORD})
    assert raw.value.ids == ["error/auth/failed"]
    assert_no_secret(visible(caught.value) + visible(raw.value))


def test_errors_as_a_bare_string() -> None:
    with pytest.raises(sendsay_api.APIError) as caught:
        sendsay(b'{"errors":"error/something"}', session=SESSION).request("ping")
    assert caught.value.ids == ["error/something"]


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(number: str) -> None:
    answer = ('{"list":[],"count":' + number + "}").encode()
    with pytest.raises(sendsay_api.TransportError) as caught:
        sendsay(answer, session=SESSION).request("ping")
    assert number.lstrip("-") in str(caught.value)


def test_duplicate_ordinary_keys_are_refused() -> None:
    with pytest.raises(sendsay_api.TransportError) as caught:
        sendsay(b'{"session":"a","session":"b"}', session=SESSION).request("ping")
    assert "session" in str(caught.value)


def test_raw_request_keeps_warnings(caplog: pytest.LogCaptureFixture) -> None:
    answer = b'{"track.id":77,"warnings":[{"id":"warning/x","explain":"some rows skipped"}]}'
    result = sendsay(answer, session=SESSION).request("member.import", {"users.list": "a"})
    assert result["track.id"] == 77
    assert result["warnings"] == [{"id": "warning/x", "explain": "some rows skipped"}]


def test_warning_log_line_is_masked_and_short(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    echo = json.dumps({"id": "warning/echo", "explain": f"passwd={PASSWORD}"})
    answer = ('{"ping":"x","warnings":[' + echo + "," + "1," * 30000 + "2]}").encode()
    result = sendsay(answer, session=SESSION).pong()
    assert len(result.warnings) == 30002
    lines = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert lines and all(len(line) < 2500 for line in lines)
    assert_no_secret("\n".join(lines))


def altcraft(answer: bytes) -> altcraft_api.Altcraft:
    return altcraft_api.Altcraft(
        token=TOKEN, transport=httpx.MockTransport(lambda r: httpx.Response(200, content=answer))
    )


@pytest.mark.parametrize(
    "answer",
    [
        b'{"error":0,"error":7,"error_text":"bad","data":{}}',
        b'{"error":7,"error":0,"error_text":"bad","data":{}}',
        b'{"error":"7","error_text":"bad"}',
        b"<xml><error>7</error><error>0</error><error_text>bad</error_text></xml>",
    ],
)
def test_altcraft_error_in_any_shape(answer: bytes) -> None:
    with pytest.raises(altcraft_api.APIError) as caught:
        altcraft(answer).tasks.status(task_id="t")
    assert caught.value.ids == ["7"]


def test_altcraft_nan_is_refused() -> None:
    with pytest.raises(altcraft_api.TransportError):
        altcraft(b'{"error":0,"data":{"progress":NaN}}').tasks.status(task_id="t")
