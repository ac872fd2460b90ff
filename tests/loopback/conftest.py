"""Fixtures of the loopback tests: the emulator as a real HTTP server, started and stopped per
test, the Sendsay actions it received, and the tally of faults injected over the whole run."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

from emulator import AltcraftEmulator, EmulatorServer, SendsayEmulator, serve
from emulator.faults import Faults

INJECTED: Counter[str] = Counter()
Start = Callable[..., EmulatorServer]


@pytest.fixture
def start() -> Iterator[Start]:
    """`start(sendsay=..., altcraft=..., faults=...)`: a server on a free port, stopped after
    the test; the faults it injected are added to the run's tally."""
    running: list[EmulatorServer] = []

    def _start(
        sendsay: SendsayEmulator | None = None,
        altcraft: AltcraftEmulator | None = None,
        faults: Faults | None = None,
    ) -> EmulatorServer:
        server = serve(0, sendsay=sendsay, altcraft=altcraft, faults=faults)
        running.append(server)
        return server

    yield _start
    for server in running:
        server.stop()
        INJECTED.update(server.faults.injected)


@pytest.fixture
def server(start: Start) -> EmulatorServer:
    return start()


class Received:
    """Counts the Sendsay actions the server received (wraps the emulator's `handle`)."""

    def __init__(self, emulator: SendsayEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
        self.actions: Counter[str] = Counter()
        handle = emulator.handle

        def counting(request: httpx.Request) -> httpx.Response:
            form = dict(parse_qsl(request.content.decode("utf-8", "replace")))
            try:
                self.actions[json.loads(form["request"])["action"]] += 1
            except (KeyError, ValueError, TypeError):
                self.actions["(unreadable)"] += 1
            return handle(request)

        monkeypatch.setattr(emulator, "handle", counting)


@pytest.fixture
def received(server: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> Received:
    return Received(server.sendsay, monkeypatch)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if INJECTED:
        total = sum(INJECTED.values())
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(INJECTED.items()))
        terminalreporter.write_line(f"loopback faults injected: {total} ({kinds})")
