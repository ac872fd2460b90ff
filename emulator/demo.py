"""`make demo`: a realistic session with the generated Sendsay client against the local emulator.

Starts the emulator as a real HTTP server on a free loopback port, then: logs in, builds a
questionnaire, imports a few hundred members from CSV, waits for the import with a progress bar,
reads a member back, and prints what happened. Stops the server at the end.
"""

from __future__ import annotations

import random
import sys
import time

from sendsay_api import Sendsay
from sendsay_api.models import MemberListCountCounted

from .server import serve


def _csv(count: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    first = ["Ann", "Boris", "Clara", "Denis", "Eva", "Fedor", "Galina", "Igor"]
    cities = ["Moscow", "Kazan", "Perm", "Omsk", "Tver"]
    lines = ["member.email,profile.name,profile.city"]
    for i in range(count):
        lines.append(f"user{i:04d}@example.com,{rng.choice(first)},{rng.choice(cities)}")
    return "\n".join(lines) + "\n"


def main() -> int:
    started = time.monotonic()
    with serve() as server:
        print(f"emulator listening: Sendsay {server.sendsay_url}, Altcraft {server.altcraft_url}")
        with Sendsay(
            login="demo", sublogin="manager", password="secret", base_url=server.sendsay_url
        ) as client:
            login = client.login(login="demo", sublogin="manager", password="secret")
            print(f"1. logged in as {login.login}/{login.sublogin}")

            created = client.anketa.create(
                id="profile", name="Customer profile", return_fresh_obj=True
            )
            added = client.anketa.quest_add(
                anketa_id="profile",
                obj=[
                    {"id": "name", "name": "Name", "type": "free", "width": 64},
                    {"id": "city", "name": "City", "type": "free", "width": 64},
                    {"id": "age", "name": "Age", "type": "int"},
                ],
            )
            print(f"2. questionnaire {created.obj.id!r} with questions {added.id}")

            rows = _csv(300)
            probe = client.member.import_probe(users_list=rows, addr_type="email")
            print(
                f"3. probe: {len(probe.rows or [])} sample rows,"
                f" cannot_import={probe.cannot_import}"
            )
            task = client.member.import_(
                users_list=rows,
                addr_type="email",
                if_exists="overwrite",
                auto_group={"id": "demo-import", "name": "Demo import"},
            )
            print(f"4. import queued as track {task.track_id}; waiting:")
            final = client.track.wait(task, progress=True, interval=0.05, max_interval=0.2)
            stats = final.param.statistic if final.param else None
            print(
                f"   done: inserted={stats.inserted if stats else '?'}, erroneous="
                f"{stats.erroneous if stats else '?'}"
            )

            member = client.member.get(email="user0042@example.com")
            profile = member.obj.answers.get("profile", {})
            print(
                f"5. member user0042@example.com: {profile}, groups "
                f"{sorted((member.obj.group_membership or {}).keys())}"
            )
            count = client.member.list_count()
            assert isinstance(count, MemberListCountCounted)  # sync by default, no cache asked
            print(f"6. members in the account: {count.obj.total}")
            client.logout()
    print(f"demo finished in {time.monotonic() - started:.2f}s; the emulator has stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
