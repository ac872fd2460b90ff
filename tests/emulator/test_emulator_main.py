"""`python -m emulator` prints where it listens, injects the faults it is given, and stops
cleanly on Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from emulator.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
PING = {"apiversion": "100", "json": "1", "request.id": "1", "request": '{"action":"ping"}'}


@pytest.fixture
def run() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


def launch(started: list[subprocess.Popen[str]], *options: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "emulator", "--port", "0", *options],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    started.append(process)
    return process


def addresses(process: subprocess.Popen[str]) -> tuple[str, str]:
    assert process.stdout is not None
    sendsay_line, altcraft_line = process.stdout.readline(), process.stdout.readline()
    sendsay = re.search(r"http://127\.0\.0\.1:\d+/api$", sendsay_line.strip())
    altcraft = re.search(r"http://127\.0\.0\.1:\d+/api/v1\.1$", altcraft_line.strip())
    assert sendsay and altcraft, (sendsay_line, altcraft_line)
    return sendsay.group(0), altcraft.group(0)


def interrupt(process: subprocess.Popen[str]) -> str:
    """Ctrl-C; the rest of the output once it stopped with exit code 0."""
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert out.rstrip().endswith("Stopped."), out
    return out


def test_main_serves_with_faults_until_interrupted(run: list[subprocess.Popen[str]]) -> None:
    process = launch(
        run,
        "--login=acme",
        "--password=pw",
        "--http-error-next=1",
        "--http-error-status=502",
        "--retry-after=3",
        "--non-json-next=1",
        "--truncate-next=1",
        "--latency=0.01",
        "--latency-next=1",
    )
    sendsay, altcraft = addresses(process)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == (
        "Faults: latency 0.01 s (next 1), HTTP 502 next 1, HTML page next 1, truncated body next 1"
    )
    with httpx.Client(trust_env=False) as http:
        refused = http.post(sendsay, data=PING)
        assert (refused.status_code, refused.headers["Retry-After"]) == (502, "3")
        page = http.post(altcraft + "/tasks/status", json={"token": "t", "task_id": "x"})
        assert page.text.startswith("<!DOCTYPE html>")
        cut = http.post(sendsay, data=PING).content
        assert cut.startswith(b'{"request.id"') and not cut.endswith(b"}")
        assert "pong" in http.post(sendsay, data=PING).json()
        login = {**PING, "request": '{"action":"login","login":"acme","passwd":"wrong"}'}
        assert http.post(sendsay, data=login).json()["errors"][0]["id"] == "error/auth/failed"
    out = interrupt(process)
    assert "Faults injected: http_error 1, latency 1, non_json 1, truncated 1" in out


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--http-error-rate=2", "--http-error-rate must be between 0 and 1, not 2.0"),
        ("--expire-session-after=0", "--expire-session-after must be at least 1"),
        ("--host=0.0.0.0", "binds only to loopback addresses"),
    ],
)
def test_main_refuses_bad_options(
    option: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_code:
        main(["--port=0", option])
    assert exit_code.value.code == 2 and message in capsys.readouterr().err
