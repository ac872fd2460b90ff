"""track.wait: polls track.get with a growing interval until a final status."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sendsay_api import AsyncSendsay, Sendsay, TaskFailedError, TaskTimeoutError
from sendsay_api._runtime import tracking


def track(status: int, perc: float | None = None, **param: Any) -> dict[str, Any]:
    if perc is not None:
        param["eta"] = {"perc": perc}
    obj = {
        "id": 9,
        "dt": "2024-01-02 03:04:05",
        "action": "member.import",
        "status": status,
        "status.dt": "2024-01-02 03:04:06",
        "param": param,
    }
    return {"obj": obj}


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    sleeps: list[float] = []
    monkeypatch.setattr(tracking.time, "sleep", sleeps.append)
    return sleeps


def test_wait_polls_until_finished_with_progress(scripted: Any, no_sleep: list[float]) -> None:
    server = scripted(track(0), track(2, 33), track(2, 66), track(-1, statistic={"inserted": 3}))
    seen: list[tracking.Progress] = []
    c = Sendsay(session="s", transport=server.transport())
    obj = c.track.wait(9, progress=seen.append, interval=1.0, backoff=2.0, max_interval=3.0)
    assert obj.status == -1 and obj.param.statistic.inserted == 3
    assert [p.status_text for p in seen] == ["accepted", "processing", "processing", "finished"]
    assert [p.percent for p in seen] == [None, 33.0, 66.0, 100.0]
    assert no_sleep == [1.0, 2.0, 3.0]  # growing, capped
    assert all(b == {"action": "track.get", "id": 9, "session": "s"} for b in server.bodies())


def test_wait_accepts_the_answer_of_an_async_call(scripted: Any) -> None:
    server = scripted({"track.id": 9}, track(-1))
    c = Sendsay(session="s", transport=server.transport())
    task = c.member.delete(group="g")
    assert c.track.wait(task).status == -1


@pytest.mark.parametrize(("status", "text"), [(-2, "failed"), (-3, "cancelled")])
def test_failed_or_cancelled_raises(scripted: Any, status: int, text: str) -> None:
    server = scripted(track(1), track(status))
    c = Sendsay(session="s", transport=server.transport())
    with pytest.raises(TaskFailedError, match=text) as info:
        c.track.wait(9)
    assert info.value.status == status


def test_unlisted_status_is_reported_not_a_crash(scripted: Any) -> None:
    server = scripted(track(17), track(-1))
    seen: list[tracking.Progress] = []
    Sendsay(session="s", transport=server.transport()).track.wait(9, progress=seen.append)
    assert "not listed in the document" in seen[0].status_text


def test_time_limit_raises_instead_of_returning_unfinished(
    scripted: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = iter(range(0, 1000, 40))
    monkeypatch.setattr(tracking, "monotonic", lambda: float(next(clock)))
    server = scripted(*[track(2, 10)] * 5)
    with pytest.raises(TaskTimeoutError, match="still not finished") as info:
        Sendsay(session="s", transport=server.transport()).track.wait(9, timeout=100)
    assert info.value.status == 2


def test_progress_true_prints_a_line(scripted: Any, capsys: pytest.CaptureFixture[str]) -> None:
    server = scripted(track(2, 50), track(-1))
    Sendsay(session="s", transport=server.transport()).track.wait(9, progress=True)
    err = capsys.readouterr().err
    assert "50.0%" in err and "finished" in err


def test_async_wait(scripted: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    async def no_wait(_: float) -> None:
        return None

    monkeypatch.setattr(asyncio, "sleep", no_wait)
    server = scripted(track(1), track(-1))

    async def run() -> Any:
        async with AsyncSendsay(session="s", transport=server.transport()) as c:
            return await c.track.wait(9)

    assert asyncio.run(run()).status == -1
