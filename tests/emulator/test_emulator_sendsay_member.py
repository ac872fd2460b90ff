"""Subscribers: set/get, confirmation, bulk changes, lists, counts (via the generated client)."""

from __future__ import annotations

import pytest
from sendsay_api import APIError, Sendsay, TaskFailedError

from emulator import SendsayEmulator

from .conftest import FAST


def test_set_normalises_and_get_reads_back(client: Sendsay) -> None:
    first = client.member.set(
        email="  Ann@Example.ORG ",
        obj={"base": {"firstname": "Ann", "gender": "f", "birthday": "1990-05-01 10:00:00"}},
        return_fresh_obj=True,
    )
    assert first.newbie is True
    assert first.obj.answers["base"] == {
        "firstname": "Ann",
        "gender": ["f"],
        "birthday": "1990-05-01",
    }
    again = client.member.set(email="ann@example.org", obj={"base": {"firstname": None}})
    assert again.newbie is False
    assert "firstname" not in client.member.get(email="ANN@example.org").obj.answers["base"]


def test_if_exists_rules(client: Sendsay) -> None:
    client.member.set(email="a@example.org", obj={"base": {"city": "Oslo"}})
    client.member.set(
        email="a@example.org", if_exists="update", obj={"base": {"city": "Rome", "lastname": "Li"}}
    )
    assert client.member.get(email="a@example.org").obj.answers["base"] == {
        "city": "Oslo",
        "lastname": "Li",
    }
    with pytest.raises(APIError) as caught:
        client.member.set(email="a@example.org", if_exists="error")
    assert caught.value.id == "error/member/exists"


def test_bad_addresses_and_answers(client: Sendsay) -> None:
    for email, obj, error in (
        ("no-at-sign", None, "error/member/address_invalid"),
        ("a@example.org", {"base": {"gender": ["x"]}}, "error/member/answer_invalid"),
        ("a@example.org", {"nope": {"q": "1"}}, "error/anketa/not_found"),
        ("a@example.org", {"base": {"nope": "1"}}, "error/quest/not_found"),
    ):
        with pytest.raises(APIError) as caught:
            client.member.set(email=email, obj=obj)
        assert caught.value.id == error
    with pytest.raises(APIError) as missing:
        client.member.get(email="a@example.org")
    assert missing.value.id == "error/member/not_found"


def test_confirmation_flow(client: Sendsay, sendsay: SendsayEmulator) -> None:
    client.member.set(email="new@example.org", newbie_confirm=True, newbie_letter_confirm=12)
    account = sendsay.account("acme")
    cookie = account.members["new@example.org"].cookie
    assert account.outbox == [{"to": "new@example.org", "letter": 12, "cookie": cookie}]
    assert client.member.list_count().obj.locked_confirm == 1
    with pytest.raises(APIError) as wrong:
        client.member.confirm(email="new@example.org", cookie="bad")
    assert wrong.value.id == "error/member/wrongcookie"
    client.member.confirm(email="new@example.org", cookie=cookie)
    counts = client.member.list_count().obj
    assert (counts.active, counts.locked_confirm, counts.total_email) == (1, 0, 1)


def test_bulk_calls_are_sync_for_lists_and_async_for_groups(client: Sendsay) -> None:
    for name in ("a", "b", "c"):
        client.member.set(email=f"{name}@example.org", obj={"-group": {"g": 1}})
    done = client.member.delete(list=["a@example.org", "zz@example.org"])
    assert done.list == {"a@example.org": True, "zz@example.org": False}
    started = client.member.delete(group="g")
    assert client.member.get(email="b@example.org")  # not yet: the track has not finished
    client.track.wait(started, **FAST)
    assert client.member.list().rows == []


def test_update_applies_a_format(client: Sendsay, sendsay: SendsayEmulator) -> None:
    client.member.set(email="a@example.org", obj={"base": {"city": "Oslo"}, "-group": {"g": 1}})
    client.member.set(email="b@example.org", obj={"-group": {"g": 1}})
    rome = {"aid": "base", "qid": "city", "answer": "Rome"}
    made = client.format.set(
        obj={"name": "Rome", "type": "fill", "fields": [rome]}, return_fresh_obj=True
    )
    format_id = str(made.obj.id)
    started = client.member.update(group="g", format=format_id, if_has="skip", if_hasnt="set")
    client.track.wait(started, **FAST)
    listed = client.member.list(format=format_id, sort="member.email")
    assert [c.quest for c in listed.order] == ["email", "city"]
    assert listed.rows == [["a@example.org", "Oslo"], ["b@example.org", "Rome"]]
    with pytest.raises(APIError) as missing:
        client.member.update(email="a@example.org", format="nope")
    assert missing.value.id == "error/format/not_found"


def test_list_pages_sorting_and_locks(client: Sendsay, sendsay: SendsayEmulator) -> None:
    for name in ("d", "b", "a", "c"):
        client.member.set(email=f"{name}@example.org")
    sendsay.account("acme").members["c@example.org"].locks = 1
    page = client.member.list(sort="member.email", sort_order="desc", page=2, pagesize=2)
    assert page.rows == [["b@example.org"], ["a@example.org"]]
    unlocked = client.member.list(member_haslock=0, sort="member.id")
    assert [row[0] for row in unlocked.rows] == ["d@example.org", "b@example.org", "a@example.org"]
    counts = client.member.list_count().obj
    assert (counts.total, counts.active, counts.locked_unsubscribed) == (4, 3, 1)


def test_list_saved_to_a_file(client: Sendsay, sendsay: SendsayEmulator) -> None:
    client.member.set(email="a@example.org", obj={"base": {"firstname": "Ann"}})
    name = {"aid": "base", "qid": "firstname"}
    client.format.set(obj={"name": "Names", "type": "view", "fields": [name]})
    started = client.member.list(result="save", format="1", caption="id")
    track = client.track.wait(started, **FAST)
    name = track.param.report_file
    assert name == f"member.list.{started.track_id}.csv"
    content = sendsay.account("acme").files[name].decode()
    assert content == "member.email,base.firstname\na@example.org,Ann\n"
    mailed = client.member.list(result="email", email=["boss@example.org"], result_format="xlsx")
    xlsx = client.track.wait(mailed, **FAST).param.report_file
    assert sendsay.account("acme").files[xlsx].startswith(b"PK")
    assert sendsay.account("acme").outbox[-1] == {"to": ["boss@example.org"], "attachment": xlsx}


def test_count_cache(client: Sendsay) -> None:
    client.member.set(email="a@example.org")
    first = client.member.list_count(cache={"mode": "use", "key": "k", "ttl": 60})
    assert first.cache.hit is False and first.obj.total == 1
    client.member.set(email="b@example.org")
    cached = client.member.list_count(cache={"mode": "use", "key": "k"})
    assert cached.cache.hit is True and cached.obj.total == 1 and cached.cache.expired
    fresh = client.member.list_count(cache={"mode": "refresh", "key": "k"})
    assert fresh.obj.total == 2
    started = client.member.list_count(sync=False, cache={"mode": "refresh", "key": "later"})
    client.track.wait(started.track_id, **FAST)
    assert client.member.list_count(cache={"mode": "fetch", "key": "later"}).obj.total == 2


def test_failing_track(client: Sendsay, sendsay: SendsayEmulator) -> None:
    client.member.set(email="a@example.org", obj={"-group": {"g": 1}})
    sendsay.fail_next_track = True
    started = client.member.delete(group="g")
    with pytest.raises(TaskFailedError) as failed:
        client.track.wait(started, **FAST)
    assert failed.value.status == -2
    assert client.member.get(email="a@example.org")  # the work never ran
    listed = client.track.list(filter={"status": -2})
    assert [t.id for t in listed.list] == [started.track_id]


def test_email_test(client: Sendsay) -> None:
    checked = client.email.test(
        list=[" missing@CityCat.ru", "     PRO@subscribe.ru   ", "123@test@test.ru  "],
        smtp_test=True,
    ).list
    assert checked[" missing@CityCat.ru"].smtp.status == "rcptto"
    assert checked[" missing@CityCat.ru"].smtp.code == "550"
    assert checked["     PRO@subscribe.ru   "].email == "pro@subscribe.ru"
    assert checked["     PRO@subscribe.ru   "].smtp.status == "ok"
    assert checked["123@test@test.ru  "].email is None
    assert checked["123@test@test.ru  "].syntax == "error/email/multydog"
    assert checked["123@test@test.ru  "].smtp is None
