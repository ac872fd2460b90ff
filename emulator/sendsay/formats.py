"""View formats and fill templates (`format.*`).

A format is a list of questionnaire fields `{aid, qid, unused?, answer?}`. `member.list` shows
its fields (all of them, in order) as columns; `member.update` and the sequence action
`member.update` write the `answer` of every field that has one and is not `unused`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .answers import Answer


@dataclass
class Format:
    id: int | str
    name: str
    type: str
    fields: list[dict[str, Any]] = field(default_factory=list)

    def list_item(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type}

    def to_wire(self) -> dict[str, Any]:
        return {**self.list_item(), "fields": [dict(f) for f in self.fields]}

    def columns(self) -> list[tuple[str, str]]:
        return [(f["aid"], f["qid"]) for f in self.fields]

    def values(self) -> dict[str, dict[str, Answer]]:
        """anketa -> question -> answer of the fields used for filling."""
        out: dict[str, dict[str, Answer]] = {}
        for f in self.fields:
            if "answer" in f and f.get("unused") not in (1, "1"):
                out.setdefault(f["aid"], {})[f["qid"]] = f["answer"]
        return out
