"""member.list.count, with the document's answer cache (modes ignore, use, refresh, fetch).

Synchronous by default. With `sync` 0 a cached answer is returned at once when there is one;
otherwise a track counts and, for modes use/refresh, stores the result in the cache when it
finishes; mode fetch without a cached answer answers `cache: {hit: 0}` and starts nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from .. import clock
from ..call import Call, Handler
from ..group_filter import members_of
from ..state import (
    LOCK_HARDBOUNCED,
    LOCK_UNCONFIRMED,
    LOCK_UNSUBSCRIBED,
    Account,
    CacheEntry,
    Member,
)


def count(account: Account, members: list[Member], everyone: bool) -> dict[str, Any]:
    """The counters of `member.list.count`; an address on the stop list counts as locked."""

    def locked(bit: int) -> int:
        return sum(1 for m in members if m.locks & bit)

    stoplisted = sum(1 for m in members if account.stoplisted(m))
    active = [m for m in members if not m.locks and not account.stoplisted(m)]
    counts = {
        "total": len(members),
        "active": len(active),
        "locked": len(members) - len(active),
        "locked.unsubscribed": locked(LOCK_UNSUBSCRIBED),
        "locked.confirm": locked(LOCK_UNCONFIRMED),
        "locked.stoplist": stoplisted,
        "locked.hardbounced": locked(LOCK_HARDBOUNCED),
    }
    if everyone:
        for kind in ("email", "msisdn"):
            counts[f"total.{kind}"] = sum(1 for m in members if m.addr_type == kind)
            counts[f"active.{kind}"] = sum(1 for m in active if m.addr_type == kind)
    return counts


def _count_now(call: Call) -> dict[str, Any]:
    group = call.get("group")
    if group:
        return count(call.account, members_of(call.account, group), everyone=False)
    return count(call.account, list(call.account.members.values()), everyone=True)


def _remember(call: Call, cache: dict[str, Any], value: dict[str, Any]) -> None:
    created = clock.now()
    ttl = cache.get("ttl")
    expires = created + datetime.timedelta(seconds=ttl) if ttl is not None else None
    call.account.cache["member.list.count:" + cache["key"]] = CacheEntry(value, created, expires)


def member_list_count(call: Call) -> dict[str, Any]:
    cache = call.get("cache")
    mode = cache["mode"] if cache else "ignore"
    entry = call.account.cache.get("member.list.count:" + cache["key"]) if cache else None
    hit = entry if entry is not None and entry.alive() and mode in ("use", "fetch") else None
    if hit is not None:
        return {"obj": dict(hit.value), "cache": hit.info()}
    if mode == "fetch":
        return {"cache": {"hit": 0}}
    if call.get("group"):
        members_of(call.account, call.get("group"))  # an unknown group fails now
    if not call.flag("sync", default=True):

        def work(track_id: int) -> dict[str, Any]:
            if cache and mode in ("use", "refresh"):
                _remember(call, cache, _count_now(call))
            return {}

        return call.start_track({"group.id": call.get("group", "")}, work)
    counts = _count_now(call)
    answer: dict[str, Any] = {"obj": counts}
    if cache and mode in ("use", "refresh"):
        _remember(call, cache, counts)
    if mode == "use":
        answer["cache"] = {"hit": 0}
    return answer


HANDLERS: dict[str, Handler] = {"member.list.count": member_list_count}
