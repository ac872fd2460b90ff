"""Anketas and questions keep their state across calls (through the generated client)."""

from __future__ import annotations

import pytest
from sendsay_api import APIError, Sendsay


def test_create_add_questions_and_read_back(client: Sendsay) -> None:
    client.anketa.create(name="Survey", id="s")
    one = client.anketa.quest_add(
        anketa_id="s", obj={"name": "Colour", "type": "1m", "answers": {"r": "Red", "b": "Blue"}}
    )
    assert one.id == "q1"
    many = client.anketa.quest_add(
        anketa_id="s",
        obj=[
            {"name": "City", "type": "free", "width": 40, "id": "city"},
            {"name": "Born", "type": "dt", "dtsubtype": "yd"},
        ],
        return_fresh_obj=True,
    )
    assert many.id == ["city", "q2"]
    assert many.obj.order == ["q1", "city", "q2"]
    got = client.anketa.get(id="s").obj
    assert got.quests["q1"].answers == {"r": "Red", "b": "Blue"}
    assert [q.position for q in got.quests.values()] == [1, 2, 3]
    assert got.quests["q2"].subtype == "yd"
    assert [a.id for a in client.anketa.list().list] == ["member", "base", "s"]


def test_adding_a_list_is_all_or_nothing(client: Sendsay) -> None:
    client.anketa.create(name="Survey", id="s")
    with pytest.raises(APIError) as caught:
        client.anketa.quest_add(
            anketa_id="s",
            obj=[
                {"name": "Ok", "type": "int"},
                {"name": "Twice", "type": "int", "id": "x"},
                {"name": "Again", "type": "int", "id": "x"},
            ],
        )
    assert caught.value.id == "error/quest/exists"
    assert client.anketa.get(id="s").obj.quests == {}


def test_reorder_change_and_delete(client: Sendsay) -> None:
    client.anketa.create(name="Survey", id="s")
    client.anketa.quest_add(
        anketa_id="s",
        obj=[
            {"name": "A", "type": "int", "id": "a"},
            {"name": "Pick", "type": "nm", "id": "p", "answers": {"1": "x", "2": "y", "3": "z"}},
        ],
    )
    fresh = client.anketa.quest_order(anketa_id="s", order=["p", "a"], return_fresh_obj=True)
    assert fresh.obj.order == ["p", "a"]
    client.anketa.quest_response_order(anketa_id="s", id="p", order=["3", "2", "1"])
    client.anketa.quest_set(anketa_id="s", obj={"id": "p", "name": "Choose", "answers": {"4": "w"}})
    client.member.set(email="m@example.org", obj={"s": {"p": ["2", "4"], "a": "7"}})
    client.anketa.quest_response_delete(anketa_id="s", quest_id="p", id="2")
    quest = client.anketa.get(id="s").obj.quests["p"]
    assert (quest.name, quest.order) == ("Choose", ["3", "1", "4"])
    assert client.member.get(email="m@example.org").obj.answers["s"] == {"p": ["4"], "a": "7"}
    client.anketa.quest_delete(anketa_id="s", id="a")
    assert client.member.get(email="m@example.org").obj.answers["s"] == {"p": ["4"]}
    with pytest.raises(APIError) as bad_order:
        client.anketa.quest_order(anketa_id="s", order=["a"])
    assert bad_order.value.id == "error/quest/not_found"  # a deleted question cannot be ordered
    client.anketa.quest_add(anketa_id="s", obj={"name": "B", "type": "int", "id": "b"})
    partial = client.anketa.quest_order(anketa_id="s", order=["b"], return_fresh_obj=True)
    assert partial.obj.order == ["b", "p"]  # the questions it leaves out follow in their order


def test_copy_rename_delete(client: Sendsay) -> None:
    client.anketa.create(name="Source", id="src")
    client.anketa.quest_add(anketa_id="src", obj={"name": "N", "type": "int", "id": "n"})
    copy = client.anketa.create(name="Copy", copy_from="src", return_fresh_obj=True)
    assert copy.obj.id == "a1" and list(copy.obj.quests) == ["n"]
    renamed = client.anketa.set(id="a1", name="Renamed", return_fresh_obj=True)
    assert renamed.obj.param.name == "Renamed" and renamed.obj.param.system is False
    client.anketa.delete(id="a1")
    with pytest.raises(APIError) as gone:
        client.anketa.get(id="a1")
    assert gone.value.id == "error/anketa/not_found"
    with pytest.raises(APIError) as dup:
        client.anketa.create(name="Again", id="src")
    assert dup.value.id == "error/anketa/exists"


def test_system_anketas_cannot_change(client: Sendsay) -> None:
    listed = {a.id: a.system for a in client.anketa.list().list}
    assert listed == {"member": True, "base": True}
    assert "email" in client.anketa.get(id="member").obj.quests
    for call in (
        lambda: client.anketa.delete(id="member"),
        lambda: client.anketa.set(id="base", name="Mine"),
        lambda: client.anketa.quest_add(anketa_id="base", obj={"name": "X", "type": "int"}),
    ):
        with pytest.raises(APIError) as caught:
            call()
        assert caught.value.id == "error/anketa/system"
