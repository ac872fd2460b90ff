"""Writing subscriber data: anketa answers (checked first, then stored) and list groups."""

from __future__ import annotations

from typing import Any

from .anketas import MEMBER_ANKETA
from .answers import Answer, coerce
from .errors import SendsayError
from .groups import LIST
from .state import Account, Member

GROUP_ANKETA = "-group"
Prepared = dict[tuple[str, str], Answer | None]


def prepare(account: Account, data: dict[str, Any]) -> Prepared:
    """Check every answer of `{anketa: {quest: value}}` (None deletes); nothing is stored yet."""
    prepared: Prepared = {}
    for anketa_id, answers in data.items():
        if anketa_id == MEMBER_ANKETA:
            raise SendsayError("error/anketa/system", "member: the address is not an answer")
        anketa = account.anketa(anketa_id)
        if not isinstance(answers, dict):
            raise SendsayError("error/member/answer_invalid", f"{anketa_id}: expected an object")
        for quest_id, value in answers.items():
            question = anketa.quests.get(quest_id)
            if question is None:
                raise SendsayError("error/quest/not_found", f"{anketa_id}.{quest_id}")
            where = f"{anketa_id}.{quest_id}"
            prepared[anketa_id, quest_id] = (
                None if value is None else coerce(question, value, where)
            )
    return prepared


def store(member: Member, prepared: Prepared, *, overwrite: bool) -> bool:
    """Store prepared answers (without `overwrite` existing ones stay); True if anything changed."""
    changed = False
    for (anketa_id, quest_id), value in prepared.items():
        answers = member.answers.setdefault(anketa_id, {})
        if quest_id in answers and not overwrite:
            continue
        if value is None:
            changed |= answers.pop(quest_id, None) is not None
        elif answers.get(quest_id) != value:
            answers[quest_id] = value
            changed = True
        if not answers:
            del member.answers[anketa_id]
    return changed


def check_groups(account: Account, groups: dict[str, Any]) -> None:
    """`-group` may name list groups only (and groups that do not exist yet)."""
    for group_id in groups:
        group = account.groups.get(group_id)
        if group is not None and group.type != LIST:
            raise SendsayError("error/group/type", f"{group_id} is a filter group")


def set_groups(account: Account, member: Member, groups: dict[str, Any]) -> None:
    """`-group`: 1 adds the member to a list group (created on first use), 0 removes it."""
    check_groups(account, groups)
    for group, wanted in groups.items():
        if wanted in (1, "1"):
            account.list_group(group, member.addr_type)
            member.groups.add(group)
        else:
            member.groups.discard(group)
