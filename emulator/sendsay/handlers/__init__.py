"""The handlers of the stateful actions, one module per object kind, merged into `HANDLERS`.

Actions without a handler answer from the spec (see `emulator/sendsay/coverage.py`).
"""

from __future__ import annotations

from ..call import Handler
from . import (
    anketa,
    anketa_quest,
    archive,
    draft,
    email_test,
    format,
    group,
    infolett,
    issue_later,
    issue_send,
    member,
    member_bulk,
    member_count,
    member_import,
    member_list,
    rfs,
    sequence,
    sequence_member,
    session,
    smssender,
    split,
    split_variant,
    stat_group,
    stat_issue,
    stat_uni,
    stoplist,
    sys,
    track,
    user,
)

_MODULES = (
    session,
    track,
    anketa,
    anketa_quest,
    email_test,
    member,
    member_bulk,
    member_list,
    member_count,
    member_import,
    group,
    format,
    draft,
    infolett,
    sequence,
    sequence_member,
    user,
    sys,
    rfs,
    split,
    split_variant,
    smssender,
    issue_send,
    issue_later,
    archive,
    stoplist,
    stat_uni,
    stat_group,
    stat_issue,
)
HANDLERS: dict[str, Handler] = {
    action: handler for module in _MODULES for action, handler in module.HANDLERS.items()
}

__all__ = ["HANDLERS"]
