"""Which Sendsay actions the emulator keeps state for, and which answer from the spec only.

Every action of the spec is in exactly one of the two (a test checks it). The stateful ones
have a handler (`handlers/`): a `set` is seen by a later `get` and `list`, a `delete` makes the
object go away, and a missing object is an `error/<kind>/not_found`. The others answer the
document's example (or a minimal schema-valid answer) of the variant the request selects,
after the same request checks. Among the stateful ones, `GUESSED` names those whose answers
rest on a guess about the server where the document is silent, with what was guessed.
"""

from __future__ import annotations

import json
from importlib.resources import files

from .guesses import guess_of
from .handlers import HANDLERS

_FEEDS = (
    "News feeds are read from external RSS sources (lenta.source.add/refresh) and the "
    "emulator has no network, so a feed would have no news to keep or send."
)
_LINKS = (
    "Tracked links and link groups are made by the real server when it rewrites the links of "
    "sent letters and counts their clicks; the emulator rewrites no links and records no clicks."
)

FROM_EXAMPLES: dict[str, str] = {
    "decor.siteform": (
        "Renders the HTML of a subscription form from the account's design, which the API "
        "cannot create or read; there is no state to render from."
    ),
    **dict.fromkeys(
        (
            "lenta.delete",
            "lenta.get",
            "lenta.list",
            "lenta.send",
            "lenta.set",
            "lenta.source.add",
            "lenta.source.delete",
            "lenta.source.refresh",
        ),
        _FEEDS,
    ),
    **dict.fromkeys(
        (
            "link.group.delete",
            "link.group.list",
            "link.group.set",
            "link.list",
            "link.set",
            "link.set.group",
        ),
        _LINKS,
    ),
}

STATEFUL: frozenset[str] = frozenset(HANDLERS)

# Actions the emulator performs itself, from other actions.
RUN_BY_THE_EMULATOR: dict[str, str] = {
    "batch": "Runs its requests one by one, each checked and answered as if sent alone."
}


def _observed_only() -> dict[str, str]:
    """Actions the spec knows from observed requests only (a layer): their answer is not known,
    so the emulator refuses them with `error/emulator/no_answer` rather than make one up."""
    folder = files("sendsay_api") / "schemas"  # the installed package's exported schemas
    out = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".response.schema.json"):
            continue
        schema = json.loads(path.read_text(encoding="utf-8"))
        action = path.name.removesuffix(".response.schema.json")
        if "observed" in schema.get("x-provenance", {}) and action not in HANDLERS:
            out[action] = "Known from observed requests only: the spec has no answer to give."
    return out


OBSERVED_ONLY: dict[str, str] = {
    a: r for a, r in _observed_only().items() if a not in RUN_BY_THE_EMULATOR
}
"""Actions known from observed requests only: checked, then refused as having no answer."""
FROM_EXAMPLES.update(OBSERVED_ONLY)
GUESSED: dict[str, str] = {
    action: guess for action, handler in sorted(HANDLERS.items()) if (guess := guess_of(handler))
}
"""Stateful actions whose answers rest on a guess where the document is silent (marked with
`@guessed` on their handlers): action -> what the emulator chose. The others are modelled on
the document (their error ids aside: see errors.py)."""
