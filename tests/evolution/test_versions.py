"""Package versions follow the spec: `__version__` from the release baseline bumped by the kind
of change (semver), `SPEC_VERSION` the document's version plus the layers, a generated
CHANGELOG.md from the diff."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from evolution.specs import API, SECTION, write_spec

from codegen import apidiff
from codegen.cli import main
from codegen.compat import bump

LAYER = """\
kind: layer
layer: newer
since: "1.1"
title: {en: Newer shapes}
provenance: {observed: ["acme/sdk src/client.py"]}
add:
  operations:
    thing.get:
      params:
        label: {type: string, description: {en: Label.}}
"""


@pytest.mark.parametrize(
    ("kind", "version"),
    [
        (apidiff.BREAKING, "2.0.0"),
        (apidiff.ADDITIVE, "1.5.0"),
        (apidiff.DOCUMENTATION, "1.4.4"),
        (None, "1.4.3"),
    ],
)
def test_semver_bump(kind: str | None, version: str) -> None:
    assert bump("1.4.3", kind) == version


def test_generated_package_carries_versions_and_changelog(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write_spec(tmp_path, {"api.yaml": API, "things.yaml": SECTION})
    assert main(["release", "--spec", str(spec)]) == 0
    write_spec(tmp_path, {"layers/newer.yaml": LAYER})
    out = tmp_path / "generated"
    assert main(["generate", "--spec", str(spec), "--out", str(out)]) == 0
    package = out / "python" / "tiny"
    init = (package / "tiny_api" / "__init__.py").read_text(encoding="utf-8")
    assert '__version__ = "0.2.0"' in init
    assert 'SPEC_VERSION = "1.0+newer"' in init
    pyproject = tomllib.loads((package / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["version"] == "0.2.0"
    changelog = (package / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## 0.2.0 (spec 1.0+newer)\n\n### Additive\n\n" in changelog
    assert "- `thing.get`: request param label: added (optional, string) [observed]" in changelog
    assert changelog.index("## 0.2.0") < changelog.index("## 0.1.0 (spec 1.0)")
    capsys.readouterr()
