"""The public clients against the emulator's injected faults over real loopback HTTP (issue 6):
timeouts, retries only where the spec allows them, unsafe calls performed at most once,
malformed answers as typed errors, one re-login for 200 concurrent calls.

The retry rules themselves are tested against scripted answers in tests/test_reliability.py;
here the server is real, the faults happen on the wire, and the emulator's state says what was
performed. Figures: the run's tally of injected faults is printed in the test summary.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import altcraft_api
import pytest
from altcraft_api import Altcraft, AsyncAltcraft
from sendsay_api import AsyncSendsay, RetryPolicy, Sendsay, TransportError
from sendsay_api._runtime import driver

from emulator import AltcraftEmulator, EmulatorServer, SendsayEmulator
from emulator.faults import Faults

from .conftest import Received, Start

PATIENT = RetryPolicy(attempts=8, backoff=0.001, max_backoff=0.005)
ONCE = RetryPolicy(attempts=1)
SLOW = 0.3  # seconds of injected latency: six times the short timeouts below
SHORT = 0.05
CSV = "member.email\nann@example.org\nbob@example.org\n"


def sendsay(server: EmulatorServer, **options: Any) -> Sendsay:
    options.setdefault("retry", PATIENT)
    return Sendsay(login="acme", password="pw", base_url=server.sendsay_url, **options)


def tracks(client: Sendsay, action: str) -> list[int]:
    return [t.id for t in client.track.list(filter={"action": action}).list]


def eventually(check: Callable[[], bool]) -> None:
    """Wait (up to 10 s) for work the server finishes after the client stopped waiting."""
    deadline = time.monotonic() + 10
    while not check():
        assert time.monotonic() < deadline, "the server never finished the call"
        time.sleep(0.01)


def delay_next(server: EmulatorServer, requests: int = 1) -> None:
    server.faults.latency, server.faults.latency_next = SLOW, requests


# -- timeouts ----------------------------------------------------------------------------------


def test_timeouts_per_client_and_per_call(server: EmulatorServer, received: Received) -> None:
    with sendsay(server, timeout=SHORT, retry=RetryPolicy(attempts=2, backoff=0.001)) as client:
        client.member.set(email="a@example.org", timeout=5)  # logged in
        delay_next(server)
        with pytest.raises(TransportError, match="timed out after 1 try"):
            client.member.get(email="a@example.org")  # the whole call's time: no retry is left
        delay_next(server)
        assert client.member.get(email="a@example.org", timeout=5).obj  # the call's own timeout
    with sendsay(server, retry=ONCE) as client:  # default timeouts (30 s read)
        client.pong()  # logged in
        delay_next(server)
        with pytest.raises(TransportError, match="timed out after 1 try"):
            client.pong(timeout=SHORT)
        delay_next(server)
        assert client.pong().ping
    assert received.actions["member.get"] == 2 and received.actions["pong"] == 3


def test_an_unsafe_call_that_timed_out_is_found_with_track_list(
    server: EmulatorServer, received: Received
) -> None:
    with sendsay(server) as client:
        assert tracks(client, "member.import") == []
        delay_next(server)
        with pytest.raises(TransportError, match="timed out after 1 try") as info:
            client.member.import_(users_list=CSV, if_exists="overwrite", timeout=SHORT)
        message = str(info.value)
        assert "may or may not have been performed" in message and "track.list" in message
        eventually(lambda: len(tracks(client, "member.import")) == 1)  # the server went on
    assert received.actions["member.import"] == 1


def test_async_and_altcraft_timeouts(start: Start) -> None:
    server = start(altcraft=AltcraftEmulator())

    async def run() -> None:
        url = server.sendsay_url
        async with AsyncSendsay(login="a", password="b", base_url=url, retry=ONCE) as c:
            await c.pong()
            delay_next(server)
            with pytest.raises(TransportError, match="timed out"):
                await c.pong(timeout=SHORT)
        url = server.altcraft_url
        async with AsyncAltcraft(token="t", base_url=url, timeout=SHORT, retry=ONCE) as a:
            delay_next(server)
            with pytest.raises(altcraft_api.TransportError, match="timed out"):
                await a.resources.refresh_counters(id=1, list_id=1)
            delay_next(server)
            assert (await a.resources.refresh_counters(id=1, list_id=1, timeout=5)).task_id

    asyncio.run(run())
    eventually(lambda: len(server.altcraft.tasks) == 2)  # the one that timed out ran too


# -- HTTP 5xx: safe calls are retried, unsafe ones never ---------------------------------------


def test_safe_calls_survive_http_errors(server: EmulatorServer, received: Received) -> None:
    with sendsay(server) as client:
        client.member.set(email="a@example.org", obj={"base": {"firstname": "Ann"}})
        server.faults.http_error_next = 3
        got = client.member.get(email="a@example.org").obj.answers["base"]["firstname"]
        assert got == "Ann"
        server.faults.http_error_next, server.faults.http_error_processed = 2, True
        client.member.set(email="a@example.org", obj={"base": {"firstname": "Anna"}})
        server.faults.http_error_processed = False
        got = client.member.get(email="a@example.org").obj.answers["base"]["firstname"]
        assert got == "Anna"
    assert server.faults.injected["http_error"] == 5
    assert received.actions["member.set"] == 4  # 1, then 1 + 2 repeats after processed errors
    assert received.actions["member.get"] == 2  # the 3 refused in front never reached it


def test_retry_after_is_honoured(server: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> None:
    pauses: list[float] = []
    monkeypatch.setattr(driver.time, "sleep", pauses.append)  # no latency in this test
    server.faults.http_error_next, server.faults.retry_after = 2, 1.5
    with sendsay(server, retry=RetryPolicy(attempts=3)) as client:
        assert client.ping().pong
    assert pauses == [1.5, 1.5]


def test_a_seeded_rate_of_errors_is_survived_by_safe_calls(start: Start) -> None:
    server = start(faults=Faults(http_error_rate=0.3, http_error_status=502, seed=11))
    written = {f"m{n}@example.org": f"name {n}" for n in range(40)}
    stubborn = RetryPolicy(attempts=12, backoff=0.001, max_backoff=0.005)  # 0.3**12: never fails
    with sendsay(server, retry=stubborn) as client:
        for email, name in written.items():
            client.member.set(email=email, obj={"base": {"firstname": name}})
        for email, name in written.items():
            assert client.member.get(email=email).obj.answers["base"]["firstname"] == name
        listed = client.member.list(pagesize=100, page=1)
        assert len(listed.rows) == 40
    with Altcraft(token="t", base_url=server.altcraft_url, retry=stubborn) as altcraft:
        for n in range(10):
            altcraft.tasks.wait(
                altcraft.resources.refresh_counters(id=n, list_id=1), interval=0.001
            )
    assert server.faults.injected["http_error"] >= 30  # about 0.3 of ~100 requests, seeded


@pytest.mark.parametrize("processed", [False, True], ids=["refused", "performed"])
def test_member_import_is_never_repeated(
    server: EmulatorServer, received: Received, processed: bool
) -> None:
    with sendsay(server) as client:
        client.pong()  # logged in
        server.faults.http_error_next, server.faults.http_error_processed = 1, processed
        with pytest.raises(TransportError, match=r"HTTP 503 .* after 1 try") as info:
            client.member.import_(users_list=CSV, if_exists="overwrite")
        message = str(info.value)
        assert "may or may not have been performed" in message and "track.list" in message
        found = tracks(client, "member.import")  # the check the error advises
        assert len(found) == int(processed)
        if found:
            assert client.track.wait(found[0], interval=0.001).status == -1
    assert received.actions["member.import"] == int(processed)
    assert len(server.sendsay.account("acme").members) == 2 * int(processed)


def test_issue_send_is_sent_at_most_once(server: EmulatorServer, received: Received) -> None:
    with sendsay(server, retry=RetryPolicy(attempts=5, backoff=0.001)) as client:
        client.pong()  # logged in
        server.faults.http_error_next, server.faults.http_error_processed = 10, True
        with pytest.raises(TransportError, match="may or may not have been performed") as info:
            client.issue.send(gid="personal", email="ann@example.org", draft_id=1, sendwhen="now")
        assert "track.list" in str(info.value)
        server.faults.http_error_next = 0
        assert len(tracks(client, "issue.send")) <= 1
    assert received.actions["issue.send"] == 1 and server.faults.injected["http_error"] == 1


# -- malformed answers -------------------------------------------------------------------------


def test_a_truncated_login_answer_leaks_no_session(
    server: EmulatorServer, received: Received
) -> None:
    server.faults.truncate_next = 1
    with sendsay(server) as client, pytest.raises(TransportError, match="not JSON") as info:
        client.member.get(email="a@example.org")
    (session,) = server.sendsay.authority.sessions  # the login was performed
    assert session not in str(info.value) and session not in repr(info.value.excerpt)
    assert (info.value.excerpt or "").startswith('{"request.id"')
    assert received.actions == {"login": 1}


def test_a_truncated_answer_of_an_unsafe_call_after_it_was_performed(
    server: EmulatorServer,
) -> None:
    with sendsay(server) as client:
        client.pong()  # logged in
        server.faults.truncate_next = 1
        with pytest.raises(TransportError, match=r"not JSON\. The call may or may not") as info:
            client.member.import_(users_list=CSV, if_exists="overwrite")
        assert "track.list" in str(info.value)
        assert len(tracks(client, "member.import")) == 1
        server.faults.truncate_next = 1
        with pytest.raises(TransportError, match=r"not JSON\.\nAnswer starts with"):
            client.member.get(email="ann@example.org")  # safe: nothing to be unsure about


def test_html_error_pages_are_typed_errors_for_both_apis(server: EmulatorServer) -> None:
    server.faults.non_json_next = 3
    with sendsay(server) as client, pytest.raises(TransportError, match="not JSON") as info:
        client.ping()
    assert (info.value.excerpt or "").startswith("<!DOCTYPE html>")
    for wire_format in ("json", "xml"):
        with (
            Altcraft(token="t", base_url=server.altcraft_url, wire_format=wire_format) as altcraft,
            pytest.raises(altcraft_api.TransportError, match="neither JSON nor XML") as page,
        ):
            altcraft.tasks.status(task_id="x")
        assert "502 Bad Gateway" in (page.value.excerpt or "")
    assert server.faults.injected["non_json"] == 3


# -- session expiry under concurrency ---------------------------------------------------------


def test_200_concurrent_calls_whose_session_expires_log_in_once(
    start: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = start(sendsay=SendsayEmulator(expire_session_after=150), faults=Faults(latency=0.002))
    received = Received(server.sendsay, monkeypatch)

    async def run() -> list[Any]:
        async with AsyncSendsay(login="acme", password="pw", base_url=server.sendsay_url) as c:
            await c.pong()
            return await asyncio.gather(*(c.pong() for _ in range(200)))

    answers = asyncio.run(run())
    assert len(answers) == 200 and all(a.ping for a in answers)
    assert received.actions["login"] == 2  # the first login, then exactly one re-login
    assert received.actions["pong"] > 201  # some were refused with the expired session
