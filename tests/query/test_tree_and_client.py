"""The generated field tree against the catalogue, group-filter constructors, and the client."""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any

import pytest
from conftest import ScriptedServer
from sendsay_api import Sendsay
from sendsay_api._catalogs import CATALOGS
from sendsay_api.query import A, DateField, F, G, GroupFilter, QueryError, StatUni, current
from sendsay_api.query._field_tree import LEAVES
from sendsay_api.query._vocab import catalogue_field_paths, resolve_field
from sendsay_api.query.expr import PrecisionCode
from sendsay_api.query.group_filter import Cond


def test_tree_leaves_are_the_catalogue_fields_both_ways() -> None:
    assert set(LEAVES) == catalogue_field_paths()
    for wire, code in LEAVES.items():
        leaf = eval(code, {"F": F})
        assert str(leaf) == wire
        info = resolve_field(wire)
        assert info is not None
        assert isinstance(leaf, DateField) == info.is_date
        assert hasattr(leaf, "is_null") == info.nullable, wire


def test_precisions_are_the_catalogue_ones() -> None:
    codes = [e["name"] for e in CATALOGS["stat_uni_date_precisions"]["entries"]]
    assert list(typing.get_args(PrecisionCode)) == codes
    for code in codes:
        assert str(getattr(F.click.dt, code)) == f"click.dt:{code}"


def test_kinds_and_aliases() -> None:
    assert str(A.count(F.deliv_ok)) == "count(deliv_ok)"
    assert str(F.deliv_bad.member.email) == "deliv_bad.member.email"
    assert str(F.summary.issue.group.name) == "*.issue.group.name"
    assert str(F.member.anketa("a1", "q1")) == "member.anketa.a1.q1"


def test_every_which_has_a_constructor() -> None:
    built = [
        G.member_of("abc"),
        G.not_member_of("abc"),
        G.stat_uni([F.click.dt.YD.ge("2013-09-01")], cache={"mode": "use", "key": "k"}),
        G.any("a", "q", ["1"]),
        G.each("a", "q", ["1", "2"]),
        G.atleast("a", "q"),
        G.empty("a", "q"),
        *(G.int_compare(op, "a", "q", 2) for op in ("!=", "==", "<", "<=", ">=", ">")),
        *(G.now(w, "a", "q") for w in ("nowy", "nowm", "nowd")),
        *(G.date_now(w, "a", "q", shift=-2) for w in ("dtnow", "dtnowne", "dtnowlt")),
        *(G.date_now(w, "a", "q") for w in ("dtnowle", "dtnowge", "dtnowgt")),
        G.month_day_now("a", "q", shift=1),
        G.year_now("a", "q"),
        G.month_now("a", "q"),
        G.day_now("a", "q"),
        G.empty_string("a", "q"),
        G.dirty_string("a", "q"),
        *(G.string_compare(w, "a", "q", "x") for w in ("ne", "eq", "lt", "le", "ge", "gt")),
        *(G.substring(w, "a", "q", "x") for w in ("has", "nhas", "beg", "nbeg", "end", "nend")),
    ]
    conditions = {e["name"] for e in CATALOGS["group_filter_which"]["entries"]}
    conditions -= {"AND", "OR", "group"}
    assert {c.which for c in built} == conditions
    for c in built:
        f = G.of(c)
        assert [p for p in f.problems() if p.severity == "error"] == [], c
        assert GroupFilter.from_wire(f.to_wire()) == f


def test_joins_never_rely_on_precedence() -> None:
    a, b, c = G.member_of("a"), G.member_of("b"), G.member_of("c")
    assert (a & b | c).to_wire() == [
        {"which": "group", "group": [*G.of(a).to_wire(), {"which": "AND"}, *G.of(b).to_wire()]},
        {"which": "OR"},
        *G.of(c).to_wire(),
    ]
    assert [e["which"] for e in (a | b | c).to_wire()] == ["PRF", "OR", "PRF", "OR", "PRF"]


PRF_A = {"which": "PRF", "pid": "a", "resp": 1}
NULL_ID = {"a": "issue.id", "op": "is_null"}


@pytest.mark.parametrize(
    ("wire", "code"),
    [
        ([], "empty-filter"),
        ([{"which": "=>", "aid": "a", "qid": "q", "resp": "1"}], "which-unknown"),
        ([{"which": "dtnowd", "aid": "a", "qid": "q", "reps": "+1"}], "which-fields"),
        ([{"which": "atleast", "aid": "a"}], "which-fields"),
        ([{"which": "PRF", "pid": "a", "resp": 2}], "resp-value"),
        ([{"which": "<", "aid": "a", "qid": "q", "resp": "x"}], "resp-value"),
        ([{"which": "dtnow", "aid": "a", "qid": "q", "resp": "tomorrow"}], "resp-value"),
        ([{"which": "any", "aid": "a", "qid": "q", "resp": "1"}], "resp-value"),
        ([PRF_A, PRF_A], "join-position"),
        ([PRF_A, {"which": "AND"}], "join-position"),
        ([{"which": "has", "aid": "a", "qid": "q", "resp": "x"}], "slow-filter"),
        ([{"which": "stat.uni", "resp": 1, "filter": [NULL_ID]}], "is-null-not-nullable"),
        ([{"which": "group", "group": []}], "empty-filter"),
    ],
)  # fmt: skip
def test_group_filter_rules(wire: list[Any], code: str) -> None:
    found = GroupFilter.from_wire(wire).problems()
    assert code in {p.code for p in found}, [str(p) for p in found]
    assert GroupFilter.from_wire(wire).to_wire() == wire


def test_document_spelling_hints() -> None:
    (p,) = GroupFilter.from_wire([{"which": "=>", "aid": "a", "qid": "q", "resp": "1"}]).problems()
    assert "did you mean '>='" in p.message
    wire = [{"which": "dtnowd", "aid": "a", "qid": "q", "reps": "+1"}]
    (p,) = GroupFilter.from_wire(wire).problems()
    assert p.where == "filter[0].reps" and "'resp'" in p.message


def test_names_are_read_and_dropped_for_set() -> None:
    cond = Cond("PRF", (("resp", 1), ("pid", "abc"), ("pid.name", "ABC")))
    assert cond.names() == {"pid.name": "ABC"}
    assert G.of(cond).for_set() == [{"which": "PRF", "resp": 1, "pid": "abc"}]


Scripted = Callable[..., ScriptedServer]


def test_client_sends_a_built_query(scripted: Scripted) -> None:
    server = scripted({"list": [["2013-09-18", 120]]})
    client = Sendsay(session="s", transport=server.transport())
    query = StatUni(
        select=[F.click.dt.YD, A.count()],
        order=[F.click.dt.YD.desc()],
        filter=[F.click.dt.ge(current(months=-1, days=4)), F.issue.draft.id.not_null()],
    )
    answer = client.stat.uni(**query.kwargs(), first=100)
    assert answer.list == [["2013-09-18", 120]]
    (body,) = server.bodies()
    assert body["select"] == ["click.dt:YD", "count(*)"]
    assert body["order"] == ["-click.dt:YD"]
    assert body["filter"] == [
        {"a": "click.dt", "op": ">=", "v": "current - 1 month + 4 days"},
        {"a": "issue.draft.id", "op": "!is_null"},
    ]
    assert body["first"] == 100


def test_client_gets_nothing_when_the_query_breaks_a_rule(scripted: Scripted) -> None:
    server = scripted()
    client = Sendsay(session="s", transport=server.transport())
    with pytest.raises(QueryError, match="unique"):
        client.stat.uni(**StatUni(select=[A.unique()]).kwargs())
    assert server.requests == []


def test_group_filter_goes_to_group_filter_set(scripted: Scripted) -> None:
    server = scripted({})
    client = Sendsay(session="s", transport=server.transport())
    f = G.member_of("abc") & G.stat_uni([F.click.dt.YD.ge("2013-09-01")])
    client.group.filter_set(id="vip", filter=f.for_set())
    (body,) = server.bodies()
    assert body["filter"][2] == {
        "which": "stat.uni",
        "resp": 1,
        "filter": [{"a": "click.dt:YD", "op": ">=", "v": "2013-09-01"}],
    }
