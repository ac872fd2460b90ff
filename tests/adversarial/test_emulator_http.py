"""HTTP edge cases of the loopback server, sent as raw bytes on a socket: a bad Content-Length is
a 400 answer at once (no traceback, no waiting), a chunked body is read, an idle connection is
closed, and nothing it cannot model is an HTTP 500."""

from __future__ import annotations

import contextlib
import io
import json
import socket
import time
from collections.abc import Iterator

import pytest
from adversarial.emulator_calls import form

from emulator import serve
from emulator.server import EmulatorServer

PING = form({"action": "ping"})
FORM = "application/x-www-form-urlencoded"


@contextlib.contextmanager
def server_and_stderr(**options: float) -> Iterator[tuple[EmulatorServer, io.StringIO]]:
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), serve(**options) as server:  # type: ignore[arg-type]
        yield server, stderr


def exchange(server: EmulatorServer, raw: bytes, wait: float = 3.0) -> tuple[bytes, float]:
    """Send raw bytes, read until the server closes or `wait` passes: (answer, seconds)."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.port), timeout=wait) as sock:
        sock.sendall(raw)
        chunks = []
        with contextlib.suppress(TimeoutError, ConnectionResetError):
            while chunk := sock.recv(65536):
                chunks.append(chunk)
    return b"".join(chunks), time.monotonic() - started


def head(path: str, *headers: str) -> bytes:
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", *headers, "", ""]
    return "\r\n".join(lines).encode()


def status_and_json(answer: bytes) -> tuple[int, dict[str, object]]:
    top, _, body = answer.partition(b"\r\n\r\n")
    status = int(top.split(b" ", 2)[1])
    return status, json.loads(body)


@pytest.mark.parametrize("length", ["abc", "-1", "1e3", " ", "0x10", "1,2", "²"])
def test_a_bad_content_length_is_answered_400_at_once(length: str) -> None:
    with server_and_stderr() as (server, stderr):
        raw = head("/api", f"Content-Length: {length}", f"Content-Type: {FORM}")
        answer, seconds = exchange(server, raw)
        status, body = status_and_json(answer)
        assert status == 400 and seconds < 2.0
        assert body["errors"][0]["id"] == "error/request/http"  # type: ignore[index]
    assert "Traceback" not in stderr.getvalue()


def test_a_chunked_body_is_read() -> None:
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (PING[:10], PING[10:]))
    raw = head("/api", "Transfer-Encoding: chunked", "Connection: close") + chunks + b"0\r\n\r\n"
    with server_and_stderr() as (server, stderr):
        status, body = status_and_json(exchange(server, raw)[0])
    assert status == 200 and "pong" in body, body
    assert "Traceback" not in stderr.getvalue()


def test_a_malformed_chunked_body_is_answered_400() -> None:
    raw = head("/api", "Transfer-Encoding: chunked") + b"zz\r\nabc\r\n0\r\n\r\n"
    with server_and_stderr() as (server, stderr):
        status, body = status_and_json(exchange(server, raw)[0])
    assert status == 400 and body["errors"][0]["id"] == "error/request/http"  # type: ignore[index]
    assert "Traceback" not in stderr.getvalue()


def test_an_idle_connection_is_closed() -> None:
    with server_and_stderr(idle_timeout=0.3) as (server, _):
        answer, seconds = exchange(server, b"", wait=5.0)
        assert answer == b"" and seconds < 3.0
        _, seconds = exchange(server, b"POST /api HTTP/1.1\r\n", wait=5.0)
        assert seconds < 3.0


@pytest.mark.parametrize("length", [1 << 40, 10**30])
def test_an_oversized_body_is_refused_without_reading_it_all(length: int) -> None:
    raw = head("/api", f"Content-Length: {length}", f"Content-Type: {FORM}")
    with server_and_stderr() as (server, stderr):
        answer, seconds = exchange(server, raw + b"x" * 1000)
        status, body = status_and_json(answer)
    assert status == 413 and body["errors"][0]["id"] == "error/request/too_large"  # type: ignore[index]
    assert seconds < 2.0 and "Traceback" not in stderr.getvalue()
