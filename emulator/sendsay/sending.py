"""Sending an issue: who gets it, how delivery goes, who reads it; the archive keeps the result.

Recipients are the members of the group (all members for an Express Issue's own list) with
the address type of the letter (SMS to phone numbers, letters to e-mail addresses); members
with a lock or on the stop list are left out and counted (`issue.stoplist`, `issue.lockunsub`,
`issue.lockconfirm`, `issue.hardbounce` of the statistics). Delivery follows the emulated SMTP
probe of `email.test`: refused mailboxes get -1550, domains without a mail exchanger -2, every
other address 1. Reads are simulated by a fixed rule so that statistics have something to
count: a delivered letter is read when the CRC-32 of "<issue id>:<address>" ends in 0-3 (about
40%), 1 to 50 minutes after the issue (the minute also from the CRC). SMS are not read.
"""

from __future__ import annotations

import datetime
import zlib

from . import clock
from .addresses import AddrType
from .group_filter import members_of
from .handlers.email_test import smtp_probe
from .issues import Issue, Letter
from .state import LOCK_HARDBOUNCED, LOCK_UNCONFIRMED, LOCK_UNSUBSCRIBED, Account, Member

READ_SHARE = 4  # of 10
_LOCKS = {
    "lockunsub": LOCK_UNSUBSCRIBED,
    "lockconfirm": LOCK_UNCONFIRMED,
    "hardbounce": LOCK_HARDBOUNCED,
}


def addr_type_of(letter: Letter) -> AddrType:
    return "msisdn" if letter.format == "sms" else "email"


def recipients(account: Account, members: list[Member]) -> tuple[list[str], dict[str, int]]:
    """The addresses a letter goes to and the counts of those left out, by reason."""
    left_out = {"stoplist": 0, **dict.fromkeys(_LOCKS, 0)}
    chosen: list[str] = []
    for member in members:
        if account.stoplisted(member):
            left_out["stoplist"] += 1
        elif member.locks:
            reason = next(name for name, bit in _LOCKS.items() if member.locks & bit)
            left_out[reason] += 1
        else:
            chosen.append(member.address)
    return chosen, left_out


def group_recipients(
    account: Account, group_id: str, letter: Letter
) -> tuple[list[str], dict[str, int]]:
    wanted = addr_type_of(letter)
    members = [m for m in members_of(account, group_id) if _kind(m) == wanted]
    return recipients(account, members)


def _kind(member: Member) -> str:
    return "email" if member.addr_type == "email" else "msisdn"


def delivery_status(address: str, letter: Letter) -> int:
    if letter.format == "sms":
        return 1
    probe = smtp_probe(address)
    if probe["status"] == "ok":
        return 1
    return -1000 - int(probe["code"]) if "code" in probe else -2


def new_issue(account: Account, group_id: str, letter: Letter) -> Issue:
    issue = Issue(
        account.issues.new_id(), clock.now(), group_id, letter.format, letter.subject, letter.text
    )
    issue.attach = dict(letter.attaches)
    return issue


def deliver(account: Account, issue: Issue, addresses: list[str], letter: Letter) -> Issue:
    """Deliver to `addresses`, simulate reads, and put the issue in the archive."""
    for address in addresses:
        status = issue.deliveries[address] = delivery_status(address, letter)
        check = zlib.crc32(f"{issue.id}:{address}".encode())
        if status > 0 and letter.format != "sms" and check % 10 < READ_SHARE:
            issue.reads[address] = issue.date + datetime.timedelta(minutes=check % 50 + 1)
    account.issues.add(issue)
    account.outbox.append({"to": addresses, "issue": issue.id, "subject": letter.subject})
    return issue


def send_now(
    account: Account, group_id: str, letter: Letter, *, variant_id: int | None = None
) -> Issue:
    """An issue to a group, sent at once (the winner of a split test)."""
    addresses, left_out = group_recipients(account, group_id, letter)
    issue = new_issue(account, group_id, letter)
    issue.variant_id, issue.left_out = variant_id, left_out
    return deliver(account, issue, addresses, letter)
