"""Issues: sent ones (the archive, `issue.list` / `issue.get`), postponed ones (`issue.later.*`)
and SMS sender names (`issue.smssender.*`).

An issue remembers its recipients with a delivery status each (the `deliv.status` of the
universal statistics): 1 delivered; for addresses the emulated SMTP probe of `email.test`
refuses, -1550 (SMTP 550, shifted by -1000) or -2 (no mail exchanger). SMS are delivered.
Reads are simulated by a fixed rule (see sending.py) and kept per recipient; clicks and
unsubscriptions are not simulated.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from . import clock

ARCHIVE_URL = "https://pro.subscribe.ru/archive"
HOLD, LATER, ERROR = "hold", "later", "error"


@dataclass
class Issue:
    id: int
    date: datetime.datetime
    group: str
    format: str  # html | text | sms
    title: str
    text: str
    draft_id: int | str | None = None
    variant_id: int | None = None
    attach: dict[str, str | None] = field(default_factory=dict)
    access: dict[str, Any] | None = None
    deliveries: dict[str, int] = field(default_factory=dict)
    reads: dict[str, datetime.datetime] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=dict)  # stoplist, lockunsub, ...

    @property
    def channel(self) -> str:
        return "sms" if self.format == "sms" else "email"

    @property
    def size(self) -> int:
        """SMS messages per recipient (70 characters each), or bytes of the letter."""
        if self.format == "sms":
            return max(1, -(-len(self.text) // 70))
        return len(self.text.encode("utf-8")) + len(self.title.encode("utf-8")) + 512

    def delivered(self, ok: bool) -> int:
        return sum(1 for status in self.deliveries.values() if (status > 0) == ok)

    def to_wire(self) -> dict[str, Any]:
        obj: dict[str, Any] = {
            "id": self.id,
            "date": clock.to_wire(self.date),
            "group": self.group,
            "format": self.format,
            "title": self.title,
            "issue.access": self.access or {"who": "all"},
            "text": self.text,
        }
        if self.draft_id is not None:
            obj["draft.id"] = self.draft_id
        if self.variant_id is not None:
            obj["variant.id"] = self.variant_id
        obj["attach"] = list(self.attach)
        obj["archive"] = f"{ARCHIVE_URL}/{self.id}"
        return obj


@dataclass
class Letter:
    """What an issue sends: the format (html, text, sms), subject, body and sender."""

    format: str
    subject: str
    text: str
    sender: str = ""
    from_email: str = ""
    attaches: dict[str, str | None] = field(default_factory=dict)
    alternatives: dict[str, str] = field(default_factory=dict)  # the other version (text)

    @classmethod
    def of(cls, data: dict[str, Any]) -> Letter:
        """From a draft's or a split variant's letter (`format`, `subject`, `text`, ...)."""
        return cls(
            data.get("format", "html"),
            data.get("subject", ""),
            data.get("text", ""),
            data.get("sender", ""),
            data.get("from", ""),
        )

    def message(self) -> dict[str, str]:
        """The `message` of `issue.send` / `issue.later.get`."""
        return {self.format: self.text, **self.alternatives}


@dataclass
class LaterIssue:
    """A postponed (`later`, `delay`) or put aside (`save`, status hold) `issue.send`."""

    id: int
    format: str
    group: str
    name: str
    status: str
    params: dict[str, Any]
    message: dict[str, str]
    draft_id: int | None = None
    issue_date: str | None = None
    created: datetime.datetime = field(default_factory=clock.now)

    def list_item(self) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": self.id,
            "format": self.format,
            "group": self.group,
            "name": self.name,
            "draft.id": self.draft_id,
            "create.date": clock.to_wire(self.created),
            "status": self.status,
        }
        if self.issue_date is not None:
            item["issue.date"] = self.issue_date
        return item

    def to_wire(self) -> dict[str, Any]:
        return {**self.list_item(), "message": dict(self.message)}

    def day(self) -> datetime.date:
        if self.issue_date is None:
            return self.created.date()
        return datetime.date.fromisoformat(self.issue_date[:10])


@dataclass
class SmsSender:
    """An SMS sender name; on moderation until it has been read once after a change."""

    id: int | str
    name: str
    moderated: bool = False

    def to_wire(self) -> dict[str, Any]:
        pending, self.moderated = not self.moderated, True
        return {"id": self.id, "name": self.name, "onmoderation": int(pending)}
