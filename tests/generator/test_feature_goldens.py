"""Goldens a reviewer can read: one small spec per feature, each with its expected output.

Every folder of tests/generator/fixtures/ with an `expected/` folder is a feature fixture: its
spec (the YAML files beside `expected/`) is generated, and the output for it (the Python package
without the runtime copied byte for byte, the JSON Schemas, the reference pages) must equal
`expected/` file by file: a missing, an extra or a changed file fails, with a unified diff.
After an intended change of the templates or the generator, rewrite them with
`UPDATE_GOLDENS=1 .venv/bin/python -m pytest tests/generator/test_feature_goldens.py` and
review the diff of `expected/` like code.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from codegen.cli import diff_trees

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FEATURES = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected").is_dir())
OUTPUTS = ("python", "jsonschema", "docs")  # each holds one folder per API


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every fixture API generated once, the runtime copies left out."""
    out = tmp_path_factory.mktemp("goldens") / "out"
    result = subprocess.run(
        [sys.executable, "-m", "codegen", "generate", "--spec", str(FIXTURES), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for runtime in out.glob("python/*/*/_runtime"):
        shutil.rmtree(runtime)
    return out


def _output_of(generated: Path, feature: str, into: Path) -> Path:
    for kind in OUTPUTS:
        source = generated / kind / feature
        if source.is_dir():
            shutil.copytree(source, into / kind)
    return into


def test_the_features_have_goldens() -> None:
    assert {"flag", "requires", "secret", "union", "variant"} <= set(FEATURES)


@pytest.mark.parametrize("feature", FEATURES)
def test_feature_output_matches_its_golden(feature: str, generated: Path, tmp_path: Path) -> None:
    actual = _output_of(generated, feature, tmp_path / feature)
    expected = FIXTURES / feature / "expected"
    if os.environ.get("UPDATE_GOLDENS"):
        shutil.rmtree(expected)
        shutil.copytree(actual, expected)
    differences = diff_trees(actual, expected)
    update = "UPDATE_GOLDENS=1 .venv/bin/python -m pytest tests/generator/test_feature_goldens.py"
    assert differences == [], "\n".join([*differences, f"intended? rewrite them: {update}"])
