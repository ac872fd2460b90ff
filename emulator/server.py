"""Both emulators behind one loopback HTTP server (http.server in a background thread).

Sendsay answers at `/api` (and at `/api` + the REDIRECT suffix), Altcraft under `/api/v1.1/`.
Each HTTP request becomes an `httpx.Request` for the same `handle()` the in-process transports
use, through the run's `Faults` (see faults.py). Only loopback addresses are accepted.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

import httpx

from .altcraft import PREFIX as ALTCRAFT_PREFIX
from .altcraft import AltcraftEmulator
from .faults import Faults
from .sendsay import SendsayEmulator

SENDSAY_PATH = "/api"


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms ACK wait

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        host, port = self.server.server_address[:2]
        url = f"http://{_url_host(str(host))}:{port}{self.path}"
        request = httpx.Request(self.command, url, headers=list(self.headers.items()), content=body)
        response = self.server.faults.answer(self.server.route, request)
        content = response.content
        try:
            self.send_response(response.status_code)
            self.send_header("Content-Type", response.headers.get("content-type", "text/plain"))
            if "retry-after" in response.headers:
                self.send_header("Retry-After", response.headers["retry-after"])
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)
        except ConnectionError:  # the client gave up waiting (a timeout): nobody to answer
            self.close_connection = True

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
    ) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.sendsay = sendsay
        self.altcraft = altcraft
        self.faults = faults
        super().__init__(address, _Handler)

    def route(self, request: httpx.Request) -> httpx.Response:
        try:
            return self._route(request)
        except Exception:  # an emulator bug, not a client mistake: say so, keep serving
            traceback.print_exc()
            return httpx.Response(500, text="emulator error (see its stderr)\n")

    def _route(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.startswith(ALTCRAFT_PREFIX):
            return self.altcraft.handle(request)
        if path == SENDSAY_PATH or path.startswith(SENDSAY_PATH + "/"):
            return self.sendsay.handle(request)
        return httpx.Response(
            404, text=f"nothing at {path}: Sendsay is at /api, Altcraft under /api/v1.1/\n"
        )


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
) -> EmulatorServer:
    """Start serving both emulators on host:port (port 0 picks a free one); `faults` applies
    to every request of both APIs (`server.faults` may be changed while it runs)."""
    server = _Server(
        (_loopback(host), port),
        sendsay or SendsayEmulator(),
        altcraft or AltcraftEmulator(),
        faults or Faults(),
    )
    return EmulatorServer(server)
