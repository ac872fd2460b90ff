"""docs/stat-uni-query.md is executed: its code blocks run, its examples equal the document's."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from sendsay_api import query as q

from codegen.cli import load_apis

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "stat-uni-query.md").read_text(encoding="utf-8")
INTRO, EXAMPLES = PAGE.split("## The document's examples", 1)
BLOCK = re.compile(r"```(python|json)\n(.*?)```", re.S)
STAT_UNI = next(
    op
    for api in load_apis(ROOT / "spec")
    if api.name == "sendsay"
    for op in api.operations
    if op.wire == "stat.uni"
)


def test_the_guide_runs() -> None:
    namespace: dict[str, Any] = {}
    blocks = [code for lang, code in BLOCK.findall(INTRO) if lang == "python"]
    assert len(blocks) >= 4
    for code in blocks:
        exec(compile(code, "docs/stat-uni-query.md", "exec"), namespace)


def test_every_example_is_shown_and_builds_the_documents_request() -> None:
    sections = re.split(r"^### ", EXAMPLES, flags=re.M)[1:]
    shown = {}
    for section in sections:
        name = section.split("\n", 1)[0].strip()
        blocks = dict(BLOCK.findall(section))
        namespace: dict[str, Any] = dict(vars(q))
        exec(compile(blocks["python"], f"docs/stat-uni-query.md#{name}", "exec"), namespace)
        built = namespace["query"]
        assert isinstance(built, q.StatUni)
        assert built.to_wire() == json.loads(blocks["json"]), name
        shown[name] = json.loads(blocks["json"])
    keys = ("skip", "first", "select", "order", "filter")
    expected = {
        ex.name: {k: v for k, v in ex.request.items() if k in keys}
        for ex in STAT_UNI.examples
        if ex.request
    }
    assert shown == expected
