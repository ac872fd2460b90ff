"""Every answer the Sendsay emulator gives decodes with the generated parser of its action.

A transport wraps the emulator: for each successful answer it runs
`OPERATIONS[action].parse(answer minus the common fields, params)` and records the action and
the model class it produced. A scenario then drives every action of the slice through each of
its answer variants.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from sendsay_api.operations import OPERATIONS

from emulator import SendsayEmulator

from . import wire_scenarios
from .conftest import Wire

AUTH_KEYS = ("session", "apikey", "one_time_auth")


class ParsingTransport(httpx.MockTransport):
    def __init__(self, emulator: SendsayEmulator) -> None:
        super().__init__(self._handle)
        self.emulator = emulator
        self.parsed: dict[str, set[str]] = {}

    def _handle(self, request: httpx.Request) -> httpx.Response:
        response = self.emulator.handle(request)
        body = json.loads(dict(parse_qsl(request.content.decode()))["request"])
        answer = response.json()
        old_style_error = "error" in answer and body["action"] == "login"
        if "errors" in answer or "REDIRECT" in answer or old_style_error:
            return response
        action = body.pop("action")
        params = {k: v for k, v in body.items() if k not in AUTH_KEYS}
        for common in ("request.id", "duration"):
            answer.pop(common)
        result = OPERATIONS[action].parse(answer, params)  # raises ResponseValidationError
        self.parsed.setdefault(action, set()).add(type(result).__name__)
        return response


@pytest.fixture
def parsing() -> ParsingTransport:
    return ParsingTransport(SendsayEmulator())


def _poll_to_end(wire: Wire, track_id: int) -> list[int]:
    statuses = []
    for _ in range(10):
        status = wire.ok("track.get", id=track_id)["obj"]["status"]
        statuses.append(status)
        if status < 0:
            break
    return statuses


def _auth_and_tracks(wire: Wire, emulator: SendsayEmulator) -> None:
    wire.ok("ping")
    challenge = wire.ok("login.agses.challenge", card="0012345678")
    wire.ok("login.agses.response", card=12345678, hedgeid=challenge["hedgeid"], response="1")
    wire.login()
    wire.ok("pong")
    wire.ok("member.set", email="zed@example.org", obj={"-group": {"g0": 1}})
    started = wire.ok("member.delete", group="g0")
    assert _poll_to_end(wire, started["track.id"]) == [1, 2, 2, -1]
    emulator.fail_next_track = True
    failing = wire.ok("member.list.count", sync=0)
    assert _poll_to_end(wire, failing["track.id"])[-1] == -2
    assert wire.ok("track.list", filter={"!status": [-2]})["list"]
    wire.ok("track.list", filter={"action": "member.delete", "dt.from": "2000-01-01 00:00:00"})


def _anketas(wire: Wire) -> None:
    wire.ok("anketa.list")
    wire.ok("anketa.get", id="base")
    wire.ok("anketa.create", name="Plain", id="plain")
    wire.ok("anketa.create", name="Survey", id="s", return_fresh_obj=1)
    wire.ok("anketa.set", id="s", name="Survey 2")
    wire.ok("anketa.set", id="s", name="Survey 3", return_fresh_obj=1)
    colour = {"name": "Colour", "type": "1m", "answers": {"r": "Red", "g": "Green", "b": "Blue"}}
    assert wire.ok("anketa.quest.add", **{"anketa.id": "s", "obj": colour})["id"] == "q1"
    city = {"name": "City", "type": "free", "width": 50, "id": "city"}
    wire.ok("anketa.quest.add", **{"anketa.id": "s", "obj": city, "return_fresh_obj": 1})
    more = [{"name": "Age", "type": "int"}, {"name": "Born", "type": "dt", "dtsubtype": "yd"}]
    assert len(wire.ok("anketa.quest.add", **{"anketa.id": "s", "obj": more})["id"]) == 2
    extra = [{"name": "Tags", "type": "nm", "answers": {"x": "X"}, "id": "tags"}]
    wire.ok("anketa.quest.add", **{"anketa.id": "s", "obj": extra, "return_fresh_obj": 1})
    wire.ok("anketa.quest.set", **{"anketa.id": "s", "obj": {"id": "city", "name": "Town"}})
    change = {"anketa.id": "s", "obj": {"id": "city", "name": "Town", "width": 80}}
    wire.ok("anketa.quest.set", **change, return_fresh_obj=1)
    wire.ok("anketa.quest.set", **{"anketa.id": "s", "obj": [{"id": "tags", "name": "T"}]})
    both = [{"id": "tags", "name": "T2", "answers": {"y": "Y"}}]
    wire.ok("anketa.quest.set", **{"anketa.id": "s", "obj": both, "return_fresh_obj": 1})
    order = ["city", "q1", "q2", "q3", "tags"]
    wire.ok("anketa.quest.order", **{"anketa.id": "s", "order": order})
    wire.ok("anketa.quest.order", **{"anketa.id": "s", "order": order[::-1], "return_fresh_obj": 1})
    wire.ok(
        "anketa.quest.response.order", **{"anketa.id": "s", "id": "q1", "order": ["b", "g", "r"]}
    )
    reorder = {"anketa.id": "s", "id": "q1", "order": ["r", "g", "b"], "return_fresh_obj": 1}
    wire.ok("anketa.quest.response.order", **reorder)
    wire.ok("anketa.quest.response.delete", **{"anketa.id": "s", "quest.id": "q1", "id": "g"})
    drop = {"anketa.id": "s", "quest.id": "q1", "id": "b", "return_fresh_obj": 1}
    wire.ok("anketa.quest.response.delete", **drop)
    wire.ok("anketa.quest.delete", **{"anketa.id": "s", "id": "q3"})
    wire.ok("anketa.quest.delete", **{"anketa.id": "s", "id": "q2", "return_fresh_obj": 1})
    wire.ok("anketa.delete", id="plain")


def _members(wire: Wire, emulator: SendsayEmulator) -> None:
    wire.ok("email.test", list=[" A@Example.COM ", "x@@y", "missing@example.org"])
    wire.ok("email.test", list=["nobody@mail.example", "ok@example.org"], **{"smtp.test": 1})
    wire.ok("member.set", email="ann@example.org", obj={"s": {"city": "Oslo", "q1": ["r"]}})
    new = {"email": "bob@example.org", "newbie.confirm": 1, "return_fresh_obj": 1}
    wire.ok("member.set", **new, obj={"-group": {"g1": 1}})
    wire.ok("member.get", email="ann@example.org")
    assert wire.ok("member.confirm", email="bob@example.org", cookie="wrong") == {
        "error": "error/member/wrongcookie"
    }
    cookie = emulator.account("acme").members["bob@example.org"].cookie
    wire.ok("member.sendconfirm", letter=7, list=["bob@example.org", "ann@example.org"])
    wire.ok("member.sendconfirm", letter=7, group="g1")
    wire.ok("member.confirm", email="bob@example.org", cookie=cookie)
    rome = {
        "name": "Rome",
        "type": "fill",
        "fields": [{"aid": "s", "qid": "city", "answer": "Rome"}],
    }
    wire.ok("format.set", obj=rome)
    wire.ok("member.update", email="ann@example.org", format="1")
    wire.ok("member.update", group="g1", format="1", if_has="skip")
    wire.ok("member.list")
    wire.ok("member.list", format="1", sort="s.city", page=1, pagesize=1)
    wire.ok("member.list", result="save", caption="id")
    wire.ok("member.list", result="email", email=["boss@example.org"], **{"result.format": "xlsx"})
    wire.ok("member.list.count")
    wire.ok("member.list.count", group="g1")
    wire.ok("member.list.count", cache={"mode": "use", "key": "all"})
    assert wire.ok("member.list.count", cache={"mode": "use", "key": "all"})["cache"]["hit"] == 1
    assert wire.ok("member.list.count", cache={"mode": "fetch", "key": "none"}) == {
        "cache": {"hit": 0}
    }
    wire.ok("member.list.count", sync=0, cache={"mode": "refresh", "key": "later"})
    wire.ok("member.list.count", sync=0, cache={"mode": "use", "key": "all"})


def _imports(wire: Wire) -> None:
    csv = "member.email;s.city\ncarl@example.org;Riga\nbad@@example;Kyiv\n"
    probe = wire.ok("member.import.probe", **{"users.list": csv})
    wire.ok("member.import", uid=probe["uid"], if_exists="overwrite")
    records = [{"member": {"email": "dora@example.org"}, "s": {"city": "Bonn"}, "note": "x"}]
    wire.ok("member.import.probe", **{"users.list": records})
    table = {"caption": [{"anketa": "member", "quest": "email"}], "rows": [["eve@example.org"]]}
    wire.ok("member.import.probe", **{"users.list": table})
    wire.ok("member.import.probe", **{"users.url": "https://example.org/list.csv"})
    started = wire.ok("member.import", **{"users.list": records}, if_exists="error")
    _poll_to_end(wire, started["track.id"])
    wire.ok("member.delete", list=["dora@example.org", "nobody@example.org"])
    wire.ok("member.delete", email="carl@example.org", sync=0)
    wire.ok("logout")


def test_every_answer_of_every_action_parses(parsing: ParsingTransport) -> None:
    wire = Wire(parsing)
    _auth_and_tracks(wire, parsing.emulator)
    _anketas(wire)
    _members(wire, parsing.emulator)
    wire_scenarios.groups_and_formats(wire)
    wire_scenarios.letters(wire)
    wire_scenarios.sequences(wire)
    wire_scenarios.users_and_settings(wire)
    wire_scenarios.files(wire)
    wire_scenarios.splits(wire)
    wire_scenarios.issues(wire)
    wire_scenarios.statistics(wire)
    _imports(wire)
    from emulator.sendsay.handlers import HANDLERS

    assert set(parsing.parsed) == set(HANDLERS)  # every stateful action; the rest: below
    variants = {action: len(models) for action, models in parsing.parsed.items()}
    assert variants["anketa.quest.add"] == variants["anketa.quest.set"] == 4
    assert variants["member.list.count"] == 4
    assert variants["member.delete"] == variants["member.list"] == 2
    assert variants["member.sendconfirm"] == variants["member.update"] == 2


def test_stateful_handlers_are_spec_actions() -> None:
    from emulator.sendsay.handlers import HANDLERS

    assert set(HANDLERS) <= set(OPERATIONS)


EXAMPLES = json.loads(
    (Path(__file__).resolve().parents[2] / "generated/service/sendsay/examples.json").read_text(
        encoding="utf-8"
    )
)["examples"]


def _stateless_cases(observed_only: bool = False) -> list[tuple[str, str, dict[str, Any]]]:
    from emulator.sendsay.coverage import OBSERVED_ONLY
    from emulator.sendsay.handlers import HANDLERS

    return [
        (action, case["name"], case["request"])
        for action, cases in sorted(EXAMPLES.items())
        for case in cases
        if "request" in case
        and action not in HANDLERS
        and (action in OBSERVED_ONLY) == observed_only
    ]


@pytest.mark.parametrize(("action", "name", "request_params"), _stateless_cases())
def test_every_other_action_answers_the_variant_its_request_selects(
    action: str, name: str, request_params: dict[str, Any]
) -> None:
    wire = Wire(SendsayEmulator().transport())
    wire.login()
    answer = wire.call(action, **request_params)
    assert "errors" not in answer, answer
    body = {k: v for k, v in answer.items() if k not in ("request.id", "duration")}
    OPERATIONS[action].parse(body, request_params)


@pytest.mark.parametrize(("action", "name", "request_params"), _stateless_cases(observed_only=True))
def test_an_action_known_from_requests_only_is_refused_as_having_no_answer(
    action: str, name: str, request_params: dict[str, Any]
) -> None:
    wire = Wire(SendsayEmulator().transport())
    wire.login()
    answer = wire.call(action, **request_params)
    assert [e["id"] for e in answer["errors"]] == ["error/emulator/no_answer"], answer
