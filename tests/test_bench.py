"""`make bench` on tiny data, end to end, so that it never rots. No time is asserted: only that
every section is produced and what is not a timing (strictness, problems reported, modules
loaded) holds. The columns of the bench extras appear when they are installed."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from bench.run import main
from codegen.cli import load_apis

ROOT = Path(__file__).resolve().parents[1]

SECTIONS = [
    "### member.list",
    "### stat.uni",
    "### anketa.get",
    "### track.get",
    "## Request validation",
    "## Import time",
    "## Per-call overhead",
    "## Regeneration",
    "## Peak memory",
    "## Targets of issue 7",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("bench") / "BENCHMARKS.md"
    assert main(["--tiny", "--output", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_every_section_is_written(report: str) -> None:
    for heading in SECTIONS:
        assert heading in report
    assert "the figures mean nothing" in report


def test_our_decoders_refuse_every_wrong_typed_answer(report: str) -> None:
    assert report.count("refused: yes") == 4  # one per dataset


def test_our_checker_reports_every_problem(report: str) -> None:
    row = next(line for line in report.splitlines() if line.startswith("| ours: generated checker"))
    assert row.rstrip(" |").endswith("3")


@pytest.mark.skipif(
    any(
        importlib.util.find_spec(m) is None
        for m in ("pydantic", "msgspec", "datamodel_code_generator")
    ),
    reason="bench extras not installed (pip install -e '.[bench]')",
)
def test_models_generated_from_our_schemas_are_compared(report: str) -> None:
    assert report.count("| pydantic v2 model_validate_json |") == 4
    assert report.count("| msgspec typed decode |") == 4
    # pydantic's default (lax) mode turns "2" into 2: the strictness column shows it
    lax = [
        line
        for line in report.splitlines()
        if line.startswith("| pydantic v2 model_validate_json |")
    ]
    assert any(line.endswith("| **no** |") for line in lax)


def in_a_fresh_interpreter(code: str) -> list[str]:
    """The lines `code` prints in a new Python process (what an import loads is per process)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def test_import_builds_no_models_until_the_first_call() -> None:
    code = (
        "import sys, sendsay_api\n"
        "def loaded():\n"
        "    return sorted(m for m in sys.modules if m.startswith(('attr', 'sendsay_api.mod')))\n"
        "print(loaded())\n"
        "sendsay_api.Sendsay(session='s')\n"
        "print(loaded())\n"
        "from sendsay_api.operations.root import PING\n"
        "answer = PING.parse({'pong': 'ok'}, {})\n"
        "print(type(answer).__name__, 'sendsay_api.models.auth' in loaded())"
    )
    assert in_a_fresh_interpreter(code) == ["[]", "[]", "PingResponse True"]


def test_sync_clients_do_not_load_asyncio() -> None:
    code = (
        "import sys, sendsay_api, altcraft_api\n"
        "sendsay_api.Sendsay(session='s'); altcraft_api.Altcraft(token='t')\n"
        "print('asyncio' in sys.modules)\n"
        "sendsay_api.AsyncSendsay(session='s')\n"
        "print('asyncio' in sys.modules)"
    )
    assert in_a_fresh_interpreter(code) == ["False", "True"]


def test_models_and_operations_load_on_first_use() -> None:
    code = (
        "import sendsay_api\n"
        "from sendsay_api.models import AnketaGetResult\n"
        "from sendsay_api.operations import OPERATIONS\n"
        "print(sendsay_api.models.AnketaGetResult is AnketaGetResult, len(OPERATIONS))"
    )
    (sendsay,) = [api for api in load_apis(ROOT / "spec") if api.name == "sendsay"]
    assert in_a_fresh_interpreter(code) == [f"True {len(sendsay.operations)}"]


def test_the_readme_links_the_results() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "(docs/BENCHMARKS.md)" in readme
