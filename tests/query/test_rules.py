"""The rules of the stat.uni language: each with a breach the checker reports and a clean case."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from sendsay_api._catalogs import CATALOGS
from sendsay_api.query import (
    A,
    F,
    QueryError,
    StatUni,
    current,
    field,
    parse_condition,
    parse_select_item,
    parse_time_expr,
)
from sendsay_api.query._vocab import syntax


def flt(a: str, op: str, *v: Any) -> dict[str, Any]:
    """A query selecting issue.id with one filter element (`v` left out when not given)."""
    return {"select": ["issue.id"], "filter": [{"a": a, "op": op, **({"v": v[0]} if v else {})}]}


ID_IS_1 = {"a": "issue.id", "op": "==", "v": 1}


def codes(**wire: Any) -> list[str]:
    return sorted(p.code for p in StatUni.from_wire(wire).problems())


def test_document_syntax_examples() -> None:
    """The correct and wrong select/order/precision examples of the document's comments."""
    placeholders = {"unknown-field", "combination-undocumented"}  # a, b, c are not fields
    expected = {
        "a,b,avg(a)": "selected-and-aggregated",
        "a,b,unique(*),avg(e)": "unique-all-with-function",
        "unique(*)": "unique-all-alone",
        "dt:hY": "precision",
    }
    entries = CATALOGS["stat_uni_syntax_examples"]["entries"]
    assert {e["name"] for e in entries if not e["valid"]} == {*expected, '"2010-05-04" for Ys'}
    for e in entries:
        if e["part"] not in ("select", "order", "precision"):
            continue
        key = "order" if e["part"] == "order" else "select"
        found = set(codes(**{key: e["items"]})) - placeholders
        assert found == ({expected[e["name"]]} if not e["valid"] else set()), e["name"]


@pytest.mark.parametrize(
    ("wire", "code"),
    [
        ({"select": ["issue.nme"]}, "unknown-field"),
        ({"select": ["click.dt:hY"]}, "precision"),
        ({"select": ["click.dt:YX"]}, "precision"),
        ({"select": ["issue.name:YM"]}, "precision"),
        ({"select": ["click.dt:YM", "max(click.dt:YD)"]}, "selected-and-aggregated"),
        ({"select": ["issue.name", "unique(*)", "count(*)"]}, "unique-all-with-function"),
        ({"select": ["unique(*)"]}, "unique-all-alone"),
        ({"select": ["count(issue.id)"]}, "aggregate-form"),
        ({"select": ["max(*)"]}, "aggregate-form"),
        ({"select": ["issue.id", "count(unique *)"]}, "aggregate-form"),
        ({"select": ["issue.id"], "order": ["unique(*)"]}, "select-only"),
        ({"select": ["member.anketa.a1.q1"], "order": ["member.anketa.a1.q1"]}, "select-only"),
        ({"select": ["max(member.anketa.a1.q1)"]}, "select-only"),
        (flt("issue.id", "is_null"), "is-null-not-nullable"),
        (flt("issue.draft.id", "is_null", 0), "null-value"),
        (flt("count(*)", "in", [1]), "filter-attribute"),
        (flt("issue.id", "in", 1), "membership-value"),
        (flt("issue.dt", ">=", "2010-05-04"), "value-precision"),
        (flt("issue.dt:YM", ">=", "2010"), "value-precision"),
        (flt("issue.dt:YM", ">=", "May"), "value-format"),
        (flt("issue.dt:YM", ">=", "2010-13"), "value-format"),
        (flt("issue.dt", ">=", "2010-02-30 10:00:00"), "value-format"),
        (flt("issue.id", ">=", "abc"), "value-type"),
        (flt("issue.id", "in", [1, "abc"]), "value-type"),
        (flt("issue.dt:YM", "in", ["2010-05", "2010"]), "value-precision"),
        (flt("max(issue.dt:YD)", ">", "2011"), "value-precision"),
        (flt("min(issue.members)", "<", "many"), "value-type"),
        (flt("issue.id", ">", "current - 1 day"), "time-expr"),
        (flt("issue.dt", ">", "current - 1 day - 1 month"), "time-order"),
        (flt("issue.dt", ">", "current - 1 week"), "time-unit"),
        (flt("issue.dt", ">", "сurrent - 1 day"), "time-keyword"),
        (flt("issue.id", "=>", 1), "filter-form"),
        ({"filter": [{"a": "issue.id", "op": "==", "x": 2}]}, "filter-form"),
        ({"select": ["click.dt:YD", "read.dt:YD", "count(click)"]}, "kinds-summary"),
        ({"select": ["*.dt:YD", "count(*)", "count(click)", "count(read)"]}, "kinds-summary"),
        ({"select": ["click.dt:YD", "unsub.why"]}, "combination-undocumented"),
        ({"select": ["issue,u_clicked"]}, "syntax"),
        ({"filter": [ID_IS_1, {**ID_IS_1, "v": 2}]}, "filter-never-matches"),
    ],
)  # fmt: skip
def test_each_rule_is_reported(wire: dict[str, Any], code: str) -> None:
    found = StatUni.from_wire(wire).problems()
    assert code in {p.code for p in found}, [str(p) for p in found]
    assert all(p.message and p.where is not None for p in found)


def test_listed_values_are_checked_one_by_one() -> None:
    assert not StatUni.from_wire(flt("issue.dt:YM", "in", ["2010-05", "2011-01"])).problems()
    (p,) = StatUni.from_wire(flt("issue.dt:YM", "in", ["2010-05", "May"])).problems()
    assert (p.code, p.where) == ("value-format", "filter[0].v[1]")


def test_messages_say_what_the_document_forbids() -> None:
    (p,) = StatUni.from_wire({"select": ["click.dt:hY"]}).problems()
    assert p.where == "select[0]"
    assert "reversed" in p.message and "dt:Yh" in p.message
    (p,) = StatUni.from_wire({"select": ["issue.nme"]}).problems()
    assert "did you mean 'issue.name'" in p.message
    wire = {"select": ["issue.id"], "filter": [{"a": "issue.dt", "op": ">=", "v": "2010-05-04"}]}
    (p,) = StatUni.from_wire(wire).problems()
    assert p.where == "filter[0].v" and "YYYY-MM-DD hh:mm:ss" in p.message


def test_clean_cases() -> None:
    assert codes(select=["click.issue.dt:YM", "count(*)"]) == []
    assert codes(select=["unsub.issue.dt:YM", "count(*)"]) == ["combination-undocumented"]
    assert codes(select=["member.anketa.a-1.q_2", "member.email"]) == []
    assert codes(select=["deliv_ok.member.email", "count(*)"]) == []
    wire = {"select": ["issue.id"], "filter": [{"a": "unsub.issue.id", "op": "!is_null", "v": ""}]}
    assert codes(**wire) == ["combination-undocumented"]  # unsub with issue: no example


def test_builder_refuses_on_the_spot() -> None:
    with pytest.raises(QueryError, match="reversed"):
        F.click.dt.at("hY")  # type: ignore[arg-type]
    with pytest.raises(QueryError, match="count"):
        A.count(F.issue)  # type: ignore[arg-type]
    with pytest.raises(QueryError, match="takes no date"):
        F.issue.id.eq(date(2011, 5, 1))


def test_kwargs_checks_before_sending() -> None:
    bad = StatUni(select=[F.click.dt.YM, A.max(F.click.dt.YD)])
    with pytest.raises(QueryError) as caught:
        bad.kwargs()
    assert "select[1]" in str(caught.value) and "even at different precisions" in str(caught.value)
    good = StatUni(select=[F.click.dt.YD, A.count()], first=10)
    assert good.kwargs() == {"select": ["click.dt:YD", "count(*)"], "first": 10}


def test_dates_are_written_in_the_field_precision() -> None:
    assert F.issue.dt.YM.ge(date(2011, 5, 17)).to_wire()["v"] == "2011-05"
    assert F.issue.dt.ge(datetime(2011, 3, 17, 11, 30, 27)).to_wire()["v"] == "2011-03-17 11:30:27"
    assert A.max(F.click.dt.YD).gt(date(2011, 5, 1)).to_wire()["v"] == "2011-05-01"


def test_field_by_name_is_typed_by_the_catalogue() -> None:
    assert type(field("unsub.issue.dt")).__name__ == "NullableDateField"
    assert type(field("issue.draft.id")).__name__ == "NullableField"
    assert type(field("click.issue.group.name")).__name__ == "Field"


def test_the_parser_reads_what_the_grammar_allows() -> None:
    """A clean item reads as the catalogue's grammar (stat_uni_syntax) says, and back."""
    select, order = syntax("select_item"), syntax("order_item")
    items = ["click.dt:YD", "count(unique click.member.id)", "count(deliv_ok)", "unique(*)"]
    items += ["*.issue.dt:YM", "member.anketa.a1.q-2", "sum(issue.members)", "max(unique f)"]
    for text in items:
        assert select.match(text) and str(parse_select_item(text)) == text
        assert order.match("-" + text) or text == "unique(*)"
    assert not select.match("click.dt:hY")
    assert str(parse_select_item("click.dt:hY")) == "click.dt:hY"  # kept, and reported


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("current - 1 month + 4 days", "2013-03-30 15:20:00", "2013-02-05 00:00:00"),
        ("current - 0 month + 2 days", "2013-03-30 15:20:00", "2013-03-03 00:00:00"),
        ("current - 0 month - 1 second", "2013-03-30 15:20:00", "2013-02-28 23:59:59"),
        ("current - 3 months", "2013-12-31 10:00:00", "2013-09-01 00:00:00"),
        ("current - 1 year", "2012-02-29 10:00:00", "2011-01-01 00:00:00"),
        ("current - 0 year + 4 month + 3 days", "2013-08-30 10:00:00", "2013-05-04 00:00:00"),
        ("current -40 days + 78 hours", "2013-03-30 15:20:00", "2013-02-21 21:20:00"),
    ],
)
def test_time_expressions_follow_the_month_and_year_rules(
    text: str, now: str, expected: str
) -> None:
    expr = parse_time_expr(text)
    assert str(expr) == text
    moment = datetime.fromisoformat(now)
    assert expr.evaluate(moment).strftime("%Y-%m-%d %H:%M:%S") == expected


def test_current_builder_writes_the_document_spelling() -> None:
    assert str(current(months=-1, days=4)) == "current - 1 month + 4 days"
    assert str(current(months=0, seconds=-1)) == "current - 0 month - 1 second"
    assert str(current().minus(1, "hour").minus(3, "minutes")) == "current - 1 hour - 3 minutes"
    condition = F.issue.dt.YM.lt(current(days=-1))
    assert condition.to_wire() == {"a": "issue.dt:YM", "op": "<", "v": "current - 1 day"}
    assert parse_condition(condition.to_wire()) == condition
