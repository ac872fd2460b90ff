"""The state of one account (keyed by login): anketas, members, groups, tracks, files, cache."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass, field
from typing import Any

from . import clock
from .addresses import AddrType, try_normalise
from .anketas import MEMBER_ANKETA, Anketa, system_anketas
from .answers import Answer
from .errors import SendsayError
from .tracks import Track, Work

LOCK_UNSUBSCRIBED, LOCK_UNCONFIRMED, LOCK_HARDBOUNCED = 1, 2, 4


@dataclass
class Member:
    """A subscriber: answers per anketa and question, list-group membership, locks."""

    id: int
    address: str
    addr_type: AddrType
    created: datetime.datetime
    answers: dict[str, dict[str, Answer]] = field(default_factory=dict)
    groups: set[str] = field(default_factory=set)
    locks: int = 0
    cookie: str | None = None

    def to_wire(self) -> dict[str, Any]:
        """The `obj` of `member.get`."""
        own = {"email": self.address} if self.addr_type == "email" else {"cellphone": self.address}
        obj: dict[str, Any] = {MEMBER_ANKETA: own}
        for anketa_id, answers in self.answers.items():
            if answers:
                obj[anketa_id] = {
                    q: list(v) if isinstance(v, list) else v for q, v in answers.items()
                }
        obj["-group"] = {group: 1 for group in sorted(self.groups)}
        return obj

    def value(self, anketa_id: str, quest_id: str) -> Answer | None:
        if anketa_id == MEMBER_ANKETA:
            wanted = "email" if self.addr_type == "email" else "cellphone"
            return self.address if quest_id == wanted else None
        return self.answers.get(anketa_id, {}).get(quest_id)

    def require_confirmation(self) -> None:
        self.locks |= LOCK_UNCONFIRMED
        self.cookie = secrets.token_hex(5)


@dataclass
class CacheEntry:
    value: dict[str, Any]
    created: datetime.datetime
    expires: datetime.datetime | None

    def alive(self) -> bool:
        return self.expires is None or clock.now() < self.expires

    def info(self) -> dict[str, Any]:
        return {
            "hit": 1,
            "created": clock.to_wire(self.created),
            "expired": clock.to_wire(self.expires) if self.expires else None,
        }


@dataclass
class Account:
    """Everything one login owns. Tests may read and adjust it through `SendsayEmulator.account`.

    `formats` stands in for the format.* actions (not emulated): format id -> anketa id ->
    question id -> value; `member.list` shows a format's questions as columns and
    `member.update` applies its values. `files` holds the reports asynchronous calls write
    (name -> bytes) and `outbox` the letters they would send.
    """

    login: str
    anketas: dict[str, Anketa] = field(default_factory=system_anketas)
    members: dict[str, Member] = field(default_factory=dict)
    groups: set[str] = field(default_factory=set)
    tracks: dict[int, Track] = field(default_factory=dict)
    uploads: dict[str, Any] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    outbox: list[dict[str, Any]] = field(default_factory=list)
    cache: dict[str, CacheEntry] = field(default_factory=dict)
    formats: dict[str, dict[str, dict[str, Answer]]] = field(default_factory=dict)
    last_member_id: int = 0
    last_track_id: int = 0
    last_generated: dict[str, int] = field(default_factory=dict)

    # -- anketas -------------------------------------------------------------------------------

    def anketa(self, anketa_id: str) -> Anketa:
        try:
            return self.anketas[anketa_id]
        except KeyError:
            raise SendsayError("error/anketa/not_found", anketa_id) from None

    def editable_anketa(self, anketa_id: str) -> Anketa:
        anketa = self.anketa(anketa_id)
        if anketa.system:
            raise SendsayError("error/anketa/system", f"{anketa_id} is a system anketa")
        return anketa

    def generate_id(self, prefix: str, taken: set[str] | dict[str, Any]) -> str:
        """A fresh id like a3 or q7, not in `taken`."""
        while True:
            number = self.last_generated[prefix] = self.last_generated.get(prefix, 0) + 1
            candidate = f"{prefix}{number}"
            if candidate not in taken:
                return candidate

    def forget_answers(self, anketa_id: str, quest_id: str | None = None) -> None:
        """Drop members' answers to a deleted anketa or question."""
        for member in self.members.values():
            if quest_id is None:
                member.answers.pop(anketa_id, None)
            else:
                member.answers.get(anketa_id, {}).pop(quest_id, None)

    # -- members -------------------------------------------------------------------------------

    def find_member(self, raw: str) -> Member | None:
        address = try_normalise(raw)
        return self.members.get(address) if address else None

    def member(self, raw: str) -> Member:
        found = self.find_member(raw)
        if found is None:
            raise SendsayError("error/member/not_found", raw)
        return found

    def add_member(self, address: str, addr_type: AddrType) -> Member:
        self.last_member_id += 1
        member = Member(self.last_member_id, address, addr_type, clock.now())
        self.members[address] = member
        return member

    def group_members(self, group: str) -> list[Member]:
        if group not in self.groups:
            raise SendsayError("error/group/not_found", group)
        return [m for m in self.members.values() if group in m.groups]

    def format(self, format_id: str) -> dict[str, dict[str, Answer]]:
        try:
            return self.formats[format_id]
        except KeyError:
            raise SendsayError("error/format/not_found", format_id) from None

    # -- tracks --------------------------------------------------------------------------------

    def start_track(
        self, action: str, param: dict[str, Any], work: Work | None, fail: bool
    ) -> Track:
        self.last_track_id += 1
        track = Track(self.last_track_id, action, clock.now(), dict(param), work, fail)
        self.tracks[track.id] = track
        return track

    def track(self, track_id: int) -> Track:
        try:
            return self.tracks[track_id]
        except KeyError:
            raise SendsayError("error/track/not_found", track_id) from None
