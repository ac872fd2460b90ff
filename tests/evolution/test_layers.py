"""Layers: later changes in spec/<api>/layers/*.yaml, merged into the base with file:line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from evolution.specs import API, SECTION, load

from codegen.errors import SpecError

LAYER = """\
kind: layer
layer: newer
since: "1.1"
title: {en: Newer shapes}
provenance: {observed: ["acme/sdk src/client.py"]}
"""

ADDS = (
    LAYER
    + """\
add:
  operations:
    thing.get:
      params:
        label: {type: string, description: {en: Label.}}
        mode: {enum: [eco]}
    thing.find:
      section: things
      summary: {en: Find things}
      auth: session
      mode: sync
      retry: {safe: true, reason: {en: Reads.}}
      params:
        q: {type: string, required: true, description: {en: Query.}}
      responses:
        - {name: ok, fields: {ids: {type: "list[string]", required: true}}}
  types:
    Colour: {enum: [blue]}
change:
  operations:
    thing.get:
      params:
        size:
          deprecated: {since: "1.1", use: label, message: {en: Use label.}}
"""
)


def test_a_layer_adds_operations_parameters_and_enum_values(tmp_path: Path) -> None:
    api = load(tmp_path, {"api.yaml": API, "things.yaml": SECTION, "layers/newer.yaml": ADDS})
    ops = {op.wire: op for op in api.operations}
    assert api.layers == ["newer"] and api.spec_version == "1.0+newer"
    find = ops["thing.find"]
    assert find.evolution is not None and find.evolution.since == "1.1"
    assert find.evolution.provenance.observed == ("acme/sdk src/client.py",)
    assert find.params[0].evolution is not None and find.params[0].evolution.since == "1.1"
    params = {p.wire: p for p in ops["thing.get"].params}
    label = params["label"]
    assert label.evolution is not None and label.evolution.provenance.is_observed
    assert label.loc.file.endswith("layers/newer.yaml") and label.loc.line == 10
    ident = params["id"]
    assert ident.evolution is not None and ident.evolution.since == "1.0"
    assert ident.evolution.provenance.document == "1.0"
    assert [e.value for e in params["mode"].enum] == ["fast", "slow", "eco"]
    assert [e.value for e in api.types["Colour"].enum] == ["red", "green", "blue"]
    deprecated = params["size"].deprecated
    assert deprecated is not None and deprecated.use == "label"


CONFLICTS = {
    "change of something missing": (
        LAYER + "change:\n  operations:\n    thing.put:\n      summary: {en: x}\n",
        "layers/newer.yaml:8: change: operation 'thing.put' does not exist; add it under `add:`",
    ),
    "change of a missing param": (
        LAYER
        + "change:\n  operations:\n    thing.get:\n      params:\n        nope: {required: true}\n",
        "layers/newer.yaml:10: change: operation thing.get params nope does not exist",
    ),
    "add of an existing param": (
        LAYER + "add:\n  operations:\n    thing.get:\n      params:\n        id: {type: int}\n",
        "layers/newer.yaml:10: add: operation thing.get params id already exists"
        " (defined at spec/tiny/things.yaml:16); change it under `change:`",
    ),
    "new operation without section": (
        LAYER + "add:\n  operations:\n    thing.put: {summary: {en: x}}\n",
        "layers/newer.yaml:8: new operation 'thing.put' needs `section:`",
    ),
    "merged result still checked": (
        LAYER + "add:\n  operations:\n    thing.get:\n      params:\n        x: {type: Nope}\n",
        "layers/newer.yaml:10: unknown type 'Nope'",
    ),
}


@pytest.mark.parametrize("case", CONFLICTS, ids=list(CONFLICTS))
def test_layer_conflicts_name_the_layer_line(tmp_path: Path, case: str) -> None:
    layer, expected = CONFLICTS[case]
    with pytest.raises(SpecError) as info:
        load(tmp_path, {"api.yaml": API, "things.yaml": SECTION, "layers/newer.yaml": layer})
    assert expected in str(info.value)


def test_two_layers_disagreeing_is_an_error_naming_both(tmp_path: Path) -> None:
    change = "change:\n  operations:\n    thing.get:\n      summary: {en: SUMMARY}\n"
    first = LAYER + change.replace("SUMMARY", "Get one thing")
    second = LAYER.replace("newer", "later") + change.replace("SUMMARY", "Get a thing back")
    with pytest.raises(SpecError) as info:
        load(
            tmp_path,
            {
                "api.yaml": API,
                "things.yaml": SECTION,
                "layers/a.yaml": first,
                "layers/b.yaml": second,
            },
        )
    assert (
        "layers/b.yaml:9: change: layers 'newer' (spec/tiny/layers/a.yaml:9) and 'later' set"
        " `summary` of operation thing.get to different values" in str(info.value)
    )


def test_two_layers_adding_the_same_operation(tmp_path: Path) -> None:
    add = (
        "add:\n  operations:\n    thing.put:\n      section: things\n"
        "      summary: {en: Put}\n      auth: session\n      mode: sync\n"
        "      retry: {safe: false, reason: {en: Writes.}}\n      params: {}\n"
        "      responses: [{name: ok, fields: {}}]\n"
    )
    files = {
        "api.yaml": API,
        "things.yaml": SECTION,
        "layers/a.yaml": LAYER + add,
        "layers/b.yaml": LAYER.replace("newer", "later") + add,
    }
    with pytest.raises(SpecError) as info:
        load(tmp_path, files)
    assert "layers/b.yaml:8: add: operation thing.put already exists (added by layer 'newer'" in (
        str(info.value)
    )


RULES = SECTION.replace(
    "    responses:\n",
    "    requires:\n      - {when: 'mode == \"fast\"', params: [size]}\n    responses:\n",
    1,
)


def test_a_layer_adds_rules_and_change_replaces_the_whole_list(tmp_path: Path) -> None:
    adds = LAYER + (
        "add:\n  operations:\n    thing.get:\n"
        "      requires:\n        - {when: 'mode == \"slow\"', params: [colour]}\n"
    )
    api = load(tmp_path, {"api.yaml": API, "things.yaml": RULES, "layers/newer.yaml": adds})
    (get,) = [op for op in api.operations if op.wire == "thing.get"]
    assert [r.params for r in get.requires] == [["size"], ["colour"]]
    loosened = LAYER + (
        "change:\n  operations:\n    thing.get:\n"
        "      requires:\n"
        "        - {when: 'mode == \"fast\" and colour is absent', params: [size]}\n"
    )
    api = load(tmp_path, {"api.yaml": API, "things.yaml": RULES, "layers/newer.yaml": loosened})
    (get,) = [op for op in api.operations if op.wire == "thing.get"]
    assert [r.params for r in get.requires] == [["size"]]
    assert "colour" in str(get.requires[0].when)
