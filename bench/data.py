"""Seeded synthetic answers and requests shaped by the spec (nothing large is committed).

Each generator returns the JSON bytes of an answer as the client sees it after the envelope's
common fields (`request.id`, `duration`) are removed, so every decoder gets the same input.
"""

from __future__ import annotations

import datetime
import json
import random
from dataclasses import dataclass
from typing import Any

SEED = 20240607


@dataclass(frozen=True)
class Sizes:
    """How big each dataset is: the issue's sizes, or tiny ones for the test that keeps it alive."""

    member_rows: int
    stat_rows: int
    anketa_questions: int
    track_bodies: int

    @classmethod
    def full(cls) -> Sizes:
        return cls(
            member_rows=100_000, stat_rows=100_000, anketa_questions=200, track_bodies=100_000
        )

    @classmethod
    def tiny(cls) -> Sizes:
        return cls(member_rows=200, stat_rows=200, anketa_questions=10, track_bodies=200)


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _moment(rng: random.Random) -> str:
    start = datetime.datetime(2023, 1, 1)
    return (start + datetime.timedelta(seconds=rng.randrange(3 * 365 * 86400))).strftime(
        "%Y-%m-%d %H:%M:%S"
    )


_NAMES = ["Anna", "Boris", "Vera", "Gleb", "Daria", "Egor", "Zoya", "Ivan", "Kira", "Lev"]
_SURNAMES = ["Ivanova", "Petrov", "Sidorova", "Smirnov", "Kuznetsova", "Popov", "Orlova"]
_DOMAINS = ["example.com", "mail.example.org", "example.net", "corp.example"]


def member_list(rows: int, seed: int = SEED) -> bytes:
    """`member.list` with `result: response`: an `order` of 5 columns and `rows` rows."""
    rng = random.Random(seed)
    columns = [
        ("member", "email"),
        ("member", "id"),
        ("base", "firstName"),
        ("base", "lastName"),
        ("member", "created"),
    ]
    order = [
        {"anketa": a, "quest": q, "anketa.name": a.title(), "quest.name": q} for a, q in columns
    ]
    data = [
        [
            f"user{n}@{rng.choice(_DOMAINS)}",
            n + 1,
            rng.choice(_NAMES),
            rng.choice(_SURNAMES),
            _moment(rng),
        ]
        for n in range(rows)
    ]
    return _dump({"order": order, "list": data})


def stat_uni(rows: int, seed: int = SEED) -> bytes:
    """`stat.uni` with `result: response`: `rows` rows of 6 mixed cells (int, text, date, null)."""
    rng = random.Random(seed + 1)
    data = [
        [
            rng.randrange(1, 5000),  # issue id
            _moment(rng)[:10],  # day
            f"user{rng.randrange(10**6)}@{rng.choice(_DOMAINS)}",
            rng.choice([-1, 0, 1, 2]),  # delivery status
            round(rng.random() * 100, 2),  # a share, in percent
            None if rng.random() < 0.3 else rng.randrange(100),
        ]
        for _ in range(rows)
    ]
    return _dump({"list": data})


def anketa_get(questions: int, seed: int = SEED) -> bytes:
    """`anketa.get`: one questionnaire with `questions` questions of every type."""
    rng = random.Random(seed + 2)
    quests: dict[str, Any] = {}
    order = []
    for n in range(questions):
        qid = f"q{n}"
        order.append(qid)
        kind = ("free", "dt", "1m", "nm", "int")[n % 5]
        quest: dict[str, Any] = {"id": qid, "@": n + 1, "name": f"Question {n}?", "type": kind}
        if kind == "free":
            quest["width"] = rng.choice([64, 128, 255])
        elif kind == "dt":
            quest["subtype"] = rng.choice(["yd", "yh", "ym", "ys"])
        elif kind in ("1m", "nm"):
            answers = {f"a{i}": f"Answer {i}" for i in range(rng.randrange(2, 8))}
            quest["answers"] = answers
            quest["order"] = list(answers)
        quests[qid] = quest
    obj = {"id": "a42", "param": {"name": "Profile", "system": 0}, "order": order, "quests": quests}
    return _dump({"obj": obj})


def track_get(count: int, seed: int = SEED) -> list[bytes]:
    """`count` small `track.get` answers, as a client polling a track sees them."""
    rng = random.Random(seed + 3)
    out = []
    for n in range(count):
        status = rng.choice([0, 1, 2, -1])
        obj: dict[str, Any] = {
            "id": 1000 + n,
            "dt": _moment(rng),
            "action": rng.choice(["member.import", "stat.uni", "member.list", "issue.send"]),
            "status": status,
            "status.dt": _moment(rng),
        }
        if status == 2:
            obj["param"] = {"eta": {"rest": rng.randrange(600), "perc": rng.randrange(100)}}
        elif status == -1:
            obj["param"] = {"group.id": None, "report_file": None}
        out.append(_dump({"obj": obj}))
    return out
