"""Every stateful object through the generated client: set -> get -> list -> delete -> get fails.

The in-process transport is used; the missing object is the API error of its kind.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sendsay_api import APIError, Sendsay

LETTER = {"from": "news@example.org", "sender": "News", "subject": "Hi", "text": "Hi"}


def _gone(error_id: str, call: Callable[[], Any]) -> None:
    with pytest.raises(APIError) as caught:
        call()
    assert caught.value.id == error_id


def test_group(client: Sendsay) -> None:
    made = client.group.create(name="Fans", type="list", addr_type="email")
    client.group.set(id=made.id, name="Big fans")
    assert client.group.get(id=made.id).obj.name == "Big fans"
    assert [g.id for g in client.group.list().list] == [made.id]
    client.group.delete(id=made.id)
    _gone("error/group/not_found", lambda: client.group.get(id=made.id))


def test_group_filter_selects_members_and_reads_back_with_names(client: Sendsay) -> None:
    client.anketa.create(name="Survey", id="s")
    colour = {"id": "c", "name": "Colour", "type": "1m", "answers": {"r": "Red", "b": "Blue"}}
    client.anketa.quest_add(anketa_id="s", obj=colour)
    client.member.set(email="a@example.org", obj={"s": {"c": "r"}})
    client.member.set(email="b@example.org", obj={"s": {"c": "b"}})
    made = client.group.create(id="reds", name="Reds", type="filter", addr_type="email")
    assert client.member.list_count(group=made.id).obj.total == 0  # empty filter: nobody
    client.group.filter_set(
        id="reds", filter=[{"which": "any", "aid": "s", "qid": "c", "resp": {"r": ""}}]
    )
    assert client.member.list_count(group="reds").obj.total == 1
    [element] = client.group.filter_get(id="reds").filter
    assert (element.qid_name, element.resp) == ("Colour", {"r": "Red"})
    client.group.create(id="plain", name="Plain", type="list", addr_type="email")
    _gone("error/group/type", lambda: client.group.filter_get(id="plain"))


def test_format(client: Sendsay) -> None:
    fields = [{"aid": "base", "qid": "city", "answer": "Oslo"}]
    made = client.format.set(
        obj={"name": "F", "type": "fill", "fields": fields}, return_fresh_obj=True
    )
    client.format.set(id=made.obj.id, obj={"name": "F2", "type": "fill", "fields": fields})
    assert client.format.get(id=made.obj.id).obj.name == "F2"
    assert [f.id for f in client.format.list().list] == [made.obj.id]
    client.format.delete(id=made.obj.id)
    _gone("error/format/not_found", lambda: client.format.get(id=made.obj.id))
    _gone(
        "error/quest/not_found",
        lambda: client.format.set(
            obj={"name": "F", "type": "view", "fields": [{"aid": "base", "qid": "nope"}]}
        ),
    )


def test_draft(client: Sendsay) -> None:
    draft = {**LETTER, "name": "D", "format": "html"}
    made = client.issue.draft_set(obj=draft, return_fresh_obj=True)
    client.issue.draft_set(id=made.obj.id, obj={**draft, "name": "D2"})
    assert client.issue.draft_get(id=made.obj.id).obj.name == "D2"
    assert [d.id for d in client.issue.draft_list().list] == [made.obj.id]
    client.issue.draft_delete(id=made.obj.id)
    _gone("error/draft/not_found", lambda: client.issue.draft_get(id=made.obj.id))


def test_infolett(client: Sendsay) -> None:
    letter = {**LETTER, "name": "I", "format": "text"}
    made = client.infolett.set(obj=letter, return_fresh_obj=True)
    assert made.obj.onmoderation is True
    assert client.infolett.get(id=made.obj.id).obj.onmoderation is False
    assert [i.id for i in client.infolett.list().list] == [made.obj.id]
    client.infolett.delete(id=made.obj.id)
    _gone("error/infolett/not_found", lambda: client.infolett.get(id=made.obj.id))


def test_sequence_and_steps(client: Sendsay) -> None:
    made = client.sequence.create(name="S")
    client.sequence.set(id=made.id, closed=True)
    assert client.sequence.get(id=made.id).obj.closed is True
    step = {"event": [{"type": "member.new.no-confirm"}], "action": [{"type": "noop"}]}
    client.sequence.steps_set(id=made.id, list={"1": [step]})
    assert list(client.sequence.steps_get(id=made.id).list) == ["1"]
    client.member.set(email="a@example.org")
    client.sequence.member_start(id=made.id, email="a@example.org")
    [state] = client.sequence.member_list(id=made.id).list
    assert (state.member, state.step, state.state) == ("a@example.org", 1, 1)
    client.sequence.member_stop(id=made.id, email="a@example.org")
    assert client.sequence.stats(id=made.id).list.finished == 1
    client.member.delete(email="a@example.org")
    assert client.sequence.member_list(id=made.id).list == []
    assert [s.id for s in client.sequence.list().list] == [made.id]
    client.sequence.delete(id=made.id)
    _gone("error/sequence/not_found", lambda: client.sequence.get(id=made.id))


def test_user_rights_and_log(client: Sendsay, sendsay: Any) -> None:
    client.user.create(sublogin="bob", password="p1")
    assert [(u.sublogin, u.status) for u in client.user.list().list] == [("bob", -1)]
    client.user.set(sublogin="bob", password_old="p1", password_new="p2")
    client.rights.set(user="bob", list={"member.get": False})
    assert client.rights.get(user="bob", list=["member.get"]).list == {"member.get": False}
    with Sendsay(login="acme", sublogin="bob", password="p2", transport=sendsay.transport()) as bob:
        _gone("error/rights/denied", lambda: bob.member.get(email="a@example.org"))
    assert [e.object for e in client.sys.log().list] == ["user", "user", "user", "rights"]
    client.user.delete(sublogin="bob")
    _gone("error/user/not_found", lambda: client.rights.get(user="bob", list=[]))


def test_settings(client: Sendsay) -> None:
    client.sys.settings_set(list={"support.access": 1, "about.owner.email": ["o@example.org"]})
    got = client.sys.settings_get(list=["support.access", "about.owner.email", "about.id"]).list
    assert (got.support_access, got.about_owner_email, got.about_id) == (
        True,
        ["o@example.org"],
        "acme",
    )
    with pytest.raises(APIError) as caught:
        client.request("sys.settings.set", {"list": {"about.tarif": "gold"}})
    assert caught.value.id == "error/request/invalid"
    assert client.sys.settings_get(list=["about.tarif"]).list.about_tarif == "emulator"


def test_image_storage(client: Sendsay) -> None:
    client.rfs.dir_make(domain="image", path="/a/b")
    client.rfs.file_put(domain="image", path="/a/b/x.txt", data="hello")
    assert client.rfs.file_get(domain="image", path="/a/b/x.txt").data == "hello"
    assert [f.name for f in client.rfs.list(domain="image", path="/a/b").file or []] == ["x.txt"]
    client.rfs.file_delete(domain="image", path="/a/b/x.txt")
    _gone("error/rfs/not_found", lambda: client.rfs.file_get(domain="image", path="/a/b/x.txt"))


def test_split_and_variants(client: Sendsay) -> None:
    client.group.create(id="g", name="G", type="list", addr_type="email")
    made = client.issue.split_create(
        name="T", group="g", percent=20, winner_by="manual", active=False
    )
    client.issue.split_set(id=made.id, name="T2")
    letter = {"format": "text", "subject": "A", "text": "A"}
    variant = client.issue.split_variant_create(
        split_id=made.id, start_at="2030-01-01 10:00", letter=letter
    )
    assert client.issue.split_get(id=made.id).name == "T2"
    assert [p.id for p in client.issue.split_variant_list(split_id=made.id).list] == [variant.id]
    client.issue.split_variant_delete(id=variant.id)
    _gone("error/split/variant/not_found", lambda: client.issue.split_variant_get(id=variant.id))
    assert [s.id for s in client.issue.split_list().list] == [made.id]
    client.issue.split_delete(id=made.id)
    _gone("error/split/not_found", lambda: client.issue.split_get(id=made.id))


def test_sms_sender(client: Sendsay) -> None:
    client.issue.smssender_set(obj={"name": "Shop"})
    [sender] = client.issue.smssender_list().list
    client.issue.smssender_set(id=sender.id, obj={"name": "Shop2"})
    assert client.issue.smssender_get(id=sender.id).obj.name == "Shop2"
    client.issue.smssender_delete(id=sender.id)
    _gone("error/smssender/not_found", lambda: client.issue.smssender_get(id=sender.id))


def test_later_issue(client: Sendsay) -> None:
    client.group.create(id="g", name="G", type="list", addr_type="email")
    client.issue.send(
        gid="g", sendwhen="later", later_time="2031-05-01 10:00", subject="S", message={"text": "T"}
    )
    [later] = client.issue.later_list().list
    assert (later.status, later.group) == ("later", "g")
    client.issue.later_send(id=later.id, issue_date="2031-06-01 10:00")
    assert client.issue.later_get(id=later.id).obj.issue_date.month == 6
    client.issue.later_delete(id=later.id)
    _gone("error/issue/later/not_found", lambda: client.issue.later_get(id=later.id))


def test_stoplist_keeps_addresses_out_of_issues(client: Sendsay) -> None:
    for name in ("a", "b"):
        client.member.set(email=f"{name}@example.org", obj={"-group": {"g": 1}})
    client.stoplist.set(list={"a@example.org": True})
    assert set(client.stoplist.get().list) == {"a@example.org"}
    started = client.issue.send(gid="g", sendwhen="now", subject="S", message={"html": "<p/>"})
    done = client.track.wait(started, interval=0.001, max_interval=0.001, timeout=5.0)
    issue = client.issue.get(id=done.param.issue_id).obj
    assert (issue.group, done.param.issue_members) == ("g", 1)
    client.stoplist.erase()
    assert client.stoplist.get().list == {}
