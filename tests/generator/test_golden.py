"""Golden check: generated/ is exactly what spec/ and templates/ produce."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_codegen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "codegen", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_committed_output_matches_the_spec() -> None:
    result = run_codegen("check")
    assert result.returncode == 0, result.stderr[-3000:]


def test_a_one_character_spec_change_fails_the_check(tmp_path: Path) -> None:
    spec = tmp_path / "spec"
    shutil.copytree(ROOT / "spec", spec)
    auth = spec / "sendsay" / "auth.yaml"
    auth.write_text(
        auth.read_text(encoding="utf-8").replace(
            "Something different every time.", "Something different every time!"
        ),
        encoding="utf-8",
    )
    result = run_codegen("check", "--spec", str(spec))
    assert result.returncode == 1
    assert "differs" in result.stderr
    assert "-" in result.stderr and "every time!" in result.stderr


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert run_codegen("generate", "--out", str(first)).returncode == 0
    assert run_codegen("generate", "--out", str(second)).returncode == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
