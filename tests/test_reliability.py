"""Faults, retries, concurrency and secrets, through the public client API."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import ssl
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from sendsay_api import (
    AsyncSendsay,
    RequestValidationError,
    ResponseValidationError,
    Sendsay,
    TransportError,
)
from sendsay_api._runtime import driver
from sendsay_api._runtime.retry import RetryPolicy
from sendsay_api.operations import OPERATIONS

PING = OPERATIONS["ping"]
SAFE = dataclasses.replace(PING, idempotent=True)
UNSAFE = dataclasses.replace(PING, idempotent=False)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(driver.time, "sleep", slept.append)
    return slept


class Script:
    """Answers in order; an Exception in the script is raised as the transport's failure."""

    def __init__(self, *steps: Any) -> None:
        self.steps = list(steps)
        self.count = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.count += 1
        step = self.steps.pop(0)
        if isinstance(step, Exception):
            raise step
        if isinstance(step, httpx.Response):
            return step
        return httpx.Response(200, json={"pong": "ok", **step})


def client(script: Script, **options: Any) -> Sendsay:
    return Sendsay(transport=httpx.MockTransport(script), **options)


def test_safe_operation_is_retried_with_growing_pauses(sleeps: list[float]) -> None:
    script = Script(httpx.Response(503), httpx.Response(502), {})
    c = client(script, retry=RetryPolicy(attempts=3, backoff=1.0, jitter=0.0))
    assert c.call(SAFE, {}).pong == "ok"
    assert script.count == 3 and sleeps == [1.0, 2.0]


def test_unsafe_operation_is_not_repeated_and_says_what_to_check(sleeps: list[float]) -> None:
    script = Script(httpx.Response(503, text="busy"))
    with pytest.raises(TransportError, match="may or may not have been performed") as info:
        client(script).call(UNSAFE, {})
    assert "track.list" in str(info.value) and info.value.status_code == 503
    assert script.count == 1 and sleeps == []


def test_the_spec_marks_issue_send_unsafe_and_reads_safe(sleeps: list[float]) -> None:
    lost = Script(httpx.Response(503), {"track.id": 1})
    with pytest.raises(TransportError, match=r"issue\.send is not safe to repeat.*track\.list"):
        client(lost, session="s1").issue.send(gid="g1", draft_id=5, sendwhen="now")
    assert lost.count == 1
    retried = Script(httpx.Response(503), {"obj": {"base": {"firstname": "Ann"}}})
    client(retried, session="s1").member.get(email="a@example.org")
    assert retried.count == 2


def test_a_read_that_e_mails_a_report_is_not_repeated(sleeps: list[float]) -> None:
    rows = {"order": [{"anketa": "member", "quest": "email"}], "list": [["a@example.org"]]}
    plain = Script(httpx.Response(502), rows)
    client(plain, session="s1").member.list(group="g1")
    assert plain.count == 2
    mailing = Script(httpx.Response(502))
    with pytest.raises(TransportError, match="may or may not have been performed"):
        client(mailing, session="s1").member.list(
            group="g1", result="email", email=["me@example.org"]
        )
    assert mailing.count == 1


def test_a_request_that_never_left_is_retried_even_when_unsafe(sleeps: list[float]) -> None:
    script = Script(httpx.ConnectError("refused"), {})
    assert client(script).call(UNSAFE, {}).pong == "ok"
    assert script.count == 2 and len(sleeps) == 1


def test_lost_after_sending_is_not_retried_when_unsafe(sleeps: list[float]) -> None:
    script = Script(httpx.ReadTimeout("slow"))
    with pytest.raises(TransportError, match=r"timed out.*may or may not"):
        client(script).call(UNSAFE, {})
    assert script.count == 1


def test_429_honours_retry_after_for_any_operation(sleeps: list[float]) -> None:
    script = Script(httpx.Response(429, headers={"Retry-After": "2"}), {})
    assert client(script).call(UNSAFE, {}).pong == "ok"
    assert sleeps == [2.0]


def test_a_retry_after_too_long_is_not_waited_for(sleeps: list[float]) -> None:
    script = Script(httpx.Response(429, headers={"Retry-After": "3600"}))
    with pytest.raises(TransportError, match="HTTP 429"):
        client(script).call(SAFE, {})
    assert sleeps == []


def test_retries_end_with_an_error_counting_the_tries(sleeps: list[float]) -> None:
    script = Script(httpx.Response(500), httpx.Response(500), httpx.Response(500))
    with pytest.raises(TransportError, match="after 3 tries"):
        client(script).call(SAFE, {})


def test_retries_can_be_switched_off(sleeps: list[float]) -> None:
    script = Script(httpx.Response(503))
    with pytest.raises(TransportError):
        client(script, retry=RetryPolicy(attempts=1)).call(SAFE, {})
    assert script.count == 1


@pytest.mark.parametrize(
    ("body", "match"),
    [
        (b"<html><body>502 Bad Gateway</body></html>", "not JSON"),
        (b'{"pong": "ok", "session": "S3CRET-VALUE", "trunc', "not JSON"),
        (b"", "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (  # a proxy's error page that echoes the form it was sent
            b"<html>400 Bad Request: apiversion=100&json=1&request=%7B%22action%22%3A"
            b"%22login%22%2C%22passwd%22%3A%22S3CRET-PW%22%2C%22session%22%3A%22S3CRET",
            "not JSON",
        ),
    ],
)
def test_malformed_answers_are_typed_errors_with_a_redacted_excerpt(
    body: bytes, match: str
) -> None:
    with pytest.raises(TransportError, match=match) as info:
        client(Script(httpx.Response(200, content=body))).ping()
    assert "S3CRET" not in str(info.value)
    assert info.value.excerpt is not None and "S3CRET" not in info.value.excerpt


def test_wrong_types_in_an_answer_are_response_errors() -> None:
    with pytest.raises(ResponseValidationError, match=r"\$\.pong: expected a string or an integer"):
        client(Script({"pong": [42]})).ping()


def test_an_undecodable_answer_never_escapes_untyped() -> None:
    def broken(answer: dict[str, Any], params: dict[str, Any]) -> Any:
        raise KeyError("decoder gap")

    op = dataclasses.replace(PING, parse=broken)
    with pytest.raises(ResponseValidationError, match="KeyError"):
        client(Script({})).call(op, {})


def test_200_concurrent_calls_with_an_expired_session_log_in_once() -> None:
    state = {"logins": 0, "valid": "s1", "calls": 0}

    async def handle(request: httpx.Request) -> httpx.Response:
        body = json.loads(dict(parse_qsl(request.content.decode()))["request"])
        await asyncio.sleep(0)
        if body["action"] == "login":
            state["logins"] += 1
            state["valid"] = f"s{state['logins']}"
            return httpx.Response(200, json={"session": state["valid"]})
        state["calls"] += 1
        if state["calls"] == 20:  # the session expires in the middle of the burst
            state["valid"] = "expired"
        if body.get("session") != state["valid"]:
            return httpx.Response(200, json={"errors": [{"id": "error/auth/failed"}]})
        return httpx.Response(200, json={"ping": "ok"})

    async def run() -> list[Any]:
        async with AsyncSendsay(
            login="acme", password="pw", transport=httpx.MockTransport(handle)
        ) as c:
            await c.pong()
            return await asyncio.gather(*(c.pong() for _ in range(200)))

    results = asyncio.run(run())
    assert len(results) == 200 and all(r.ping == "ok" for r in results)
    assert state["logins"] == 2  # the first login, then exactly one re-login


def test_secrets_stay_out_of_logs_reprs_and_messages(caplog: pytest.LogCaptureFixture) -> None:
    script = Script({"session": "SESSION-XYZ", "login": "acme"}, {"ping": "p"})
    c = client(script, login="acme", password="PASSWORD-123")
    with caplog.at_level(logging.DEBUG, logger="sendsay_api"):
        login = c.login(login="acme", password="PASSWORD-123")
        c.pong()
    text = caplog.text + repr(c) + repr(login)
    assert "PASSWORD-123" not in text and "SESSION-XYZ" not in text
    assert "***" in caplog.text
    with pytest.raises(RequestValidationError) as info:
        c.login(login="acme", password=12345)  # type: ignore[arg-type]
    assert "12345" not in str(info.value) and "secret value" in str(info.value)


def test_tls_is_verified_by_default() -> None:
    c = Sendsay()
    transport = c._http._transport
    context: ssl.SSLContext = transport._pool._ssl_context  # type: ignore[attr-defined]
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
