"""Drafts (`issue.draft.*`) and information letters (`infolett.*`), and rendering their text.

Both keep the `obj` they were last set with. A new or changed information letter goes to
moderation (`onmoderation` 1); the emulator's moderation passes as soon as the letter has been
read once (the first `infolett.get` / `infolett.list` still shows 1). Previews substitute the
template expressions `[% anketa.ANKETA.QUEST %]` with a subscriber's answers (empty when there
is none or no `email` was given); other template code is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_ANSWER = re.compile(r"\[%\s*anketa\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\s*%\]")


@dataclass
class Draft:
    id: int | str
    data: dict[str, Any]
    template: bool = False

    def list_item(self) -> dict[str, Any]:
        item: dict[str, Any] = {"id": self.id, "format": self.data["format"]}
        item["name"] = self.data["name"]
        item["template"] = int(self.template)
        return item

    def to_wire(self) -> dict[str, Any]:
        return {"id": self.id, **self.data, "template": int(self.template)}


@dataclass
class Infolett:
    id: int | str
    data: dict[str, Any]
    moderated: bool = False

    def onmoderation(self) -> int:
        """1 until the letter has been read once after its last change."""
        pending = not self.moderated
        self.moderated = True
        return int(pending)

    def list_item(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "format": self.data["format"],
            "name": self.data["name"],
            "onmoderation": self.onmoderation(),
        }

    def to_wire(self) -> dict[str, Any]:
        return {"id": self.id, **self.data, "onmoderation": self.onmoderation()}


Lookup = Callable[[str, str], Any]


def render(text: str, answer: Lookup) -> str:
    """`text` with `[% anketa.A.Q %]` replaced by `answer(A, Q)` (lists joined by commas)."""

    def one(match: re.Match[str]) -> str:
        value = answer(match.group(1), match.group(2))
        if value is None:
            return ""
        return ",".join(value) if isinstance(value, list) else str(value)

    return _ANSWER.sub(one, text)
