"""The Altcraft protocol: JSON and XML bodies and answers, token, errors, task polling."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest
from altcraft_api import Altcraft, APIError, RequestValidationError, TransportError
from altcraft_api._runtime import altcraft as protocol
from altcraft_api._runtime import tracking

BASE = "https://example.com/api/v1.1"
STARTED = {
    "data": {"task_id": "c9c3ec48-1bef-4969-9c1a-df39f0c179bb"},
    "error": 0,
    "error_text": "Successful operation",
}


class Recorder:
    def __init__(self, *answers: httpx.Response) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answers.pop(0)


def test_json_request_and_answer() -> None:
    server = Recorder(httpx.Response(200, json=STARTED))
    c = Altcraft(token="T0K", transport=httpx.MockTransport(server))
    task = c.resources.refresh_counters(
        id=24,
        list_id=1,
        format="json",
        feedback={"type": "JSON", "url": "http://example.com/receiver"},
    )
    assert task.task_id == "c9c3ec48-1bef-4969-9c1a-df39f0c179bb"
    request = server.requests[0]
    assert str(request.url) == f"{BASE}/resources/refresh_counters"
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content) == {
        "token": "T0K",
        "id": 24,
        "list_id": 1,
        "format": "json",
        "feedback": {"type": "JSON", "url": "http://example.com/receiver"},
    }


def test_xml_request_and_answer() -> None:
    xml = (
        b"<xml><data><task_id>c9c3ec48-1bef-4969-9c1a-df39f0c179bb</task_id></data>"
        b"<error>0</error><error_text>Successful operation</error_text></xml>"
    )
    server = Recorder(httpx.Response(200, content=xml, headers={"content-type": "application/xml"}))
    c = Altcraft(token="T0K", wire_format="xml", transport=httpx.MockTransport(server))
    task = c.resources.refresh_counters(id=24, list_id=1, feedback={"type": "JSON", "url": "u"})
    assert task.task_id.startswith("c9c3ec48")
    sent = server.requests[0].content
    assert sent == (
        b"<xml><token>T0K</token><id>24</id><list_id>1</list_id>"
        b"<feedback><type>JSON</type><url>u</url></feedback></xml>"
    )


def test_xml_helpers_round_trip_with_the_spec_shape() -> None:
    body = {
        "token": "007",
        "id": 5,
        "ok": True,
        "nested": {"a": "12", "b": 2.5},
        "items": [{"n": 1}],
    }
    shape = {
        "token": "string",
        "id": "int",
        "ok": "bool",
        "nested": {"a": "string", "b": "number"},
        "items": ["list", {"n": "int"}],
    }
    parsed = protocol.from_xml(protocol.to_xml(body))
    assert parsed["items"] == {"n": "1"}  # one repeated element looks like a single one in XML
    assert protocol.coerce(parsed, shape) == {**body, "ok": True}


def test_error_is_raised_with_its_text() -> None:
    answer = {"data": None, "error": 403, "error_text": "Invalid token"}
    c = Altcraft(
        token="bad", transport=httpx.MockTransport(Recorder(httpx.Response(200, json=answer)))
    )
    with pytest.raises(APIError, match="Invalid token") as info:
        c.tasks.status(task_id="x")
    assert info.value.errors == [{"id": "403", "explain": "Invalid token"}]


@pytest.mark.parametrize(
    "body",
    [
        b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>Bad gateway'
        b"</body></html>",
        b'{"status": "ok"}',
    ],
)
def test_an_answer_without_the_envelope_is_a_transport_error(body: bytes) -> None:
    c = Altcraft(
        token="t", transport=httpx.MockTransport(Recorder(httpx.Response(200, content=body)))
    )
    with pytest.raises(TransportError, match="not an Altcraft envelope") as info:
        c.tasks.status(task_id="x")
    assert info.value.excerpt


def test_validation_before_sending() -> None:
    server = Recorder()
    c = Altcraft(token="t", transport=httpx.MockTransport(server))
    with pytest.raises(RequestValidationError, match="list_id: expected an integer"):
        c.resources.refresh_counters(id=1, list_id="one")  # type: ignore[arg-type]
    assert server.requests == []


def test_tasks_wait_polls_until_completed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tracking.time, "sleep", lambda _: None)

    def status(value: str, progress: int) -> httpx.Response:
        return httpx.Response(
            200,
            json={
                "data": {"status": value, "progress": progress},
                "error": 0,
                "error_text": "Successful operation",
            },
        )

    server = Recorder(
        status("in_progress", 10), status("in_progress", 70), status("completed", 100)
    )
    seen: list[Any] = []
    c = Altcraft(token="t", transport=httpx.MockTransport(server))
    final = c.tasks.wait("task-1", progress=seen.append)
    assert final.status == "completed"
    assert [p.percent for p in seen] == [10.0, 70.0, 100.0]
    assert json.loads(server.requests[0].content) == {"token": "t", "task_id": "task-1"}


@pytest.mark.parametrize("wire_format", ["json", "xml"])
def test_the_token_stays_out_of_logs_reprs_and_messages(
    wire_format: str, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "TOKEN-SECRET-42"
    echo_json = b'{"token": "TOKEN-SECRET-42", "id": 24, "list_'  # a proxy echoing the request
    echo_xml = b"<xml><token>TOKEN-SECRET-42</token><id>24</id"
    server = Recorder(
        httpx.Response(200, json=STARTED),
        httpx.Response(200, content=echo_json if wire_format == "json" else echo_xml),
    )
    c = Altcraft(
        token=secret,
        wire_format=wire_format,  # type: ignore[arg-type]
        transport=httpx.MockTransport(server),
    )
    with caplog.at_level(logging.DEBUG, logger="altcraft_api"):
        task = c.resources.refresh_counters(id=24, list_id=1)
        with pytest.raises(TransportError) as info:
            c.resources.refresh_counters(id=24, list_id=1)
    assert secret.encode() in server.requests[0].content  # it was sent, as it must be
    assert "***" in caplog.text
    seen = caplog.text + repr(c) + repr(task) + str(info.value) + repr(info.value)
    assert secret not in seen


def test_token_and_address_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALTCRAFT_TOKEN", "env-token")
    monkeypatch.setenv("ALTCRAFT_BASE_URL", "https://acme.example.com/api/v1.1")
    server = Recorder(httpx.Response(200, json=STARTED))
    Altcraft(transport=httpx.MockTransport(server)).resources.refresh_counters(id=24, list_id=1)
    assert str(server.requests[0].url).startswith("https://acme.example.com/api/v1.1/")
    assert json.loads(server.requests[0].content)["token"] == "env-token"


def test_no_token_anywhere_fails_at_construction() -> None:
    with pytest.raises(ValueError, match="token= or set ALTCRAFT_TOKEN"):
        Altcraft()
