"""A maximum answer size: bigger answers are refused with a typed error while streaming."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import altcraft_api
import httpx
import pytest
import sendsay_api
from adversarial.hostile import SESSION, TOKEN, within


class Endless(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that never ends; counts what the client read."""

    def __init__(self) -> None:
        self.sent = 0

    def __iter__(self) -> Iterator[bytes]:
        while True:
            self.sent += 65536
            yield b"[" * 65536

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while True:
            self.sent += 65536
            yield b"[" * 65536


def test_default_limit_stops_an_endless_body() -> None:
    stream = Endless()
    c = sendsay_api.Sendsay(
        session=SESSION,
        transport=httpx.MockTransport(lambda r: httpx.Response(200, stream=stream)),
    )
    with within(20), pytest.raises(sendsay_api.TransportError) as caught:
        c.request("ping")
    assert "64 MiB" in str(caught.value) or str(64 * 1024 * 1024) in str(caught.value)
    assert stream.sent <= 64 * 1024 * 1024 + 65536


def test_configured_limit() -> None:
    stream = Endless()
    c = sendsay_api.Sendsay(
        session=SESSION,
        max_answer_size=100_000,
        transport=httpx.MockTransport(lambda r: httpx.Response(200, stream=stream)),
    )
    with pytest.raises(sendsay_api.TransportError) as caught:
        c.request("ping")
    assert "100000" in str(caught.value).replace(",", "").replace("_", "")
    assert stream.sent <= 100_000 + 65536


def test_declared_length_over_the_limit_is_refused_unread() -> None:
    stream = Endless()
    c = sendsay_api.Sendsay(
        session=SESSION,
        max_answer_size=1000,
        transport=httpx.MockTransport(
            lambda r: httpx.Response(200, headers={"Content-Length": "5000000"}, stream=stream)
        ),
    )
    with pytest.raises(sendsay_api.TransportError):
        c.request("ping")
    assert stream.sent == 0


def test_an_answer_at_the_limit_is_read() -> None:
    body = b'{"pong":"' + b"x" * 980 + b'"}'
    c = sendsay_api.Sendsay(
        session=SESSION,
        max_answer_size=len(body),
        transport=httpx.MockTransport(lambda r: httpx.Response(200, content=body)),
    )
    assert c.request("pong")["pong"] == "x" * 980


def test_async_and_altcraft_limits() -> None:
    stream = Endless()

    async def run() -> None:
        async with sendsay_api.AsyncSendsay(
            session=SESSION,
            max_answer_size=100_000,
            transport=httpx.MockTransport(lambda r: httpx.Response(200, stream=stream)),
        ) as c:
            await c.request("ping")

    with pytest.raises(sendsay_api.TransportError):
        asyncio.run(run())
    a = altcraft_api.Altcraft(
        token=TOKEN,
        max_answer_size=100_000,
        transport=httpx.MockTransport(lambda r: httpx.Response(200, stream=Endless())),
    )
    with pytest.raises(altcraft_api.TransportError):
        a.tasks.status(task_id="t")


def test_bad_limit_is_refused() -> None:
    with pytest.raises(ValueError):
        sendsay_api.Sendsay(session=SESSION, max_answer_size=0)
