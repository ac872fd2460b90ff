"""An example that breaks the spec stops every command with the example's file:line."""

from __future__ import annotations

from pathlib import Path

import pytest
from evolution.specs import API, SECTION, write_spec

from codegen.cli import main

EXAMPLES = """\
    examples:
      - name: good
        request: {id: "7", mode: fast}
      - name: bad
        request: {id: 7, mode: turbo}
"""


def test_an_invalid_example_is_a_spec_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    section = SECTION.replace(
        "    responses:\n      - name: ok\n        fields:\n          name:",
        EXAMPLES + "    responses:\n      - name: ok\n        fields:\n          name:",
    )
    spec = write_spec(tmp_path, {"api.yaml": API, "things.yaml": section})
    assert main(["lint", "--spec", str(spec)]) == 2
    err = capsys.readouterr().err
    line = section.splitlines().index("      - name: bad") + 1
    assert f"spec/tiny/things.yaml:{line}: example 'bad' of thing.get: request id:" in err
    assert f"spec/tiny/things.yaml:{line}: example 'bad' of thing.get: request mode:" in err
    assert "'good'" not in err
