"""stoplist.get, stoplist.set, stoplist.erase: the owner's stop list (A) and the subscribers' (M).

The API changes only the owner's list; the subscribers' list fills when subscribers refuse
mail, which the emulator does not simulate (tests may put addresses in `Account.stoplist`).
Addresses are normalised like member addresses; an address on either list gets no issue.
"""

from __future__ import annotations

from typing import Any

from ..addresses import normalise
from ..call import Call, Handler

OWNER, SUBSCRIBERS = "A", "M"


def _entry(lists: set[str]) -> dict[str, int]:
    return {OWNER: int(OWNER in lists), SUBSCRIBERS: int(SUBSCRIBERS in lists)}


def stoplist_get(call: Call) -> dict[str, Any]:
    stoplist = call.account.stoplist
    kind = call.get("type") or None
    wanted = call.get("list")
    addresses = [normalise(a)[0] for a in wanted] if wanted is not None else sorted(stoplist)
    return {
        "list": {
            address: _entry(stoplist[address])
            for address in addresses
            if stoplist.get(address) and (kind is None or kind in stoplist[address])
        }
    }


def stoplist_set(call: Call) -> dict[str, Any]:
    stoplist = call.account.stoplist
    changes = [(normalise(raw)[0], value in (1, "1")) for raw, value in call.params["list"].items()]
    for address, add in changes:
        lists = stoplist.setdefault(address, set())
        if add:
            lists.add(OWNER)
        else:
            lists.discard(OWNER)
        if not lists:
            del stoplist[address]
    return {}


def stoplist_erase(call: Call) -> dict[str, Any]:
    stoplist = call.account.stoplist
    for address in list(stoplist):
        stoplist[address].discard(OWNER)
        if not stoplist[address]:
            del stoplist[address]
    return {}


HANDLERS: dict[str, Handler] = {
    "stoplist.get": stoplist_get,
    "stoplist.set": stoplist_set,
    "stoplist.erase": stoplist_erase,
}
