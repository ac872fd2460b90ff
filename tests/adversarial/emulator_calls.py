"""Hand-made calls to the Sendsay emulator for the hostile-input tests: the documented form
fields (`apiversion`, `json`, `request.id`, `request`), answered in-process or over loopback."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import httpx

from emulator import SendsayEmulator

URL = "https://sendsay.test/api"


def form(body: dict[str, Any], request_id: str = "r1") -> bytes:
    fields = {"apiversion": "100", "json": "1", "request.id": request_id}
    fields["request"] = json.dumps(body, ensure_ascii=False)
    return urlencode(fields).encode()


def post(emulator: SendsayEmulator, body: dict[str, Any], url: str = URL) -> httpx.Response:
    """One call answered in-process (`handle` never raises: every answer is a response)."""
    return emulator.handle(httpx.Request("POST", url, content=form(body)))


def login(emulator: SendsayEmulator, name: str = "acme", url: str = URL) -> str:
    answer = post(emulator, {"action": "login", "login": name, "passwd": "pw"}, url).json()
    session: str = answer["session"]
    return session


def api_errors(response: httpx.Response) -> list[dict[str, Any]]:
    """The `errors` of an API error answer: JSON, never HTTP 500, each with an id and explain."""
    assert response.status_code != 500, response.text
    answer = response.json()
    errors: list[dict[str, Any]] = answer["errors"]
    assert errors and all(isinstance(e["id"], str) and "explain" in e for e in errors), answer
    return errors


def error_ids(response: httpx.Response) -> list[str]:
    return [error["id"] for error in api_errors(response)]
