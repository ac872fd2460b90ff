"""The Sendsay protocol through the public client API, over a scripted in-process transport."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from sendsay_api import (
    APIError,
    AsyncSendsay,
    AuthError,
    PasswordChangeRequiredError,
    RedirectLoopError,
    ResponseValidationError,
    RetryPolicy,
    Sendsay,
    SessionExpiredError,
    TransportError,
)
from sendsay_api.models import MemberGetResponse, TrackStarted

LOGIN_OK = {"session": "s-1", "login": "acme", "sublogin": "bob"}


def client(server: Any, **options: Any) -> Sendsay:
    options.setdefault("login", "acme")
    options.setdefault("sublogin", "bob")
    options.setdefault("password", "pw")
    return Sendsay(transport=server.transport(), **options)


def test_wire_format_is_the_documented_form(scripted: Any) -> None:
    server = scripted({"pong": "x"})
    c = Sendsay(transport=server.transport())
    c.ping(request_id="777")
    request = server.requests[0]
    assert request.method == "POST"
    assert str(request.url) == "https://pro.subscribe.ru/api"
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert list(server.forms()[0]) == ["apiversion", "json", "request.id", "request"]
    assert server.forms()[0]["apiversion"] == "100"
    assert server.forms()[0]["json"] == "1"
    assert server.forms()[0]["request.id"] == "777"
    assert server.bodies()[0] == {"action": "ping"}


def test_request_id_is_generated_per_call(scripted: Any) -> None:
    server = scripted({"pong": "a"}, {"pong": "b"})
    c = Sendsay(transport=server.transport())
    c.ping()
    c.ping()
    ids = [f["request.id"] for f in server.forms()]
    assert ids[0] and ids[1] and ids[0] != ids[1]


def test_login_first_then_session_in_every_call(scripted: Any) -> None:
    server = scripted(LOGIN_OK, {"obj": {"base": {"firstName": "Ann"}}})
    c = client(server)
    member = c.member.get(email="a@example.com")
    assert isinstance(member, MemberGetResponse)
    login, get = server.bodies()
    assert login == {"action": "login", "login": "acme", "passwd": "pw", "sublogin": "bob"}
    assert get == {"action": "member.get", "email": "a@example.com", "session": "s-1"}
    assert c.session == "s-1"


def test_explicit_login_is_remembered_for_relogin(scripted: Any) -> None:
    expired = {"errors": [{"id": "error/auth/failed", "explain": "expired"}]}
    server = scripted(LOGIN_OK, expired, {"session": "s-2"}, {"ping": "ok"})
    c = Sendsay(transport=server.transport())
    c.login(login="acme", password="pw")
    assert c.pong().ping == "ok"
    bodies = server.bodies()
    assert [b["action"] for b in bodies] == ["login", "pong", "login", "pong"]
    assert bodies[1]["session"] == "s-1" and bodies[3]["session"] == "s-2"


def test_session_expired_relogin_happens_once(scripted: Any) -> None:
    expired = {"errors": [{"id": "error/auth/failed", "explain": "expired"}]}
    server = scripted(LOGIN_OK, expired, LOGIN_OK, expired)
    c = client(server)
    with pytest.raises(SessionExpiredError) as info:
        c.pong()
    assert info.value.ids == ["error/auth/failed"]
    assert len(server.requests) == 4


def test_without_credentials_a_session_error_is_raised_not_retried(scripted: Any) -> None:
    expired = {"errors": [{"id": "error/auth/failed", "explain": "expired"}]}
    server = scripted(expired)
    c = Sendsay(session="old", transport=server.transport())
    with pytest.raises(SessionExpiredError, match="error/auth/failed"):
        c.pong()
    assert len(server.requests) == 1


def test_no_session_and_no_credentials_is_a_clear_error(scripted: Any) -> None:
    c = Sendsay(transport=scripted().transport())
    with pytest.raises(AuthError, match="call login"):
        c.pong()


def test_force_change_password_old_error_style(scripted: Any) -> None:
    server = scripted({"error": "error/auth/failed", "explain": "force_change_password"})
    c = client(server)
    with pytest.raises(PasswordChangeRequiredError) as info:
        c.pong()
    assert info.value.errors == [{"id": "error/auth/failed", "explain": "force_change_password"}]


def test_redirect_is_followed_and_remembered(scripted: Any) -> None:
    server = scripted({"REDIRECT": "/acme"}, {"pong": "1"}, {"pong": "2"})
    c = Sendsay(transport=server.transport())
    c.ping()
    c.ping()
    urls = [str(r.url) for r in server.requests]
    assert urls == [
        "https://pro.subscribe.ru/api",
        "https://pro.subscribe.ru/api/acme",
        "https://pro.subscribe.ru/api/acme",
    ]
    assert c.url == "https://pro.subscribe.ru/api/acme"
    assert server.forms()[0]["request.id"] == server.forms()[1]["request.id"]


def test_redirect_loop_stops_after_ten_hops(scripted: Any) -> None:
    server = scripted(*[{"REDIRECT": f"/hop{i}"} for i in range(11)])
    c = Sendsay(transport=server.transport())
    with pytest.raises(RedirectLoopError, match="more than 10"):
        c.ping()
    assert len(server.requests) == 11


def test_api_errors_carry_every_id_and_explain(scripted: Any) -> None:
    errors = [
        {"id": "error/email/invalid", "explain": ["a", "b"]},
        {"id": "error/other", "explain": {"k": 1}, "extra": 5},
    ]
    server = scripted(LOGIN_OK, {"errors": errors})
    with pytest.raises(APIError) as info:
        client(server).member.get(email="a@example.com")
    assert info.value.errors == errors
    assert info.value.ids == ["error/email/invalid", "error/other"]
    assert "member.get" in str(info.value) and "error/other" in str(info.value)


def test_one_time_auth_instead_of_session(scripted: Any) -> None:
    server = scripted({"ping": "x"})
    c = client(server, one_time_auth=True)
    c.pong()
    assert server.bodies()[0]["one_time_auth"] == {
        "login": "acme",
        "passwd": "pw",
        "sublogin": "bob",
    }
    assert "session" not in server.bodies()[0]


def test_apikey_mode(scripted: Any) -> None:
    server = scripted({"ping": "x"})
    Sendsay(apikey="KEY", transport=server.transport()).pong()
    assert server.bodies()[0] == {"action": "pong", "apikey": "KEY"}


def test_timeout_is_on_by_default_and_settable_per_call(scripted: Any) -> None:
    server = scripted({"pong": "x"}, {"pong": "y"})
    c = Sendsay(transport=server.transport())
    c.ping()
    c.ping(timeout=2.5)
    first, second = (r.extensions["timeout"] for r in server.requests)
    # each phase is also cut to what is left of the whole call's time (30 s, 2.5 s)
    assert 29.0 < first["read"] <= 30.0 and first["connect"] == 10.0
    assert 2.0 < second["read"] <= 2.5


def test_member_delete_sync_and_async_variants(scripted: Any) -> None:
    server = scripted(LOGIN_OK, {"list": {"a@example.com": 1}}, {"track.id": 42})
    c = client(server)
    deleted = c.member.delete(email="a@example.com")
    assert deleted.list == {"a@example.com": True}
    task = c.member.delete(group="g1")
    assert isinstance(task, TrackStarted) and task.track_id == 42


def test_member_list_response_vs_save(scripted: Any) -> None:
    rows = {"order": [{"anketa": "member", "quest": "email"}], "list": [["a@example.com"]]}
    server = scripted(LOGIN_OK, rows, {"track.id": 7})
    c = client(server)
    listed = c.member.list()
    assert listed.rows == [["a@example.com"]]
    saved = c.member.list(result="save")
    assert isinstance(saved, TrackStarted) and saved.track_id == 7


def test_return_fresh_obj_selects_the_answer_type(scripted: Any) -> None:
    anketa = {"obj": {"id": "a1", "param": {"name": "Q", "system": 0}}}
    server = scripted(LOGIN_OK, {}, anketa)
    c = client(server)
    plain = c.anketa.set(id="a1", name="Q")
    fresh = c.anketa.set(id="a1", name="Q", return_fresh_obj=True)
    assert type(plain).__name__ == "Empty"
    assert fresh.obj.id == "a1" and fresh.obj.param.system is False
    assert server.bodies()[2]["return_fresh_obj"] == 1


def test_quest_add_one_question_or_a_list(scripted: Any) -> None:
    server = scripted(LOGIN_OK, {"id": "q1"}, {"id": ["q2", "q3"]})
    c = client(server)
    one = c.anketa.quest_add(anketa_id="a1", obj={"name": "Age", "type": "int"})
    many = c.anketa.quest_add(
        anketa_id="a1",
        obj=[{"name": "A", "type": "int"}, {"name": "B", "type": "free", "width": 10}],
    )
    assert one.id == "q1"
    assert many.id == ["q2", "q3"]


def test_unknown_response_fields_are_kept(scripted: Any) -> None:
    server = scripted({"pong": "x", "new_field": {"a": 1}})
    answer = Sendsay(transport=server.transport()).ping()
    assert answer.unknown_fields == {"new_field": {"a": 1}}
    assert answer.raw == {"pong": "x", "new_field": {"a": 1}}


def test_wrong_typed_answer_names_the_path(scripted: Any) -> None:
    server = scripted(LOGIN_OK, {"obj": {"id": 5, "param": {"name": "Q", "system": 0}}})
    with pytest.raises(ResponseValidationError) as info:
        client(server).anketa.get(id="a1")
    assert info.value.path == "$.obj.id"
    assert "anketa.get" in str(info.value) and "a string" in str(info.value)


def test_raw_request_for_actions_not_in_the_spec(scripted: Any) -> None:
    server = scripted(LOGIN_OK, {"anything": [1, 2]})
    answer = client(server).request("some.new.action", {"x": 1})
    assert answer == {"anything": [1, 2]}
    assert server.bodies()[1] == {"action": "some.new.action", "x": 1, "session": "s-1"}


def test_http_errors_and_non_json_are_transport_errors(scripted: Any) -> None:
    server = scripted(
        httpx.Response(502, text="<html>Bad gateway</html>"),
        httpx.Response(200, text="not json at all"),
    )
    c = Sendsay(transport=server.transport(), retry=RetryPolicy(attempts=1))
    with pytest.raises(TransportError, match="HTTP 502") as info:
        c.ping()
    assert info.value.excerpt and "Bad gateway" in info.value.excerpt
    with pytest.raises(TransportError, match="not JSON"):
        c.ping()


def test_async_client_follows_the_same_protocol(scripted: Any) -> None:
    server = scripted(
        LOGIN_OK,
        {"errors": [{"id": "error/auth/failed"}]},
        LOGIN_OK,
        {"obj": {"base": {"email": "a@example.com"}}},
    )

    async def run() -> Any:
        async with AsyncSendsay(login="acme", password="pw", transport=server.transport()) as c:
            return await c.member.get(email="a@example.com")

    member = asyncio.run(run())
    assert member.obj.answers == {"base": {"email": "a@example.com"}}
    assert [b["action"] for b in server.bodies()] == ["login", "member.get", "login", "member.get"]


def test_plain_http_refused_except_loopback() -> None:
    with pytest.raises(ValueError, match="https"):
        Sendsay(base_url="http://example.com/api")
    Sendsay(base_url="http://127.0.0.1:8080/api")
    Sendsay(base_url="http://example.com/api", allow_insecure_http=True)


def test_flags_sent_as_strings_select_the_same_variant() -> None:
    from sendsay_api.operations import OPERATIONS

    parse = OPERATIONS["member.delete"].parse
    assert isinstance(parse({"track.id": 5}, {"group": "g", "sync": "0"}), TrackStarted)
    fresh = OPERATIONS["anketa.set"].parse(
        {"obj": {"id": "a", "param": {"name": "Q", "system": "0"}}},
        {"id": "a", "return_fresh_obj": "1"},
    )
    assert fresh.obj.id == "a"  # type: ignore[union-attr]


def test_nested_map_errors_name_the_outer_key_too(scripted: Any) -> None:
    server = scripted(LOGIN_OK, {"obj": {"base": {"firstname": 5}}})
    with pytest.raises(ResponseValidationError) as info:
        client(server).member.get(email="a@example.com")
    assert info.value.path == "$.obj.base.firstname"


def test_warnings_reach_the_result_and_the_log(
    scripted: Any, caplog: pytest.LogCaptureFixture
) -> None:
    warning = {"id": "error/group/not_found", "explain": "nope"}
    server = scripted(
        {"request.id": "1", "duration": 0.1, "track.id": 7, "warnings": [warning]},
        {"request.id": "2", "duration": 0.1, "track.id": 8},
    )
    c = Sendsay(session="s", transport=server.transport())
    with caplog.at_level("WARNING", logger="sendsay_api"):
        started = c.member.delete(group="g1")
        quiet = c.member.delete(group="g2")
    assert isinstance(started, TrackStarted) and started.warnings == [warning]
    assert "warnings" not in started.unknown_fields and "warnings" not in (started.raw or {})
    assert quiet.warnings == []
    (record,) = caplog.records
    assert record.levelname == "WARNING" and "member.delete" in record.getMessage()
