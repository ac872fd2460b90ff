"""Groups: lists (members made in advance, kept in `Member.groups`) and filters (a rule list).

A list group mentioned in `member.set`'s `-group` or an import's `auto_group` is created on
first use (named after its id). Group ids are letters and digits (`group.create`), but groups
created on first use keep whatever id they were given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .addresses import AddrType

LIST, FILTER = "list", "filter"
RESERVED_GROUPS = frozenset({"masssending", "personal"})  # issue.send pseudo-groups


@dataclass
class Group:
    id: str
    name: str
    type: str = LIST
    addr_type: AddrType = "email"
    issue_passwd: str | None = None
    filter: list[dict[str, Any]] = field(default_factory=list)

    def list_item(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "addr_type": self.addr_type}

    def to_wire(self, filter_: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """The `obj` of `group.get`; `filter_` (already described) only when it was asked for."""
        wire = self.list_item()
        if self.issue_passwd is not None:
            wire["issue.passwd"] = self.issue_passwd
        if filter_ is not None:
            wire["filter"] = filter_
        return wire
