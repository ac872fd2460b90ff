"""Requests are checked against the spec before anything is sent."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from sendsay_api import RequestValidationError, Sendsay
from sendsay_api.models import AnketaQuestionNewInt

LOGIN_OK = {"session": "s-1"}


def rejected(server: Any, call: Any) -> RequestValidationError:
    c = Sendsay(session="s-1", transport=server.transport())
    with pytest.raises(RequestValidationError) as info:
        call(c)
    assert server.requests == [], "nothing may be sent"
    return info.value


def test_wrong_type_names_action_path_and_expectation(scripted: Any) -> None:
    err = rejected(scripted(), lambda c: c.member.get(email=5))
    assert err.action == "member.get"
    assert "email: expected a string, got integer 5" in str(err)


def test_missing_required_parameter(scripted: Any) -> None:
    err = rejected(scripted(), lambda c: c.member.list_count(cache={"mode": "use"}))
    assert "cache.key: missing, expected a value (required)" in str(err)


def test_value_outside_enum(scripted: Any) -> None:
    err = rejected(scripted(), lambda c: c.member.set(email="a@example.com", if_exists="replace"))
    assert 'if_exists: expected one of "error", "update", "overwrite"' in str(err)


def test_mutually_exclusive_parameters(scripted: Any) -> None:
    err = rejected(scripted(), lambda c: c.member.delete(email="a@example.com", group="g1"))
    assert "email, group: given together, expected only one of email | list | group | url" in str(
        err
    )


def test_one_of_the_alternatives_is_required(scripted: Any) -> None:
    err = rejected(scripted(), lambda c: c.member.delete())
    assert "email | list | group | url: missing" in str(err)


def test_malformed_date(scripted: Any) -> None:
    err = rejected(scripted(), lambda c: c.track.list(filter={"dt.from": "2024-13-01 10:00:00"}))
    assert 'filter["dt.from"]: expected a date-time YYYY-MM-DD hh:mm:ss' in str(err)


def test_nested_paths_and_every_problem_reported(scripted: Any) -> None:
    err = rejected(
        scripted(),
        lambda c: c.anketa.quest_add(
            anketa_id="a1",
            obj=[{"name": "ok", "type": "free", "width": 10}, {"name": 3, "type": "free"}],
        ),
    )
    text = str(err)
    assert "obj[1].name: expected a string, got integer 3" in text
    assert "obj[1].width: missing, expected a value (required)" in text
    assert len(err.issues) == 2


def test_attrs_models_are_accepted_as_parameters(scripted: Any) -> None:
    server = scripted({"id": "q1"})
    c = Sendsay(session="s-1", transport=server.transport())
    c.anketa.quest_add(anketa_id="a1", obj=AnketaQuestionNewInt(name="Age", type="int"))
    assert server.bodies()[0]["obj"] == {"name": "Age", "type": "int"}


def test_validation_can_be_switched_off(scripted: Any) -> None:
    server = scripted({"errors": [{"id": "error/x"}]})
    c = Sendsay(session="s-1", validate=False, transport=server.transport())
    with pytest.raises(Exception, match="error/x"):
        c.member.get(email=5)  # type: ignore[arg-type]
    assert server.bodies()[0]["email"] == 5


@pytest.mark.parametrize(
    ("kwargs", "problems"),
    [
        (
            {"gid": "g1", "sendwhen": "later", "draft_id": 1},
            ['["later.time"]: missing, expected a value (required when sendwhen == "later")'],
        ),
        (
            {"gid": "g1", "sendwhen": "delay", "draft_id": 1},
            ['["delay.time"]: missing, expected a value (required when sendwhen == "delay")'],
        ),
        (
            {"gid": "masssending", "sendwhen": "test", "draft_id": 1},
            [
                'mca: missing, expected a value (required when sendwhen == "test")',
                "users.list | users.url: missing, expected one of them"
                ' (required when gid == "masssending")',
            ],
        ),
        (
            {"gid": "personal", "sendwhen": "now"},
            [
                "message: missing, expected a value"
                " (required when draft.id is absent and letter is absent)",
                "email | users.list: missing, expected one of them"
                ' (required when gid == "personal")',
                '["draft.id"]: missing, expected a value (required when gid == "personal")',
            ],
        ),
    ],
)
def test_parameters_a_condition_makes_necessary(
    scripted: Any, kwargs: dict[str, Any], problems: list[str]
) -> None:
    err = rejected(scripted(), lambda c: c.issue.send(**kwargs))
    assert [str(issue) for issue in err.issues] == problems


def test_once_the_condition_is_met_the_request_is_sent(scripted: Any) -> None:
    server = scripted({"track.id": 5})
    c = Sendsay(session="s-1", transport=server.transport())
    later = datetime.datetime(2026, 12, 24, 9, 30)
    c.issue.send(gid="personal", sendwhen="later", later_time=later, draft_id=3, email="a@b.c")
    assert len(server.requests) == 1
