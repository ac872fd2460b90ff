"""The loopback server itself: its addresses, stopping, loopback only. What it serves is tested
in tests/loopback (generated clients, a plain HTTP client, faults)."""

from __future__ import annotations

import httpx
import pytest

from emulator import serve


def test_addresses_and_stop() -> None:
    with serve() as server:
        assert server.sendsay_url == f"http://127.0.0.1:{server.port}/api"
        assert server.altcraft_url == f"http://127.0.0.1:{server.port}/api/v1.1"
        assert httpx.post(server.url + "/elsewhere", trust_env=False).status_code == 404
    with pytest.raises(httpx.ConnectError):
        httpx.post(server.sendsay_url, content=b"", trust_env=False)


def test_only_loopback_addresses() -> None:
    with pytest.raises(ValueError, match="loopback"):
        serve(host="0.0.0.0")
