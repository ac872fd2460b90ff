"""A REDIRECT value the client cannot use is an error of that call only: nothing is stored."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

import httpx
import pytest
import sendsay_api
from adversarial.hostile import SESSION


class Server:
    def __init__(self, redirect: object) -> None:
        self.redirect = redirect
        self.urls: list[str] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.urls.append(str(request.url))
        action = json.loads(dict(parse_qsl(request.content.decode()))["request"])["action"]
        if action == "ping" and len(self.urls) == 1:
            return httpx.Response(200, json={"REDIRECT": self.redirect})
        return httpx.Response(200, json={"pong": "ok"})


@pytest.mark.parametrize(
    "redirect",
    [
        "acme\r\nHost: evil.example",
        "acme\x00",
        "a" * (64 * 1024 + 1),
        "//evil.example/api",
        "acme?x=1",
        "acme#frag",
        "acme/../../x",
        42,
        ["acme"],
        "",
    ],
    ids=["crlf", "nul", "64k", "authority", "query", "fragment", "dotdot", "int", "list", "empty"],
)
def test_bad_redirect_fails_that_call_only(redirect: object) -> None:
    server = Server(redirect)
    c = sendsay_api.Sendsay(session=SESSION, transport=httpx.MockTransport(server.handle))
    with pytest.raises(sendsay_api.ResponseValidationError) as caught:
        c.request("ping")
    assert "REDIRECT" in str(caught.value)
    assert len(str(caught.value)) < 1000
    assert c.url == "https://pro.subscribe.ru/api"
    assert c.request("pong") == {"pong": "ok"}
    assert server.urls[-1] == "https://pro.subscribe.ru/api"


def test_good_redirect_is_followed_and_kept() -> None:
    server = Server("/acme-7/")
    c = sendsay_api.Sendsay(session=SESSION, transport=httpx.MockTransport(server.handle))
    assert c.request("ping") == {"pong": "ok"}
    assert c.url == "https://pro.subscribe.ru/api/acme-7"
