"""A deprecated method or parameter keeps working, warns at run time and is flagged by mypy."""

from __future__ import annotations

import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import httpx
import pytest
from evolution.specs import API, SECTION, write_spec

ROOT = Path(__file__).resolve().parents[2]
DEPRECATED = SECTION.replace(
    "size: {type: int | string, description: {en: Size.}}",
    'size: {type: int | string, description: {en: Size.}, deprecated: {since: "1.1", use: mode,'
    " message: {en: The server ignores it.}}}",
).replace(
    "    summary: {en: Delete a thing}\n",
    "    summary: {en: Delete a thing}\n"
    '    deprecated: {since: "1.2", use: thing.get, message: {en: Things are kept.}}\n',
)
USER = """\
from tiny_api import Tiny

client = Tiny(session="s")
client.thing.get(id="1", mode="fast")
client.thing.get(id="1", size=3)
client.thing.delete(id="1")
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ModuleType, Path]]:
    root = tmp_path_factory.mktemp("deprecated")
    spec = write_spec(root, {"api.yaml": API, "things.yaml": DEPRECATED})
    out = root / "generated"
    done = subprocess.run(
        [sys.executable, "-m", "codegen", "generate", "--spec", str(spec), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    package = out / "python" / "tiny"
    sys.path.insert(0, str(package))
    try:
        import tiny_api

        yield tiny_api, package
    finally:
        sys.path.remove(str(package))
        for name in [m for m in sys.modules if m.startswith("tiny_api")]:
            del sys.modules[name]


def answering(answer: dict[str, object]) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(200, json=answer))


def test_a_deprecated_parameter_works_and_warns(tiny: tuple[ModuleType, Path]) -> None:
    module, _ = tiny
    client = module.Tiny(session="s", transport=answering({"name": "n"}))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert client.thing.get(id="1", mode="fast").name == "n"  # no warning
    with pytest.warns(DeprecationWarning, match=r"client.thing.get\(size=...\).*use `mode`"):
        assert client.thing.get(id="1", size=3).name == "n"


def test_a_deprecated_method_works_and_warns(tiny: tuple[ModuleType, Path]) -> None:
    module, _ = tiny
    client = module.Tiny(session="s", transport=answering({}))
    with pytest.warns(DeprecationWarning, match=r"client.thing.delete\(\).*since 1.2: use"):
        client.thing.delete(id="1")


def test_mypy_flags_the_deprecated_calls_only(tiny: tuple[ModuleType, Path]) -> None:
    _, package = tiny
    user = package / "user.py"
    user.write_text(USER, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--enable-error-code", "deprecated", "user.py"],
        cwd=package,
        capture_output=True,
        text=True,
        check=False,
    )
    flagged = sorted(
        line.split(":")[1] for line in done.stdout.splitlines() if "[deprecated]" in line
    )
    assert flagged == ["5", "6"], done.stdout
    assert "size is deprecated" in done.stdout or "use `mode`" in done.stdout


def test_docstrings_say_it(tiny: tuple[ModuleType, Path]) -> None:
    module, _ = tiny
    client = module.Tiny(session="s", transport=answering({}))
    get = " ".join((client.thing.get.__doc__ or "").split())
    delete = " ".join((client.thing.delete.__doc__ or "").split())
    assert "Deprecated since 1.1: use `mode`. The server ignores it." in get
    assert "Deprecated since 1.2: use `thing.get`. Things are kept." in delete
