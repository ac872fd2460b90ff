"""`make demo`: a realistic session with the generated Sendsay client against the local emulator.

Starts the emulator as a real HTTP server on a free loopback port, then runs a campaign: logs
in, builds a questionnaire, imports a few hundred members from CSV (waiting with a progress
bar) and reads one back, makes a filter group of one city, saves a draft, sends it to the
group and follows the issue's track, asks the universal statistics about deliveries and reads,
saves a report and reads it back from the file storage, and prints a summary. Stops the server
at the end.
"""

from __future__ import annotations

import random
import sys
import time
from typing import Any

from sendsay_api import Sendsay
from sendsay_api.models import MemberListCountCounted, StatUniOk

from .server import serve


def _csv(count: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    first = ["Ann", "Boris", "Clara", "Denis", "Eva", "Fedor", "Galina", "Igor"]
    cities = ["Moscow", "Kazan", "Perm", "Omsk", "Tver"]
    lines = ["member.email,profile.name,profile.city"]
    for i in range(count):
        lines.append(f"user{i:04d}@example.com,{rng.choice(first)},{rng.choice(cities)}")
    return "\n".join(lines) + "\n"


def _wait(client: Sendsay, task: Any, what: str) -> Any:
    print(f"{what}: track {task.track_id}")
    return client.track.wait(task, progress=True, interval=0.05, max_interval=0.2)


def campaign(client: Sendsay, members: int = 300) -> dict[str, Any]:
    """The scenario; returns the figures the summary prints."""
    login = client.login(login="demo", sublogin="manager", password="secret")
    print(f"1. logged in as {login.login}/{login.sublogin}")
    client.anketa.create(id="profile", name="Customer profile")
    questions = [
        {"id": "name", "name": "Name", "type": "free", "width": 64},
        {"id": "city", "name": "City", "type": "free", "width": 64},
    ]
    client.anketa.quest_add(anketa_id="profile", obj=questions)
    print("2. questionnaire 'profile' with questions name, city")

    rows = _csv(members)
    task = client.member.import_(users_list=rows, addr_type="email", if_exists="overwrite")
    imported = _wait(client, task, f"3. importing {members} members from CSV")
    inserted = imported.param.statistic.inserted
    member = client.member.get(email="user0001@example.com")
    profile = member.obj.answers["profile"]
    print(f"   read back user0001@example.com: {profile['name']} from {profile['city']}")

    client.group.create(id="kazan", name="Customers in Kazan", type="filter", addr_type="email")
    rule = {"which": "eq", "aid": "profile", "qid": "city", "resp": "Kazan"}
    client.group.filter_set(id="kazan", filter=[rule])
    counted = client.member.list_count(group="kazan")
    assert isinstance(counted, MemberListCountCounted)  # sync by default, no cache asked
    audience = counted.obj.total
    print(f"4. filter group 'kazan' (profile.city eq Kazan): {audience} members")

    draft = client.issue.draft_set(
        obj={
            "name": "Autumn sale",
            "format": "html",
            "from": "shop@example.com",
            "sender": "Demo shop",
            "subject": "Autumn sale in Kazan",
            "text": "<p>Hello, [% anketa.profile.name %]! 20% off this week.</p>",
        },
        return_fresh_obj=True,
    )
    preview = client.issue.draft_preview(id=draft.obj.id, email="user0001@example.com").text
    print(f"5. draft {draft.obj.id} saved; preview for user0001: {preview}")

    sent = _wait(
        client,
        client.issue.send(gid="kazan", sendwhen="now", draft_id=int(draft.obj.id)),
        "6. sending the issue to 'kazan'",
    )
    issue_id = sent.param.issue_id
    issue = client.issue.get(id=issue_id).obj
    print(f"   issue {issue_id} in the archive: {issue.title!r} to {sent.param.issue_members}")

    select = ["issue.members", "issue.deliv_ok", "issue.deliv_bad", "issue.readed"]
    filter_ = [{"a": "issue.id", "op": "==", "v": issue_id}]
    answered = client.stat.uni(select=select, filter=filter_)
    assert isinstance(answered, StatUniOk)  # result response, no cache asked
    [[recipients, delivered, failed, reads]] = answered.list
    print(
        f"7. stat.uni: {recipients} recipients, {delivered} delivered, {failed} failed, "
        f"{reads} read"
    )

    report = client.stat.uni(
        select=["read.dt:YD", "count(*)"],
        filter=[{"a": "read.issue.id", "op": "==", "v": issue_id}],
        result="save",
    )
    saved = _wait(client, report, "8. saving a report of reads by day")
    name = saved.param.report_file
    content = client.rfs.file_get(domain="report", path=f"/{name}").data
    print(f"   report {name}: {content.strip()!r}")
    client.logout()
    return {
        "members": inserted,
        "audience": audience,
        "issue": issue_id,
        "delivered": delivered,
        "reads": reads,
        "report": name,
    }


def main() -> int:
    started = time.monotonic()
    with serve() as server:
        print(f"emulator listening: Sendsay {server.sendsay_url}, Altcraft {server.altcraft_url}")
        with Sendsay(
            login="demo", sublogin="manager", password="secret", base_url=server.sendsay_url
        ) as client:
            figures = campaign(client)
    print(
        f"summary: {figures['members']} members imported, {figures['audience']} in the group, "
        f"issue {figures['issue']} delivered to {figures['delivered']} and read by "
        f"{figures['reads']}; report {figures['report']} read back from the file storage."
    )
    print(f"demo finished in {time.monotonic() - started:.2f}s; the emulator has stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
