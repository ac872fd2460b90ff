"""The emulator's pytest plugin, exercised by a sample user test suite run with pytester.

The suite is the README's example; it finds the fixtures through the `pytest11` entry point
of the installed emulator package, with nothing in its conftest.
"""

from __future__ import annotations

import re
from importlib.metadata import entry_points
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]


def readme_example() -> str:
    """The example test of the README's plugin section, as a user would copy it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### In your tests: the pytest plugin", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the README's plugin section has no Python example"
    return match.group(1)


def test_the_plugin_is_registered_for_pytest() -> None:
    names = {e.value for e in entry_points(group="pytest11")}
    assert "emulator.pytest_plugin" in names


def test_a_user_suite_runs_with_the_fixtures(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_readme_example=readme_example())
    pytester.makepyfile(
        test_more="""
import json

import httpx
import pytest
from sendsay_api import APIError, TransportError

from emulator.pytest_plugin import EMULATOR_LOGIN


def test_state_is_fresh_for_each_test(sendsay_account):
    assert sendsay_account.members == {}
    assert sendsay_account.login == EMULATOR_LOGIN


def test_api_errors_are_real(sendsay_client):
    with pytest.raises(APIError):
        sendsay_client.member.get(email="nobody@example.com")


@pytest.mark.emulator_faults(non_json_next=5)
def test_faults_from_the_marker(sendsay_client, emulator_faults):
    with pytest.raises(TransportError):
        sendsay_client.ping()
    assert emulator_faults.injected["non_json"] >= 1


@pytest.mark.parametrize("emulator_faults", [{"http_error_next": 1}], indirect=True)
def test_faults_as_an_indirect_parameter(sendsay_client, emulator_faults):
    sendsay_client.ping()  # retried once: a request refused before it was performed
    assert emulator_faults.injected["http_error"] == 1


def test_the_loopback_server(emulator_server, sendsay_emulator):
    answer = httpx.post(
        emulator_server.sendsay_url,
        data={"apiversion": "100", "json": "1", "request": json.dumps({"action": "ping"})},
    ).json()
    assert "errors" not in answer
    assert emulator_server.sendsay is sendsay_emulator


def test_altcraft(altcraft_client, altcraft_emulator):
    altcraft_emulator.set_counters(24, 1, [])
    task = altcraft_client.resources.refresh_counters(id=24, list_id=1)
    assert task.task_id in altcraft_emulator.tasks
"""
    )
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=len(readme_tests()) + 6)


def readme_tests() -> list[str]:
    return re.findall(r"^def (test_\w+)", readme_example(), re.M)
