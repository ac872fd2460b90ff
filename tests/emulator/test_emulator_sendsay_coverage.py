"""The emulator's own account of what it keeps state for, checked against the spec."""

from __future__ import annotations

import json
from pathlib import Path

from sendsay_api.operations import OPERATIONS

from emulator.sendsay.coverage import FROM_EXAMPLES, STATEFUL
from emulator.sendsay.settings import COMPUTED, READ_ONLY_DEFAULTS, WRITABLE_DEFAULTS

CATALOGS = Path(__file__).resolve().parents[2] / "generated/service/sendsay/catalogs.json"


def test_every_action_is_stateful_or_answers_from_examples_and_not_both() -> None:
    assert not STATEFUL & set(FROM_EXAMPLES)
    assert STATEFUL | set(FROM_EXAMPLES) == set(OPERATIONS)
    assert all(reason.strip() for reason in FROM_EXAMPLES.values())


def test_settings_match_the_spec_catalogue() -> None:
    entries = json.loads(CATALOGS.read_text(encoding="utf-8"))["catalogs"]["sys_settings"]
    writable = {e["name"] for e in entries["entries"] if e["writable"]}
    read_only = {e["name"] for e in entries["entries"] if not e["writable"]}
    assert set(WRITABLE_DEFAULTS) == writable
    assert set(READ_ONLY_DEFAULTS) | set(COMPUTED) == read_only
    assert not set(READ_ONLY_DEFAULTS) & set(COMPUTED)
