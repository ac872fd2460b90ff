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


# The observed form of `issue.send` (spec/sendsay/layers/observed.yaml): `group` names the
# recipients as `gid` does, and `letter` holds what 0.108 sends as flat parameters.
LETTER_KEYS = ("subject", "from.name", "from.email", "draft.id", "attaches")
# The one version of the content the emulator keeps, in order of preference; an email client
# shows the HTML version first. AMP and Viber versions are not modelled.
MESSAGE_FORMATS = ("html", "text", "sms")


def as_0108(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters of the observed form (`group`, `letter`) as the 0.108 ones they stand for."""
    if "letter" not in params and "group" not in params:
        return params
    flat = {k: v for k, v in params.items() if k not in ("group", "letter")}
    if "group" in params:
        flat["gid"] = params["group"]
    letter = params.get("letter") or {}
    flat.update({key: letter[key] for key in LETTER_KEYS if key in letter})
    if isinstance(flat.get("draft.id"), str) and flat["draft.id"].isdigit():
        flat["draft.id"] = int(flat["draft.id"])
    message = letter.get("message")
    if message:
        kind = next((k for k in MESSAGE_FORMATS if k in message), None)
        if kind is None:
            raise SendsayError(
                "error/emulator/not_modelled",
                f"letter.message: the emulator sends {', '.join(MESSAGE_FORMATS)} versions only,"
                f" not {', '.join(sorted(message))}",
            )
        flat["message"] = {kind: message[kind]}
    return flat


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
    call.params = as_0108(call.params)
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


def issue_send_test(call: Call) -> dict[str, Any]:
    """A test letter (`letter`) to the addresses `mca`, at once: it lands in the outbox."""
    params = as_0108({"letter": call.params["letter"]})
    letter, _ = letter_of(call.account, params)
    mca = list(call.params["mca"])
    call.account.outbox.append({"to": mca, "test": 1, "subject": letter.subject})
    return {}


HANDLERS: dict[str, Handler] = {"issue.send": issue_send, "issue.send.test": issue_send_test}
