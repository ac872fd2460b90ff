"""Authorisation answers as the live service gives them, and API-key accounts that reveal nothing
of the key."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
from adversarial.emulator_calls import api_errors, login, post

from emulator import SendsayEmulator, serve

AUTH_FAILED = "error/auth/failed"


def test_an_expired_or_unknown_session_is_explained_expired() -> None:
    emulator = SendsayEmulator(expire_session_after=1)
    session = login(emulator)
    assert "errors" not in post(emulator, {"action": "group.list", "session": session}).json()
    for used in (session, "no-such-session"):
        answer = post(emulator, {"action": "group.list", "session": used})
        assert api_errors(answer) == [{"id": AUTH_FAILED, "explain": "expired"}]


def test_wrong_credentials_are_explained_wrong_credentials() -> None:
    emulator = SendsayEmulator(login="acme", password="right")
    for name, password in (("acme", "wrong"), ("other", "right")):
        answer = post(emulator, {"action": "login", "login": name, "passwd": password})
        assert api_errors(answer) == [{"id": AUTH_FAILED, "explain": "wrong_credentials"}]


class LiveStyleClient:
    """A client written to the live service's conventions (as the vendor's own clients are):
    it posts to the host root plus the REDIRECT path, and logs in again only when a call is
    refused with `error/auth/failed` explained `expired`."""

    def __init__(self, root: str, login: str, password: str) -> None:
        self.http = httpx.Client(trust_env=False)
        self.root, self.redirect = root, ""
        self.credentials = {"login": login, "passwd": password}
        self.session: str | None = None
        self.logins = 0

    def request(self, action: str, **params: Any) -> dict[str, Any]:
        body: dict[str, Any] = {"action": action, **params}
        if action != "login":
            body["session"] = self.session or self._login()
        data = {"apiversion": 100, "json": 1, "request": json.dumps(body)}
        data["request.id"] = str(uuid.uuid4())
        answer: dict[str, Any] = self.http.post(self.root + self.redirect, data=data).json()
        for error in answer.get("errors", []):
            if error["id"] == AUTH_FAILED and error["explain"] == "expired" and action != "login":
                self.session = None
                return self.request(action, **params)
        if "errors" in answer:
            raise AssertionError(answer["errors"])
        if "REDIRECT" in answer:
            self.redirect = answer["REDIRECT"]
            return self.request(action, **params)
        return answer

    def _login(self) -> str:
        self.logins += 1
        session: str = self.request("login", **self.credentials)["session"]
        self.session = session
        return session


def test_a_client_of_the_live_service_logs_in_again_after_a_logout() -> None:
    emulator = SendsayEmulator(login="acme", password="pw", redirect_first="acme")
    with serve(sendsay=emulator) as server:
        client = LiveStyleClient(server.url, "acme", "pw")
        assert "list" in client.request("group.list")
        client.request("logout")
        assert "list" in client.request("group.list")
        assert client.logins == 2 and client.redirect == "/acme"


KEYS = ("sharedprefix-key-one", "sharedprefix-key-two")


def test_api_keys_sharing_a_prefix_have_their_own_accounts() -> None:
    emulator = SendsayEmulator(apikeys=set(KEYS))
    first, second = ({"apikey": key} for key in KEYS)
    group = {"id": "g1", "name": "G", "type": "list", "addr_type": "email"}
    created = post(emulator, {"action": "group.create", **group, **first})
    assert "errors" not in created.json(), created.json()
    assert [g["id"] for g in post(emulator, {"action": "group.list", **first}).json()["list"]] == [
        "g1"
    ]
    assert post(emulator, {"action": "group.list", **second}).json()["list"] == []


def test_an_api_key_prefix_never_shows_in_answers() -> None:
    emulator = SendsayEmulator(apikeys=set(KEYS))
    key = {"apikey": KEYS[0]}
    calls: list[dict[str, Any]] = [
        {"action": "group.create", "id": "g1", "name": "G", "type": "list", "addr_type": "email"},
        {"action": "sys.settings.get", "list": []},
        {"action": "sys.log"},
        {"action": "user.list"},
    ]
    for call in calls:
        text = post(emulator, {**call, **key}).text
        assert "errors" not in json.loads(text), text
        for size in range(4, len(KEYS[0]) + 1):
            assert KEYS[0][:size] not in text, (call["action"], text)
    assert not any(KEYS[0][:4] in login for login in emulator.accounts)
