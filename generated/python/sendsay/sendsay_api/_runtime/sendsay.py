"""The Sendsay protocol: envelope, sessions, re-login, REDIRECT, both error styles.

The whole conversation of one call is a generator (`_flow`) that yields HTTP requests and
receives responses, so the logic is written once; `SyncCore` and `AsyncCore` only send.

Wire format: a form-encoded POST with `apiversion=100`, `json=1`, `request.id` and `request`
(the JSON object holding `action`, the parameters and the authorisation).
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import uuid
from collections.abc import Iterable
from typing import Any, TypeVar
from urllib.parse import urlencode

import httpx

from .codec import REDACTED, unencodable
from .driver import DEFAULT_TIMEOUT, AsyncDriver, DriverBase, Flow, NeedSession, SyncDriver
from .errors import (
    APIError,
    AuthError,
    Error,
    PasswordChangeRequiredError,
    RedirectLoopError,
    RequestValidationError,
    ResponseValidationError,
    SessionExpiredError,
    TransportError,
)
from .operation import Operation, parse_answer
from .redact import Masker
from .retry import RetryPolicy, unsure
from .transfer import DEFAULT_MAX_ANSWER_SIZE
from .wire_format import RepeatedKeys, UnreadableAnswer, load_json

T = TypeVar("T")
logger = logging.getLogger("sendsay_api")

API_VERSION = "100"
MAX_REDIRECTS = 10
COMMON_FIELDS = ("request.id", "duration")
LOGIN_ACTIONS = frozenset({"login", "login.agses.response"})
# A REDIRECT names the account's path on the same host: `/general/api/v100/json/acme`.
REDIRECT_PATH = re.compile(r"/?[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*/?")
MAX_REDIRECT_LENGTH = 1024
MAX_LOGGED_WARNINGS = 2000  # characters of the WARNING line for an answer's warnings


def _identity(answer: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    return answer


def _no_checks(params: dict[str, Any]) -> list[Any]:
    return []


def raw_operation(action: str, public: frozenset[str]) -> Operation[dict[str, Any]]:
    """Any action, unchecked, the answer returned as a dict; it needs a session unless it is
    one of the `public` actions (those the spec marks `auth: none`)."""
    return Operation(action, action not in public, _no_checks, _identity)


class _Base(DriverBase):
    """Configuration and the protocol flow; no I/O."""

    check_hint = "for asynchronous calls, look for it in track.list"
    _public_actions: frozenset[str] = frozenset()  # actions without a session, set likewise

    _default_base_url = "https://pro.subscribe.ru/api"

    def __init__(
        self,
        login: str | None = None,
        sublogin: str | None = None,
        password: str | None = None,
        *,
        session: str | None = None,
        apikey: str | None = None,
        one_time_auth: bool = False,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        validate: bool = True,
        max_redirects: int = MAX_REDIRECTS,
        allow_insecure_http: bool = False,
        retry: RetryPolicy | None = None,
        max_answer_size: int = DEFAULT_MAX_ANSWER_SIZE,
    ) -> None:
        """Args:
        login, sublogin, password: credentials; the client logs in on first need and again,
            once, when the session expires.
        session: an existing session (no credentials needed while it lasts).
        apikey: send `apikey` instead of a session.
        one_time_auth: send the credentials with every call (`one_time_auth`), no session.
        base_url: the API address; plain http:// only for loopback or allow_insecure_http.
        timeout: seconds (or an httpx.Timeout, its longest phase) for a whole call, retries
            and re-login included; every method also takes `timeout=` for one call.
        validate: check requests against the spec before sending them.
        max_redirects: REDIRECT answers followed in a row before RedirectLoopError.
        retry: when to retry failed requests (RetryPolicy(attempts=1) never retries);
            operations the spec marks unsafe are never repeated after a failure that may
            have reached the server.
        max_answer_size: the largest answer read, in bytes; a longer one is refused with
            AnswerTooLargeError as soon as it is longer (64 MiB by default).
        """
        if one_time_auth and not (login and password):
            raise ValueError("one_time_auth=True needs login and password")
        self._login = login
        self._sublogin = sublogin
        self._password = password
        self._session = session
        self._apikey = apikey
        self._one_time_auth = one_time_auth
        self._configure(
            base_url=base_url,
            timeout=timeout,
            validate=validate,
            allow_insecure_http=allow_insecure_http,
            retry=retry,
            max_answer_size=max_answer_size,
        )
        self._redirect_path = ""
        self.max_redirects = max_redirects
        self._retired_sessions: list[str] = []
        self._ids = itertools.count(1)
        self._id_prefix = uuid.uuid4().hex[:8]

    def __repr__(self) -> str:
        who = self._login or ("apikey" if self._apikey else "anonymous")
        return f"<{type(self).__name__} {who} at {self.url}>"

    # -- public state ------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Where calls go now: the base URL plus the path of the last REDIRECT answer."""
        return self.base_url + self._redirect_path

    @property
    def session(self) -> str | None:
        """The current session (from login), or None."""
        return self._session

    # -- the flow ----------------------------------------------------------------------------------

    def _secret_values(self) -> Iterable[str]:
        values = [self._password, self._apikey, self._session, *self._retired_sessions]
        return [v for v in values if isinstance(v, str)]

    def _retire_session(self) -> None:
        """Forget the session, but keep masking it (answers may still echo it)."""
        if self._session is not None:
            self._retired_sessions = [*self._retired_sessions[-7:], self._session]
        self._session = None

    def _new_request_id(self) -> str:
        return f"{self._id_prefix}-{next(self._ids)}"

    def _auth_fields(self) -> dict[str, Any]:
        if self._apikey:
            return {"apikey": self._apikey}
        if self._one_time_auth:
            auth = {"login": self._login, "passwd": self._password}
            if self._sublogin:
                auth["sublogin"] = self._sublogin
            return {"one_time_auth": auth}
        if self._session:
            return {"session": self._session}
        return {}

    def _http_request(self, body: dict[str, Any], request_id: str, timeout: Any) -> httpx.Request:
        form = urlencode(
            {
                "apiversion": API_VERSION,
                "json": "1",
                "request.id": request_id,
                "request": json.dumps(body, ensure_ascii=False, separators=(",", ":")),
            }
        )
        request = httpx.Request(
            "POST",
            self.url,
            content=form.encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
            },
        )
        return self._timed(request, timeout)

    def _exchange(
        self,
        action: str,
        body: dict[str, Any],
        request_id: str,
        timeout: Any,
        masker: Masker,
        unsure_note: str = "",
    ) -> Flow[dict[str, Any]]:
        """Send one JSON request, following REDIRECT answers; returns the decoded answer.

        unsure_note: added to the error of an unreadable answer (the call reached the server).
        """
        issues = unencodable(body, masker.is_secret_key)
        if issues:
            raise RequestValidationError(action, issues)
        hops: list[str] = []
        while True:
            request = self._http_request(body, request_id, timeout)
            if logger.isEnabledFor(logging.DEBUG):
                logger.debug("-> %s %s %s", action, request.url, masker.log_line(body))
            response = yield request
            assert response is not None
            answer = _decode(action, response, masker, unsure_note)
            if logger.isEnabledFor(logging.DEBUG):
                logger.debug("<- %s %s", action, masker.log_line(answer))
            redirect = answer.get("REDIRECT")
            if redirect is None:
                return answer
            if len(hops) >= self.max_redirects:
                raise RedirectLoopError(action, hops, self.max_redirects)
            path = self._redirect_target(action, redirect)
            hops.append(path)
            self._redirect_path = path

    def _redirect_target(self, action: str, redirect: Any) -> str:
        """The path a REDIRECT names, checked before it is used or kept: a refused REDIRECT
        fails this call only."""
        if not (
            isinstance(redirect, str)
            and len(redirect) <= MAX_REDIRECT_LENGTH
            and REDIRECT_PATH.fullmatch(redirect)
            and not {".", ".."} & set(redirect.split("/"))
        ):
            raise ResponseValidationError(
                "$.REDIRECT",
                f"a path on the same host (letters, digits, '-._~' and '/', at most"
                f" {MAX_REDIRECT_LENGTH} characters)",
                redirect,
                action,
            )
        return "/" + redirect.strip("/")

    def _login_flow(self, timeout: Any, masker: Masker) -> Flow[None]:
        if not (self._login and self._password):
            raise AuthError(
                "login",
                [
                    {
                        "id": "error/auth/failed",
                        "explain": "no session: call login() or create the client with"
                        " login and password",
                    }
                ],
            )
        body: dict[str, Any] = {"action": "login", "login": self._login, "passwd": self._password}
        if self._sublogin:
            body["sublogin"] = self._sublogin
        answer = yield from self._exchange("login", body, self._new_request_id(), timeout, masker)
        _raise_errors("login", answer, used_session=False)
        session = answer.get("session")
        if type(session) is not str:
            raise ResponseValidationError("$.session", "a string", REDACTED, "login")
        self._session = session

    def _renewal(self, step: NeedSession) -> Flow[None] | None:
        if step.renewals != self._renewals:  # a login started since this call took its session
            failure = self._shared_failure()
            if failure is not None:
                raise failure  # it failed: the same answer for every waiting call
            if self._session is not None:
                return None  # it succeeded
        self._retire_session()
        self._renewals += 1
        self._renewal_failure = None
        return self._login_flow(step.timeout, Masker(self._secret_keys, self._secret_values))

    def _flow(
        self,
        op: Operation[T],
        params: dict[str, Any],
        request_id: str | None,
        timeout: Any,
        masker: Masker,
    ) -> Flow[T]:
        if self.validate:
            issues = op.check(params)
            if issues:
                raise RequestValidationError(op.action, issues)
        request_id = request_id or self._new_request_id()
        unsure_note = "" if op.repeatable(params) else unsure(op.action, self.check_hint)
        relogged = False
        while True:
            body: dict[str, Any] = {"action": op.action, **params}
            used_session = False
            if op.auth:
                if not (self._apikey or self._one_time_auth or self._session):
                    yield NeedSession(None, timeout, self._renewals)
                renewals = self._renewals
                auth = self._auth_fields()
                used_session = "session" in auth
                body.update(auth)
            answer = yield from self._exchange(
                op.action, body, request_id, timeout, masker, unsure_note
            )
            try:
                _raise_errors(op.action, answer, used_session=used_session)
            except SessionExpiredError:
                if relogged or not (self._login and self._password):
                    raise
                relogged = True
                yield NeedSession(body.get("session"), timeout, renewals)
                continue
            break
        for key in COMMON_FIELDS:
            answer.pop(key, None)
        warnings = answer.pop("warnings", None)
        result = parse_answer(op, answer, params)
        if warnings:
            _keep_warnings(op.action, result, warnings, masker)
        if op.action in LOGIN_ACTIONS:
            session = answer.get("session")
            if isinstance(session, str):
                self._retire_session()
                self._session = session
            if op.action == "login":
                self._login = params.get("login", self._login)
                self._sublogin = params.get("sublogin", self._sublogin)
                self._password = params.get("passwd", self._password)
        elif op.action == "logout":
            self._retire_session()
        return result


def _keep_warnings(action: str, result: Any, warnings: Any, masker: Masker) -> None:
    """The answer's `warnings` (problems that did not fail the call): on the result (a key of
    a raw answer, the `warnings` of a model), and logged, masked and cut short."""
    warnings = warnings if isinstance(warnings, list) else [warnings]
    if isinstance(result, dict):
        result["warnings"] = warnings
    elif hasattr(result, "warnings"):
        result.warnings = warnings
    logger.warning(
        "%s: the server answered with %d warning(s): %s",
        action,
        len(warnings),
        masker.log_line(warnings, MAX_LOGGED_WARNINGS),
    )


def _decode(
    action: str, response: httpx.Response, masker: Masker, unsure_note: str = ""
) -> dict[str, Any]:
    body = response.content  # HTTP 200: other statuses were refused by the driver
    try:
        answer = load_json(body)
    except RepeatedKeys as exc:
        if not (isinstance(exc.value, dict) and _errors_of(exc.value)):
            raise _unreadable(action, f"{exc}.", body, masker, unsure_note) from None
        answer = exc.value  # its errors are raised as the API's error
    except UnreadableAnswer as exc:
        raise _unreadable(action, f"{exc}.", body, masker, unsure_note) from None
    if not isinstance(answer, dict):
        raise _unreadable(action, "the answer is not a JSON object.", body, masker, unsure_note)
    return answer


def _unreadable(
    action: str, why: str, body: bytes, masker: Masker, unsure_note: str
) -> TransportError:
    return TransportError(
        why + unsure_note, action=action, status_code=200, excerpt=masker.excerpt(body)
    )


def _errors_of(answer: dict[str, Any]) -> list[dict[str, Any]]:
    """The errors of an answer in any of the document's shapes: a list of {id, explain}, one
    such object (or an object of them), a bare id, or the older `error` + `explain` style."""
    errors = answer.get("errors")
    if isinstance(errors, dict) and errors and "id" not in errors:
        errors = list(errors.values())
    if errors not in (None, [], {}, ""):
        items = errors if isinstance(errors, list) else [errors]
        return [e if isinstance(e, dict) else {"id": str(e)} for e in items]
    error = answer.get("error")
    if isinstance(error, str) and error:  # the older single-error style
        return [{"id": error, "explain": answer.get("explain")}]
    return []


def _raise_errors(action: str, answer: dict[str, Any], *, used_session: bool) -> None:
    errors = _errors_of(answer)
    if not errors:
        return
    request_id = answer.get("request.id")
    rid = str(request_id) if request_id is not None else None
    first = errors[0]
    if str(first.get("id", "")).startswith("error/auth/failed"):
        if first.get("explain") == "force_change_password":
            raise PasswordChangeRequiredError(action, errors, rid)
        if used_session:
            raise SessionExpiredError(action, errors, rid)
        raise AuthError(action, errors, rid)
    raise APIError(action, errors, rid)


class SyncCore(_Base, SyncDriver):
    """Synchronous client core: `call()` runs an operation, `request()` any action."""

    def __init__(
        self,
        login: str | None = None,
        sublogin: str | None = None,
        password: str | None = None,
        *,
        http_client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        **options: Any,
    ) -> None:
        super().__init__(login, sublogin, password, **options)
        self._core: SyncCore = self
        self._open(http_client, transport)

    def request(
        self,
        action: str,
        params: dict[str, Any] | None = None,
        *,
        request_id: str | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """Call any action, known to the spec or not, and get the raw answer as a dict."""
        return self.call(
            raw_operation(action, self._public_actions),
            dict(params or {}),
            request_id=request_id,
            timeout=timeout,
        )


class AsyncCore(_Base, AsyncDriver):
    """Asynchronous client core: `await call()` runs an operation, `await request()` any action."""

    def __init__(
        self,
        login: str | None = None,
        sublogin: str | None = None,
        password: str | None = None,
        *,
        http_client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        **options: Any,
    ) -> None:
        super().__init__(login, sublogin, password, **options)
        self._core: AsyncCore = self
        self._open(http_client, transport)

    async def request(
        self,
        action: str,
        params: dict[str, Any] | None = None,
        *,
        request_id: str | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """Call any action, known to the spec or not, and get the raw answer as a dict."""
        return await self.call(
            raw_operation(action, self._public_actions),
            dict(params or {}),
            request_id=request_id,
            timeout=timeout,
        )


__all__ = ["AsyncCore", "Error", "SyncCore"]
