"""The rows the statistics count: members, issues, and the events of issues (deliveries, reads).

A row joins what one record knows: a `deliv` row has its issue, its member (when the address
is still in the base) and its delivery status; a `read` row its issue, member and time. The
emulator records no clicks and no unsubscriptions, so those streams are always empty.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .issues import Issue
    from .state import Account, Member

EVENT_KINDS = ("deliv", "read", "click", "unsub")
RECORDED_KINDS = ("deliv", "read")


@dataclass(frozen=True)
class Row:
    member: Member | None = None
    issue: Issue | None = None
    address: str | None = None
    status: int | None = None
    dt: datetime.datetime | None = None


def member_rows(account: Account) -> Iterator[Row]:
    for member in account.members.values():
        yield Row(member=member, address=member.address)


def issue_rows(account: Account) -> Iterator[Row]:
    for issue in account.issues:
        yield Row(issue=issue, dt=issue.date)


def event_rows(account: Account, kind: str) -> Iterator[Row]:
    """The events of one kind; `deliv` rows are dated at the issue, `read` rows when read."""
    for issue in account.issues:
        if kind == "deliv":
            for address, status in issue.deliveries.items():
                yield Row(account.members.get(address), issue, address, status, issue.date)
        elif kind == "read":
            for address, moment in issue.reads.items():
                yield Row(account.members.get(address), issue, address, None, moment)
