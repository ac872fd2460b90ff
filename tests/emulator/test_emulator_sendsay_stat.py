"""Statistics answer from the state: issues sent, deliveries and reads, members."""

from __future__ import annotations

from typing import Any

import pytest
from sendsay_api import APIError, Sendsay

from emulator import SendsayEmulator

FAST = {"interval": 0.001, "max_interval": 0.001, "timeout": 5.0}


def _send(client: Sendsay, group: str) -> int:
    started = client.issue.send(gid=group, sendwhen="now", subject="S", message={"html": "<p/>"})
    done = client.track.wait(started, **FAST)
    return done.param.issue_id


def test_stat_uni_counts_issues_deliveries_and_reads(
    client: Sendsay, sendsay: SendsayEmulator
) -> None:
    for number in range(20):
        client.member.set(email=f"m{number}@example.org", obj={"-group": {"g": 1}})
    client.member.set(email="missing@example.org", obj={"-group": {"g": 1}})  # SMTP 550
    issue_id = _send(client, "g")
    issue = sendsay.account("acme").issues.get(issue_id)
    rows = client.stat.uni(
        select=["issue.id", "issue.members", "issue.deliv_ok", "issue.deliv_bad", "issue.readed"]
    ).list
    assert rows == [[issue_id, 21, 20, 1, len(issue.reads)]]
    assert 0 < len(issue.reads) < 20
    by_status = client.stat.uni(select=["deliv.status", "count(*)"], order=["deliv.status"]).list
    assert by_status == [[-1550, 1], [1, 20]]
    reads = client.stat.uni(
        select=["count(*)"], filter=[{"a": "read.issue.id", "op": "==", "v": issue_id}]
    ).list
    assert reads == [[len(issue.reads)]]
    readers = client.stat.uni(select=["read.member.email"], order=["read.member.email"]).list
    assert [r[0] for r in readers] == sorted(issue.reads)


def test_stat_uni_members_select_filter_and_report(
    client: Sendsay, sendsay: SendsayEmulator
) -> None:
    for name, city in (("a", "Oslo"), ("b", "Rome"), ("c", "Oslo")):
        client.member.set(email=f"{name}@example.org", obj={"base": {"city": city}})
    rows = client.stat.uni(
        select=["member.anketa.base.city", "count(*)"],
        filter=[{"a": "member.email", "op": "!=", "v": "c@example.org"}],
    ).list
    assert sorted(rows) == [["Oslo", 1], ["Rome", 1]]
    started = client.stat.uni(select=["member.email"], order=["-member.email"], result="save")
    done = client.track.wait(started, **FAST)
    assert done.param.report_file == f"stat.uni.{started.track_id}.csv"
    data = client.rfs.file_get(domain="report", path="/" + done.param.report_file).data
    assert data == "c@example.org\nb@example.org\na@example.org\n"


def test_stat_uni_refuses_what_it_does_not_compute(client: Sendsay) -> None:
    with pytest.raises(APIError) as caught:
        client.stat.uni(select=["*.dt:YD", "count(read)"])
    assert caught.value.id == "error/stat/unsupported"
    with pytest.raises(ValueError, match=r"\[selected-and-aggregated\]"):  # refused unsent
        client.stat.uni(select=["member.email", "count(member.email)"])
    with pytest.raises(APIError) as wrong:  # and the emulator, sent anyway, refuses it alike
        client.request("stat.uni", {"select": ["member.email", "count(member.email)"]})
    assert wrong.value.id == "error/request/invalid"


@pytest.mark.parametrize(
    ("query", "rule"),
    [
        ({"select": ["median(member.id)"]}, "[syntax]"),
        ({"select": ["member.nosuch"]}, "[unknown-field]"),
        ({"select": ["member.email", "click.dt:hY"]}, "[precision]"),
        ({"select": ["member.email"], "order": ["member.anketa.base.city"]}, "[select-only]"),
        ({"select": ["member.id"], "filter": [{"a": "member.id", "op": ">", "v": "a"}]}, "[value"),
    ],
)  # fmt: skip
def test_stat_uni_refuses_what_the_document_forbids_even_on_an_empty_account(
    client: Sendsay, query: dict[str, Any], rule: str
) -> None:
    with pytest.raises(APIError) as refused:
        client.request("stat.uni", query)
    assert refused.value.id == "error/request/invalid"
    assert rule in str(refused.value.errors[0]["explain"])
