"""Questionnaires (anketas) and their questions, in the shape `anketa.get` answers.

Two system anketas exist in every account and cannot be changed or deleted: `member` (the
address itself: questions `email` and `cellphone`, and `error`, the number of delivery errors
the document's group-filter example compares) and `base` (common personal data).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

CHOICE_TYPES = ("1m", "nm")
DT_SUBTYPES = ("yd", "yh", "ym", "ys")
MEMBER_ANKETA = "member"
DELIVERY_ERRORS = "error"  # member.error: how many issues failed to reach the address


@dataclass
class Question:
    id: str
    name: str
    type: str
    width: int | None = None
    subtype: str | None = None
    answers: dict[str, str] = field(default_factory=dict)
    answer_order: list[str] = field(default_factory=list)

    def to_wire(self, position: int) -> dict[str, Any]:
        wire: dict[str, Any] = {"id": self.id, "@": position, "name": self.name, "type": self.type}
        if self.type == "dt" and self.subtype:
            wire["subtype"] = self.subtype
        if self.type == "free" and self.width is not None:
            wire["width"] = self.width
        if self.type in CHOICE_TYPES:
            wire["answers"] = dict(self.answers)
            wire["order"] = list(self.answer_order)
        return wire

    def answer_code(self, value: str) -> str | None:
        """The code of an answer given by its code or by its name."""
        if value in self.answers:
            return value
        return next((code for code, name in self.answers.items() if name == value), None)


@dataclass
class Anketa:
    """A questionnaire; the order of `quests` is the order of its questions."""

    id: str
    name: str
    system: bool = False
    quests: dict[str, Question] = field(default_factory=dict)

    def to_wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "param": {"name": self.name, "system": int(self.system)},
            "order": list(self.quests),
            "quests": {
                qid: quest.to_wire(position)
                for position, (qid, quest) in enumerate(self.quests.items(), start=1)
            },
        }

    def list_item(self) -> dict[str, Any]:
        return {"system": int(self.system), "id": self.id, "name": self.name}

    def reorder(self, order: list[str]) -> None:
        self.quests = {qid: self.quests[qid] for qid in order}

    def copy_as(self, anketa_id: str, name: str) -> Anketa:
        return Anketa(anketa_id, name, False, copy.deepcopy(self.quests))


def _free(qid: str, name: str, width: int) -> Question:
    return Question(qid, name, "free", width=width)


def system_anketas() -> dict[str, Anketa]:
    """The system anketas a new account starts with."""
    member = Anketa(
        MEMBER_ANKETA,
        "Subscriber",
        True,
        {
            "email": _free("email", "E-mail address", 255),
            "cellphone": _free("cellphone", "Phone", 32),
            DELIVERY_ERRORS: Question(DELIVERY_ERRORS, "Delivery errors", "int"),
        },
    )
    gender = Question(
        "gender", "Gender", "1m", answers={"m": "Male", "f": "Female"}, answer_order=["m", "f"]
    )
    interests = Question(
        "interests",
        "Interests",
        "nm",
        answers={"1": "Sport", "2": "Music", "3": "Cinema", "4": "Travel", "5": "Books"},
        answer_order=["1", "2", "3", "4", "5"],
    )
    base = Anketa(
        "base",
        "Base questionnaire",
        True,
        {
            "firstname": _free("firstname", "First name", 100),
            "middlename": _free("middlename", "Middle name", 100),
            "lastname": _free("lastname", "Last name", 100),
            "gender": gender,
            "interests": interests,
            "birthday": Question("birthday", "Birthday", "dt", subtype="yd"),
            "city": _free("city", "City", 100),
        },
    )
    return {member.id: member, base.id: base}
