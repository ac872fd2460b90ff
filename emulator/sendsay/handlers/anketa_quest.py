"""anketa.quest.add / set / delete / order and anketa.quest.response.delete / order.

Adding or changing several questions (`obj` is a list) is all or nothing: every question is
checked before any is stored. The answer's `id` is a string for one object, a list for a list.
"""

from __future__ import annotations

import copy
from typing import Any

from ..anketas import CHOICE_TYPES, Anketa, Question
from ..call import Call, Handler
from ..errors import SendsayError
from .anketa import with_fresh


def _invalid(where: str, reason: str) -> SendsayError:
    return SendsayError("error/quest/invalid", f"{where}: {reason}")


def _reordered(current: list[str], order: list[str], missing: str, where: str) -> list[str]:
    """`order` first (each code once), then the codes it leaves out, in their current order.

    The document gives the new order and no rule that it lists every code: only a code the
    object lacks is refused (`missing`, a reason of state)."""
    unknown = [code for code in order if code not in current]
    if unknown:
        raise SendsayError(missing, f"{where}: {unknown}")
    listed = list(dict.fromkeys(order))
    return listed + [code for code in current if code not in listed]


def _answer_order(answers: dict[str, str], order: list[str] | None, where: str) -> list[str]:
    if order is None:
        return list(answers)
    return _reordered(list(answers), order, "error/quest/answer_not_found", where)


def _only_for(
    spec: dict[str, Any], kind: str, keys: dict[str, tuple[str, ...]], where: str
) -> None:
    for key, kinds in keys.items():
        if key in spec and kind not in kinds:
            raise _invalid(where, f"{key} is not a parameter of a question of type {kind}")


def _new_question(spec: dict[str, Any], qid: str, where: str) -> Question:
    """A question the spec's checks passed: its variant of `type` holds only its own keys."""
    kind = spec["type"]
    question = Question(qid, spec["name"], kind)
    if kind == "free":
        question.width = spec["width"]
    elif kind == "dt":
        question.subtype = spec["dtsubtype"]
    elif kind in CHOICE_TYPES:
        question.answers = dict(spec.get("answers", {}))
        question.answer_order = _answer_order(question.answers, spec.get("order"), where)
    return question


def _changed_question(current: Question, spec: dict[str, Any], where: str) -> Question:
    keys = {"width": ("free",), "answers": CHOICE_TYPES, "order": CHOICE_TYPES}
    _only_for(spec, current.type, keys, where)
    question = copy.deepcopy(current)
    question.name = spec["name"]
    if "width" in spec:
        question.width = spec["width"]
    if "answers" in spec:
        question.answers.update(spec["answers"])
        added = [code for code in spec["answers"] if code not in question.answer_order]
        question.answer_order = question.answer_order + added
    if "order" in spec:
        question.answer_order = _answer_order(question.answers, spec["order"], where)
    return question


def _objects(call: Call) -> tuple[list[dict[str, Any]], bool]:
    obj = call.params["obj"]
    return (obj, True) if isinstance(obj, list) else ([obj], False)


def _ids_answer(call: Call, anketa: Anketa, ids: list[str], many: bool) -> dict[str, Any]:
    return with_fresh(call, anketa, {"id": ids if many else ids[0]})


def quest_add(call: Call) -> dict[str, Any]:
    account = call.account
    anketa = account.editable_anketa(call.params["anketa.id"])
    specs, many = _objects(call)
    added: dict[str, Question] = {}
    for index, spec in enumerate(specs):
        where = f"obj[{index}]" if many else "obj"
        qid = spec.get("id") or account.generate_id("q", {**anketa.quests, **added})
        if qid in anketa.quests or qid in added:
            raise SendsayError("error/quest/exists", f"{where}: {qid}")
        added[qid] = _new_question(spec, qid, where)
    anketa.quests.update(added)
    return _ids_answer(call, anketa, list(added), many)


def quest_set(call: Call) -> dict[str, Any]:
    anketa = call.account.editable_anketa(call.params["anketa.id"])
    specs, many = _objects(call)
    changed: dict[str, Question] = {}
    ids: list[str] = []
    for index, spec in enumerate(specs):
        where = f"obj[{index}]" if many else "obj"
        qid = spec["id"]
        current = changed.get(qid) or anketa.quests.get(qid)
        if current is None:
            raise SendsayError("error/quest/not_found", f"{where}: {qid}")
        changed[qid] = _changed_question(current, spec, where)
        ids.append(qid)
    anketa.quests.update(changed)
    return _ids_answer(call, anketa, ids, many)


def _question(anketa: Anketa, qid: str) -> Question:
    try:
        return anketa.quests[qid]
    except KeyError:
        raise SendsayError("error/quest/not_found", qid) from None


def quest_delete(call: Call) -> dict[str, Any]:
    anketa = call.account.editable_anketa(call.params["anketa.id"])
    question = _question(anketa, call.params["id"])
    del anketa.quests[question.id]
    call.account.forget_answers(anketa.id, question.id)
    return with_fresh(call, anketa, {})


def quest_order(call: Call) -> dict[str, Any]:
    anketa = call.account.editable_anketa(call.params["anketa.id"])
    anketa.reorder(
        _reordered(list(anketa.quests), call.params["order"], "error/quest/not_found", "order")
    )
    return with_fresh(call, anketa, {})


def _choice_question(anketa: Anketa, qid: str) -> Question:
    question = _question(anketa, qid)
    if question.type not in CHOICE_TYPES:
        raise SendsayError("error/quest/type", f"{qid} is of type {question.type}, not 1m or nm")
    return question


def response_delete(call: Call) -> dict[str, Any]:
    account = call.account
    anketa = account.editable_anketa(call.params["anketa.id"])
    question = _choice_question(anketa, call.params["quest.id"])
    code = call.params["id"]
    if code not in question.answers:
        raise SendsayError("error/quest/answer_not_found", f"{question.id}: {code}")
    del question.answers[code]
    question.answer_order.remove(code)
    for member in account.members.values():
        chosen = member.answers.get(anketa.id, {}).get(question.id)
        if isinstance(chosen, list) and code in chosen:
            chosen.remove(code)
            if not chosen:
                del member.answers[anketa.id][question.id]
    return with_fresh(call, anketa, {})


def response_order(call: Call) -> dict[str, Any]:
    anketa = call.account.editable_anketa(call.params["anketa.id"])
    question = _choice_question(anketa, call.params["id"])
    question.answer_order = _answer_order(question.answers, call.params["order"], "order")
    return with_fresh(call, anketa, {})


HANDLERS: dict[str, Handler] = {
    "anketa.quest.add": quest_add,
    "anketa.quest.set": quest_set,
    "anketa.quest.delete": quest_delete,
    "anketa.quest.order": quest_order,
    "anketa.quest.response.delete": response_delete,
    "anketa.quest.response.order": response_order,
}
