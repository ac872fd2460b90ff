"""The client and the emulator apply one set of rules: the cases where they disagreed.

The emulator refuses a valid request only for a reason of state; every rule it applies comes
from the spec's generated checkers or from the query checker the client uses too.
"""

from __future__ import annotations

from typing import Any

import pytest
from sendsay_api import Sendsay
from sendsay_api.models import StatUniOk, TrackStarted
from sendsay_api.operations import OPERATIONS

from emulator import SendsayEmulator

FAST: dict[str, Any] = {"interval": 0.001, "max_interval": 0.001, "timeout": 5.0}


@pytest.fixture
def client() -> Any:
    with Sendsay(login="acme", password="pw", transport=SendsayEmulator().transport()) as c:
        yield c


def test_the_documents_group_filter_example_is_accepted(client: Sendsay) -> None:
    # lines 7711-7717: "which": "<=", "aid": "member", "qid": "error", "resp": "2"
    # -- the address has 2 delivery errors or fewer
    example = [{"which": "<=", "aid": "member", "qid": "error", "resp": "2"}]
    assert OPERATIONS["group.filter.set"].check({"id": "f1", "filter": example}) == []
    client.group.create(id="f1", name="Few errors", type="filter", addr_type="email")
    client.member.set(email="a@example.com")
    client.group.filter_set(id="f1", filter=example)
    assert client.group.filter_get(id="f1").filter[0].to_wire()["qid"] == "error"
    assert client.member.list(group="f1").rows == [["a@example.com"]]


def test_stat_uni_orders_by_a_field_it_does_not_select(client: Sendsay) -> None:
    for address in ("b@example.com", "a@example.com"):
        client.member.set(email=address)
    select, order = ["member.email"], ["-member.id"]
    assert OPERATIONS["stat.uni"].check({"select": select, "order": order}) == []
    rows = client.stat.uni(select=select, order=order, result="response")
    assert isinstance(rows, StatUniOk)
    assert rows.list == [["a@example.com"], ["b@example.com"]]  # the newest member first


@pytest.mark.parametrize(
    ("action", "params", "words"),
    [
        # line 2278: path is an absolute path in the storage, starting with a slash
        ("rfs.file.get", {"domain": "image", "path": "a/x.txt"}, "path: expected text matching ^/"),
        # the stat.uni language: a value that does not fit its field's type
        (
            "stat.uni",
            {"select": ["member.id"], "filter": [{"a": "member.id", "op": ">", "v": "a"}]},
            "filter[0].v: expected a query by the stat.uni rules",
        ),
    ],
)
def test_the_client_refuses_what_the_emulator_refuses(
    client: Sendsay, action: str, params: dict[str, Any], words: str
) -> None:
    issues = [str(i) for i in OPERATIONS[action].check(params)]
    assert any(words in i for i in issues), issues
    namespace, method = action.split(".", 1)
    call = getattr(getattr(client, namespace), method.replace(".", "_"))
    with pytest.raises(ValueError, match="nothing was sent"):
        call(**{k.replace(".", "_"): v for k, v in params.items()})


@pytest.mark.parametrize("form", ["id", "text", "answer", "raw"])
def test_track_wait_takes_the_id_in_every_form_the_wire_gives(client: Sendsay, form: str) -> None:
    client.group.create(id="g1", name="Fans", type="list", addr_type="email")
    started = client.member.delete(group="g1", sync=False)
    assert isinstance(started, TrackStarted)
    given: Any = {
        "id": started.track_id,
        "text": str(started.track_id),
        "answer": started,
        "raw": started.raw,
    }[form]
    assert client.track.wait(given, **FAST).status == -1


def test_track_wait_names_what_it_cannot_read(client: Sendsay) -> None:
    with pytest.raises(TypeError, match="track id"):
        client.track.wait("ninety-five", **FAST)
    with pytest.raises(TypeError, match="track id"):
        client.track.wait({"id": 95}, **FAST)
