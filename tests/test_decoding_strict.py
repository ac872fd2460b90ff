"""The generated decoders are strict, and agree with the generated checkers (hypothesis).

For every answer model: a schema-valid answer with one value swapped for one of another JSON
kind decodes if and only if the checker finds no problem in it; when it does not decode, the
ResponseValidationError names a path the checker names too. So no wrong-typed value is
coerced silently, and the fast decoders (inline tests, reused scalar lists, paths built only on
failure) mean the same as the checkers.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spec_strategies import WireValues
from test_properties import ANSWER_TYPES, APIS, SETTINGS, broken

from codegen.python.emit import snake


def places(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The location of every value inside `value` (keys and indexes), the root excluded."""
    out = []
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, item in items:
        out.append((*at, key))
        out += places(item, (*at, key))
    return out


def swapped(value: Any, place: tuple[Any, ...]) -> Any:
    value = copy.deepcopy(value)
    parent = value
    for key in place[:-1]:
        parent = parent[key]
    parent[place[-1]] = broken(parent[place[-1]])
    return value


def decoder_and_checker(api_name: str, type_name: str) -> tuple[Any, Any]:
    api = APIS[api_name]
    module = __import__(f"{api.package}.models.{api.types[type_name].module}", fromlist=[type_name])
    return getattr(module, type_name).from_wire, getattr(module, f"check_{snake(type_name)}")


@pytest.mark.parametrize(("api_name", "type_name"), ANSWER_TYPES)
def test_a_wrong_kind_anywhere_is_refused_where_the_checker_refuses_it(
    api_name: str, type_name: str
) -> None:
    api = APIS[api_name]
    decode, check = decoder_and_checker(api_name, type_name)
    errors = __import__(api.package).ResponseValidationError

    @SETTINGS
    @given(WireValues(api).named(api.types[type_name], 0), st.data())
    def run(wire: dict[str, Any], data: st.DataObject) -> None:
        spots = places(wire)
        if not spots:
            return
        answer = json.loads(json.dumps(swapped(wire, data.draw(st.sampled_from(spots)))))
        issues: list[Any] = []
        check(answer, "$", issues)
        try:
            decode(answer)
        except errors as exc:
            assert issues, f"decoded nothing wrong, yet refused at {exc.path}: {answer!r}"
            assert exc.path in {i.path for i in issues}, (exc.path, [str(i) for i in issues])
        else:
            assert not issues, f"accepted {answer!r} despite {[str(i) for i in issues]}"

    run()


def test_errors_inside_containers_name_the_item() -> None:
    from sendsay_api import ResponseValidationError
    from sendsay_api.models import AnketaGetResult, MemberListOk

    order = [{"anketa": "member", "quest": "email"}, {"anketa": "base", "quest": 7}]
    with pytest.raises(ResponseValidationError) as info:
        MemberListOk.from_wire({"order": order, "list": []})
    assert info.value.path == "$.order[1].quest"
    with pytest.raises(ResponseValidationError) as info:
        MemberListOk.from_wire({"order": [], "list": [["a"], ["b"], "c"]})
    assert info.value.path == "$.list[2]" and "expected an array" in str(info.value)
    quests = {"q.1": {"id": "q.1", "@": "1", "name": "Q", "type": "free"}}
    answer = {"obj": {"id": "a", "param": {"name": "A", "system": 0}, "quests": quests}}
    with pytest.raises(ResponseValidationError) as info:
        AnketaGetResult.from_wire(answer)
    assert info.value.path == '$.obj.quests["q.1"]["@"]'
    assert "expected an integer" in str(info.value)


def test_scalar_lists_are_checked_and_reused_not_copied() -> None:
    from sendsay_api.models import MemberListOk

    rows = [["a@example.com", 1], ["b@example.com", 2]]
    decoded = MemberListOk.from_wire({"order": [], "list": rows})
    assert decoded.rows is rows


def test_dates_are_exact() -> None:
    from sendsay_api import ResponseValidationError
    from sendsay_api.models import TrackGetResponse

    good = {"id": 1, "dt": "2024-02-29 10:00:00", "action": "x", "status": 0}
    for wrong in (
        "2024-02-30 10:00:00",
        "2024-02-29T10:00:00",
        "2024-02-29 10:00:00+03:00",
        "2024-02-29 10:00",
        "20240229 100000",
        "2024-02-29 10:00:00.5",
    ):
        with pytest.raises(ResponseValidationError, match=r'\$\.obj\["status\.dt"\]: expected'):
            TrackGetResponse.from_wire({"obj": {**good, "status.dt": wrong}})
    decoded = TrackGetResponse.from_wire({"obj": {**good, "status.dt": "2024-02-29 10:00:01"}})
    assert decoded.obj.status_dt.second == 1


def test_an_absent_required_key_is_named() -> None:
    from sendsay_api import ResponseValidationError
    from sendsay_api.models import TrackGetResponse

    with pytest.raises(ResponseValidationError) as info:
        TrackGetResponse.from_wire({"obj": {"id": 1, "dt": "2024-02-29 10:00:00", "status": 0}})
    assert info.value.path == "$.obj.action"
    assert "expected a value (required), got nothing (the key is absent)" in str(info.value)
    with pytest.raises(ResponseValidationError) as info:
        TrackGetResponse.from_wire({})
    assert info.value.path == "$.obj"
