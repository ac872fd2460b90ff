"""Fault injection in front of both emulators, in-process (the loopback server: tests/loopback)."""

from __future__ import annotations

import asyncio
from collections import Counter

import altcraft_api
import pytest
from altcraft_api import Altcraft, AsyncAltcraft
from sendsay_api import AsyncSendsay, Sendsay, TransportError
from sendsay_api._runtime.retry import RetryPolicy

from emulator import AltcraftEmulator, SendsayEmulator
from emulator.faults import NON_JSON_PAGE, Faults

ONCE = RetryPolicy(attempts=1)


def sendsay_client(emulator: SendsayEmulator, faults: Faults) -> Sendsay:
    transport = emulator.transport(faults)
    return Sendsay(login="acme", password="pw", transport=transport, retry=ONCE)


def test_nothing_is_injected_by_default() -> None:
    faults = Faults()
    with sendsay_client(SendsayEmulator(), faults) as client:
        client.member.set(email="a@example.org")
        got = client.member.get(email="a@example.org").obj.answers
        assert got["member"] == {"email": "a@example.org"}
    assert faults.injected == Counter() and faults.describe() == "" and faults.report() == ""


def test_an_http_error_in_front_performs_nothing() -> None:
    emulator, faults = SendsayEmulator(), Faults(http_error_next=1, http_error_status=502)
    with sendsay_client(emulator, faults) as client:
        with pytest.raises(TransportError, match="HTTP 502") as info:
            client.ping()
        assert info.value.status_code == 502
        assert "emulated server error" in (info.value.excerpt or "")
        client.member.set(email="a@example.org")
        faults.http_error_next = 1
        with pytest.raises(TransportError, match="HTTP 502"):
            client.member.set(email="b@example.org")
    assert [m.address for m in emulator.account("acme").members.values()] == ["a@example.org"]
    assert faults.injected == Counter(http_error=2)


def test_an_http_error_after_processing_keeps_the_change() -> None:
    emulator = AltcraftEmulator()
    faults = Faults(http_error_next=1, http_error_processed=True, retry_after=7)
    transport = emulator.transport(faults)
    with (
        Altcraft(token="t", transport=transport, retry=ONCE) as client,
        pytest.raises(altcraft_api.TransportError, match="HTTP 503"),
    ):
        client.resources.refresh_counters(id=24, list_id=1)
    assert len(emulator.tasks) == 1
    assert faults.http_error().headers["Retry-After"] == "7"


def test_a_truncated_answer_is_cut_after_the_call_was_performed() -> None:
    emulator, faults = SendsayEmulator(), Faults(truncate_next=1)
    with sendsay_client(emulator, faults) as client:
        with pytest.raises(TransportError, match="not JSON") as info:
            client.ping()
        assert (info.value.excerpt or "").startswith('{"request.id"')
        client.member.set(email="a@example.org")
        faults.truncate_next = 1
        with pytest.raises(TransportError, match="not JSON"):
            client.member.set(email="b@example.org")
    assert sorted(m.address for m in emulator.account("acme").members.values()) == [
        "a@example.org",
        "b@example.org",
    ]


def test_a_non_json_page_for_both_wire_formats_of_altcraft() -> None:
    emulator, faults = AltcraftEmulator(), Faults(non_json_next=2)
    for wire_format in ("json", "xml"):
        transport = emulator.transport(faults)
        with (
            Altcraft(token="t", transport=transport, wire_format=wire_format) as client,
            pytest.raises(altcraft_api.TransportError, match="neither JSON nor XML") as info,
        ):
            client.resources.refresh_counters(id=24, list_id=1)
        assert (info.value.excerpt or "").startswith("<!DOCTYPE html>")
    assert emulator.tasks == {} and faults.injected == Counter(non_json=2)
    assert NON_JSON_PAGE.startswith(b"<!DOCTYPE html>")


def test_faults_due_together_come_one_per_request_in_order() -> None:
    faults = Faults(http_error_next=1, non_json_next=1, truncate_next=1)
    assert [faults.plan().damage for _ in range(4)] == [
        "http_error",
        "non_json",
        "truncated",
        None,
    ]


def test_latency_for_the_next_requests_only_and_async_calls_overlap() -> None:
    faults = Faults(latency=0.01, latency_next=3)
    assert faults.describe() == "latency 0.01 s (next 3)"

    async def run() -> list[str]:
        transport = SendsayEmulator().transport(faults)
        async with AsyncSendsay(transport=transport) as client:
            answers = await asyncio.gather(*(client.ping() for _ in range(5)))
        transport = AltcraftEmulator().transport(faults)
        async with AsyncAltcraft(token="t", transport=transport) as altcraft:
            await altcraft.resources.refresh_counters(id=24, list_id=1)
        return [a.pong for a in answers]

    assert len(asyncio.run(run())) == 5
    assert faults.injected == Counter(latency=3) and faults.latency_next == 0
    assert faults.describe() == ""


def test_a_seeded_error_rate_repeats_exactly() -> None:
    def draws(seed: int) -> list[bool]:
        faults = Faults(http_error_rate=0.3, seed=seed)
        return [faults.plan().damage == "http_error" for _ in range(200)]

    first = draws(7)
    assert first == draws(7) != draws(8)
    assert 0 < sum(first) < 200


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"latency": -1}, "latency must be 0 or more seconds"),
        ({"latency_next": -1}, "latency_next must be 0 or more requests"),
        ({"http_error_next": -2}, "http_error_next must be 0 or more requests"),
        ({"http_error_rate": 1.5}, "http_error_rate must be between 0 and 1"),
        ({"http_error_status": 404}, "http_error_status must be 500-599, not 404"),
        ({"retry_after": -3}, "retry_after must be 0 or more seconds"),
    ],
)
def test_bad_settings_name_the_setting(settings: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Faults(**settings)  # type: ignore[arg-type]
