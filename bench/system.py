"""Costs around the decoders: `import` time, per-call overhead over an in-process transport,
regeneration time and peak memory."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx

from bench import data
from bench.decoding import BASE, OURS
from bench.thirdparty import ROOT
from bench.timing import Timing, interleaved, ratio

# -- import time ------------------------------------------------------------------------------

_IMPORT_LINE = re.compile(r"import time:\s+\d+ \|\s+(\d+) \| (\S+)\s*$")


def import_seconds(module: str) -> float:
    """Cumulative import time of `module` in a fresh interpreter (`python -X importtime`)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    for line in reversed(done.stderr.splitlines()):
        match = _IMPORT_LINE.match(line)
        if match and match.group(2) == module:
            return int(match.group(1)) / 1e6
    raise RuntimeError(f"no import time of {module} in: {done.stderr[-500:]}")


def import_times(modules: list[str], rounds: int) -> dict[str, Timing]:
    for module in modules:  # bytecode written once, as an installed package has it
        import_seconds(module)
    runs: dict[str, list[float]] = {m: [] for m in modules}
    for _ in range(rounds):
        for module in modules:
            runs[module].append(import_seconds(module))
    return {m: Timing(r) for m, r in runs.items()}


def loaded_model_modules() -> list[str]:
    """Model and operation modules that `import sendsay_api` loads (few: built on first use)."""
    code = (
        "import sys, sendsay_api; print(' '.join(sorted(m for m in sys.modules"
        " if m.startswith(('sendsay_api.models.', 'sendsay_api.operations.')))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.split()


# -- per-call overhead ----------------------------------------------------------------------------

BASE_URL = "https://api.example.invalid/api"
RAW_CALL = "raw httpx, hand-built form body"
OURS_CALL = "ours: typed call"
UNCHECKED_CALL = "ours, validate=False"
TRACK = {
    "id": 7,
    "dt": "2024-06-02 16:13:53",
    "action": "member.import",
    "status": 2,
    "status.dt": "2024-06-02 16:14:01",
    "param": {"eta": {"rest": 12, "perc": 40}},
}
# The measured calls: action -> (its parameters, the answer's body without the envelope).
CALL_ACTIONS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "track.get": ({"id": 7}, {"obj": TRACK}),
    "anketa.get": ({"id": "a42"}, json.loads(data.anketa_get(20))),
}


def _transport(answer: dict[str, Any]) -> httpx.MockTransport:
    body = json.dumps({**answer, "request.id": "r-1", "duration": 0.001}).encode()
    headers = {"Content-Type": "application/json"}
    return httpx.MockTransport(lambda request: httpx.Response(200, content=body, headers=headers))


def _method(client: Any, action: str) -> Callable[..., Any]:
    namespace, name = action.split(".", 1)
    return getattr(getattr(client, namespace), name.replace(".", "_"))  # type: ignore[no-any-return]


def call_cases(action: str, calls: int) -> tuple[dict[str, Callable[[], object]], list[Any]]:
    """`action` through our client and through raw httpx, over the same in-process transport.

    Raw httpx: the form body built by hand (apiversion, json, request.id, request), one POST,
    `json.loads` of the answer; no validation, no typed answer.
    """
    from sendsay_api import Sendsay

    params, answer = CALL_ACTIONS[action]
    transport = _transport(answer)
    client = Sendsay(session="s-1", base_url=BASE_URL, transport=transport)
    unchecked = Sendsay(session="s-1", base_url=BASE_URL, transport=transport, validate=False)
    raw = httpx.Client(transport=transport)
    checked_call, unchecked_call = _method(client, action), _method(unchecked, action)

    def ours() -> None:
        for _ in range(calls):
            checked_call(**params)

    def ours_unchecked() -> None:
        for _ in range(calls):
            unchecked_call(**params)

    def by_hand() -> None:
        for n in range(calls):
            request = {"action": action, **params, "session": "s-1"}
            form = urlencode(
                {
                    "apiversion": "100",
                    "json": "1",
                    "request.id": str(n),
                    "request": json.dumps(request, separators=(",", ":")),
                }
            )
            response = raw.post(
                BASE_URL,
                content=form.encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
            json.loads(response.content)

    cases: dict[str, Callable[[], object]] = {
        RAW_CALL: by_hand,
        OURS_CALL: ours,
        UNCHECKED_CALL: ours_unchecked,
    }
    return cases, [client, unchecked, raw]


@dataclass
class CallRow:
    name: str
    micros: float  # per call, median
    low: float  # first quartile
    high: float  # third quartile
    ratio: float


def per_call(action: str, calls: int, rounds: int, budget: float) -> list[CallRow]:
    cases, clients = call_cases(action, calls)
    try:
        timings = interleaved(cases, rounds, budget)
    finally:
        for c in clients:
            c.close()
    base = RAW_CALL
    return [
        CallRow(
            name,
            t.median / calls * 1e6,
            t.low / calls * 1e6,
            t.high / calls * 1e6,
            ratio(timings, name, base),
        )
        for name, t in timings.items()
    ]


_FIRST_CALL = """
import json, sys, time, httpx
from sendsay_api import Sendsay
answer = json.loads(sys.argv[1])
body = json.dumps({**answer, "request.id": "r", "duration": 0.0}).encode()
transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
client = Sendsay(session="s-1", base_url="https://api.example.invalid/api", transport=transport)
namespace, name = sys.argv[2].split(".", 1)
method = getattr(getattr(client, namespace), name.replace(".", "_"))
params = json.loads(sys.argv[3])
start = time.perf_counter()
method(**params)
print(time.perf_counter() - start)
"""


def first_calls(rounds: int) -> dict[str, Timing]:
    """Seconds of the first call of each namespace of CALL_ACTIONS, in fresh interpreters."""
    runs: dict[str, list[float]] = {action: [] for action in CALL_ACTIONS}
    for _ in range(max(rounds, 1)):
        for action, (params, answer) in CALL_ACTIONS.items():
            done = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    _FIRST_CALL,
                    json.dumps(answer),
                    action,
                    json.dumps(params),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            runs[action].append(float(done.stdout))
    return {f"client.{action}()": Timing(r) for action, r in runs.items()}


# -- regeneration ----------------------------------------------------------------------------------

GENERATE = "generate --out <temporary folder>"
CHECK = "check"


def regeneration(rounds: int) -> dict[str, Timing]:
    """`python -m codegen generate` (into a temporary folder: the tree is left alone) and
    `python -m codegen check` (what `make check` runs)."""
    runs: dict[str, list[float]] = {GENERATE: [], CHECK: []}
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as out:
            runs[GENERATE].append(
                _timed([sys.executable, "-m", "codegen", "generate", "--out", out])
            )
        runs[CHECK].append(_timed([sys.executable, "-m", "codegen", "check"]))
    return {name: Timing(r) for name, r in runs.items()}


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


# -- memory -------------------------------------------------------------------------------------


def peak_bytes(work: Callable[[], object]) -> int:
    """Peak of Python allocations (tracemalloc) while `work` runs and its result is alive."""
    tracemalloc.start()
    try:
        result = work()
        _, peak = tracemalloc.get_traced_memory()
        del result
    finally:
        tracemalloc.stop()
    return peak


def memory(body: bytes, parse: Callable[[Any], Any]) -> dict[str, int]:
    return {
        BASE: peak_bytes(lambda: json.loads(body)),
        OURS: peak_bytes(lambda: parse(json.loads(body))),
    }


@dataclass
class ScalePoint:
    base_seconds: float  # json.loads, median
    ours_seconds: float  # json.loads + our decoder, median
    base_peak: int
    ours_peak: int


def scale_point(body: bytes, parse: Callable[[Any], Any], rounds: int) -> ScalePoint:
    """Time (GC on, median of `rounds`) and peak memory of json.loads and ours on one body."""
    cases: dict[str, Callable[[], object]] = {
        BASE: lambda: json.loads(body),
        OURS: lambda: parse(json.loads(body)),
    }
    timings = interleaved(cases, rounds, budget=float("inf"))
    peaks = memory(body, parse)
    return ScalePoint(timings[BASE].median, timings[OURS].median, peaks[BASE], peaks[OURS])
