"""`python -m codegen generate --out DIR` deletes only what it made; each package carries only
the runtime its protocol uses."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from codegen.cli import load_apis
from codegen.python.protocols import PROTOCOLS
from codegen.render import MARKER, OutputError, prepare_output

ROOT = Path(__file__).resolve().parents[2]


def test_generate_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    mine = tmp_path / "notes.txt"
    mine.write_text("keep me", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "codegen", "generate", "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert MARKER in result.stderr and "nothing was deleted" in result.stderr
    assert mine.read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / MARKER).exists()


def test_a_marked_folder_is_emptied_and_marked_again(tmp_path: Path) -> None:
    out = tmp_path / "out"
    prepare_output(out)  # a new folder
    (out / "stale.py").write_text("", encoding="utf-8")
    prepare_output(out)
    assert sorted(p.name for p in out.iterdir()) == [MARKER]


def test_an_empty_folder_is_used_and_a_file_is_refused(tmp_path: Path) -> None:
    prepare_output(tmp_path)
    assert (tmp_path / MARKER).is_file()
    target = tmp_path / "file"
    target.write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match="is a file"):
        prepare_output(target)


def test_each_package_copies_only_its_own_protocol_runtime() -> None:
    for api in load_apis(ROOT / "spec"):
        runtime = ROOT / "generated" / "python" / api.name / api.package / "_runtime"
        modules = {p.stem for p in runtime.glob("*.py")}
        assert api.protocol in modules
        assert not (modules & (PROTOCOLS.keys() - {api.protocol})), api.name
        for path in runtime.parent.rglob("*.py"):
            for logger in re.findall(r"getLogger\(\"([^\"]+)\"\)", path.read_text("utf-8")):
                assert logger.split(".")[0] == api.package, f"{path} logs under {logger}"
