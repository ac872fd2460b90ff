"""`make demo` runs its campaign end to end against the emulator over loopback."""

from __future__ import annotations

import re

import pytest

from emulator import demo


def test_demo_runs_the_campaign_and_stops_the_server(capsys: pytest.CaptureFixture[str]) -> None:
    assert demo.main() == 0
    out = capsys.readouterr().out
    summary = re.search(r"(\d+) in the group, issue \d+ delivered to (\d+)", out)
    assert summary is not None and summary.group(1) == summary.group(2) != "0"
    assert "summary: 300 members imported" in out
    assert re.search(r"read back user0001@example.com: \w+ from \w+", out)
    assert "read back from the file storage" in out
    assert "the emulator has stopped" in out
