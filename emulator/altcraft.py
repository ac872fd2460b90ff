"""AltcraftEmulator: `resources/refresh_counters` and `tasks/status` under `/api/v1.1/`.

Bodies are JSON or XML (by Content-Type, or an opening "<"); the answer uses the request's
format. The `token` parameter must be non-empty (or equal the fixed token); parameters are
checked with the generated `altcraft_api.operations.OPERATIONS[...].check`. Errors are answered
with HTTP 200 and `error` != 0: 400 bad request (unreadable body, parameters breaking the
spec), 401 bad token, 404 unknown task; an unknown path gets HTTP 404 and a non-POST HTTP 405,
both with the same envelope.
"""

from __future__ import annotations

import copy
import logging
import threading
from typing import Any

import httpx

from . import altcraft_wire as wire
from .altcraft_tasks import DOCUMENT_CHANNELS, Task
from .faults import Faults, FaultyTransport
from .spec_checks import operations, request_checkers

PREFIX = "/api/v1.1/"
LOG = logging.getLogger("emulator.altcraft")
CHECKS = request_checkers("altcraft_api")
# The parameters' JSON kinds, by endpoint: which XML leaves are integers.
PARAMS_SHAPES = {name: op.params_shape for name, op in operations("altcraft_api").items()}


class AltcraftError(Exception):
    def __init__(self, code: int, text: str) -> None:
        super().__init__(f"{code}: {text}")
        self.code = code
        self.text = text


class AltcraftEmulator:
    """An emulated Altcraft platform. `fail_next_task = True` makes the next task fail."""

    def __init__(self, *, token: str | None = None) -> None:
        self.token = token
        self.tasks: dict[str, Task] = {}
        self.counters: dict[tuple[int, int], list[dict[str, Any]]] = {}
        self.fail_next_task = False
        self._lock = threading.Lock()

    def set_counters(self, resource_id: int, list_id: int, channels: list[dict[str, Any]]) -> None:
        """The `channels` a refresh of this resource and database reports."""
        with self._lock:
            self.counters[resource_id, list_id] = copy.deepcopy(channels)

    def transport(self, faults: Faults | None = None) -> httpx.MockTransport | FaultyTransport:
        """An in-process httpx transport answering from this emulator (for Client and
        AsyncClient), with `faults` injected in front of it when given."""
        if faults is not None:
            return faults.transport(self.handle)
        return httpx.MockTransport(self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        try:
            return self._handle(request)
        except Exception as exc:  # an emulator bug, not a client mistake: say so, keep serving
            LOG.exception("the Altcraft emulator failed on %s", request.url.path)
            text = f"Internal error: the emulator failed ({type(exc).__name__}); see its log"
            return wire.respond("json", None, 500, text)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        wire_format = wire.format_of(request)
        if request.method != "POST":
            return wire.respond(wire_format, None, 405, "Method not allowed: use POST", 405)
        path = request.url.path
        endpoint = path[len(PREFIX) :] if path.startswith(PREFIX) else ""
        if endpoint not in CHECKS:
            return wire.respond(wire_format, None, 404, f"Not found: {path}", 404)
        try:
            params = wire.read_body(request, wire_format, PARAMS_SHAPES[endpoint])
            with self._lock:
                data = self._call(endpoint, params)
        except wire.WireError as exc:
            return wire.respond(wire_format, None, 400, f"Invalid request: {exc}")
        except RecursionError:  # nested deeper than reading or checking can walk
            return wire.respond(wire_format, None, 400, f"Invalid request: {wire.TOO_DEEP}")
        except AltcraftError as exc:
            return wire.respond(wire_format, None, exc.code, exc.text)
        return wire.respond(wire_format, data)

    def _call(self, endpoint: str, params: dict[str, Any]) -> dict[str, Any]:
        token = params.get("token")
        if not isinstance(token, str) or not token or (self.token and token != self.token):
            raise AltcraftError(401, "Invalid API token")
        issues = CHECKS[endpoint](params)
        if issues:
            raise AltcraftError(400, "Invalid parameters: " + "; ".join(map(str, issues)))
        if endpoint == "resources/refresh_counters":
            return self._refresh(params)
        return self._status(params)

    def _refresh(self, params: dict[str, Any]) -> dict[str, Any]:
        resource, list_id = params["id"], params["list_id"]
        channels = self.counters.get((resource, list_id), DOCUMENT_CHANNELS)
        task = Task(resource, list_id, copy.deepcopy(channels), self.fail_next_task)
        self.fail_next_task = False
        self.tasks[task.id] = task
        return {"task_id": task.id}

    def _status(self, params: dict[str, Any]) -> dict[str, Any]:
        task = self.tasks.get(params["task_id"])
        if task is None:
            raise AltcraftError(404, f"Task not found: {params['task_id']}")
        return task.poll()
