"""The emulator serves the observed layer's shapes (spec/sendsay/layers/observed.yaml): the
`group` + `letter` form of issue.send really sends, `batch` really runs its requests, and an
action whose answer the spec does not know is refused with an API error, never HTTP 500."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from sendsay_api import Sendsay, models

from emulator import SendsayEmulator

ROOT = Path(__file__).resolve().parents[2]
EVIDENCE = Path(os.environ.get("EVIDENCE_DIR", ROOT.parent / "shared" / "evidence"))
AUTH_KEYS = ("session", "apikey", "one_time_auth")
FAST = {"interval": 0.001, "max_interval": 0.001, "timeout": 5.0}


def test_issue_send_with_group_and_letter_sends(client: Sendsay, sendsay: SendsayEmulator) -> None:
    started = client.issue.send(
        group="personal",
        sendwhen="now",
        email="ann@example.org",
        letter={
            "subject": "Order shipped",
            "from.name": "Shop",
            "from.email": "noreply@example.com",
            "message": {"html": "<p>Hi</p>", "text": "Hi"},
        },
    )
    done = client.track.wait(started, **FAST)
    assert done.param.issue_members == 1
    sent = sendsay.account("acme").outbox[-1]
    assert (sent["to"], sent["subject"]) == (["ann@example.org"], "Order shipped")


def test_issue_send_with_group_and_draft(client: Sendsay, sendsay: SendsayEmulator) -> None:
    client.member.set(email="bob@example.org", obj={"-group": {"g": 1}})
    letter = {"subject": "From a draft", "from": "a@example.com", "sender": "A", "text": "<p/>"}
    draft = client.issue.draft_set(
        obj={**letter, "name": "D", "format": "html"}, return_fresh_obj=True
    )
    started = client.issue.send(group="g", sendwhen="now", letter={"draft.id": str(draft.obj.id)})
    client.track.wait(started, **FAST)
    assert sendsay.account("acme").outbox[-1]["subject"] == "From a draft"


def test_issue_send_test_puts_the_letter_in_the_outbox(
    client: Sendsay, sendsay: SendsayEmulator
) -> None:
    client.issue.send_test(
        letter={"subject": "Try", "from.email": "a@example.com", "message": {"text": "t"}},
        mca=["qa@example.org"],
        sendwhen="test",
    )
    assert sendsay.account("acme").outbox[-1] == {
        "to": ["qa@example.org"],
        "test": 1,
        "subject": "Try",
    }


def test_batch_runs_each_request_and_decodes_each_answer(client: Sendsay) -> None:
    task = client.issue.send(
        group="personal",
        sendwhen="now",
        email="c@example.org",
        letter={"subject": "S", "message": {"html": "<p/>"}},
    )
    answer = client.batch(
        do=[{"action": "track.get", "id": task.track_id}, {"action": "pong"}, {"action": "nope"}]
    )
    track, pong, failed = answer.result
    assert isinstance(track, models.TrackGetResponse) and track.obj.id == task.track_id
    assert isinstance(pong, models.PongResponse)
    assert failed["errors"][0]["id"] == "error/action/unknown"  # a failed request stays a dict


def test_batch_answers_errors_in_place(wire: Any) -> None:
    wire.login()
    answer = wire.ok(
        "batch", do=[{"action": "no.such.action"}, {"action": "pong"}], stop_on_error=0
    )
    first, second = answer["result"]
    assert first["errors"][0]["id"] == "error/action/unknown"
    assert "errors" not in second
    stopped = wire.ok(
        "batch", do=[{"action": "no.such.action"}, {"action": "pong"}], stop_on_error=1
    )
    assert len(stopped["result"]) == 1


def test_an_action_without_a_known_answer_is_refused_as_an_api_error(wire: Any) -> None:
    wire.login()
    answer = wire.call("member.exists", email="a@example.org")
    assert answer["errors"][0]["id"] == "error/emulator/no_answer"
    assert "member.exists" in str(answer["errors"][0]["explain"])


def test_an_unmodelled_letter_format_is_refused_as_an_api_error(wire: Any) -> None:
    wire.login()
    answer = wire.call(
        "issue.send", group="pl1", sendwhen="now", letter={"message": {"viber": "hi"}}
    )
    assert answer["errors"][0]["id"] == "error/emulator/not_modelled"


def evidence() -> list[dict[str, Any]]:
    path = EVIDENCE / "post-0108-requests.jsonl"
    if not path.exists():
        pytest.skip(f"the evidence is not at {EVIDENCE} (set EVIDENCE_DIR)")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_observed_payload_gets_an_api_answer_never_a_server_failure(wire: Any) -> None:
    wire.login()
    served = refused = 0
    for row in evidence():
        params = {k: v for k, v in row["params"].items() if k not in AUTH_KEYS}
        answer = wire.call(row["action"], **params)  # asserts HTTP 200 and a JSON answer
        if "errors" in answer:
            refused += 1
            assert all(e.get("id") for e in answer["errors"]), answer
        else:
            served += 1
    assert served and refused
