"""The emulator under load over real loopback HTTP: concurrent clients write and read members
for a bounded time; nothing written is lost, nothing read is wrong, the server stays up."""

from __future__ import annotations

import threading
import time
from typing import Any

from sendsay_api import Sendsay

from emulator import serve

CLIENTS = 8
SECONDS = 2.0
MAX_CALLS_PER_CLIENT = 400


def test_concurrent_clients_lose_nothing(capsys: Any) -> None:
    written: dict[str, str] = {}
    errors: list[BaseException] = []
    calls = [0] * CLIENTS
    lock = threading.Lock()
    with serve() as server:
        deadline = time.monotonic() + SECONDS

        def work(worker: int) -> None:
            try:
                with Sendsay(login="load", password="pw", base_url=server.sendsay_url) as client:
                    n = 0
                    while time.monotonic() < deadline and calls[worker] < MAX_CALLS_PER_CLIENT:
                        email = f"w{worker}-{n}@example.com"
                        city = f"city-{worker}-{n}"
                        client.member.set(
                            email=email, obj={"base": {"city": city}}, if_exists="overwrite"
                        )
                        got = client.member.get(email=email).obj.answers["base"]["city"]
                        assert got == city, (email, got)
                        with lock:
                            written[email] = city
                        calls[worker] += 2
                        n += 1
            except BaseException as exc:  # reported below, with the worker's failure
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS + 30)
        assert errors == []
        with Sendsay(login="load", password="pw", base_url=server.sendsay_url) as client:
            for email, city in written.items():
                assert client.member.get(email=email).obj.answers["base"]["city"] == city
            assert client.ping().pong  # still up
    total = sum(calls)
    with capsys.disabled():
        print(
            f"\nload: {CLIENTS} clients, {total} calls in {SECONDS}s, {len(written)} members kept"
        )
    assert total > 0 and len(written) * 2 == total
