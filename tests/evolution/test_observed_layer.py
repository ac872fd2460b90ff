"""The observed layer (spec/sendsay/layers/observed.yaml) against the base: additive only, and
everything it adds is marked observed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from codegen import apidiff
from codegen.build import build_api
from codegen.loader import load_tree
from codegen.python.naming import assign_names
from codegen.surface import api_surface

ROOT = Path(__file__).resolve().parents[2]


def surfaces() -> tuple[dict[str, Any], dict[str, Any]]:
    files = load_tree(ROOT / "spec")["sendsay"]
    base = [f for f in load_tree(ROOT / "spec")["sendsay"] if "/layers/" not in f.path]
    assert len(base) < len(files)
    return (
        api_surface(build_api(base, naming=assign_names)),
        api_surface(build_api(files, naming=assign_names)),
    )


def test_the_layer_is_additive_and_marks_what_it_adds_observed() -> None:
    before, after = surfaces()
    diff = apidiff.diff_surfaces(before, after)
    assert diff.of(apidiff.BREAKING) == []
    added_ops = [c.operation for c in diff.changes if c.where == "operation"]
    assert {"batch", "issue.send.test", "member.exists"} <= set(added_ops)
    for wire in added_ops:
        assert after["operations"][wire].get("observed"), wire
    send = after["operations"]["issue.send"]["request"]
    for path in (
        "letter",
        "group",
        "letter/subject",
        "letter/from.name",
        "letter/from.email",
        "letter/message/html",
        "letter/message/text",
        "letter/message/amp",
        "letter/draft.id",
        "letter/attaches[]/content",
    ):
        assert send[path].get("observed"), path
    assert after["envelope"]["apikey"].get("observed")
    assert "gid" in send and not send["gid"]["required"]  # the 0.108 form stays
