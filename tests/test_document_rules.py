"""The document's rules, one valid and one invalid request each, through the client's checker
and through the emulator: both must agree (the emulator checks with the same generated code).

Each case cites the line of the Sendsay v0.108 reference it is built on.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from sendsay_api import Sendsay
from sendsay_api.operations import OPERATIONS
from test_properties import validator

from emulator import SendsayEmulator

IMPORT = {"users.url": "https://example.com/u.csv", "if_exists": "error"}


def _steps(event: dict[str, Any]) -> dict[str, Any]:
    """`sequence.steps.set` of one step whose one variant waits for `event`."""
    return {"id": 1, "list": {"1": [{"event": [event], "action": [{"type": "noop"}]}]}}


# (document line, action, valid params, invalid params, words expected in the invalid's issue)
RULES: list[tuple[str, str, dict[str, Any], dict[str, Any], str]] = [
    (
        "907: width is required for type=free",
        "anketa.quest.add",
        {"anketa.id": "a1", "obj": {"name": "City", "type": "free", "width": 40}},
        {"anketa.id": "a1", "obj": {"name": "City", "type": "free"}},
        "obj.width: missing",
    ),
    (
        "911: dtsubtype is required for type=dt",
        "anketa.quest.add",
        {"anketa.id": "a1", "obj": {"name": "Born", "type": "dt", "dtsubtype": "yd"}},
        {"anketa.id": "a1", "obj": {"name": "Born", "type": "dt"}},
        "obj.dtsubtype: missing",
    ),
    (
        "905-917: parameters defined by the type of the question (width only for free)",
        "anketa.quest.add",
        {"anketa.id": "a1", "obj": {"name": "Age", "type": "int"}},
        {"anketa.id": "a1", "obj": {"name": "Age", "type": "int", "width": 3}},
        "obj.width: not in the spec",
    ),
    (
        "1647: member.haslock empty or absent - the lock state is not considered",
        "member.list",
        {"member.haslock": ""},
        {"member.haslock": "x"},
        'member.haslock"]: expected one of',
    ),
    (
        "1698: caption absent or empty - no header line",
        "member.list",
        {"caption": "", "result": "email", "email": ["a@example.com"]},
        {"caption": "ids", "result": "email", "email": ["a@example.com"]},
        "caption: expected one of",
    ),
    (
        "2526: message holds one or both versions of the letter",
        "issue.send",
        {"message": {"html": "<p>Hi</p>"}, "gid": "g1", "sendwhen": "now"},
        {"message": {}, "gid": "g1", "sendwhen": "now"},
        "message: expected at least 1 key",
    ),
    (
        "2526: message keys are html, text and sms (a typo is refused)",
        "issue.send",
        {"message": {"text": "Hi"}, "gid": "g1", "sendwhen": "now"},
        {"message": {"htm": "<p>Hi</p>"}, "gid": "g1", "sendwhen": "now"},
        "message.htm: not in the spec",
    ),
    (
        "2563: at most five test addresses (mca)",
        "issue.send",
        {
            "message": {"text": "Hi"},
            "gid": "g1",
            "sendwhen": "test",
            "mca": [f"t{i}@example.com" for i in range(5)],
        },
        {
            "message": {"text": "Hi"},
            "gid": "g1",
            "sendwhen": "test",
            "mca": [f"t{i}@example.com" for i in range(6)],
        },
        "mca: expected at most 5 item(s)",
    ),
    (
        "6351: a sequence condition is a group-filter element without AND/OR/group/stat.uni/PRF",
        "sequence.steps.set",
        _steps(
            {
                "type": "member.match",
                "match.cond": {"which": "has", "aid": "a", "qid": "q", "resp": "x"},
            }
        ),
        _steps({"type": "member.match", "match.cond": {"which": "AND"}}),
        '["match.cond"].which: expected one of',
    ),
    (
        "6410: member.match needs match.group or match.cond",
        "sequence.steps.set",
        _steps({"type": "member.match", "match.group": "g1"}),
        _steps({"type": "member.match"}),
        "match.group | match.cond: missing",
    ),
    (
        "6364: the filter WAS is one of was.group and was.cond",
        "sequence.steps.set",
        _steps({"type": "member.change", "was.not": 1, "was.group": "g1"}),
        _steps({"type": "member.change", "was.not": 1}),
        "was.group | was.cond: missing",
    ),
    (
        "6302-6306: time.happened needs weekday or time",
        "sequence.steps.set",
        _steps({"type": "time.happened", "time": "10:00"}),
        _steps({"type": "time.happened", "when": "10:00"}),
        "weekday | time: missing",
    ),
    (
        "6302-6304: weekday 1-7, and 0 for this call",
        "sequence.steps.set",
        _steps({"type": "time.happened", "weekday": 0}),
        _steps({"type": "time.happened", "weekday": 9}),
        "weekday: expected a number <= 7",
    ),
    (
        "4077 (from 7352): issue.access.group is required when who is group",
        "sys.settings.set",
        {"list": {"issue.access": {"who": "group", "group": "vip"}}},
        {"list": {"issue.access": {"who": "group"}}},
        'issue.access"].group: missing',
    ),
    (
        "7225-7282: read-only settings cannot be set",
        "sys.settings.set",
        {"list": {"support.access": 1}},
        {"list": {"about.name": "Acme"}},
        'about.name"]: expected no value: it can only be read',
    ),
    (
        "3541-3547: winner.by is ignored only when the percentage is 100",
        "issue.split.create",
        {"name": "T", "group": "g1", "percent": 100, "active": 1},
        {"name": "T", "group": "g1", "percent": 20, "active": 1},
        'winner.by"]: missing',
    ),
    (
        "1973: mailto: is mandatory on the import report addresses",
        "member.import",
        {
            "users.url": "https://example.com/u.csv",
            "if_exists": "error",
            "result": ["mailto:me@example.com"],
        },
        {
            "users.url": "https://example.com/u.csv",
            "if_exists": "error",
            "result": ["me@example.com"],
        },
        "result[0]: expected text matching",
    ),
    (
        "2649: time-zone keys carry a mandatory sign",
        "issue.send",
        {
            "message": {"sms": "Hi"},
            "gid": "g1",
            "sendwhen": "now",
            "tz_limit": {"+4": {"time": {"hour": [9, 10]}}},
        },
        {
            "message": {"sms": "Hi"},
            "gid": "g1",
            "sendwhen": "now",
            "tz_limit": {"4": {"time": {"hour": [9, 10]}}},
        },
        'tz_limit["4"]: expected a key matching',
    ),
]


class Wire:
    """Sends one request as the documented form, the way any client would."""

    def __init__(self, emulator: SendsayEmulator) -> None:
        self.http = httpx.Client(transport=emulator.transport())
        answer = self.call({"action": "login", "login": "acme", "passwd": "pw"})
        self.session = answer["session"]

    def call(self, body: dict[str, Any]) -> dict[str, Any]:
        form = {"apiversion": "100", "json": "1", "request": json.dumps(body)}
        response = self.http.post(
            "https://sendsay.test/api",
            content=urlencode(form),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        answer: dict[str, Any] = response.json()
        return answer

    def refusal(self, action: str, params: dict[str, Any]) -> list[str]:
        """The emulator's refusal of the request for breaking the spec ([] when it has none)."""
        answer = self.call({"action": action, "session": self.session, **params})
        errors = answer.get("errors") or []
        return [str(e.get("explain")) for e in errors if e.get("id") == "error/request/invalid"]


@pytest.fixture(scope="module")
def wire() -> Wire:
    return Wire(SendsayEmulator())


@pytest.mark.parametrize("rule", RULES, ids=[r[0].split(":")[0] + " " + r[1] for r in RULES])
def test_the_documents_rule_holds_in_client_and_emulator(
    rule: tuple[str, str, dict[str, Any], dict[str, Any], str], wire: Wire
) -> None:
    _, action, valid, invalid, words = rule
    check = OPERATIONS[action].check
    assert [str(i) for i in check(valid)] == []
    assert wire.refusal(action, valid) == []
    issues = [str(i) for i in check(invalid)]
    assert any(words in issue for issue in issues), issues
    refused = wire.refusal(action, invalid)
    assert refused and any(words in text for text in refused), refused


@pytest.mark.parametrize("rule", RULES, ids=[r[0].split(":")[0] + " " + r[1] for r in RULES])
def test_the_json_schema_for_other_languages_says_the_same(
    rule: tuple[str, str, dict[str, Any], dict[str, Any], str],
) -> None:
    _, action, valid, invalid, _ = rule
    schema = validator("sendsay", action, "request")
    assert list(schema.iter_errors(valid)) == []
    assert list(schema.iter_errors(invalid)) != []


def test_the_client_refuses_before_sending() -> None:
    client = Sendsay(session="s-1", transport=httpx.MockTransport(lambda r: httpx.Response(500)))
    with pytest.raises(ValueError, match=r"obj\.width: missing"):
        client.anketa.quest_add(anketa_id="a1", obj={"name": "City", "type": "free"})


def _answering(payload: dict[str, Any]) -> Sendsay:
    def reply(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=payload)

    return Sendsay(session="s-1", transport=httpx.MockTransport(reply))


def test_queue_position_is_quoted_in_the_document_and_decodes_either_way() -> None:
    # line 2055: ,"queue_position" : "номер в очереди импортирования"
    for sent in ("3", 3):
        client = _answering({"queue_position": sent, "track.id": 95})
        answer = client.member.import_(users_url="https://example.com/u.csv", if_exists="error")
        assert answer.queue_position == sent


def test_pongs_ping_is_something_different_every_time_string_or_integer() -> None:
    # "что-то каждый раз разное"; a recorded live answer carries an integer
    for sent in ("1700000000.456", 1700000000):
        assert _answering({"ping": sent}).pong().ping == sent
    with pytest.raises(Exception, match="ping"):
        _answering({"ping": [1]}).pong()
