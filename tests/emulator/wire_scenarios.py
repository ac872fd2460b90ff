"""Wire-level scenarios driving the emulator's stateful objects through every answer variant.

Used by test_emulator_answers_parse.py, whose transport decodes every answer with the
generated parser of its action. Each function expects a logged-in `Wire` whose account has
the questionnaire `s` (question `q1`, answers r/g/b) and the members ann@ and bob@example.org.
"""

from __future__ import annotations

from typing import Any

from .conftest import Wire

LETTER = {"format": "html", "from": "news@example.org", "sender": "News", "subject": "Hi"}


def poll_to_end(wire: Wire, track_id: int) -> list[int]:
    statuses = []
    for _ in range(10):
        status = wire.ok("track.get", id=track_id)["obj"]["status"]
        statuses.append(status)
        if status < 0:
            break
    return statuses


def groups_and_formats(wire: Wire) -> None:
    wire.ok("group.create", id="fans", name="Fans", type="list", addr_type="email")
    made = wire.ok("group.create", name="Reds", type="filter", addr_type="email")
    red = [{"which": "any", "aid": "s", "qid": "q1", "resp": {"r": ""}}]
    wire.ok("group.filter.set", id=made["id"], filter=red)
    wire.ok("group.filter.get", id=made["id"])
    wire.ok("group.get", id=made["id"], with_filter=1)
    wire.ok("group.get", id=["fans", made["id"]])
    wire.ok("group.set", id="fans", name="Big fans")
    wire.ok("group.set", id="fans", name="Fans", return_fresh_obj=1)
    wire.ok("group.list")
    wire.ok("member.set", email="ann@example.org", obj={"-group": {"fans": 1}})
    wire.ok("group.create", id="gone", name="Gone", type="list", addr_type="email")
    wire.ok("group.delete", id="gone")
    fields = [{"aid": "s", "qid": "q1"}]
    wire.ok("format.set", obj={"name": "View", "type": "view", "fields": fields})
    fresh = wire.ok("format.set", obj={"name": "V2", "type": "view", "fields": fields}, id=2)
    assert fresh == {}
    wire.ok("format.set", obj={"name": "V3", "type": "view", "fields": []}, return_fresh_obj=1)
    wire.ok("format.get", id=2)
    wire.ok("format.list")
    wire.ok("format.delete", id=3)


def letters(wire: Wire) -> None:
    draft = {**LETTER, "name": "Weekly", "text": "Hello [% anketa.s.q1 %]"}
    wire.ok("issue.draft.set", obj=draft)
    wire.ok("issue.draft.set", obj=draft, id=1, return_fresh_obj=1)
    wire.ok("issue.draft.get", id=1)
    wire.ok("issue.draft.list")
    assert wire.ok("issue.draft.preview", id=1, email="ann@example.org")["text"] == "Hello r"
    wire.ok("issue.draft.preview", obj={"format": "text", "text": "plain"})
    wire.ok("issue.draft.set", obj=draft, return_fresh_obj=1)
    wire.ok("issue.draft.delete", id=2)
    info = {**LETTER, "name": "Welcome", "text": "Welcome!"}
    wire.ok("infolett.set", obj=info)
    wire.ok("infolett.set", obj=info, id=1, return_fresh_obj=1)
    wire.ok("infolett.get", id=1)
    wire.ok("infolett.list")
    wire.ok("infolett.preview", id=1)
    wire.ok("infolett.preview", obj={"format": "html", "text": "<p>x</p>"}, email="ann@example.org")
    wire.ok("infolett.set", obj=info)
    wire.ok("infolett.delete", id=2)
    wire.ok("issue.smssender.set", obj={"name": "Shop"})
    wire.ok("issue.smssender.set", obj={"name": "Shop2"}, id=1, return_fresh_obj=1)
    wire.ok("issue.smssender.get", id=1)
    wire.ok("issue.smssender.list")
    wire.ok("issue.smssender.set", obj={"name": "Old"})
    wire.ok("issue.smssender.delete", id=2)


def sequences(wire: Wire) -> None:
    made = wire.ok("sequence.create", name="Onboarding", onlyonce=1)
    sid = made["id"]
    wire.ok("sequence.set", id=sid, name="Onboarding 2")
    wire.ok("sequence.set", id=sid, pause=0, return_fresh_obj=1)
    wire.ok("sequence.get", id=sid)
    wire.ok("sequence.list")
    step = [{"event": [{"type": "member.new.no-confirm"}], "action": [{"type": "noop"}]}]
    wait = [{"event": [{"type": "time.elapsed", "interval": "1 00:00"}]}]
    wait[0]["action"] = [{"type": "send.letter", "draft": 1}, {"type": "group.in", "group": "fans"}]
    wire.ok("sequence.steps.set", id=sid, list={"1": step, "2": wait})
    wire.ok("sequence.steps.get", id=sid)
    wire.ok("sequence.member.start", id=sid, email="ann@example.org")
    wire.ok("sequence.member.start", id=sid, list=["bob@example.org"])
    wire.ok("sequence.member.pause", id=sid, group="fans")
    wire.ok("sequence.member.resume", id=sid, email="ann@example.org")
    wire.ok("sequence.member.stop", id=sid, list=["bob@example.org"])
    wire.ok("sequence.member.list", id=sid)
    wire.ok("sequence.member.list", id=sid, groupby="member")
    wire.ok("sequence.member.list", id=sid, groupby="step", steps=[1])
    wire.ok("sequence.member.membership", member="ann@example.org")
    wire.ok("sequence.member.membership", member="ann@example.org", id=sid)
    wire.ok("sequence.stats", id=sid)
    other = wire.ok("sequence.create", name="Spare")
    wire.ok("sequence.delete", id=other["id"])


def users_and_settings(wire: Wire) -> None:
    wire.ok("user.create", sublogin="bob", password="first", email="bob@example.org")
    wire.ok("user.set", sublogin="bob", **{"password.old": "first", "password.new": "second"})
    wire.ok("user.set", sublogin="bob", status=1)
    wire.ok("user.list")
    wire.ok("rights.set", user="bob", list={"member.delete": 0})
    wire.ok("rights.get", user="bob", list=["member.delete", "member.get"])
    wire.ok("rights.get", user="bob", list=[])
    wire.ok("user.create", sublogin="tmp", password="x")
    wire.ok("user.delete", sublogin="tmp")
    wire.ok("sys.settings.set", list={"support.access": 1, "issue.access": {"who": "member"}})
    wire.ok("sys.settings.get", list=[])
    wire.ok("sys.settings.get", list=["support.access", "about.id"])
    wire.ok("sys.password.set", **{"password.old": "pw", "password.new": "pw2"})
    wire.ok("sys.log")
    wire.ok("sys.log", **{"from": "2000-01-01 00:00:00", "upto": "2999-01-01 00:00:00"})
    wire.ok("sys.message", email="me@example.org", message="Hello")
    wire.ok("stoplist.set", list={"ann@example.org": 1, "spam@example.org": 1})
    wire.ok("stoplist.get")
    wire.ok("stoplist.get", type="A", list=["ann@example.org"])
    wire.ok("stoplist.set", list={"ann@example.org": 0})
    wire.ok("stoplist.erase")


def files(wire: Wire) -> None:
    wire.ok("rfs.dir.make", domain="image", path="/logos/2024")
    wire.ok("rfs.file.put", domain="image", path="/logos/2024/a.svg", data="<svg/>")
    wire.ok("rfs.list", domain="image", path="/logos/2024")
    wire.ok("rfs.file.get", domain="image", path="/logos/2024/a.svg")
    wire.ok("rfs.file.delete", domain="image", path="/logos/2024/a.svg")
    wire.ok("rfs.dir.delete", domain="image", path="/logos/2024")
    wire.ok("rfs.list", domain="report", path="/")


def splits(wire: Wire) -> None:
    made = wire.ok(
        "issue.split.create",
        name="T",
        group="fans",
        percent=20,
        active=0,
        **{"winner.by": "manual"},
    )
    wire.ok(
        "issue.split.create", name="T2", group="fans", percent=100, active=1, return_fresh_obj=1
    )
    split_id = made["id"]
    wire.ok("issue.split.set", id=split_id, name="Test")
    wire.ok("issue.split.set", id=split_id, percent=30, return_fresh_obj=1)
    wire.ok("issue.split.get", id=split_id)
    wire.ok("issue.split.list")
    letter = {"format": "html", "subject": "A", "text": "A", "from": "a@example.org"}
    start = {"split.id": split_id, "start.at": "2030-01-01 10:00", "letter": letter}
    variant = wire.ok("issue.split.variant.create", **start)
    wire.ok("issue.split.variant.create", **start, return_fresh_obj=1)
    wire.ok("issue.split.variant.set", id=variant["id"], **{"start.at": "2030-01-02 10:00"})
    wire.ok("issue.split.variant.set", id=variant["id"], letter=letter, return_fresh_obj=1)
    wire.ok("issue.split.variant.get", id=variant["id"])
    wire.ok("issue.split.variant.list", **{"split.id": split_id})
    wire.ok("issue.split.variant.delete", id=variant["id"] + 1)
    wire.ok("issue.split.winner", **{"variant.id": variant["id"]})
    wire.ok("issue.split.delete", id=split_id + 1)


def issues(wire: Wire) -> None:
    message: dict[str, Any] = {"message": {"html": "<p>Hi</p>"}, "subject": "News"}
    now = wire.ok("issue.send", gid="fans", sendwhen="now", **message)
    assert poll_to_end(wire, now["track.id"]) == [1, 2, 3, 4, -1]
    wire.ok("issue.send", gid="fans", sendwhen="save", **message)
    wire.ok(
        "issue.send", gid="fans", sendwhen="later", **message, **{"later.time": "2031-01-01 10:00"}
    )
    wire.ok("issue.send", gid="fans", sendwhen="delay", **message, **{"delay.time": 30})
    wire.ok("issue.send", gid="fans", sendwhen="test", mca=["me@example.org"], **message)
    express = [{"member": {"email": "x@example.org"}}, {"member": {"email": "y@example.org"}}]
    done = wire.ok(
        "issue.send", gid="masssending", sendwhen="now", **message, **{"users.list": express}
    )
    poll_to_end(wire, done["track.id"])
    wire.ok("issue.send", gid="personal", sendwhen="now", email="x@example.org", **{"draft.id": 1})
    letter = {"subject": "News", "from.email": "a@example.org", "message": {"html": "<p/>"}}
    wire.ok("issue.send", group="personal", sendwhen="now", email="x@example.org", letter=letter)
    wire.ok("issue.send.test", letter=letter, mca=["me@example.org"], sendwhen="test")
    wire.ok("issue.later.list")
    wire.ok("issue.later.list", format="email", group=["fans"], **{"from": "2000-01-01"})
    wire.ok("issue.later.get", id=1)
    wire.ok("issue.later.send", id=2, **{"issue.date": "2032-01-01 10:00"})
    wire.ok("issue.later.send", id=1)
    wire.ok("issue.later.delete", id=2)
    wire.ok("issue.list")
    wire.ok("issue.list", format="html", group=["fans"], upto="2999-01-01")
    wire.ok("issue.get", id=1)
    wire.ok("issue.get.attach", id=1)
    wire.ok("issue.set.access", id=1, access={"who": "default"})


def statistics(wire: Wire) -> None:
    wire.ok("stat.uni", select=["issue.id", "issue.deliv_ok"], order=["-issue.id"], first=5)
    by_day = ["read.dt:YD", "count(*)"]
    wire.ok(
        "stat.uni", select=by_day, filter=[{"a": "read.dt", "op": ">=", "v": "current - 1 day"}]
    )
    wire.ok("stat.uni", select=["member.email"], cache={"mode": "use", "key": "m"})
    wire.ok("stat.uni", select=["member.email"], cache={"mode": "use", "key": "m"}, result="none")
    wire.ok("stat.uni", select=["count(*)"], result="save")
    wire.ok("stat.uni", select=["count(*)"], result="save", cache={"mode": "refresh", "key": "s"})
    for action in ("stat.group.common", "stat.issue", "stat.activity", "stat.group.portrait"):
        wire.ok(action)
        started = wire.ok(action, result="email", email=["boss@example.org"])
        assert poll_to_end(wire, started["track.id"])[-1] == -1
    wire.ok("stat.group.common", group=["fans"])
    wire.ok("stat.issue", total="yes", groupby="YD", group=["fans"])
    wire.ok("stat.activity", gid="fans", with_read=1, sort="email", desc=1)
    wire.ok("stat.group.portrait", group="fans", empty_resp=1, empty_quest=1)
