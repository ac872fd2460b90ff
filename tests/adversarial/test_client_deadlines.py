"""A call's timeout bounds the whole call, a waiter's the whole wait (plus at most one poll);
an unusable Retry-After is treated as absent."""

from __future__ import annotations

import asyncio
import json
import threading
import time

import altcraft_api
import httpx
import pytest
import sendsay_api
from adversarial.hostile import SESSION, TOKEN, RawServer, dribble, within

SLACK = 1.5  # the bound is timeout + this: one slow byte, scheduling on a busy machine


def test_dribbling_server_cannot_hold_a_call() -> None:
    stop = threading.Event()
    with RawServer(dribble(b'{"pong":"' + b"x" * 100 + b'"}', 0.5, stop)) as server:
        c = sendsay_api.Sendsay(session=SESSION, base_url=server.url, timeout=1.0)
        try:
            with within(1.0 + SLACK), pytest.raises(sendsay_api.TransportError) as caught:
                c.request("pong")
            assert "timed out" in str(caught.value)
            with within(1.0 + SLACK), pytest.raises(sendsay_api.TransportError):
                c.request("pong", timeout=1.0)
        finally:
            stop.set()
            c.close()


def test_dribbling_server_cannot_hold_an_async_call() -> None:
    stop = threading.Event()

    async def run(url: str) -> None:
        async with sendsay_api.AsyncSendsay(session=SESSION, base_url=url) as c:
            await c.request("pong", timeout=1.0)

    with RawServer(dribble(b'{"pong":"' + b"x" * 100 + b'"}', 0.5, stop)) as server:
        try:
            with within(1.0 + SLACK), pytest.raises(sendsay_api.TransportError):
                asyncio.run(run(server.url))
        finally:
            stop.set()


def test_dribbling_altcraft_server() -> None:
    stop = threading.Event()
    body = b'{"error":0,"data":{"status":"' + b"x" * 100 + b'"}}'
    with RawServer(dribble(body, 0.5, stop)) as server:
        c = altcraft_api.Altcraft(token=TOKEN, base_url=server.url, timeout=1.0)
        try:
            with within(1.0 + SLACK), pytest.raises(altcraft_api.TransportError):
                c.tasks.status(task_id="t")
        finally:
            stop.set()


def test_retries_stay_within_the_call_timeout() -> None:
    calls = []

    def handle(request: httpx.Request) -> httpx.Response:
        calls.append(time.monotonic())
        return httpx.Response(429, headers={"Retry-After": "0.4"})

    c = sendsay_api.Sendsay(
        session=SESSION,
        retry=sendsay_api.RetryPolicy(attempts=50),
        transport=httpx.MockTransport(handle),
    )
    with within(1.0 + SLACK), pytest.raises(sendsay_api.TransportError):
        c.request("ping", timeout=1.0)
    assert 2 <= len(calls) <= 4


RUNNING = {
    "obj": {
        "id": 5,
        "dt": "2024-01-02 03:04:05",
        "action": "member.import",
        "status": 1,
        "status.dt": "2024-01-02 03:04:06",
        "param": {},
    }
}


def track_server(seconds_per_poll: float) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        time.sleep(seconds_per_poll)
        return httpx.Response(200, json=RUNNING)

    return httpx.MockTransport(handle)


def test_track_wait_timeout_bounds_the_whole_wait() -> None:
    c = sendsay_api.Sendsay(session=SESSION, transport=track_server(0.3))
    with within(1.0 + SLACK), pytest.raises(sendsay_api.TaskTimeoutError):
        c.track.wait(5, timeout=1.0)


def test_track_wait_with_a_dribbling_server() -> None:
    stop = threading.Event()
    body = json.dumps(RUNNING).encode()
    with RawServer(dribble(body, 0.5, stop)) as server:
        c = sendsay_api.Sendsay(session=SESSION, base_url=server.url)
        try:
            with within(1.0 + SLACK + 1.0), pytest.raises(sendsay_api.TaskTimeoutError):
                c.track.wait(5, timeout=1.0)
        finally:
            stop.set()


def test_altcraft_tasks_wait_bounds_the_whole_wait() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        time.sleep(0.3)
        return httpx.Response(200, json={"error": 0, "data": {"status": "processing"}})

    c = altcraft_api.Altcraft(token=TOKEN, transport=httpx.MockTransport(handle))
    with within(1.0 + SLACK), pytest.raises(altcraft_api.TaskTimeoutError):
        c.tasks.wait("t-1", timeout=1.0)


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "1e400", "soon", "-5"])
def test_unusable_retry_after_is_absent(value: str) -> None:
    pauses: list[float] = []
    answers = [httpx.Response(429, headers={"Retry-After": value}), httpx.Response(200, json={})]

    def handle(request: httpx.Request) -> httpx.Response:
        pauses.append(time.monotonic())
        return answers.pop(0)

    c = sendsay_api.Sendsay(
        session=SESSION,
        retry=sendsay_api.RetryPolicy(attempts=2, backoff=0.2, jitter=0.0),
        transport=httpx.MockTransport(handle),
    )
    c.request("ping")
    waited = pauses[1] - pauses[0]
    assert waited >= 0.15  # the backoff, not zero and not forever
