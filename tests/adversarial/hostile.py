"""Shared pieces of the hostile-input suite: the client's secrets, every way an answer can echo
them, a check that none reaches what a caller or a log sees, and a tiny misbehaving server."""

from __future__ import annotations

import html
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import quote, quote_plus

# Characters that every encoding writes differently: quotes, markup, non-ASCII, a backslash.
PASSWORD = "Pa<ss>&\"wörd'\\42"
SESSION = "sess-7f3a9c1e-XYZ"
APIKEY = "ak_9d8e7f6a5b4c3d2e"
TOKEN = "tok-1234567890abcdef"
SECRETS = (PASSWORD, SESSION, APIKEY, TOKEN)


def encodings(secret: str) -> set[str]:
    """The secret as an answer may echo it: raw, escaped JSON, HTML, repr, URL-encoded."""
    forms = {
        secret,
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        html.escape(secret),
        html.escape(secret, quote=False),
        repr(secret)[1:-1],
        quote(secret, safe=""),
        quote_plus(secret),
        quote_plus(json.dumps(secret, ensure_ascii=False)[1:-1]),
    }
    return {form for form in forms if form}


def chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and every exception chained to it (cause or context), once each."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        one = todo.pop()
        if one is None or id(one) in seen:
            continue
        seen.add(id(one))
        yield one
        todo += [one.__cause__, one.__context__]


def visible(exc: BaseException, logs: str = "") -> str:
    """Everything a caller or a log can read of an error: str, repr, attributes, the chain."""
    parts = [logs]
    for one in chain(exc):
        parts += [str(one), repr(one), repr(vars(one)) if hasattr(one, "__dict__") else ""]
        request = getattr(one, "_request", None)
        if request is not None:
            parts.append(repr(request.content))
    return "\n".join(parts)


def assert_no_secret(text: str, secrets: tuple[str, ...] = SECRETS) -> None:
    for secret in secrets:
        for form in encodings(secret):
            assert form not in text, f"secret leaked as {form!r}"


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """The block ends within `seconds` (a bound on hostile input, not a speed measurement)."""
    start = time.monotonic()
    yield
    took = time.monotonic() - start
    assert took < seconds, f"took {took:.1f}s, bound {seconds}s"


class RawServer:
    """A loopback HTTP server that answers every connection with `reply(sock)` on a thread."""

    def __init__(self, reply: Callable[[socket.socket], None]) -> None:
        self.reply = reply
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                continue
            self.connections += 1
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            data = b""
            try:
                while b"\r\n\r\n" not in data:
                    data += conn.recv(65536)
                head, _, body = data.partition(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                while len(body) < length:
                    body += conn.recv(65536)
                self.reply(conn)
            except OSError:
                pass

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.listener.close()

    def __enter__(self) -> RawServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def dribble(body: bytes, every: float, stop: threading.Event) -> Callable[[socket.socket], None]:
    """A reply that sends the headers, then one byte of `body` every `every` seconds."""

    def reply(conn: socket.socket) -> None:
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
        )
        for byte in body:
            if stop.wait(every):
                return
            conn.sendall(bytes([byte]))

    return reply
