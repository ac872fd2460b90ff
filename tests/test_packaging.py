"""The repository's packaging: the root refuses to install, the toolchain is pinned, and each
generated package builds a wheel that stands alone (license, metadata, typed marker)."""

from __future__ import annotations

import email
import importlib.util
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = sorted(p.parent for p in (ROOT / "generated" / "python").glob("*/pyproject.toml"))
# The tools whose version decides the bytes `make generate` writes.
BYTE_DECIDING = ("ruff", "mypy", "jinja2", "ruamel.yaml")


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def test_pip_install_of_the_root_stops_with_a_message() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    system = config["build-system"]
    assert "project" not in config  # nothing for pip to install by mistake
    path = ROOT / system["backend-path"][0] / f"{system['build-backend']}.py"
    spec = importlib.util.spec_from_file_location("backend", path)
    assert spec is not None and spec.loader is not None
    backend = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(backend)
    for hook in ("get_requires_for_build_wheel", "build_wheel", "build_editable"):
        with pytest.raises(SystemExit) as refused:
            getattr(backend, hook)("dist")
        assert "pip install generated/python/sendsay" in str(refused.value.code)


def test_every_development_tool_is_pinned_and_installed_at_its_pin() -> None:
    from importlib.metadata import version

    pins = _pins()
    groups = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for requirement in [r for g in groups["dependency-groups"].values() for r in g]:
        name = re.sub(r"[-_.]+", "-", re.split(r"[<>=!~\[ ;]", requirement)[0]).lower()
        assert name in pins, f"{name} is not pinned in constraints.txt"
    for tool in BYTE_DECIDING:
        assert version(tool) == pins[re.sub(r"[-_.]+", "-", tool).lower()], tool


def test_every_pip_install_of_the_makefile_uses_the_pins() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PIP := .*pip install .*-c \$\(CONSTRAINTS\)$", makefile, re.M)
    recipes = makefile.split("\nlock:", 1)[0]  # `make lock` resolves afresh, by design
    assert "pip install" not in recipes.replace("PIP := $(BIN)/python -m pip install", "")


@pytest.fixture(scope="module", params=PACKAGES, ids=lambda p: p.name)
def wheel(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(out),
            request.param,
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("*.whl")
    return built


def test_a_wheel_carries_license_typed_marker_and_metadata(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(archive.read(metadata_name))
        package = names[0].split("/")[0]
        docstring = archive.read(f"{package}/__init__.py").decode()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert f"{package}/py.typed" in names
    assert f"{package}/_runtime/errors.py" in names  # subpackages come along
    assert metadata["License-Expression"] == "MIT"
    assert "Typing :: Typed" in metadata.get_all("Classifier", [])
    assert all(url.split(", ")[1].startswith("https://") for url in metadata.get_all("Project-URL"))
    assert "pip install" in metadata.get_payload()  # the README is the long description
    # The docstring speaks of the API document, not of files the user cannot see.
    head = docstring.split('"""')[1]
    assert "spec/" not in head and ".txt" not in head
