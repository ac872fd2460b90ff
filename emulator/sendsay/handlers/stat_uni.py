"""stat.uni: the universal statistics computed from the state (see stat_query.py).

`result` response answers the rows, none computes them only for the cache, save and email
write a report (stat_output.py). The cache works as for `member.list.count`: `use` answers a
living entry or computes and keeps a new one, `refresh` always computes and keeps, `fetch`
answers only from the cache (`hit` 0 otherwise, and nothing is started).
"""

from __future__ import annotations

import datetime
from typing import Any

from .. import clock
from ..call import Call, Handler
from ..stat_output import start_report
from ..stat_query import Query
from ..state import CacheEntry

_PREFIX = "stat.uni:"


def _keep(call: Call, cache: dict[str, Any], rows: list[list[Any]]) -> None:
    created = clock.now()
    ttl = cache.get("ttl")
    expires = created + datetime.timedelta(seconds=ttl) if ttl is not None else None
    call.account.cache[_PREFIX + cache["key"]] = CacheEntry({"list": rows}, created, expires)


def stat_uni(call: Call) -> dict[str, Any]:
    query = Query(call.account, call.params)  # a wrong request fails now, not in the track
    result = call.get("result", "response")
    cache = call.get("cache")
    mode = cache["mode"] if cache else "ignore"
    entry = call.account.cache.get(_PREFIX + cache["key"]) if cache else None
    hit = entry if entry is not None and entry.alive() and mode in ("use", "fetch") else None
    if mode == "fetch" and hit is None:
        return {"cache": {"hit": 0}}
    if result in ("save", "email"):

        def rows() -> list[list[Any]]:
            if hit is not None:
                cached: list[list[Any]] = hit.value["list"]
                return cached
            computed = query.rows()
            if cache and mode in ("use", "refresh"):
                _keep(call, cache, computed)
            return computed

        started = start_report(call, rows)
        if cache:
            started["cache"] = hit.info() if hit is not None else {"hit": 0}
        return started
    if hit is not None:
        answer = {"list": hit.value["list"], "cache": hit.info()}
    else:
        rows_now = query.rows()
        answer = {"list": rows_now}
        if cache and mode in ("use", "refresh"):
            _keep(call, cache, rows_now)
        if cache:
            answer["cache"] = {"hit": 0}
    if result == "none":
        answer.pop("list")
    return answer


HANDLERS: dict[str, Handler] = {"stat.uni": stat_uni}
