"""Both emulators behind a real loopback HTTP server."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import httpx
import pytest
from altcraft_api import Altcraft
from sendsay_api import Sendsay

from emulator import SendsayEmulator, serve


def _form(request_id: str, body: dict[str, object]) -> str:
    fields = {
        "apiversion": "100",
        "json": "1",
        "request.id": request_id,
        "request": json.dumps(body),
    }
    return urlencode(fields)


def test_documented_form_fields_by_hand_over_loopback() -> None:
    with (
        serve(sendsay=SendsayEmulator(redirect_first="/node7")) as server,
        httpx.Client(trust_env=False) as http,
    ):
        assert server.sendsay_url == f"http://127.0.0.1:{server.port}/api"
        assert server.altcraft_url == f"http://127.0.0.1:{server.port}/api/v1.1"
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        login = {"action": "login", "login": "jondoe", "passwd": "secret"}
        first = http.post(server.sendsay_url, content=_form("777", login), headers=headers).json()
        assert first == {"request.id": "777", "duration": first["duration"], "REDIRECT": "/node7"}
        url = server.sendsay_url + first["REDIRECT"]
        answer = http.post(url, content=_form("778", login), headers=headers).json()
        assert answer["request.id"] == "778" and answer["login"] == "jondoe"
        pong = {"action": "pong", "session": answer["session"]}
        assert "ping" in http.post(url, content=_form("779", pong), headers=headers).json()
        assert http.post(server.url + "/elsewhere", content=b"").status_code == 404


def test_generated_clients_over_loopback() -> None:
    with serve() as server:
        with Sendsay(login="acme", password="pw", base_url=server.sendsay_url) as sendsay:
            sendsay.member.set(email="a@example.org")
            started = sendsay.member.delete(email="a@example.org", sync=False)
            assert sendsay.track.wait(started, interval=0.001).status == -1
        with Altcraft(token="t", base_url=server.altcraft_url) as altcraft:
            task = altcraft.resources.refresh_counters(id=24, list_id=1)
            assert altcraft.tasks.wait(task, interval=0.001).status == "completed"
    with pytest.raises(httpx.ConnectError):
        httpx.post(server.sendsay_url, content=b"", trust_env=False)


def test_only_loopback_addresses() -> None:
    with pytest.raises(ValueError, match="loopback"):
        serve(host="0.0.0.0")
