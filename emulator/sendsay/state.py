"""The state of one account (keyed by login): everything its API calls create and read.

A data leaf: it holds and finds objects, and imports only the data classes it holds; what is
computed from it (filter groups' members in group_filter.py, statistics, sending) lives in the
modules that compute it.

Members and their answers, questionnaires, groups and their filters, drafts, information
letters, formats, sequences, users and rights, settings and their log, the file storage, split
tests, SMS sender names, sent and postponed issues, the stop list, asynchronous tracks, caches.
"""

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
from .formats import Format
from .groups import LIST, Group
from .issues import Issue, LaterIssue, SmsSender
from .letters import Draft, Infolett
from .registry import Registry
from .sequences import Sequence
from .settings import LogEntry, default_settings
from .splits import Split, Variant
from .storage import ImageStorage
from .tracks import STEPS, Step, Track, TrackHook, Work
from .users import User

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

    `files` is the report storage: the reports asynchronous calls write (name -> bytes, read
    with `rfs.file.get` at "/<name>"); `outbox` holds the letters the emulator would have sent
    (confirmations, reports by e-mail, issues); `stoplist` maps an address to its stop lists
    ("A" the owner's, "M" the subscribers': only tests can put an address there).
    """

    login: str
    anketas: dict[str, Anketa] = field(default_factory=system_anketas)
    members: dict[str, Member] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    tracks: dict[int, Track] = field(default_factory=dict)
    uploads: dict[str, Any] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    file_dates: dict[str, datetime.datetime] = field(default_factory=dict)
    images: ImageStorage = field(default_factory=ImageStorage)
    outbox: list[dict[str, Any]] = field(default_factory=list)
    cache: dict[str, CacheEntry] = field(default_factory=dict)
    formats: Registry[Format] = field(default_factory=lambda: Registry[Format]("format"))
    drafts: Registry[Draft] = field(default_factory=lambda: Registry[Draft]("draft"))
    infoletts: Registry[Infolett] = field(default_factory=lambda: Registry[Infolett]("infolett"))
    sequences: Registry[Sequence] = field(default_factory=lambda: Registry[Sequence]("sequence"))
    splits: Registry[Split] = field(default_factory=lambda: Registry[Split]("split"))
    variants: Registry[Variant] = field(default_factory=lambda: Registry[Variant]("split/variant"))
    issues: Registry[Issue] = field(default_factory=lambda: Registry[Issue]("issue"))
    later: Registry[LaterIssue] = field(default_factory=lambda: Registry[LaterIssue]("issue/later"))
    sms_senders: Registry[SmsSender] = field(
        default_factory=lambda: Registry[SmsSender]("smssender")
    )
    users: dict[str, User] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=default_settings)
    log: list[LogEntry] = field(default_factory=list)
    stoplist: dict[str, set[str]] = field(default_factory=dict)
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

    def remove_member(self, member: Member) -> bool:
        """Delete a member with everything that refers to it (its sequence participations)."""
        for sequence in self.sequences:
            sequence.members.pop(member.address, None)
        return self.members.pop(member.address, None) is not None

    def stoplisted(self, member: Member) -> bool:
        return bool(self.stoplist.get(member.address))

    # -- groups --------------------------------------------------------------------------------

    def group(self, group_id: str) -> Group:
        try:
            return self.groups[group_id]
        except KeyError:
            raise SendsayError("error/group/not_found", group_id) from None

    def list_group(self, group_id: str, addr_type: AddrType = "email") -> Group:
        """A list group, created (named after its id) when it does not exist yet."""
        group = self.groups.get(group_id)
        if group is None:
            group = self.groups[group_id] = Group(group_id, group_id, LIST, addr_type)
        return group

    def format(self, format_id: int | str) -> Format:
        return self.formats.get(format_id)

    # -- the log -------------------------------------------------------------------------------

    def note(self, who: str, obj: str, action: str, title: str, old: Any, new: Any) -> None:
        """Write one change to the log read by `sys.log`."""
        self.log.append(LogEntry(clock.now(), who, obj, action, title, old, new))

    def save_report(self, name: str, data: bytes) -> str:
        """Put a report in the report storage; returns its name."""
        self.files[name] = data
        self.file_dates[name] = clock.now()
        return name

    # -- tracks --------------------------------------------------------------------------------

    def start_track(
        self,
        action: str,
        param: dict[str, Any],
        work: Work | None,
        fail: bool,
        steps: tuple[Step, ...] = STEPS,
        hook: TrackHook | None = None,
    ) -> Track:
        self.last_track_id += 1
        track = Track(self.last_track_id, action, clock.now(), dict(param), work, fail)
        track.steps, track.hook = steps, hook
        self.tracks[track.id] = track
        return track

    def track(self, track_id: int) -> Track:
        try:
            return self.tracks[track_id]
        except KeyError:
            raise SendsayError("error/track/not_found", track_id) from None
