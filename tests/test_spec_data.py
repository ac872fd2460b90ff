"""Data tests over the whole spec: completeness, ASCII wire names, text, examples."""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import referencing
from altcraft_api.operations import OPERATIONS as ALTCRAFT
from sendsay_api.operations import OPERATIONS as SENDSAY

from codegen.cli import load_apis
from codegen.model import Api, Operation

ROOT = Path(__file__).resolve().parents[1]
APIS = {api.name: api for api in load_apis(ROOT / "spec")}
RUNTIME_OPS = {"sendsay": SENDSAY, "altcraft": ALTCRAFT}
SEEDS = Path(os.environ.get("SEEDS_DIR", ROOT.parent / "shared" / "seeds"))


def document() -> str:
    """The Sendsay source document (shared/seeds beside the clone, as in CI)."""
    path = SEEDS / "003_14eb9e9c1a4972f7.txt"
    if not path.exists():
        pytest.skip(f"the source document is not at {path} (set SEEDS_DIR)")
    return path.read_text(encoding="utf-8")


SLICE = [
    "ping",
    "pong",
    "login",
    "login.agses.challenge",
    "login.agses.response",
    "logout",
    "track.list",
    "track.get",
    "anketa.list",
    "anketa.get",
    "anketa.delete",
    "anketa.create",
    "anketa.set",
    "anketa.quest.add",
    "anketa.quest.set",
    "anketa.quest.delete",
    "anketa.quest.order",
    "anketa.quest.response.delete",
    "anketa.quest.response.order",
    "email.test",
    "member.get",
    "member.set",
    "member.confirm",
    "member.delete",
    "member.list",
    "member.list.count",
    "member.import",
    "member.import.probe",
    "member.sendconfirm",
    "member.update",
]


def all_ops() -> list[tuple[Api, Operation]]:
    return [(api, op) for api in APIS.values() for op in api.operations]


def op_id(item: tuple[Api, Operation]) -> str:
    return item[1].wire


def test_the_slice_is_in_the_spec() -> None:
    assert sorted(SLICE) == sorted(o.wire for o in APIS["sendsay"].operations if o.wire in SLICE)
    assert {o.wire for o in APIS["altcraft"].operations} == {
        "resources/refresh_counters",
        "tasks/status",
    }


def test_every_slice_action_is_named_in_the_document() -> None:
    text = document()
    documented = set(re.findall(r'"action"\s*:\s*"([^"]+)"', text))
    assert set(SLICE) <= documented


@pytest.mark.parametrize("item", all_ops(), ids=op_id)
def test_wire_names_are_ascii_and_texts_bilingual(item: tuple[Api, Operation]) -> None:
    api, op = item
    assert op.wire.isascii()
    assert op.summary.en
    for p in op.params:
        assert p.wire.isascii(), p.wire
        assert p.description is not None and p.description.en, f"{op.wire}.{p.wire}"
        if api.name == "sendsay":
            assert p.description.ru, f"{op.wire}.{p.wire} lacks the Russian original"


def test_every_named_type_field_is_ascii_and_described() -> None:
    for api in APIS.values():
        for t in api.types.values():
            for f in t.fields:
                assert f.wire.isascii(), f"{t.name}.{f.wire}"
                assert f.description is not None, f"{t.name}.{f.wire} has no description"


@functools.cache
def _registry(api: str) -> referencing.Registry[Any]:
    folder = ROOT / "generated" / "jsonschema" / api
    resources = []
    for path in folder.glob("*.schema.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, referencing.Resource.from_contents(doc)))
        resources.append((doc["$id"], referencing.Resource.from_contents(doc)))
    return referencing.Registry().with_resources(resources)


def _schema(api: str, op: Operation, kind: str) -> dict[str, Any]:
    name = op.wire.replace("/", ".") + f".{kind}.schema.json"
    return json.loads((ROOT / "generated" / "jsonschema" / api / name).read_text(encoding="utf-8"))


EXAMPLES = [(api, op, ex) for api, op in all_ops() for ex in op.examples]


@pytest.mark.parametrize("case", EXAMPLES, ids=lambda c: f"{c[1].wire}:{c[2].name}")
def test_document_examples_are_valid(case: Any) -> None:
    api, op, example = case
    registry = _registry(api.name)
    runtime_op = RUNTIME_OPS[api.name][op.wire]
    if example.request is not None:
        params = dict(example.request)
        assert runtime_op.check(params) == [], [str(i) for i in runtime_op.check(params)]
        jsonschema.Draft202012Validator(
            _schema(api.name, op, "request"), registry=registry
        ).validate(params)
    if example.response is not None:
        jsonschema.Draft202012Validator(
            _schema(api.name, op, "response"), registry=registry
        ).validate(example.response)
        decoded = []
        for variant in op.variants:
            module = __import__(f"{api.package}.models", fromlist=[variant.type_name])
            try:
                decoded.append(
                    getattr(module, variant.type_name).from_wire(
                        json.loads(json.dumps(example.response))
                    )
                )
            except Exception:  # another variant may fit
                continue
        assert decoded, f"no response variant of {op.wire} decodes the example {example.name}"


def test_generated_schemas_are_valid_draft_2020_12() -> None:
    for path in (ROOT / "generated" / "jsonschema").rglob("*.schema.json"):
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


NOT_ACTIONS = {"действие"}  # the `action` field inside a sys.log answer entry


def test_every_action_of_the_document_is_in_the_spec() -> None:
    documented = set(re.findall(r'"action"\s*:\s*"([^"]+)"', document())) - NOT_ACTIONS
    ops = APIS["sendsay"].operations
    by_spelling = {op.document_spelling: op.wire for op in ops if op.document_spelling}
    wanted = {by_spelling.get(name, name) for name in documented}
    assert wanted  # the scan of the document itself works
    from_document = {op.wire for op in ops if op.evolution and op.evolution.provenance.document}
    assert wanted == from_document


def test_document_spellings_differ_and_wire_names_are_ascii() -> None:
    for api in APIS.values():
        for op in api.operations:
            if op.document_spelling:
                assert op.document_spelling != op.wire and op.wire.isascii()
        fields = [f for t in api.types.values() for f in t.fields]
        fields += [p for op in api.operations for p in op.params]
        for f in fields:
            assert f.wire.isascii(), f.wire
            if f.document_spelling:
                assert f.document_spelling != f.wire, f.wire


LOOK_ALIKES = str.maketrans("аеорсухАВЕКМНОРСТХ", "aeopcyxABEKMHOPCTX")


def test_every_look_alike_identifier_of_the_document_is_recorded() -> None:
    """A Latin identifier the document writes with a Cyrillic look-alike letter (`datа`,
    `сurrent`) is quoted in the spec, as a `document_spelling` or in a `note` beside it."""
    words = set(re.findall(r"[A-Za-zА-Яа-яЁё0-9_.*!-]+", document()))
    identifiers = {
        w
        for w in words
        if re.search(r"[А-Яа-яЁё]", w)
        and re.fullmatch(r"[a-z][a-z0-9_.*]*", w.translate(LOOK_ALIKES))
    }
    assert identifiers  # the document has some: the scan itself works
    spec_text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "spec").rglob("*.yaml"))
    assert sorted(w for w in identifiers if w not in spec_text) == []


def test_sendsay_text_is_bilingual_everywhere() -> None:
    missing = []
    api = APIS["sendsay"]
    for op in api.operations:
        if not op.summary.ru:
            missing.append(f"{op.wire}: summary")
        for p in op.params:
            if p.description is None or not p.description.ru:
                missing.append(f"{op.wire}.{p.wire}")
    for t in api.types.values():
        for f in t.fields:
            if f.description is None or not f.description.ru:
                missing.append(f"{t.name}.{f.wire}")
    assert missing == []


# Calls the reliability issue names as never to be repeated automatically, and reads that must be.
NEVER_REPEATED = {
    "issue.send",
    "member.import",
    "sequence.member.start",
    "member.delete",
    "member.sendconfirm",
    "issue.split.winner",
    "lenta.send",
    "sys.message",
}
ALWAYS_REPEATED = {"ping", "member.get", "track.get", "track.list", "anketa.get", "tasks/status"}


def test_every_operation_says_whether_it_may_be_repeated_and_why() -> None:
    ops = dict((op.wire, op) for _, op in all_ops())
    assert len(ops) == len(SENDSAY) + len(ALTCRAFT)
    for op in ops.values():
        assert op.retry.reason.en.strip(), op.wire
    assert {w for w in NEVER_REPEATED if ops[w].retry.safe} == set()
    assert {w for w in ALWAYS_REPEATED if not ops[w].retry.safe or ops[w].retry.unless} == set()
    deletes = [w for w in ops if w.endswith(".delete") and ops[w].retry.safe]
    assert deletes == []


@pytest.mark.parametrize("item", all_ops(), ids=op_id)
def test_the_runtime_carries_the_retry_mark(item: tuple[Api, Operation]) -> None:
    api, op = item
    runtime = RUNTIME_OPS[api.name][op.wire]
    assert runtime.idempotent is op.retry.safe
    assert (runtime.unsafe_when is not None) is (op.retry.unless is not None)


REQUIRES_CASES = [
    ({"gid": "g1", "sendwhen": "later", "draft.id": 1}, False),
    ({"gid": "g1", "sendwhen": "later", "draft.id": 1, "later.time": "2026-12-24 09:30"}, True),
    ({"gid": "g1", "sendwhen": "delay", "draft.id": 1}, False),
    ({"gid": "g1", "sendwhen": "test", "draft.id": 1}, False),
    ({"gid": "g1", "sendwhen": "test", "draft.id": 1, "mca": ["a@b.c"]}, True),
    ({"gid": "masssending", "sendwhen": "now", "draft.id": 1}, False),
    ({"gid": "masssending", "sendwhen": "now", "draft.id": 1, "users.url": "https://x"}, True),
    ({"gid": "personal", "sendwhen": "now", "email": "a@b.c"}, False),
    ({"gid": "personal", "sendwhen": "now", "email": "a@b.c", "draft.id": 1}, True),
]


@pytest.mark.parametrize(("params", "valid"), REQUIRES_CASES)
def test_requires_rules_agree_in_the_checker_and_the_json_schema(
    params: dict[str, Any], valid: bool
) -> None:
    """`requires` becomes generated checks and JSON Schema `if`/`then`: both say the same."""
    op = next(o for o in APIS["sendsay"].operations if o.wire == "issue.send")
    validator = jsonschema.Draft202012Validator(
        _schema("sendsay", op, "request"), registry=_registry("sendsay")
    )
    assert validator.is_valid(params) is valid
    assert (SENDSAY["issue.send"].check(params) == []) is valid
