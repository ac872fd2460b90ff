"""Secrets the client knows are masked by value, in every encoding an answer can echo them,
wherever a caller or a log can read them; and by key name, misspelt keys included."""

from __future__ import annotations

import asyncio
import html
import json
import logging
from urllib.parse import quote, quote_plus, urlencode

import altcraft_api
import httpx
import pytest
import sendsay_api
from adversarial.hostile import (
    APIKEY,
    PASSWORD,
    SESSION,
    TOKEN,
    assert_no_secret,
    visible,
)
from sendsay_api.operations.root import LOGIN


def echo_pages(secret: str, key: str) -> dict[str, bytes]:
    """Error pages that echo the request, each in another encoding."""
    as_json = json.dumps({key: secret, "action": "login"})
    return {
        "raw": f"<p>bad request {secret} rejected</p>".encode(),
        "escaped-json": json.dumps({"echo": as_json}).encode(),
        "html": f"<pre>{html.escape(as_json)}</pre>".encode(),
        "repr": f"ValueError({ {key: secret}!r})".encode(),
        "cdata": f"<xml><echo><![CDATA[{secret}]]></echo></xml>".encode(),
        "url": urlencode({"request": as_json}).encode(),
        "quote": quote(secret, safe="").encode(),
        "quote-plus": quote_plus(secret).encode(),
        "misspelt-key": json.dumps({"pasword": secret}).encode(),
        "short-excerpt-cut": (b"x" * 190 + secret.encode()),
    }


PAGE_KINDS = list(echo_pages("x", "k"))


@pytest.mark.parametrize("kind", PAGE_KINDS)
@pytest.mark.parametrize("status", [200, 400, 503])
def test_password_echoed_by_an_error_page(
    kind: str, status: int, debug_logs: pytest.LogCaptureFixture
) -> None:
    page = echo_pages(PASSWORD, "passwd")[kind]
    c = sendsay_api.Sendsay(
        login="acme",
        password=PASSWORD,
        retry=sendsay_api.RetryPolicy(attempts=1),
        transport=httpx.MockTransport(lambda r: httpx.Response(status, content=page)),
    )
    with pytest.raises(sendsay_api.Error) as caught:  # a JSON page answers 200 as no session
        c.pong()
    assert_no_secret(visible(caught.value, debug_logs.text))


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_session_and_apikey_echoed(kind: str, debug_logs: pytest.LogCaptureFixture) -> None:
    for options, secret in (({"session": SESSION}, SESSION), ({"apikey": APIKEY}, APIKEY)):
        page = echo_pages(secret, "sessoin")[kind]
        c = sendsay_api.Sendsay(
            transport=httpx.MockTransport(lambda r, page=page: httpx.Response(502, content=page)),
            retry=sendsay_api.RetryPolicy(attempts=1),
            **options,  # type: ignore[arg-type]
        )
        with pytest.raises(sendsay_api.TransportError) as caught:
            c.request("ping")
        assert_no_secret(visible(caught.value, debug_logs.text))


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_altcraft_token_echoed(kind: str, debug_logs: pytest.LogCaptureFixture) -> None:
    page = echo_pages(TOKEN, "tokn")[kind]
    c = altcraft_api.Altcraft(
        token=TOKEN,
        retry=altcraft_api.RetryPolicy(attempts=1),
        transport=httpx.MockTransport(lambda r: httpx.Response(500, content=page)),
    )
    with pytest.raises(altcraft_api.TransportError) as caught:
        c.tasks.status(task_id="t")
    assert_no_secret(visible(caught.value, debug_logs.text))


def test_api_error_explain_echoing_the_password(debug_logs: pytest.LogCaptureFixture) -> None:
    explain = f"unknown key password={PASSWORD!r}"
    answer = {"errors": [{"id": "error/request/param", "explain": explain}]}
    c = sendsay_api.Sendsay(
        session=SESSION, transport=httpx.MockTransport(lambda r: httpx.Response(200, json=answer))
    )
    with pytest.raises(sendsay_api.APIError) as caught:
        c.request("login", {"login": "acme", "password": PASSWORD})
    assert caught.value.ids == ["error/request/param"]
    assert_no_secret(visible(caught.value, debug_logs.text))


def test_misspelt_key_in_a_request_error() -> None:
    c = sendsay_api.Sendsay(transport=httpx.MockTransport(lambda r: httpx.Response(500)))
    with pytest.raises(sendsay_api.RequestValidationError) as caught:
        c.call(LOGIN, {"login": "acme", "pasword": PASSWORD})
    assert "pasword" in str(caught.value)
    assert_no_secret(visible(caught.value))


def test_login_answer_with_a_non_string_session(debug_logs: pytest.LogCaptureFixture) -> None:
    answers = [{"session": {"id": SESSION}}, {"session": 918273645546372}]
    for answer in answers:
        c = sendsay_api.Sendsay(
            login="acme",
            password=PASSWORD,
            transport=httpx.MockTransport(lambda r, a=answer: httpx.Response(200, json=a)),
        )
        with pytest.raises(sendsay_api.ResponseValidationError) as caught:
            c.pong()
        text = visible(caught.value, debug_logs.text)
        assert_no_secret(text)
        assert "918273645546372" not in text


def test_transport_error_chain_holds_no_request_body() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadError("connection reset", request=request)

    c = sendsay_api.Sendsay(
        login="acme",
        password=PASSWORD,
        retry=sendsay_api.RetryPolicy(attempts=1),
        transport=httpx.MockTransport(refuse),
    )
    with pytest.raises(sendsay_api.TransportError) as caught:
        c.pong()
    assert caught.value.__context__ is None and caught.value.__cause__ is None
    assert_no_secret(visible(caught.value))


def test_async_transport_error_chain_holds_no_request_body() -> None:
    async def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    async def run() -> None:
        async with sendsay_api.AsyncSendsay(
            login="acme",
            password=PASSWORD,
            retry=sendsay_api.RetryPolicy(attempts=1),
            transport=httpx.MockTransport(refuse),
        ) as c:
            await c.pong()

    with pytest.raises(sendsay_api.TransportError) as caught:
        asyncio.run(run())
    assert_no_secret(visible(caught.value))


def test_debug_log_of_a_relogin_masks_every_secret(debug_logs: pytest.LogCaptureFixture) -> None:
    answers = [
        {"errors": [{"id": "error/auth/failed", "explain": "expired"}]},
        {"session": SESSION + "-2"},
        {"ping": f"echo {SESSION} {PASSWORD}"},
    ]
    c = sendsay_api.Sendsay(
        login="acme",
        password=PASSWORD,
        session=SESSION,
        transport=httpx.MockTransport(lambda r: httpx.Response(200, json=answers.pop(0))),
    )
    c.pong()
    assert any(r.levelno == logging.DEBUG for r in debug_logs.records)
    assert_no_secret(debug_logs.text, (PASSWORD, SESSION))


def test_client_repr_shows_no_secret() -> None:
    c = sendsay_api.Sendsay(login="acme", password=PASSWORD, session=SESSION)
    a = altcraft_api.Altcraft(token=TOKEN)
    assert_no_secret(repr(c) + repr(a))
