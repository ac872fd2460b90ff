"""mypy --strict on a program written as a user would (tests/typing/user_code.py): the mistakes
marked `# E:` are errors with those messages, the `reveal_type` calls marked `# N:` print those
precise types (no Any), and nothing else is reported."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
USER_CODE = Path(__file__).with_name("user_code.py")
MARK = re.compile(r"^\s*# (?P<kind>[EN]): (?P<text>.+)$")


def _expected() -> dict[int, tuple[str, str]]:
    """Line number -> (E or N, the message): a mark comment is about the line after it."""
    lines = USER_CODE.read_text(encoding="utf-8").splitlines()
    found = {n + 1: MARK.match(line) for n, line in enumerate(lines, 1)}
    return {n: (m["kind"], m["text"].strip()) for n, m in found.items() if m}


def _reported() -> dict[int, list[tuple[str, str]]]:
    mypy = [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--hide-error-context"]
    result = subprocess.run(
        [*mypy, "--cache-dir", str(ROOT / ".mypy_cache"), str(USER_CODE)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    out: dict[int, list[tuple[str, str]]] = {}
    for line in result.stdout.splitlines():
        m = re.match(r".*user_code\.py:(\d+): (error|note): (.*)$", line)
        assert m, line
        kind = "E" if m[2] == "error" else "N"
        out.setdefault(int(m[1]), []).append((kind, m[3]))
    return out


def test_mistakes_are_errors_and_right_calls_reveal_precise_types() -> None:
    expected, reported = _expected(), _reported()
    for line, (kind, text) in expected.items():
        got = reported.pop(line, [])
        assert any(k == kind and m.startswith(text) for k, m in got), (line, text, got)
    assert reported == {}, f"unexpected mypy messages: {reported}"
    reveals = [text for kind, text in expected.values() if kind == "N"]
    assert reveals and not any("Any" in text for text in reveals)
