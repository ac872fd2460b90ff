"""The generated clients over real loopback HTTP, against a plain recording server."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qsl

import pytest
from sendsay_api import AsyncSendsay, Sendsay


class Recorder(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[str, str, list[tuple[str, str]]]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        fields = parse_qsl(body, keep_blank_values=True)
        self.received.append((self.path, self.headers["Content-Type"], fields))
        request = json.loads(dict(fields)["request"])
        if self.path == "/api":
            answer: dict[str, Any] = {"REDIRECT": "/node7"}
        elif request["action"] == "login":
            answer = {"session": "sess-1", "login": request["login"], "sublogin": None}
        else:
            answer = {"ping": "pong at " + self.path}
        answer["request.id"] = dict(fields)["request.id"]
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    Recorder.received = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/api"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_sync_client_sends_the_documented_fields_and_follows_redirect(server: str) -> None:
    with Sendsay(login="jondoe", password="secret", base_url=server) as client:
        assert client.pong(request_id="777").ping == "pong at /api/node7"
    paths = [path for path, _, _ in Recorder.received]
    assert paths == ["/api", "/api/node7", "/api/node7"]
    _, content_type, fields = Recorder.received[0]
    assert content_type == "application/x-www-form-urlencoded"
    assert [name for name, _ in fields] == ["apiversion", "json", "request.id", "request"]
    form = dict(fields)
    assert form["apiversion"] == "100" and form["json"] == "1"
    assert json.loads(form["request"]) == {"action": "login", "login": "jondoe", "passwd": "secret"}
    last = dict(Recorder.received[2][2])
    assert last["request.id"] == "777"
    assert json.loads(last["request"]) == {"action": "pong", "session": "sess-1"}


def test_async_client_over_loopback(server: str) -> None:
    async def run() -> str:
        async with AsyncSendsay(login="jondoe", password="secret", base_url=server) as client:
            return (await client.pong()).ping

    assert asyncio.run(run()) == "pong at /api/node7"
