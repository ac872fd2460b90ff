"""One re-login for many waiting calls: its outcome, success or failure, is shared by all."""

from __future__ import annotations

import asyncio
import json
import threading
from urllib.parse import parse_qsl

import httpx
import pytest
import sendsay_api
from adversarial.hostile import PASSWORD, SESSION, assert_no_secret, visible, within

EXPIRED = {"errors": [{"id": "error/auth/failed", "explain": "expired"}]}
WRONG = {"errors": [{"id": "error/auth/failed", "explain": "wrong_credentials"}]}


class Server:
    """Every session has expired; login fails or gives a new session."""

    def __init__(self, login_works: bool) -> None:
        self.login_works = login_works
        self.logins = 0
        self.lock = threading.Lock()

    def answer(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(dict(parse_qsl(request.content.decode()))["request"])
        if body["action"] == "login":
            with self.lock:
                self.logins += 1
            return httpx.Response(200, json={"session": "new"} if self.login_works else WRONG)
        if body.get("session") == "new":
            return httpx.Response(200, json={"pong": "ok"})
        return httpx.Response(200, json=EXPIRED)

    async def handle(self, request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.01)  # answers interleave: all calls are waiting at once
        return self.answer(request)


@pytest.mark.parametrize("login_works", [False, True])
def test_200_async_calls_one_login(login_works: bool) -> None:
    server = Server(login_works)

    async def run() -> list[object]:
        async with sendsay_api.AsyncSendsay(
            login="acme",
            password=PASSWORD,
            session=SESSION,
            transport=httpx.MockTransport(server.handle),
        ) as c:
            return await asyncio.gather(
                *(c.request("pong") for _ in range(200)), return_exceptions=True
            )

    with within(30):
        results = asyncio.run(run())
    assert server.logins == 1
    if login_works:
        assert results == [{"pong": "ok"}] * 200
    else:
        assert all(isinstance(r, sendsay_api.AuthError) for r in results)
        assert all(r.ids == ["error/auth/failed"] for r in results)  # type: ignore[union-attr]
        assert_no_secret("".join(visible(r) for r in results))  # type: ignore[arg-type]


def test_threads_share_a_failed_login() -> None:
    server = Server(login_works=False)
    barrier = threading.Barrier(20)

    def handle(request: httpx.Request) -> httpx.Response:
        if b"login" not in request.content:
            barrier.wait(timeout=5)  # every call has sent with the old session
        return server.answer(request)

    c = sendsay_api.Sendsay(
        login="acme", password=PASSWORD, session=SESSION, transport=httpx.MockTransport(handle)
    )
    errors: list[BaseException] = []

    def call() -> None:
        try:
            c.request("pong")
        except sendsay_api.Error as exc:
            errors.append(exc)

    threads = [threading.Thread(target=call) for _ in range(20)]
    with within(30):
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert server.logins == 1
    assert len(errors) == 20 and all(isinstance(e, sendsay_api.AuthError) for e in errors)


def test_a_later_call_tries_again() -> None:
    server = Server(login_works=False)
    c = sendsay_api.Sendsay(
        login="acme",
        password=PASSWORD,
        session=SESSION,
        transport=httpx.MockTransport(server.answer),
    )
    for expected in (1, 2):
        with pytest.raises(sendsay_api.AuthError):
            c.request("pong")
        assert server.logins == expected
