"""Both emulators behind one loopback HTTP server (http.server in a background thread).

Altcraft answers under `/api/v1.1/`; every other path goes to Sendsay, which answers at `/` and
`/api` (and at either plus the REDIRECT suffix) and with an API error elsewhere. Each HTTP
request becomes an `httpx.Request` for the same `handle()` the in-process transports use,
through the run's `Faults` (see faults.py). Only loopback addresses are accepted.

HTTP itself: the body is read by Content-Length (digits only) or chunked transfer coding, at
most the Sendsay emulator's `limits.body_bytes`; a bad length or chunk is answered 400 and a body
over the limit 413 (both with an API error, the connection then closed), and a connection idle
for `idle_timeout` seconds is closed. Nothing the emulator cannot model is an HTTP 500.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

import httpx

from . import altcraft_wire
from .altcraft import PREFIX as ALTCRAFT_PREFIX
from .altcraft import AltcraftEmulator
from .faults import Faults
from .sendsay import SendsayEmulator, envelope
from .sendsay.emulator import too_large
from .sendsay.errors import SendsayError

SENDSAY_PATH = "/api"
IDLE_TIMEOUT = 30.0
# A body over the limit is still read (and dropped) up to this size, so that the client, which
# sends it all before reading, gets the answer; a larger one is refused unread.
DRAIN_BYTES = 1 << 30
_CHUNK = 1 << 16


class BadRequest(Exception):
    """The HTTP framing of a request is wrong (answered 400) or its body too large (413)."""

    def __init__(self, status: int, error: SendsayError) -> None:
        super().__init__(error.explain)
        self.status = status
        self.error = error


def _http_error(explain: str) -> BadRequest:
    return BadRequest(400, SendsayError("error/request/http", explain))


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms ACK wait

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.idle_timeout)  # a silent client is let go

    def _serve(self) -> None:
        try:
            body = self._body()
        except BadRequest as refusal:
            self.close_connection = True
            self._send(self._refusal(refusal))
            return
        host, port = self.server.server_address[:2]
        url = f"http://{_url_host(str(host))}:{port}{self.path}"
        headers = [(k, v) for k, v in self.headers.items() if k.lower() != "transfer-encoding"]
        request = httpx.Request(self.command, url, headers=headers, content=body)
        self._send(self.server.faults.answer(self.server.route, request))

    def _send(self, response: httpx.Response) -> None:
        content = response.content
        try:
            self.send_response(response.status_code)
            self.send_header("Content-Type", response.headers.get("content-type", "text/plain"))
            if "retry-after" in response.headers:
                self.send_header("Retry-After", response.headers["retry-after"])
            if self.close_connection:
                self.send_header("Connection", "close")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)
        except ConnectionError:  # the client gave up waiting (a timeout): nobody to answer
            self.close_connection = True

    def _refusal(self, refusal: BadRequest) -> httpx.Response:
        if self.path.startswith(ALTCRAFT_PREFIX):
            return altcraft_wire.respond("json", None, refusal.status, str(refusal), refusal.status)
        payload = envelope.error_payload(refusal.error)
        return envelope.respond(None, payload, 0.0, refusal.status)

    # -- the body ------------------------------------------------------------------------------

    def _body(self) -> bytes:
        limit = self.server.sendsay.limits.body_bytes
        coding = self.headers.get("Transfer-Encoding")
        if coding is not None:
            if coding.strip().lower() != "chunked":
                raise _http_error(f"unsupported Transfer-Encoding {coding!r}: only chunked")
            return self._chunked(limit)
        lengths = set(self.headers.get_all("Content-Length") or [])
        if not lengths:
            return b""
        text = lengths.pop().strip()
        if lengths or not (text.isascii() and text.isdigit()):
            raise _http_error("Content-Length must be one whole number of bytes")
        length = int(text)
        if length > limit:
            self._drain(length)
            raise BadRequest(413, too_large(self.server.sendsay.limits))
        return self.rfile.read(length)

    def _chunked(self, limit: int) -> bytes:
        parts: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(1024)
            size_text = line.split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16) if size_text.isalnum() else -1
            except ValueError:
                size = -1
            if size < 0 or not line.endswith(b"\n"):
                raise _http_error("malformed chunked body: a chunk size must be hexadecimal")
            if size == 0:
                break
            total += size
            if total > limit:
                raise BadRequest(413, too_large(self.server.sendsay.limits))
            part = self.rfile.read(size)
            if len(part) < size or self.rfile.readline(3).strip():
                raise _http_error("malformed chunked body: a chunk is shorter than its size")
            parts.append(part)
        while self.rfile.readline(1024).strip():  # trailer fields: ignored
            pass
        return b"".join(parts)

    def _drain(self, length: int) -> None:
        """Read and drop a refused body (up to DRAIN_BYTES), so its sender can read the answer."""
        left = length if length <= DRAIN_BYTES else 0
        while left > 0 and (chunk := self.rfile.read(min(left, _CHUNK))):
            left -= len(chunk)

    do_POST = do_GET = do_PUT = do_DELETE = do_PATCH = _serve

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the emulators answer many polls."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # hundreds of concurrent clients connect at once in the tests

    def __init__(
        self,
        address: tuple[str, int],
        sendsay: SendsayEmulator,
        altcraft: AltcraftEmulator,
        faults: Faults,
        idle_timeout: float,
    ) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.sendsay = sendsay
        self.altcraft = altcraft
        self.faults = faults
        self.idle_timeout = idle_timeout
        super().__init__(address, _Handler)

    def route(self, request: httpx.Request) -> httpx.Response:
        """Both emulators answer every request (errors included) themselves."""
        if request.url.path.startswith(ALTCRAFT_PREFIX):
            return self.altcraft.handle(request)
        return self.sendsay.handle(request)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _loopback(host: str) -> str:
    if host == "localhost":
        return "127.0.0.1"
    try:
        if ipaddress.ip_address(host).is_loopback:
            return host
    except ValueError:
        pass
    raise ValueError(f"the emulator binds only to loopback addresses, not {host!r}")


class EmulatorServer:
    """A running loopback server; `stop()` (or leaving the `with` block) shuts it down."""

    def __init__(self, server: _Server) -> None:
        self._server = server
        self.sendsay = server.sendsay
        self.altcraft = server.altcraft
        self.faults = server.faults
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="emulator",
            daemon=True,
        )
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{_url_host(str(self._server.server_address[0]))}:{self.port}"

    @property
    def sendsay_url(self) -> str:
        return self.url + SENDSAY_PATH

    @property
    def altcraft_url(self) -> str:
        return self.url + ALTCRAFT_PREFIX.rstrip("/")

    def stop(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()

    def __enter__(self) -> EmulatorServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def serve(
    port: int = 0,
    host: str = "127.0.0.1",
    sendsay: SendsayEmulator | None = None,
    altcraft: AltcraftEmulator | None = None,
    faults: Faults | None = None,
    idle_timeout: float = IDLE_TIMEOUT,
) -> EmulatorServer:
    """Start serving both emulators on host:port (port 0 picks a free one); `faults` applies
    to every request of both APIs (`server.faults` may be changed while it runs); a connection
    that sends nothing for `idle_timeout` seconds is closed."""
    if idle_timeout <= 0:
        raise ValueError("idle_timeout must be a positive number of seconds")
    server = _Server(
        (_loopback(host), port),
        sendsay or SendsayEmulator(),
        altcraft or AltcraftEmulator(),
        faults or Faults(),
        idle_timeout,
    )
    return EmulatorServer(server)
