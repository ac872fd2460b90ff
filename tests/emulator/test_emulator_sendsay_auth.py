"""Accounts, sessions, REDIRECT and the other ways to authorise, through the generated client."""

from __future__ import annotations

import asyncio

import pytest
from sendsay_api import (
    APIError,
    AsyncSendsay,
    AuthError,
    PasswordChangeRequiredError,
    RequestValidationError,
    Sendsay,
)

from emulator import SendsayEmulator

from .conftest import Wire


def test_any_login_gets_its_own_account(sendsay: SendsayEmulator) -> None:
    for login in ("acme", "other"):
        with Sendsay(login=login, password="x", transport=sendsay.transport()) as c:
            c.member.set(email=f"owner@{login}.org")
    assert set(sendsay.accounts) == {"acme", "other"}
    assert list(sendsay.account("other").members) == ["owner@other.org"]


def test_fixed_credentials_refuse_others() -> None:
    emu = SendsayEmulator(login="acme", password="pw", sublogin="bob")
    with Sendsay(login="acme", password="nope", transport=emu.transport()) as c:
        with pytest.raises(AuthError) as caught:
            c.pong()
        assert caught.value.id == "error/auth/failed"
    with Sendsay(login="acme", sublogin="bob", password="pw", transport=emu.transport()) as c:
        answer = c.login(login="acme", sublogin="bob", password="pw")
        assert (answer.login, answer.sublogin) == ("acme", "bob")
        assert c.pong().ping


def test_force_change_password_uses_the_old_error_style() -> None:
    emu = SendsayEmulator(force_change_password=True)
    with (
        Sendsay(login="acme", password="pw", transport=emu.transport()) as c,
        pytest.raises(PasswordChangeRequiredError),
    ):
        c.pong()


def test_expired_session_makes_the_client_log_in_again() -> None:
    emu = SendsayEmulator(expire_session_after=2)
    with Sendsay(login="acme", password="pw", transport=emu.transport()) as c:
        sessions = set()
        for _ in range(5):
            c.pong()
            sessions.add(c.session)
    assert len(sessions) == 3  # calls 1-2, 3-4 and 5 each on a fresh session


def test_calls_without_a_session_are_refused(wire: Wire) -> None:
    answer = wire.call("pong", session="forged")
    assert answer["errors"] == [{"id": "error/auth/failed", "explain": "expired"}]
    assert wire.call("anketa.list")["errors"][0]["id"] == "error/auth/failed"
    assert "pong" in wire.ok("ping")


def test_logout_ends_the_session(sendsay: SendsayEmulator) -> None:
    with Sendsay(login="acme", password="pw", transport=sendsay.transport()) as c:
        c.pong()
        old = c.session
        c.logout()
        assert c.session is None and old not in sendsay.authority.sessions
        c.pong()  # the client logs in again by itself
        assert c.session != old


def test_redirect_first_moves_the_client() -> None:
    emu = SendsayEmulator(redirect_first="/node7")
    with Sendsay(login="acme", password="pw", transport=emu.transport()) as c:
        c.pong()
        assert c.url == "https://pro.subscribe.ru/api/node7"
    with Sendsay(login="acme", password="pw", transport=emu.transport()) as c:
        c.pong()  # the old path still works
        assert c.url == "https://pro.subscribe.ru/api"


def test_apikey_and_one_time_auth() -> None:
    emu = SendsayEmulator(login="acme", password="pw", apikeys={"K1"})
    with Sendsay(apikey="K1", transport=emu.transport()) as c:
        c.member.set(email="a@example.org")
    with Sendsay(apikey="K2", transport=emu.transport()) as c, pytest.raises(AuthError):
        c.pong()
    with Sendsay(login="acme", password="pw", one_time_auth=True, transport=emu.transport()) as c:
        assert c.member.get(email="a@example.org").obj.answers["member"]["email"] == "a@example.org"
    assert emu.authority.sessions == {}


def test_agses_card_login(sendsay: SendsayEmulator) -> None:
    with Sendsay(transport=sendsay.transport()) as c:
        challenge = c.login_agses_challenge(card="000042")
        assert challenge.flicker
        answer = c.login_agses_response(card=42, hedgeid=challenge.hedgeid, response="any")
        assert c.session == answer.session
        assert c.pong().ping
        with pytest.raises(AuthError):
            c.login_agses_response(card=42, hedgeid=challenge.hedgeid, response="again")


def test_unknown_action_and_invalid_parameters(client: Sendsay) -> None:
    with pytest.raises(APIError) as unknown:
        client.request("no.such.action", {"group": "g"})
    assert unknown.value.errors == [{"id": "error/action/unknown", "explain": "no.such.action"}]
    with pytest.raises(RequestValidationError):
        client.member.get(email=5)  # type: ignore[arg-type]
    client.validate = False
    with pytest.raises(APIError) as invalid:
        client.member.get(email=5)  # type: ignore[arg-type]
    assert invalid.value.id == "error/request/invalid"
    assert invalid.value.errors[0]["explain"] == ["email: expected a string, got integer 5"]


def test_async_client(sendsay: SendsayEmulator) -> None:
    async def run() -> list[str]:
        async with AsyncSendsay(login="acme", password="pw", transport=sendsay.transport()) as c:
            await c.member.set(email="a@example.org", obj={"base": {"firstname": "Ann"}})
            started = await c.member.import_(
                users_list=[{"member": {"email": "b@example.org"}}], if_exists="overwrite"
            )
            done = await c.track.wait(started, interval=0.001)
            assert done.param.statistic.inserted == 1
            listed = await c.member.list(sort="member.email")
            return [row[0] for row in listed.rows]

    assert asyncio.run(run()) == ["a@example.org", "b@example.org"]
