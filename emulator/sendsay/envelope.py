"""The Sendsay wire envelope: the form-encoded request and the JSON answer.

A request is a POST whose body is `apiversion=100&json=1&request.id=...&request={...}`; the answer
is a JSON object in UTF-8 with the common fields `request.id` (echoed) and `duration`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import httpx

from .errors import SendsayError

# `request.id` is optional: the document only says the answer echoes it (null when absent).
FORM_FIELDS = ("apiversion", "json", "request")


@dataclass(frozen=True)
class Envelope:
    """A decoded call: the echoed `request.id` and the `request` object (with its action)."""

    request_id: str | None
    body: dict[str, Any]


def form_of(request: httpx.Request) -> dict[str, str] | None:
    """The form fields of a request body (decoded once), None when it is not UTF-8 text."""
    try:
        text = request.content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return dict(parse_qsl(text, keep_blank_values=True))


def parse(form: dict[str, str] | None) -> Envelope:
    """Check the form; a malformed envelope raises SendsayError (answered, never a crash)."""
    if form is None:
        raise SendsayError("error/request/envelope", "the body is not UTF-8 text")
    missing = [name for name in FORM_FIELDS if name not in form]
    if missing:
        raise SendsayError("error/request/envelope", "missing form field(s): " + ", ".join(missing))
    if not form["apiversion"].isdigit():
        raise SendsayError("error/request/envelope", "apiversion must be a number, e.g. 100")
    if form["json"] != "1":
        raise SendsayError("error/request/envelope", "json must be 1: answers are JSON only")
    try:
        body = json.loads(form["request"])
    except ValueError as exc:
        raise SendsayError("error/request/json", f"request is not valid JSON: {exc}") from None
    if not isinstance(body, dict):
        raise SendsayError("error/request/json", "request must be a JSON object")
    return Envelope(form.get("request.id"), body)


# The explain of a request nested deeper than it can be read or checked (RecursionError, caught
# once for every step by the emulator).
TOO_DEEP = "request is nested too deeply to be read"


def respond(
    request_id: str | None, payload: dict[str, Any], duration: float, status: int = 200
) -> httpx.Response:
    """The JSON answer: common fields first, then the payload."""
    answer = {"request.id": request_id, "duration": round(duration, 4), **payload}
    return httpx.Response(
        status,
        content=json.dumps(answer, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )


def error_payload(*errors: SendsayError) -> dict[str, Any]:
    return {"errors": [error.to_wire() for error in errors]}
