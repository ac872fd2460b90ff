"""issue.send: a group issue, an Express Issue (`masssending`) or a transactional letter
(`personal`), sent now, postponed (`later`, `delay`), put aside (`save`) or as a test (`test`).

The content is the draft's (`draft.id`) or `message` (one or both versions of a letter, or an
sms), whose address type must be the group's. The kinds' own requirements (`users.list` or
`users.url` for an Express Issue, `draft.id` and `email` or `users.list` for a transactional letter,
`later.time` / `delay.time` / `mca` for their modes) are the spec's `requires` rules, checked
before this handler runs; `users.url` would need the network (`error/import/url`), and `mca`
holds at most five addresses. Every mode answers a track: `now` goes 1, 2 (25%), 3 (sorting,
50%: the issue's number, date, size and format become known), 4 (formatting, 75%: the recipients are
counted), -1 (delivered, in the archive: see sending.py). The other modes do their work at
once and their tracks only go through the default steps: `later`, `delay` and `save` put the
issue in `issue.later.*` (a new postponed issue replaces one of the same group on the same
day, except for Express Issues and transactional letters); `test` puts the letter in the outbox
for `mca`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from .. import clock
from ..addresses import normalise
from ..call import Call, Handler
from ..errors import SendsayError, SendsayErrors, invalid
from ..groups import RESERVED_GROUPS
from ..import_plan import plan
from ..issues import HOLD, LATER, Issue, LaterIssue, Letter
from ..sending import addr_type_of, deliver, group_recipients, new_issue
from ..state import Account
from ..tracks import ISSUE_STEPS, Track

EXPRESS, PERSONAL = "masssending", "personal"


def letter_of(account: Account, params: dict[str, Any]) -> tuple[Letter, int | str | None]:
    """The letter to send and the draft it comes from."""
    draft_id = params.get("draft.id")
    if draft_id is not None:
        return Letter.of(account.drafts.get(draft_id).data), draft_id
    # the spec's checks passed: one or both versions of a letter (html, text), or an sms
    message = dict(params["message"])
    kind = next(k for k in ("sms", "html", "text") if k in message)
    text = message.pop(kind)
    subject = params.get("subject", "")
    sender, from_email = params.get("from.name", ""), params.get("from.email", "")
    letter = Letter(kind, subject, text, sender, from_email, alternatives=message)
    for number, attach in enumerate(params.get("attaches", [])):
        name = attach.get("name") or f"attach{number + 1}"
        letter.attaches[name] = attach.get("content")
    return letter, None


def _listed(
    account: Account, params: dict[str, Any], letter: Letter
) -> tuple[list[str], dict[str, int]]:
    """The addresses of `users.list` (Express Issue, transactional letter) and its counts."""
    if "users.url" in params:
        raise SendsayError("error/import/url", "the emulator fetches nothing from the network")
    found = plan(account, {**params, "addr_type": addr_type_of(letter)})
    if found.fatal or found.address_column is None:
        raise SendsayErrors(found.fatal or [invalid("users.list: no address column")])
    addresses: list[str] = []
    erroneous = 0
    for row in found.table.rows:
        raw = row.get(found.address_column)
        try:
            addresses.append(normalise(str(raw), found.addr_type)[0])
        except SendsayError:
            erroneous += 1
    only_unique = params.get("only_unique") in (1, "1")
    unique = list(dict.fromkeys(addresses))
    repeated = len(addresses) - len(unique) if only_unique else 0
    chosen = unique if only_unique else addresses
    total = len(found.table.rows)
    stats = {"total": total, "taked": len(chosen), "erroneous": erroneous, "repeated": repeated}
    return chosen, stats


@dataclass
class Audience:
    """Who the issue goes to: a group's members (chosen when sorting) or listed addresses."""

    group: str
    listed: list[str] | None = None
    statistic: dict[str, int] = field(default_factory=dict)

    def choose(self, account: Account, letter: Letter) -> tuple[list[str], dict[str, int]]:
        if self.listed is not None:
            return self.listed, {}
        return group_recipients(account, self.group, letter)


def audience_of(account: Account, params: dict[str, Any], letter: Letter) -> Audience:
    gid = params["gid"]
    # the kinds' required parameters were checked with the spec's `requires` rules
    if gid == EXPRESS:
        return Audience(gid, *_listed(account, params, letter))
    if gid == PERSONAL:
        if "email" in params:
            return Audience(gid, [normalise(params["email"], addr_type_of(letter))[0]])
        return Audience(gid, *_listed(account, params, letter))
    group = account.group(gid)
    wanted = addr_type_of(letter)
    if group.addr_type != wanted:
        raise SendsayError("error/issue/format", f"{letter.format} to a group of {group.addr_type}")
    return Audience(gid)


@dataclass
class IssueRun:
    """The asynchronous part of an `issue.send` now: the track's hook and work."""

    account: Account
    letter: Letter
    audience: Audience
    draft_id: int | str | None
    issue: Issue | None = None
    addresses: list[str] = field(default_factory=list)

    def hook(self, track: Track) -> None:
        if track.status == 3:
            self.addresses, left_out = self.audience.choose(self.account, self.letter)
            self.issue = new_issue(self.account, self.audience.group, self.letter)
            self.issue.draft_id, self.issue.left_out = self.draft_id, left_out
            track.param.update(self._characteristics(self.issue, members=0))
        elif track.status == 4 and self.issue is not None:
            track.param["issue.members"] = len(self.addresses)

    def _characteristics(self, issue: Issue, members: int) -> dict[str, Any]:
        return {
            "issue.id": issue.id,
            "issue.dt": clock.to_wire(issue.date),
            "issue.size": issue.size,
            "issue.members": members,
            "issue.format": issue.channel,
        }

    def work(self, track_id: int) -> dict[str, Any]:
        if self.issue is None:  # a track polled straight to its end cannot skip sorting
            raise SendsayError("error/issue/not_sorted", track_id)
        deliver(self.account, self.issue, self.addresses, self.letter)
        done = self._characteristics(self.issue, members=len(self.addresses))
        if self.audience.statistic:
            done["statistic"] = dict(self.audience.statistic)
        return done


def _postpone(call: Call, letter: Letter, draft_id: int | str | None, when: str) -> LaterIssue:
    account = call.account
    if when == "save":
        status, date = HOLD, None
    elif when == "later":  # later.time and delay.time: required by the spec's `requires`
        status, date = LATER, call.params["later.time"]
    else:
        moment = clock.now() + datetime.timedelta(minutes=int(call.params["delay.time"]))
        status, date = LATER, moment.strftime("%Y-%m-%d %H:%M")
    gid = call.params["gid"]
    later = LaterIssue(
        account.later.new_id(),
        letter.format,
        gid,
        letter.subject,
        status,
        dict(call.params),
        letter.message(),
        draft_id if isinstance(draft_id, int) else None,
        date,
    )
    if status == LATER and gid not in RESERVED_GROUPS:
        for old in account.later:
            if old.group == gid and old.status == LATER and old.day() == later.day():
                account.later.delete(old.id)
    return account.later.add(later)


def issue_send(call: Call) -> dict[str, Any]:
    account = call.account
    letter, draft_id = letter_of(account, call.params)
    audience = audience_of(account, call.params, letter)
    when = call.params["sendwhen"]
    param: dict[str, Any] = {"group.id": call.params["gid"]}
    if when == "test":
        mca = call.params["mca"]  # one to five addresses: the spec's checks passed
        account.outbox.append({"to": list(mca), "test": 1, "subject": letter.subject})
        return call.start_track(param)
    if when != "now":
        _postpone(call, letter, draft_id, when)
        return call.start_track(param)
    run = IssueRun(account, letter, audience, draft_id)
    return call.start_track(param, run.work, ISSUE_STEPS, run.hook)


HANDLERS: dict[str, Handler] = {"issue.send": issue_send}
