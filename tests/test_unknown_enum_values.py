"""An answer's enum value the spec does not list (a newer server's) is kept and flagged, not
refused; a value of the wrong JSON kind is still refused, and requests still refuse unknown
values. Driven through the public client over a scripted transport (httpx.MockTransport)."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from sendsay_api import RequestValidationError, ResponseValidationError, Sendsay
from sendsay_api.models import LentaSchedule

LOGIN_OK = {"session": "s-1", "login": "acme", "sublogin": "bob"}


def _anketa(question_type: Any) -> dict[str, Any]:
    question = {"id": "q1", "@": 1, "name": "Channel", "type": question_type}
    return {"obj": {"id": "a1", "param": {"name": "Q", "system": 0}, "quests": {"q1": question}}}


def _client(server: Any) -> Sendsay:
    return Sendsay(transport=server.transport(), login="acme", sublogin="bob", password="pw")


def test_unknown_enum_value_in_an_answer_is_kept_and_flagged(
    scripted: Any, caplog: pytest.LogCaptureFixture
) -> None:
    server = scripted(LOGIN_OK, _anketa("carrier-pigeon"), _anketa("carrier-pigeon"))
    c = _client(server)
    with caplog.at_level(logging.WARNING, logger="sendsay_api"):
        answer = c.anketa.get(id="a1")
        again = c.anketa.get(id="a1")
    assert answer.obj.quests is not None and again.obj.quests is not None
    question = answer.obj.quests["q1"]
    assert question.type == "carrier-pigeon"
    assert question.unknown_values == {"type": "carrier-pigeon"}
    assert again.obj.quests["q1"].unknown_values == {"type": "carrier-pigeon"}
    logged = [r.getMessage() for r in caplog.records if "'carrier-pigeon'" in r.getMessage()]
    assert len(logged) == 1, logged  # once per model, place and value
    assert "AnketaQuestion: type 'carrier-pigeon'" in logged[0] and "kept" in logged[0]


def test_known_enum_values_flag_nothing(scripted: Any) -> None:
    server = scripted(LOGIN_OK, _anketa("1m"))
    answer = _client(server).anketa.get(id="a1")
    assert answer.obj.quests is not None
    assert answer.obj.quests["q1"].type == "1m"
    assert answer.obj.quests["q1"].unknown_values == {}


def test_enum_value_of_the_wrong_kind_is_refused(scripted: Any) -> None:
    server = scripted(LOGIN_OK, _anketa(5))
    with pytest.raises(ResponseValidationError) as info:
        _client(server).anketa.get(id="a1")
    assert info.value.path == "$.obj.quests.q1.type"
    assert "one of 'free'" in str(info.value)


def test_unknown_enum_value_in_a_list_is_kept_at_its_index() -> None:
    kept = LentaSchedule.from_wire({"weekday": [1, 9]})
    assert kept.weekday == [1, 9]
    assert kept.unknown_values == {"weekday[]": [9]}
    with pytest.raises(ResponseValidationError) as info:
        LentaSchedule.from_wire({"weekday": [1, "9"]})
    assert info.value.path == "$.weekday[1]"


def test_a_request_still_refuses_an_unknown_enum_value(scripted: Any) -> None:
    server = scripted(LOGIN_OK)
    with pytest.raises(RequestValidationError, match=r"obj\.type: expected one of .*'fax'"):
        _client(server).anketa.quest_add(anketa_id="a1", obj={"name": "Channel", "type": "fax"})
    assert server.requests == []  # refused before anything was sent
