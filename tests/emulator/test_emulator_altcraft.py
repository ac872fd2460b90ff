"""The Altcraft emulator through the generated client: tasks, JSON and XML, token, errors."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import httpx
import pytest
from altcraft_api import Altcraft, APIError, TaskFailedError

from emulator import AltcraftEmulator

from .conftest import FAST

BASE = "http://127.0.0.1/api/v1.1"


def _client(emu: AltcraftEmulator, token: str = "T0K", wire_format: str = "json") -> Altcraft:
    return Altcraft(token=token, base_url=BASE, transport=emu.transport(), wire_format=wire_format)  # type: ignore[arg-type]


def test_refresh_then_poll_until_completed(altcraft: AltcraftEmulator) -> None:
    with _client(altcraft) as c:
        task = c.resources.refresh_counters(id=24, list_id=1)
        seen = [c.tasks.status(task_id=task.task_id) for _ in range(3)]
    assert [(s.status, s.progress) for s in seen] == [
        ("in_progress", 0),
        ("in_progress", 50),
        ("completed", 100),
    ]
    (result,) = seen[-1].result
    assert result.list_id == 1 and result.in_progress is False
    email = next(ch for ch in result.channels if ch.channel == "email")
    assert (email.status.all, email.status.subscribed, email.status.hardbounced) == (1336, 842, 434)


def test_wait_with_own_counters(altcraft: AltcraftEmulator) -> None:
    altcraft.set_counters(7, 2, [{"channel": "email", "status": {"all": 5, "subscribed": 5}}])
    with _client(altcraft) as c:
        done = c.tasks.wait(c.resources.refresh_counters(id=7, list_id=2), **FAST)
    assert done.result[0].channels[0].status.all == 5


def test_failed_task(altcraft: AltcraftEmulator) -> None:
    altcraft.fail_next_task = True
    with _client(altcraft) as c, pytest.raises(TaskFailedError):
        c.tasks.wait(c.resources.refresh_counters(id=1, list_id=1), **FAST)


def test_token_and_unknown_task() -> None:
    emu = AltcraftEmulator(token="right")
    with _client(emu, token="wrong") as c, pytest.raises(APIError) as refused:
        c.resources.refresh_counters(id=1, list_id=1)
    assert refused.value.errors == [{"id": "401", "explain": "Invalid API token"}]
    with _client(emu, token="right") as c, pytest.raises(APIError) as unknown:
        c.tasks.status(task_id="nope")
    assert unknown.value.id == "404"


def test_xml_request_gets_an_xml_answer(altcraft: AltcraftEmulator) -> None:
    with _client(altcraft, wire_format="xml") as c:
        task = c.resources.refresh_counters(id=24, list_id=1, feedback={"type": "JSON", "url": "x"})
        assert c.tasks.status(task_id=task.task_id).status == "in_progress"
    http = httpx.Client(transport=altcraft.transport(), trust_env=False)
    body = f"<xml><token>t</token><task_id>{task.task_id}</task_id></xml>"
    for _ in range(2):
        answer = http.post(
            f"{BASE}/tasks/status", content=body, headers={"Content-Type": "application/xml"}
        )
    root = ET.fromstring(answer.content)
    assert root.findtext("error") == "0" and root.findtext("data/status") == "completed"
    assert root.findtext("data/result/in_progress") == "false"
    assert [e.text for e in root.findall("data/result/channels/channel")] == [
        "sms",
        "push",
        "email",
    ]


def test_client_decodes_the_completed_xml_answer(altcraft: AltcraftEmulator) -> None:
    with _client(altcraft, wire_format="xml") as c:
        c.tasks.wait(c.resources.refresh_counters(id=24, list_id=1), **FAST)


def test_bad_requests(altcraft: AltcraftEmulator) -> None:
    http = httpx.Client(transport=altcraft.transport(), trust_env=False)
    broken = http.post(f"{BASE}/tasks/status", content=b"{not json")
    assert broken.status_code == 200 and broken.json()["error"] == 400
    invalid = http.post(f"{BASE}/tasks/status", json={"token": "t", "task_id": 5})
    assert invalid.json()["error"] == 400 and "task_id" in invalid.json()["error_text"]
    assert http.post(f"{BASE}/nothing", json={"token": "t"}).status_code == 404
    assert http.get(f"{BASE}/tasks/status").status_code == 405


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b'{"token": "t", "task_id": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", "application/json"),
        (
            b"<xml><token>t</token>" + b"<a>" * 5_000 + b"</a>" * 5_000 + b"</xml>",
            "application/xml",
        ),
    ],
)
def test_a_body_nested_too_deeply_is_an_error_answer(
    altcraft: AltcraftEmulator, body: bytes, content_type: str
) -> None:
    http = httpx.Client(transport=altcraft.transport(), trust_env=False)
    answer = http.post(f"{BASE}/tasks/status", content=body, headers={"Content-Type": content_type})
    assert answer.status_code == 200
    text = answer.text
    assert "nested too deeply" in text and "Traceback" not in text


def test_xml_parameters_are_read_with_the_spec_kinds() -> None:
    """The integers of an XML request are the parameters the spec types `int`; a task id of
    digits stays the string the spec says it is."""
    from pathlib import Path

    from altcraft_api.operations import OPERATIONS

    from codegen.cli import load_apis
    from codegen.typeexpr import TypeRef
    from emulator.altcraft_wire import read_body

    spec = next(a for a in load_apis(Path(__file__).parents[2] / "spec") if a.name == "altcraft")
    refresh = next(op for op in spec.operations if op.wire == "resources/refresh_counters")
    integers = {p.wire for p in refresh.params if p.type == TypeRef("scalar", "int")}
    shape = OPERATIONS["resources/refresh_counters"].params_shape
    assert integers and {k for k, v in shape.items() if v == "int"} == integers
    body = b"<xml><token>t</token><id>24</id><list_id>1</list_id><format>7</format></xml>"
    request = httpx.Request("POST", f"{BASE}/resources/refresh_counters", content=body)
    assert read_body(request, "xml", shape) == {
        "token": "t",
        "id": 24,
        "list_id": 1,
        "format": "7",
    }
    status = httpx.Request(
        "POST", f"{BASE}/tasks/status", content=b"<xml><task_id>42</task_id></xml>"
    )
    assert read_body(status, "xml", OPERATIONS["tasks/status"].params_shape) == {"task_id": "42"}
