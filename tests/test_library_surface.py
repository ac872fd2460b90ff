"""The library as a user meets it: Sequence and Mapping inputs, the error classes of the spec
and their public module, the User-Agent."""

from __future__ import annotations

import traceback
import types
from importlib.metadata import version
from typing import Any

import altcraft_api
import httpx
import pytest
import sendsay_api
from sendsay_api import AlreadyExistsError, APIError, NotFoundError, RightsError, Sendsay


def test_a_tuple_and_a_mapping_are_accepted_where_the_signature_says_sequence_and_mapping(
    scripted: Any,
) -> None:
    server = scripted({"list": {}}, {"newbie": 0})
    client = Sendsay(session="s", transport=server.transport())
    client.member.delete(list=("a@example.com", "b@example.com"))
    answers = types.MappingProxyType({"base": {"firstname": "Ann"}})
    client.member.set(email="a@example.com", obj=answers, if_exists="overwrite")
    delete, member_set = server.bodies()
    assert delete["list"] == ["a@example.com", "b@example.com"]
    assert member_set["obj"] == {"base": {"firstname": "Ann"}}


@pytest.mark.parametrize(
    ("error_id", "cls"),
    [
        ("error/member/not_found", NotFoundError),
        ("error/rfs/dir_not_found", NotFoundError),
        ("error/user/exists", AlreadyExistsError),
        ("error/rights/denied", RightsError),
        ("error/group/type", APIError),
    ],
)
def test_an_error_id_raises_the_class_the_spec_gives_it(
    scripted: Any, error_id: str, cls: type[APIError]
) -> None:
    server = scripted({"errors": [{"id": error_id, "explain": "x"}]})
    with pytest.raises(APIError) as raised:
        Sendsay(session="s", transport=server.transport()).request("member.get")
    assert type(raised.value) is cls and raised.value.id == error_id


def test_tracebacks_name_the_public_errors_module(scripted: Any) -> None:
    server = scripted({"errors": [{"id": "error/member/not_found"}]})
    with pytest.raises(NotFoundError) as raised:
        Sendsay(session="s", transport=server.transport()).member.get(email="a@example.com")
    shown = "".join(traceback.format_exception_only(raised.value))
    assert shown.startswith("sendsay_api.errors.NotFoundError: member.get:")
    for name in sendsay_api.errors.__all__:
        assert getattr(sendsay_api.errors, name).__module__ == "sendsay_api.errors"
    assert sendsay_api.APIError is sendsay_api.errors.APIError


def test_an_altcraft_404_is_not_found() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": None, "error": 404, "error_text": "no task"})

    client = altcraft_api.Altcraft(token="t", transport=httpx.MockTransport(answer))
    with pytest.raises(altcraft_api.NotFoundError):
        client.tasks.status(task_id="x")


def test_the_user_agent_names_the_package_and_its_version(scripted: Any) -> None:
    server = scripted({"pong": "x"})
    Sendsay(transport=server.transport()).ping()
    agent = server.requests[0].headers["User-Agent"]
    assert agent.startswith(f"sendsay-api/{version('sendsay-api')} python/")


def test_a_bad_parameter_is_named_by_its_keyword_and_its_wire_name() -> None:
    client = Sendsay(session="s")
    with pytest.raises(sendsay_api.RequestValidationError) as raised:
        client.member.list(result_format=5)  # type: ignore[arg-type]
    assert '  - result_format (wire "result.format"): expected a string, got integer 5' in str(
        raised.value
    )
