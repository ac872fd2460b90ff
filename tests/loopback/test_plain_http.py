"""Someone else's client: only the documented wire format, with the standard library's urllib
(Sendsay) and plain httpx (Altcraft), no generated code. The emulator must be faithful to the
documents for them, not just for our clients."""

from __future__ import annotations

import json
import urllib.request
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import urlencode

import httpx

from emulator import AltcraftEmulator, EmulatorServer, SendsayEmulator

from .conftest import Start

# The document's example of a login call, byte for byte (the form is not even URL-encoded).
DOCUMENT_LOGIN = (
    'apiversion=100&json=1&request.id=777&request={"action":"login","login":"jondoe",'
    '"passwd":"secret"}'
)


class Caller:
    """A minimal Sendsay client: a form-encoded POST, the session kept after login,
    REDIRECT followed."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.session: str | None = None
        self.sent = 0
        self.last: tuple[int, str] = (0, "")

    def post(self, body: bytes) -> dict[str, Any]:
        request = urllib.request.Request(
            self.url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            self.last = (response.status, response.headers["Content-Type"])
            answer: dict[str, Any] = json.loads(response.read().decode("utf-8"))
            return answer

    def call(self, action: str, **params: Any) -> dict[str, Any]:
        self.sent += 1
        body = {"action": action, **params}
        if self.session and "one_time_auth" not in params:
            body["session"] = self.session
        form = {
            "apiversion": "100",
            "json": "1",
            "request.id": f"id-{self.sent}",
            "request": json.dumps(body, ensure_ascii=False),
        }
        answer = self.post(urlencode(form).encode("ascii"))
        assert answer["request.id"] == f"id-{self.sent}"
        if "REDIRECT" in answer:
            self.url = self.url.rstrip("/") + answer["REDIRECT"]
            return self.call(action, **params)
        if action == "login" and "session" in answer:
            self.session = answer["session"]
        return answer


def test_sendsay_by_the_document(start: Start) -> None:
    emulator = SendsayEmulator(login="jondoe", password="secret", redirect_first="/node7")
    server = start(sendsay=emulator)
    caller = Caller(server.sendsay_url)
    redirect = caller.post(DOCUMENT_LOGIN.encode())
    assert set(redirect) == {"request.id", "duration", "REDIRECT"}
    assert (redirect["request.id"], redirect["REDIRECT"]) == ("777", "/node7")
    caller.url += redirect["REDIRECT"]
    login = caller.post(DOCUMENT_LOGIN.encode())
    assert (login["request.id"], login["login"]) == ("777", "jondoe")
    assert isinstance(login["session"], str) and login["session"]

    without = caller.call("member.get", email="ann@example.org")
    assert without["errors"][0]["id"] == "error/auth/failed"

    caller.session = login["session"]
    name = "Анна Ёлкина"
    written = caller.call("member.set", email="ann@example.org", obj={"base": {"firstname": name}})
    assert "errors" not in written, written
    got = caller.call("member.get", email="ann@example.org")
    assert got["obj"]["base"]["firstname"] == name
    assert caller.last == (200, "application/json; charset=utf-8")

    once = {"login": "jondoe", "passwd": "secret"}
    assert caller.call("member.get", email="ann@example.org", one_time_auth=once)["obj"]
    wrong = caller.call(
        "member.get", email="ann@example.org", one_time_auth={**once, "passwd": "x"}
    )
    assert wrong["errors"][0]["id"] == "error/auth/failed"

    invalid = caller.call("member.set", email=["not", "a", "string"])
    assert invalid["errors"][0]["id"].startswith("error/") and invalid["errors"][0]["explain"]
    assert caller.call("no.such.action")["errors"][0]["id"] == "error/action/unknown"
    assert "errors" not in caller.call("logout")
    expired = caller.call("member.get", email="ann@example.org")
    assert expired["errors"][0]["id"] == "error/auth/failed"


def test_sendsay_refuses_what_the_document_does_not_allow(server: EmulatorServer) -> None:
    with httpx.Client(trust_env=False) as http:
        assert http.get(server.sendsay_url).status_code == 405
        no_form = http.post(server.sendsay_url, content=b"ping")
        assert no_form.json()["errors"][0]["id"] == "error/request/envelope"
        assert http.post(server.url + "/elsewhere", content=b"").status_code == 404


def test_altcraft_json_and_xml_by_the_document(start: Start) -> None:
    server = start(altcraft=AltcraftEmulator(token="abcdefghijklmnqrstuvwxyz"))
    base = server.altcraft_url
    document_json = {
        "token": "abcdefghijklmnqrstuvwxyz",
        "id": 24,
        "list_id": 1,
        "format": "json",
        "feedback": {"type": "JSON", "url": "http://example.com/receiver"},
    }
    document_xml = """<xml>
     <token>abcdefghijklmnqrstuvwxyz</token>
     <id>24</id>
     <list_id>1</list_id>
     <format>json</format>
     <feedback>
         <type>JSON</type>
         <url>http://example.com/receiver</url>
     </feedback>
</xml>"""
    with httpx.Client(trust_env=False) as http:
        answer = http.post(f"{base}/resources/refresh_counters", json=document_json).json()
        assert set(answer) == {"data", "error", "error_text"}
        assert (answer["error"], answer["error_text"]) == (0, "Successful operation")
        task_id = answer["data"]["task_id"]

        xml = http.post(
            f"{base}/resources/refresh_counters",
            content=document_xml,
            headers={"Content-Type": "application/xml"},
        )
        assert xml.headers["Content-Type"].startswith("application/xml")
        root = ET.fromstring(xml.content)
        assert (root.tag, root.findtext("error"), root.findtext("error_text")) == (
            "xml",
            "0",
            "Successful operation",
        )
        assert root.findtext("data/task_id") not in (None, "", task_id)

        status: dict[str, Any] = {}
        for _ in range(10):
            status = http.post(
                f"{base}/tasks/status",
                json={"token": "abcdefghijklmnqrstuvwxyz", "task_id": task_id},
            ).json()["data"]
            if status["status"] == "completed":
                break
        assert status["status"] == "completed" and status["progress"] == 100

        refused = http.post(f"{base}/tasks/status", json={"token": "other", "task_id": task_id})
        assert refused.status_code == 200
        assert refused.json()["error"] == 401 and refused.json()["data"] is None
