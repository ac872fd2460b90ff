"""The generated clients, sync and async, for both APIs, against the emulator over real HTTP."""

from __future__ import annotations

import asyncio
from typing import Any

import altcraft_api
import pytest
from altcraft_api import Altcraft, AsyncAltcraft
from sendsay_api import (
    AsyncSendsay,
    AuthError,
    PasswordChangeRequiredError,
    Sendsay,
)

from emulator import AltcraftEmulator, EmulatorServer, SendsayEmulator

from .conftest import Start

FAST = {"interval": 0.001, "max_interval": 0.001, "timeout": 10.0}
ROWS = [
    ["member.email", "base.firstname"],
    ["ann@example.org", "Анна"],
    ["bob@example.org", "Bob"],
    ["eve@example.org", "Ева"],
]
CSV = "".join(",".join(row) + "\n" for row in ROWS)


def sendsay_campaign(client: Sendsay) -> list[Any]:
    """Write, read, import, wait, list: what every integration does first."""
    client.member.set(email="zoe@example.org", obj={"base": {"firstname": "Зоя"}})
    started = client.member.import_(users_list=CSV, if_exists="overwrite")
    done = client.track.wait(started, **FAST)
    tracks = client.track.list(filter={"action": "member.import"}).list
    names = [client.member.get(email=row[0]).obj.answers["base"]["firstname"] for row in ROWS[1:]]
    zoe = client.member.get(email="zoe@example.org").obj.answers["base"]["firstname"]
    return [done.status, [t.id for t in tracks] == [started.track_id], names, zoe]


EXPECTED = [-1, True, ["Анна", "Bob", "Ева"], "Зоя"]


def test_sync_sendsay_with_fixed_credentials_and_a_redirect(start: Start) -> None:
    emulator = SendsayEmulator(login="acme", password="pw", redirect_first="/node7")
    server = start(sendsay=emulator)
    with Sendsay(login="acme", password="pw", base_url=server.sendsay_url) as client:
        assert sendsay_campaign(client) == EXPECTED
    assert len(emulator.account("acme").members) == 4
    with (
        Sendsay(login="acme", password="wrong", base_url=server.sendsay_url) as client,
        pytest.raises(AuthError) as refused,
    ):
        client.member.get(email="ann@example.org")
    assert refused.value.id == "error/auth/failed"


def test_async_sendsay(server: EmulatorServer) -> None:
    async def run() -> list[Any]:
        async with AsyncSendsay(login="acme", password="pw", base_url=server.sendsay_url) as c:
            await c.member.set(email="zoe@example.org", obj={"base": {"firstname": "Зоя"}})
            started = await c.member.import_(users_list=CSV, if_exists="overwrite")
            done = await c.track.wait(started, **FAST)
            tracks = (await c.track.list(filter={"action": "member.import"})).list
            got = await asyncio.gather(*(c.member.get(email=row[0]) for row in ROWS[1:]))
            zoe = await c.member.get(email="zoe@example.org")
            names = [g.obj.answers["base"]["firstname"] for g in got]
            return [
                done.status,
                [t.id for t in tracks] == [started.track_id],
                names,
                zoe.obj.answers["base"]["firstname"],
            ]

    assert asyncio.run(run()) == EXPECTED


def test_one_time_auth_and_apikey_need_no_session(start: Start) -> None:
    emulator = SendsayEmulator(login="acme", password="pw", apikeys={"KEY-1"})
    server = start(sendsay=emulator)
    url = server.sendsay_url
    with Sendsay(login="acme", password="pw", one_time_auth=True, base_url=url) as client:
        client.member.set(email="a@example.org")
    with Sendsay(apikey="KEY-1", base_url=url) as client:
        assert client.member.get(email="a@example.org").obj.answers["member"] == {
            "email": "a@example.org"
        }
    assert emulator.authority.sessions == {}  # no login was made


def test_expired_sessions_are_renewed_and_a_forced_password_change_is_reported(
    start: Start,
) -> None:
    server = start(sendsay=SendsayEmulator(expire_session_after=3))
    with Sendsay(login="acme", password="pw", base_url=server.sendsay_url) as client:
        for n in range(10):
            client.member.set(email=f"m{n}@example.org")
        assert client.member.list().rows and len(server.sendsay.account("acme").members) == 10
    forced = start(sendsay=SendsayEmulator(force_change_password=True))
    with (
        Sendsay(login="acme", password="pw", base_url=forced.sendsay_url) as client,
        pytest.raises(PasswordChangeRequiredError),
    ):
        client.member.get(email="a@example.org")


@pytest.mark.parametrize("wire_format", ["json", "xml"])
def test_altcraft_sync_and_async(start: Start, wire_format: Any) -> None:
    emulator = AltcraftEmulator(token="T0K")
    emulator.set_counters(7, 2, [{"channel": "email", "status": {"all": 5, "subscribed": 4}}])
    server = start(altcraft=emulator)
    url = server.altcraft_url
    with Altcraft(token="T0K", base_url=url, wire_format=wire_format) as client:
        done = client.tasks.wait(client.resources.refresh_counters(id=7, list_id=2), **FAST)
    assert done.status == "completed" and done.result[0].channels[0].status.subscribed == 4

    async def run() -> list[str]:
        async with AsyncAltcraft(token="T0K", base_url=url, wire_format=wire_format) as c:
            tasks = await asyncio.gather(
                *(c.resources.refresh_counters(id=24, list_id=n) for n in range(1, 6))
            )
            ended = await asyncio.gather(*(c.tasks.wait(t, **FAST) for t in tasks))
            return [e.status for e in ended]

    assert asyncio.run(run()) == ["completed"] * 5
    assert len(emulator.tasks) == 6
    with (
        Altcraft(token="wrong", base_url=url, wire_format=wire_format) as client,
        pytest.raises(altcraft_api.APIError) as refused,
    ):
        client.resources.refresh_counters(id=7, list_id=2)
    assert refused.value.id == "401"
