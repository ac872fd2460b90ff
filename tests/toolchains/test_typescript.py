"""json-schema-to-typescript turns the whole export of each API into TypeScript (every request,
answer variant, shared definition and envelope), and `tsc --strict` compiles it together with
every document example written as a typed literal (`consumers/ts_check.mjs`)."""

from __future__ import annotations

import tempfile

from consumer_tools import APIS, GENERATED, examples, run_node


def test_typescript_compiles_the_export_and_every_example() -> None:
    with tempfile.TemporaryDirectory(prefix="consumer-ts-") as tmp:
        report = run_node("ts_check.mjs", str(GENERATED), tmp)
    assert report["diagnostics"] == []
    assert set(report["apis"]) == set(APIS)
    for api in APIS:
        expected = sum(
            ("request" in example) + ("response" in example) for _, example in examples(api)
        )
        assert report["apis"][api]["examples"] == expected
        assert report["apis"][api]["types"] > 0
