"""`python -m emulator` prints where it listens, answers, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def test_main_serves_until_interrupted() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "emulator", "--port", "0", "--login", "acme", "--password", "pw"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        sendsay_line, altcraft_line = process.stdout.readline(), process.stdout.readline()
        sendsay = re.search(r"http://127\.0\.0\.1:\d+/api$", sendsay_line.strip())
        altcraft = re.search(r"http://127\.0\.0\.1:\d+/api/v1\.1$", altcraft_line.strip())
        assert sendsay and altcraft, (sendsay_line, altcraft_line)
        form = {"apiversion": "100", "json": "1", "request.id": "1", "request": '{"action":"ping"}'}
        assert "pong" in httpx.post(sendsay.group(0), data=form, trust_env=False).json()
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        assert "Stopped." in process.stdout.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
