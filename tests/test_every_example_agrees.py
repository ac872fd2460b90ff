"""Every request example of the document (the spec's examples), through the client's checker
and through the emulator: no disagreement other than state.

The client's checker accepts each example. The emulator, serving one account in the document's
order, accepts it or refuses it only for a reason of state or of what an emulator cannot do;
those refusals are listed by reason. A refusal for the request's form (`error/request/invalid`)
or for an error id no reason covers is a disagreement: the test fails and names it.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from sendsay_api.operations import OPERATIONS

from emulator import SendsayEmulator

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES: dict[str, list[dict[str, Any]]] = json.loads(
    (ROOT / "generated/service/sendsay/examples.json").read_text(encoding="utf-8")
)["examples"]
SESSION_ACTIONS = ("login", "logout")  # they would end or replace the session of the run

# error id -> the reason of state (or of the emulator's means) it stands for
STATE_REASONS: dict[str, str] = {
    r"error/.+/(answer_)?not_found": "the object the example names does not exist here",
    r"error/rfs/dir_not_found": "the storage directory the example names does not exist",
    r"error/import/data": "the imported columns name anketa questions this account lacks",
    r"error/import/url": "the emulator fetches nothing from the network (users.url)",
    r"error/stat/unsupported": "statistics the emulator does not compute",
    r"error/auth/failed": "no login.agses challenge was issued for this card",
    r"error/emulator/no_answer": "an action known from observed requests only has no answer",
}


def _reason(error_id: str) -> str | None:
    return next((r for p, r in STATE_REASONS.items() if re.fullmatch(p, error_id)), None)


class Wire:
    def __init__(self) -> None:
        self.http = httpx.Client(transport=SendsayEmulator().transport())
        self.session = self.call({"action": "login", "login": "acme", "passwd": "pw"})["session"]

    def seed(self) -> None:
        """The objects most examples name, made through the API (others stay missing)."""
        for group, kind in (("vip", "filter"), ("pl40", "list"), ("autumn", "list")):
            self.ok({"action": "group.create", "id": group, "name": group, "type": kind,
                     "addr_type": "email"})  # fmt: skip
        self.ok({"action": "anketa.create", "id": "a1", "name": "Survey"})
        for address in ("jondoe@example.com", "user@example.com", "ann@example.com"):
            self.ok({"action": "member.set", "email": address})

    def ok(self, body: dict[str, Any]) -> None:
        answer = self.call({**body, "session": self.session})
        assert "errors" not in answer, answer

    def call(self, body: dict[str, Any]) -> dict[str, Any]:
        form = {"apiversion": "100", "json": "1", "request": json.dumps(body)}
        response = self.http.post(
            "https://sendsay.test/api",
            content=urlencode(form),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        answer: dict[str, Any] = response.json()
        return answer


def _requests() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (action, case["name"], case["request"])
        for action, cases in EXAMPLES.items()
        for case in cases
        if "request" in case and action not in SESSION_ACTIONS
    ]


def test_the_client_accepts_every_example() -> None:
    refused = {
        f"{action} {name}": [str(i) for i in OPERATIONS[action].check(params)]
        for action, name, params in _requests()
    }
    assert {k: v for k, v in refused.items() if v} == {}


def test_the_emulator_refuses_an_example_only_for_a_reason_of_state() -> None:
    wire = Wire()
    wire.seed()
    by_reason: dict[str, list[str]] = defaultdict(list)
    disagreements: list[str] = []
    for action, name, params in _requests():
        answer = wire.call({"action": action, "session": wire.session, **params})
        errors = answer.get("errors")
        if not errors:
            body = {k: v for k, v in answer.items() if k not in ("request.id", "duration")}
            OPERATIONS[action].parse(body, params)  # the client reads the emulator's answer
            continue
        for error in errors:
            reason = _reason(str(error.get("id")))
            where = f"{action} ({name}): {error.get('id')} {error.get('explain')}"
            (by_reason[reason].append(where) if reason else disagreements.append(where))
    assert disagreements == [], "\n".join(disagreements)
    assert sum(len(v) for v in by_reason.values()) < len(_requests())  # most are accepted
    print("\nrefused for a reason of state, by reason:")  # the listing `pytest -s` shows
    for reason, cases in sorted(by_reason.items()):
        print(f"- {reason}: {len(cases)}")
        for case in cases:
            print(f"    {case}")
