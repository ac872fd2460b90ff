"""Malformed envelopes get error answers in the JSON envelope, never a crash or HTTP 500."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from .conftest import Wire


def _form(**fields: str) -> str:
    return urlencode(fields)


@pytest.mark.parametrize(
    ("body", "error", "explain"),
    [
        (
            "",
            "error/request/envelope",
            "missing form field(s): apiversion, json, request",
        ),
        (
            _form(apiversion="x", json="1", **{"request.id": "1"}, request="{}"),
            "error/request/envelope",
            "apiversion must be a number, e.g. 100",
        ),
        (
            _form(apiversion="100", json="0", **{"request.id": "1"}, request="{}"),
            "error/request/envelope",
            "json must be 1: answers are JSON only",
        ),
        (
            _form(apiversion="100", json="1", **{"request.id": "1"}, request="[1]"),
            "error/request/json",
            "request must be a JSON object",
        ),
        (
            _form(apiversion="100", json="1", **{"request.id": "1"}, request='{"x": 1}'),
            "error/action/missing",
            "request.action is required",
        ),
    ],
)
def test_bad_envelopes(wire: Wire, body: str, error: str, explain: str) -> None:
    response = wire.post(body)
    assert response.status_code == 200
    answer = response.json()
    assert answer["errors"] == [{"id": error, "explain": explain}]
    assert "duration" in answer


def test_bad_json_and_bytes(wire: Wire) -> None:
    answer = wire.post(
        _form(apiversion="100", json="1", **{"request.id": "9"}, request="{nope")
    ).json()
    assert answer["request.id"] == "9"
    assert answer["errors"][0]["id"] == "error/request/json"
    assert wire.post(b"\xff\xfe").json()["errors"][0]["id"] == "error/request/envelope"


def test_request_id_is_optional_and_echoed_as_null(wire: Wire) -> None:
    answer = wire.post(_form(apiversion="100", json="1", request='{"action":"ping"}')).json()
    assert answer["request.id"] is None and "errors" not in answer


@pytest.mark.parametrize("depth", [50_000, 900])
def test_a_request_nested_too_deeply_is_an_error_answer(wire: Wire, depth: int) -> None:
    wire.login()
    deep = "[" * depth + "]" * depth
    request = (
        f'{{"action":"member.set","email":"a@example.com","obj":{deep},"session":"{wire.session}"}}'
    )
    response = wire.post(_form(apiversion="100", json="1", **{"request.id": "1"}, request=request))
    assert response.status_code == 200
    assert response.json()["errors"][0]["id"] in ("error/request/json", "error/request/invalid")


def test_answers_echo_the_request_id_and_are_utf8(wire: Wire) -> None:
    wire.login()
    wire.ok("anketa.create", name="Анкета", id="ru")
    response = wire.post(
        urlencode(wire.form({"action": "anketa.get", "id": "ru", "session": wire.session}))
    )
    assert response.headers["content-type"] == "application/json; charset=utf-8"
    assert "Анкета".encode() in response.content
    assert json.loads(response.content)["request.id"] == f"r{wire.sent}"


def test_wrong_method_and_path(wire: Wire) -> None:
    assert wire.http.get(wire.url).status_code == 405
    assert wire.post("").status_code == 200  # learns the base path /api
    other = wire.http.post("https://sendsay.test/elsewhere", content=b"")
    assert other.status_code == 404
    assert other.json()["errors"][0]["id"] == "error/request/path"


def test_invalid_parameters_list_every_issue(wire: Wire) -> None:
    wire.login()
    answer = wire.call("member.delete", email="a@example.org", group="g", sync=2)
    assert answer["errors"][0]["id"] == "error/request/invalid"
    assert len(answer["errors"][0]["explain"]) == 2
    assert wire.call("track.list", filter={})["errors"][0]["id"] == "error/request/invalid"
