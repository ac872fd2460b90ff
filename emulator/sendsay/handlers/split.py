"""issue.split.list, issue.split.create, issue.split.get, issue.split.set, issue.split.delete,
issue.split.winner.

The emulator applies the document's rules of what may change in which state, but runs no
schedule: a test stays "waiting for launch" (0) and its variants are not issued by themselves.
`issue.split.winner` therefore needs only a test below 100% and not finished: it issues the
winning variant's letter to the test's group at once (an archive issue, `issue.get`) and sets
the state "winner chosen" (5).
"""

from __future__ import annotations

from typing import Any

from ..call import Call, Handler
from ..errors import SendsayError, invalid
from ..groups import RESERVED_GROUPS
from ..issues import Letter
from ..sending import send_now
from ..splits import FINISHED, LAUNCHED, SETTINGS, WAITING, WINNER_CHOSEN, Split
from ..state import Account


def _check_group(account: Account, group_id: str) -> None:
    if group_id in RESERVED_GROUPS:
        raise invalid(f"group: {group_id} cannot be tested")
    if account.group(group_id).addr_type != "email":
        raise invalid(f"group: {group_id} is not a group of e-mail addresses")


def _check_settings(settings: dict[str, Any]) -> None:
    if not 1 <= int(settings["percent"]) <= 100:
        raise invalid(f"percent: from 1 to 100, not {settings['percent']}")
    if int(settings["percent"]) < 100 and settings.get("winner.by") is None:
        raise invalid("winner.by: required when percent is below 100")


def answer(call: Call, split: Split) -> dict[str, Any]:
    return split.to_wire(call.account.group(split.settings["group"]).name)


def issue_split_list(call: Call) -> dict[str, Any]:
    account = call.account
    names = {group.id: group.name for group in account.groups.values()}
    return {"list": [s.list_item(names[s.settings["group"]]) for s in account.splits]}


def issue_split_create(call: Call) -> dict[str, Any]:
    account = call.account
    settings = {name: call.params[name] for name in SETTINGS if name in call.params}
    _check_group(account, settings["group"])
    _check_settings(settings)
    split = account.splits.add(Split(account.splits.new_id(), settings))
    return answer(call, split) if call.flag("return_fresh_obj") else {"id": split.id}


def issue_split_get(call: Call) -> dict[str, Any]:
    return answer(call, call.account.splits.get(call.params["id"]))


def issue_split_set(call: Call) -> dict[str, Any]:
    account = call.account
    split = account.splits.get(call.params["id"])
    changes = {name: call.params[name] for name in SETTINGS if name in call.params}
    if split.state != WAITING:
        changes.pop("group", None), changes.pop("percent", None)
    if "group" in changes:
        _check_group(account, changes["group"])
    settings = {**split.settings, **changes}
    if int(settings["percent"]) == 100:
        settings["winner.by"] = settings["winner.after"] = None
    elif split.state in (FINISHED, WINNER_CHOSEN):
        settings["winner.by"] = split.settings.get("winner.by")
    if settings.get("winner.by") == "manual":
        settings["winner.after"] = None
    _check_settings(settings)
    split.settings = settings
    return answer(call, split) if call.flag("return_fresh_obj") else {}


def issue_split_delete(call: Call) -> dict[str, Any]:
    account = call.account
    split = account.splits.get(call.params["id"])
    if split.state >= LAUNCHED:
        raise SendsayError("error/split/state", f"split {split.id} has been launched")
    for variant in split.variants:
        account.variants.delete(variant.id)
    account.splits.delete(split.id)
    return {}


def issue_split_winner(call: Call) -> dict[str, Any]:
    account = call.account
    variant = account.variants.get(call.params["variant.id"])
    split = account.splits.get(variant.split_id)
    if int(split.settings["percent"]) == 100:
        raise SendsayError("error/split/winner", "a 100% test has no winner issue")
    if split.state in (FINISHED, WINNER_CHOSEN):
        raise SendsayError("error/split/state", f"split {split.id} already has its winner")
    letter = Letter.of(variant.letter)
    issue = send_now(account, split.settings["group"], letter, variant_id=variant.id)
    variant.is_winner, variant.issue_winner = True, issue.id
    split.state = WINNER_CHOSEN
    return {}


HANDLERS: dict[str, Handler] = {
    "issue.split.list": issue_split_list,
    "issue.split.create": issue_split_create,
    "issue.split.get": issue_split_get,
    "issue.split.set": issue_split_set,
    "issue.split.delete": issue_split_delete,
    "issue.split.winner": issue_split_winner,
}
