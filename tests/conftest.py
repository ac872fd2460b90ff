"""Shared fixtures: a scripted Sendsay server (an httpx transport) that records what it gets."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

# The settings a client reads from the environment: a developer's own must not reach the tests.
CLIENT_ENVIRONMENT = (
    "SENDSAY_LOGIN",
    "SENDSAY_SUBLOGIN",
    "SENDSAY_PASSWORD",
    "SENDSAY_APIKEY",
    "SENDSAY_BASE_URL",
    "ALTCRAFT_TOKEN",
    "ALTCRAFT_BASE_URL",
)


@pytest.fixture(autouse=True)
def _no_client_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in CLIENT_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


Answer = dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]] | httpx.Response


class ScriptedServer:
    """Answers each request with the next scripted answer; keeps every request it received."""

    def __init__(self, answers: list[Answer]) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def forms(self) -> list[dict[str, str]]:
        return [dict(parse_qsl(r.content.decode())) for r in self.requests]

    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(f["request"]) for f in self.forms()]

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if not self.answers:
            raise AssertionError(f"unexpected request {request.content[:200]!r}")
        answer = self.answers.pop(0)
        if isinstance(answer, httpx.Response):
            return answer
        if callable(answer):
            answer = answer(json.loads(dict(parse_qsl(request.content.decode()))["request"]))
        form = dict(parse_qsl(request.content.decode()))
        return httpx.Response(
            200, json={"request.id": form.get("request.id"), "duration": 0.01, **answer}
        )

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)


@pytest.fixture
def scripted() -> Callable[..., ScriptedServer]:
    return lambda *answers: ScriptedServer(list(answers))
