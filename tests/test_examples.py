"""Every Python block of the README, the package READMEs and the reference docs runs against the
emulator, and passes `mypy --strict`.

A small collector rather than pytest-examples or Sybil: the blocks of one document run in order
in one namespace (a docs page's setup block makes the `client` its examples use), and each
document is written out as one module with its blocks at their own line numbers, so that one
`mypy --strict` run checks them all and its messages name the document's lines. Neither library
type-checks examples; both would need the same namespace and environment set-up around them.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import altcraft_api
import pytest
import sendsay_api

from emulator import serve
from emulator.sendsay.coverage import OBSERVED_ONLY

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted(
    [
        ROOT / "README.md",
        *(ROOT / "generated" / "python").glob("*/README.md"),
        *(ROOT / "generated" / "docs").glob("*/*.md"),
        ROOT / "docs" / "stat-uni-query.md",
    ]
)
FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>[\w-]*)[ \t]*$")


@dataclass(frozen=True)
class Block:
    path: Path
    line: int  # the first line of the code (1-based)
    code: str  # dedented


def blocks(path: Path) -> list[Block]:
    """The ```python blocks of a Markdown file, with the line each starts on."""
    found: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        indent = opening["indent"]
        end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == "```")
        if opening["lang"] == "python":
            body = "\n".join(lines[i + 1 : end])
            found.append(Block(path, i + 2, textwrap.dedent(body) if indent else body))
        i = end + 1
    return found


def as_module(path: Path) -> str:
    """The document's blocks as one module, each block at its own line numbers."""
    out: list[str] = []
    for block in blocks(path):
        out += [""] * (block.line - 1 - len(out))
        out += block.code.splitlines()
    return "\n".join(out) + "\n"


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


DOCUMENTED = [p for p in DOCUMENTS if blocks(p)]
# The reference docs' examples are the document's: what they name (a member, a draft, a track)
# is not in the fresh emulator's empty account. An answer saying so shows that the request was
# sent and understood. These need more than an account can be given by the examples before them:
NEEDS_STATE = {
    "login.agses.response": "a card registered for two-factor login",
    "member.confirm": "the code a confirmation letter carried",
    "member.import": "users.url: the emulator fetches nothing from the network",
}


def _understood(error: Exception) -> bool:
    """An API error about the account's state, not about the request; or, for an action known
    from observed requests only, the emulator's word that it checked the request and has no
    answer to give."""
    if not isinstance(error, sendsay_api.APIError | altcraft_api.APIError):
        return False
    not_found = all(i.endswith("not_found") or i == "404" for i in error.ids)
    no_answer = error.ids == ["error/emulator/no_answer"] and error.action in OBSERVED_ONLY
    return not_found or no_answer or error.action in NEEDS_STATE


@pytest.fixture(scope="module")
def mypy_messages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """One `mypy --strict` run over every document; its error lines by document."""
    folder = tmp_path_factory.mktemp("examples")
    files: dict[str, str] = {}
    for index, path in enumerate(DOCUMENTED):
        module = folder / f"example_{index}.py"
        module.write_text(as_module(path), encoding="utf-8")
        files[str(module)] = _name(path)
    command = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(ROOT / ".mypy_cache")]
    result = subprocess.run(
        [*command, "--no-error-summary", "--hide-error-context", *files],
        capture_output=True,
        text=True,
        cwd=folder,
        env={**os.environ, "MYPYPATH": str(ROOT)},  # `emulator`, as the README imports it
        check=False,
    )
    messages: dict[str, list[str]] = {name: [] for name in files.values()}
    for line in result.stdout.splitlines():
        module, sep, rest = line.partition(":")
        name = files.get(str(folder / module), files.get(module))
        if sep and name and ": error:" in rest:
            messages[name].append(f"{name}:{rest}")
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return messages


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh emulator on a loopback port; the clients find it, and credentials, through the
    environment, as a user's program does."""
    with serve(port=0) as server:
        base = server.url
        monkeypatch.setenv("SENDSAY_BASE_URL", f"{base}/api")
        monkeypatch.setenv("SENDSAY_LOGIN", "acme")
        monkeypatch.setenv("SENDSAY_PASSWORD", "secret")
        monkeypatch.setenv("ALTCRAFT_BASE_URL", f"{base}/api/v1.1")
        monkeypatch.setenv("ALTCRAFT_TOKEN", "token")
        yield base


@pytest.mark.parametrize("path", DOCUMENTED, ids=_name)
def test_the_examples_pass_mypy_strict(path: Path, mypy_messages: dict[str, list[str]]) -> None:
    assert mypy_messages[_name(path)] == []


@pytest.mark.parametrize("path", DOCUMENTED, ids=_name)
def test_the_examples_run_against_the_emulator(path: Path, emulator: str) -> None:
    namespace: dict[str, object] = {"__name__": "__example__"}
    failures = []
    for block in blocks(path):
        code = compile("\n" * (block.line - 1) + block.code, str(path), "exec")
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                exec(code, namespace)
        except Exception as error:  # every failure is reported, with the block's line
            if path.parent.parent.name == "docs" and _understood(error):
                continue
            failures.append(f"{_name(path)}:{block.line}: {type(error).__name__}: {error}")
    assert failures == []


def test_the_collector_finds_indented_blocks_at_their_lines(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# t\n\n- item\n\n  ```python\n  x = 1\n  y = x\n  ```\n\n```sh\nls\n```\n")
    (block,) = blocks(page)
    assert (block.line, block.code) == (6, "x = 1\ny = x")
    assert as_module(page).splitlines()[5:7] == ["x = 1", "y = x"]
