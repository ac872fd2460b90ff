"""Fixtures of the hostile-input suite."""

from __future__ import annotations

import logging

import pytest


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every log record of the clients, DEBUG included (the masking of log lines is tested)."""
    caplog.set_level(logging.DEBUG)
    return caplog
