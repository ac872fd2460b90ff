"""Fixtures of the emulator tests: emulators, generated clients over them, a raw wire caller."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from sendsay_api import Sendsay

from emulator import AltcraftEmulator, SendsayEmulator

FAST = {"interval": 0.001, "max_interval": 0.001, "timeout": 5.0}


class Wire:
    """Sends Sendsay calls by hand (the documented form fields) and returns the decoded answer."""

    def __init__(
        self, transport: httpx.BaseTransport, url: str = "https://sendsay.test/api"
    ) -> None:
        self.http = httpx.Client(transport=transport, trust_env=False)
        self.url = url
        self.session: str | None = None
        self.sent = 0

    def form(self, body: dict[str, Any]) -> dict[str, str]:
        self.sent += 1
        return {
            "apiversion": "100",
            "json": "1",
            "request.id": f"r{self.sent}",
            "request": json.dumps(body, ensure_ascii=False),
        }

    def post(self, content: bytes | str, **headers: str) -> httpx.Response:
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        return self.http.post(self.url, content=content, headers=headers)

    def raw(self, body: dict[str, Any]) -> dict[str, Any]:
        response = self.post(urlencode(self.form(body)))
        assert response.status_code == 200
        answer: dict[str, Any] = response.json()
        return answer

    def login(self, login: str = "acme", passwd: str = "pw") -> dict[str, Any]:
        answer = self.raw({"action": "login", "login": login, "passwd": passwd})
        self.session = answer.get("session")
        return answer

    def call(self, action: str, **params: Any) -> dict[str, Any]:
        body = {"action": action, **params}
        if self.session:
            body["session"] = self.session
        return self.raw(body)

    def ok(self, action: str, **params: Any) -> dict[str, Any]:
        """A call that must succeed; the answer without the common fields."""
        answer = self.call(action, **params)
        assert "errors" not in answer, answer
        assert answer.pop("request.id") == f"r{self.sent}"
        assert "duration" in answer
        answer.pop("duration")
        return answer


@pytest.fixture
def sendsay() -> SendsayEmulator:
    return SendsayEmulator()


@pytest.fixture
def client(sendsay: SendsayEmulator) -> Iterator[Sendsay]:
    with Sendsay(login="acme", password="pw", transport=sendsay.transport()) as c:
        yield c


@pytest.fixture
def wire(sendsay: SendsayEmulator) -> Wire:
    return Wire(sendsay.transport())


@pytest.fixture
def altcraft() -> AltcraftEmulator:
    return AltcraftEmulator()
