"""Every emulated action, by wire name."""

from __future__ import annotations

from ..call import Handler
from . import (
    anketa,
    anketa_quest,
    email_test,
    member,
    member_bulk,
    member_count,
    member_import,
    member_list,
    session,
    track,
)

HANDLERS: dict[str, Handler] = {
    **session.HANDLERS,
    **track.HANDLERS,
    **anketa.HANDLERS,
    **anketa_quest.HANDLERS,
    **email_test.HANDLERS,
    **member.HANDLERS,
    **member_bulk.HANDLERS,
    **member_list.HANDLERS,
    **member_count.HANDLERS,
    **member_import.HANDLERS,
}
PUBLIC_ACTIONS = session.PUBLIC_ACTIONS

__all__ = ["HANDLERS", "PUBLIC_ACTIONS"]
