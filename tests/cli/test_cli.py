"""The generated command lines `sendsay` and `altcraft`, run in-process with click's CliRunner.

Calls go to the emulators through their in-process transports (`client_options` in the
context object), so no server is started; one test runs the console script for real.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from altcraft_api import cli as altcraft_cli
from click.testing import CliRunner, Result
from sendsay_api import cli as sendsay_cli

from codegen.cli import load_apis
from codegen.model import Operation
from codegen.python.cliview import cli_name
from emulator import SendsayEmulator

ROOT = Path(__file__).resolve().parents[2]
APIS = {api.name: api for api in load_apis(ROOT / "spec")}
PROGRAMS = {"sendsay": sendsay_cli, "altcraft": altcraft_cli}
FAST_WAIT = {"interval": 0.001, "max_interval": 0.001, "timeout": 5.0}
SECRET = "pa55-do-not-show"


def words(op: Operation) -> list[str]:
    return [cli_name(op.namespace), cli_name(op.method)] if op.namespace else [cli_name(op.method)]


OPERATIONS = [(api.name, op) for api in APIS.values() for op in api.operations]


@pytest.mark.parametrize(("api", "op"), OPERATIONS, ids=[f"{a}:{o.wire}" for a, o in OPERATIONS])
def test_every_operation_has_help(api: str, op: Operation) -> None:
    result = CliRunner().invoke(PROGRAMS[api].build_program(), [*words(op), "--help"])
    assert result.exit_code == 0, result.output
    assert f"Action: {op.wire}." in result.output
    for p in op.params:
        if not (op.auth == "token" and p.wire == "token"):
            assert "--" + cli_name(p.py) in result.output


def test_help_in_russian() -> None:
    op = next(o for o in APIS["sendsay"].operations if o.wire == "member.get")
    assert op.summary.ru
    result = CliRunner().invoke(
        sendsay_cli.build_program(), ["--lang", "ru", "member", "get", "--help"]
    )
    assert result.exit_code == 0
    assert op.summary.ru in result.output
    env = CliRunner(env={"SENDSAY_LANG": "ru"}).invoke(
        sendsay_cli.build_program(), ["member", "get", "--help"]
    )
    assert op.summary.ru in env.output


class Sendsay:
    """Runs `sendsay ...` against one in-process emulator, logged in as acme."""

    def __init__(self) -> None:
        self.emulator = SendsayEmulator()
        self.runner = CliRunner()

    def run(self, *args: str, env: dict[str, str] | None = None) -> Result:
        options = {"transport": self.emulator.transport()}
        return self.runner.invoke(
            sendsay_cli.build_program(),
            ["--login", "acme", "--password", SECRET, *args],
            obj={"client_options": options, "wait_options": FAST_WAIT},
            env=env,
        )

    def json(self, *args: str) -> Any:
        result = self.run(*args)
        assert result.exit_code == 0, result.output + result.stderr
        return json.loads(result.stdout)


@pytest.fixture
def sendsay() -> Sendsay:
    return Sendsay()


def test_call_prints_the_decoded_answer_and_raw_the_wire_answer(sendsay: Sendsay) -> None:
    obj = json.dumps({"-group": {"vip": 1}, "base": {"firstname": "Ann"}})
    sendsay.json(
        "member", "set", "--email", "a@example.com", "--obj", obj, "--if-exists", "overwrite"
    )
    decoded = sendsay.json("member", "get", "--email", "a@example.com")
    raw = sendsay.json("member", "get", "--email", "a@example.com", "--raw")
    assert decoded["obj"]["answers"]["base"] == {"firstname": "Ann"}  # the model's names
    assert decoded["obj"]["group_membership"] == {"vip": True}
    assert raw["obj"]["-group"] == {"vip": 1}  # the wire's
    assert raw["obj"]["member"]["email"] == "a@example.com"
    account = sendsay.emulator.account("acme")
    assert "a@example.com" in account.members


def test_json_option_from_a_file(sendsay: Sendsay, tmp_path: Path) -> None:
    path = tmp_path / "obj.json"
    path.write_text(json.dumps({"base": {"firstname": "Ann"}}), encoding="utf-8")
    sendsay.json("member", "set", "--email", "b@example.com", "--obj", f"@{path}")
    member = sendsay.emulator.account("acme").members["b@example.com"]
    assert member.answers["base"]["firstname"] == "Ann"


def test_bad_json_and_missing_file_are_usage_errors(sendsay: Sendsay, tmp_path: Path) -> None:
    bad = sendsay.run("member", "set", "--email", "c@example.com", "--obj", "{oops")
    assert bad.exit_code == 2
    assert "--obj" in bad.stderr and "not JSON" in bad.stderr
    missing = sendsay.run("member", "set", "--email", "c@example.com", "--obj", f"@{tmp_path}/no")
    assert missing.exit_code == 2 and "cannot read" in missing.stderr
    assert sendsay.emulator.account("acme").members == {}


def test_api_error_goes_to_stderr_with_exit_1(sendsay: Sendsay) -> None:
    result = sendsay.run("member", "get", "--email", "nobody@example.com")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "member.get" in result.stderr and "not_found" in result.stderr


def test_request_validation_error_is_a_usage_error(sendsay: Sendsay) -> None:
    result = sendsay.run("member", "set", "--email", "d@example.com", "--obj", "[1]")
    assert result.exit_code == 2
    assert "obj" in result.stderr


def test_credentials_from_the_environment_are_never_printed() -> None:
    emulator = SendsayEmulator(login="acme", password="right")
    env = {"SENDSAY_LOGIN": "acme", "SENDSAY_PASSWORD": SECRET}
    result = CliRunner(env=env).invoke(
        sendsay_cli.build_program(),
        ["pong"],
        obj={"client_options": {"transport": emulator.transport()}},
    )
    assert result.exit_code == 1
    assert "auth" in result.stderr
    assert SECRET not in result.output + result.stderr
    ok = CliRunner(env={**env, "SENDSAY_PASSWORD": "right"}).invoke(
        sendsay_cli.build_program(),
        ["pong"],
        obj={"client_options": {"transport": emulator.transport()}},
    )
    assert ok.exit_code == 0, ok.stderr


def test_wait_follows_the_track_with_progress_on_stderr(sendsay: Sendsay) -> None:
    rows = json.dumps(
        [{"member": {"email": "e@example.com"}}, {"member": {"email": "f@example.com"}}]
    )
    result = sendsay.run(
        "member", "import", "--users-list", rows, "--if-exists", "overwrite", "--wait"
    )
    assert result.exit_code == 0, result.stderr
    final = json.loads(result.stdout)
    assert final["status"] == -1
    assert "finished" in result.stderr and "task " in result.stderr
    assert {"e@example.com", "f@example.com"} <= set(sendsay.emulator.account("acme").members)
    started = sendsay.json("member", "import", "--users-list", rows, "--if-exists", "overwrite")
    assert isinstance(started["track_id"], int)


def test_stat_uni_query_is_checked_before_it_is_sent(sendsay: Sendsay) -> None:
    bad = sendsay.run("stat", "uni", "--select", "click.dt:hY", "--select", "count(*)")
    assert bad.exit_code == 2
    assert "precision" in bad.stderr and "stat.uni" in bad.stderr
    query = json.dumps(
        {"select": ["member.email"], "filter": [{"a": "member.email", "op": "==", "v": "x@y.z"}]}
    )
    answer = sendsay.json("stat", "uni", "--query", query)
    assert answer["list"] == []
    typo = sendsay.run("stat", "uni", "--query", '{"select": ["member.emial"]}')
    assert typo.exit_code == 2 and "unknown-field" in typo.stderr


def test_base_url_points_the_command_at_a_loopback_emulator() -> None:
    from emulator import serve

    with serve(port=0) as server:
        result = CliRunner().invoke(
            altcraft_cli.build_program(),
            [
                "--token",
                SECRET,
                "--base-url",
                server.altcraft_url,
                "tasks",
                "status",
                "--task-id",
                "nope",
            ],
        )
        server.altcraft.set_counters(24, 1, [{"channel": "email", "count": 3}])
        started = CliRunner(
            env={"ALTCRAFT_TOKEN": "t", "ALTCRAFT_BASE_URL": server.altcraft_url}
        ).invoke(
            altcraft_cli.build_program(),
            ["resources", "refresh-counters", "--id", "24", "--list-id", "1"],
        )
    assert result.exit_code == 1 and SECRET not in result.stderr
    assert started.exit_code == 0, started.stderr
    assert json.loads(started.stdout)["task_id"]


def test_console_script_and_python_m() -> None:
    for command in (
        [sys.executable, "-m", "sendsay_api", "--help"],
        [str(Path(sys.executable).parent / "altcraft"), "--help"],
    ):
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr
        assert "Usage:" in done.stdout


def test_importing_the_library_does_not_load_the_command_line() -> None:
    # (httpx itself imports click when it is installed, so the test looks at our modules.)
    code = (
        "import sys, sendsay_api, altcraft_api;"
        " print(sorted(m for m in sys.modules if m.endswith('.cli')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
