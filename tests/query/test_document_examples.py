"""Every stat.uni example of the document, and its group-filter example, through the builder.

Each example is parsed, checked, rebuilt (from the parsed pieces and from the builder source
`to_python()` writes) and compared with the request byte for byte. Where an example breaks
the document's own rules, the expected finding is listed here and the checker must report it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from sendsay_api import query as q
from sendsay_api.query import GroupFilter, StatUni

from codegen.cli import load_apis

ROOT = Path(__file__).resolve().parents[2]
VECTORS = json.loads(
    (ROOT / "generated/service/sendsay/examples.json").read_text(encoding="utf-8")
)["examples"]
QUERY_KEYS = ("skip", "first", "select", "order", "filter")


def _query(request: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in request.items() if k in QUERY_KEYS}


EXAMPLES = [(v["name"], _query(v["request"])) for v in VECTORS["stat.uni"] if "request" in v]

# The findings the document's own examples must produce (example -> codes); every other
# example is clean: no error and no warning.
BREACHES = {
    # click year >= 2011 AND click year <= 2010: the filter can never match.
    "clicks_by_time_5": ["filter-never-matches"],
    # count(deliv.*) is none of the documented forms of count.
    "stat_issue_delivering_replacement_2": ["aggregate-form"],
    "stat_issue_delivering_replacement_3": ["aggregate-form"],
}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def test_all_examples_are_covered() -> None:
    # The template request plus the 49 examples of "Примеры запросов универсальной статистики".
    assert len(EXAMPLES) == 50


@pytest.mark.parametrize(("name", "request_"), EXAMPLES, ids=[n for n, _ in EXAMPLES])
def test_example_round_trip_and_rules(name: str, request_: dict[str, Any]) -> None:
    query = StatUni.from_wire(request_)
    assert _dumps(query.to_wire()) == _dumps(request_)  # string -> builder -> string, exact
    for item, text in zip(query.select, request_.get("select", ()), strict=True):
        assert str(item) == text
    codes = sorted(p.code for p in query.problems())
    assert codes == sorted(BREACHES.get(name, []))
    rebuilt = eval(query.to_python(), vars(q))  # the builder source the docs show
    assert rebuilt == query
    assert rebuilt.to_wire() == request_


def _original_select(original: str) -> list[str] | None:
    match = re.search(r'"select"\s*:\s*\[(.*?)\]', original, re.S)
    return re.findall(r'"([^"]*)"', match.group(1)) if match else None


SPEC = {api.name: api for api in load_apis(ROOT / "spec")}["sendsay"]
STAT_UNI = next(op for op in SPEC.operations if op.wire == "stat.uni")
ORIGINALS = [
    (ex.name, _original_select(ex.original), ex.request.get("select"))
    for ex in STAT_UNI.examples
    if ex.original and ex.request and ex.name != "request"
]
# Where the spec corrected the document's select strings; the checker reports each original.
DOCUMENT_SPELLINGS = {
    "issue_activity_fast_1": ("issue,u_clicked", "syntax"),
    "clicks_of_member_2": ("click.link.url ", "syntax"),
}


@pytest.mark.parametrize(("name", "original", "fixed"), ORIGINALS, ids=[n for n, *_ in ORIGINALS])
def test_document_spellings_of_select(name: str, original: list[str], fixed: list[str]) -> None:
    assert len(ORIGINALS) == 49
    query = StatUni(select=[q.parse_select_item(s) for s in original])
    assert [str(s) for s in query.select] == original
    if original == fixed:
        assert name not in DOCUMENT_SPELLINGS
        return
    text, code = DOCUMENT_SPELLINGS[name]
    problems = [p for p in query.problems() if p.code == code]
    assert [str(query.select[int(p.where[7:-1])]) for p in problems] == [text]


def test_the_checker_names_the_breach() -> None:
    query = StatUni.from_wire(dict(EXAMPLES)["clicks_by_time_5"])
    (problem,) = query.problems()
    assert problem.severity == "warning"
    assert "click.dt:YY" in problem.message and "selects nothing" in problem.message
    query.check()  # warnings only: the document's example can still be sent


# ------------------------------------------------------------------------------ group filter


def _vector(action: str, name: str) -> Any:
    return next(v for v in VECTORS[action] if v["name"] == name)


def test_group_filter_example_when_written() -> None:
    wire = _vector("group.filter.set", "request_example")["request"]["filter"]
    parsed = GroupFilter.from_wire(wire)
    assert _dumps(parsed.to_wire()) == _dumps(wire)
    assert parsed.problems() == []
    built = (
        q.G.int_compare("<=", "member", "error", 2)
        & q.G.any("personal", "region", ["RU01", "RU13", "RU40"])
        & q.G.month_day_now("personal", "birthday", shift=1)
        & (q.G.member_of("abc") | q.G.member_of("xyz"))
    )
    assert built.for_set() == wire
    assert _dumps(built.to_wire()).replace(" ", "") != ""  # renders
    assert _dumps(GroupFilter.from_wire(wire).for_set()) == _dumps(built.for_set())


def test_group_filter_example_when_read_keeps_names_and_set_drops_them() -> None:
    read = _vector("group.filter.get", "answer_example")["response"]["filter"]
    written = _vector("group.filter.set", "request_example")["request"]["filter"]
    parsed = GroupFilter.from_wire(read)
    assert _dumps(parsed.to_wire()) == _dumps(read)  # names kept when read
    assert parsed.problems() == []
    assert parsed.for_set() == written  # aid.name, qid.name, pid.name and resp names dropped
    region = parsed.elements[2]
    assert isinstance(region, q.Cond)
    assert region.names() == {
        "aid.name": "Персональные данные",
        "qid.name": "Регион",
        "resp": {"RU01": "Адыгея", "RU13": "Мордовия", "RU40": "Калуга"},
    }


def test_every_kind_example_round_trips_and_mixing_joins_is_reported() -> None:
    wire = _vector("group.filter.set", "request_every_kind")["request"]["filter"]
    parsed = GroupFilter.from_wire(wire)
    assert _dumps(parsed.to_wire()) == _dumps(wire)
    codes = {p.code for p in parsed.problems()}
    # Not the document's example: the spec's one-of-each list mixes AND and OR on one level
    # (the document says to use brackets) and uses the slow string filters.
    assert codes == {"join-precedence", "slow-filter"}
    assert all(p.severity == "warning" for p in parsed.problems())
