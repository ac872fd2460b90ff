"""SendsayEmulator: answers Sendsay API calls (httpx requests) from an in-memory state.

The API answers at the host root `/` (where the vendor's clients post: `https://api.sendsay.ru`)
and at `/api`, and at either followed by the REDIRECT suffix when one is configured; the paths
are fixed, never learnt from requests.

One call goes: HTTP checks (POST, known path, body size) -> the first-request REDIRECT, when
configured -> envelope -> action known? -> authorisation (session, apikey or one_time_auth,
except for ping, login and login.agses.*) -> the spec's checks of the parameters (the generated
`sendsay_api.operations.OPERATIONS[action].check`) -> the handler. Every client mistake, and
every request the emulator cannot model, is answered as an API error in the JSON envelope (an
emulator bug too: `error/emulator/internal`, logged with its traceback), never as an exception
or HTTP 500. The envelope and the text of import data are read outside the lock; the calls
themselves are serialised by it, so one emulator may serve many threads.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import httpx

from ..faults import Faults, FaultyTransport
from ..limits import DEFAULT_LIMITS, Limits
from ..spec_answers import NoSpecAnswer, SpecAnswers
from ..spec_checks import operations, public_actions, request_checkers
from . import envelope
from .auth import Authority, PasswordChangeRequired
from .call import Call
from .errors import SendsayError, SendsayErrors
from .handlers import HANDLERS
from .state import Account
from .users import LOCKED
from .users_list import ReadAhead

AUTH_KEYS = ("session", "apikey", "one_time_auth")
BASE_PATHS = ("/", "/api")
LOG = logging.getLogger("emulator.sendsay")
CHECKS = request_checkers("sendsay_api")
PUBLIC_ACTIONS = public_actions("sendsay_api")
SPEC_ANSWERS = SpecAnswers("sendsay_api", operations("sendsay_api"))


class SendsayEmulator:
    """An emulated Sendsay account server.

    Args:
        login, password, sublogin: the only credentials accepted; by default any login and
            password work and each login gets its own empty account.
        force_change_password: refuse every login with explain `force_change_password`.
        expire_session_after: a session is invalid after this many authorised calls.
        redirect_first: the very first request is answered `{"REDIRECT": redirect_first}`;
            requests are then accepted at the base path plus this suffix (and still at the base).
        apikeys: API keys accepted in the `apikey` parameter; each key has an account of its
            own (named `apikey1`, `apikey2`... in the order of first use), unless `login` is
            fixed.
        limits: how much one request may make the emulator read (see emulator/limits.py).

    `fail_next_track = True` makes the next asynchronous call's track end with status -2.
    """

    def __init__(
        self,
        *,
        login: str | None = None,
        password: str | None = None,
        sublogin: str | None = None,
        force_change_password: bool = False,
        expire_session_after: int | None = None,
        redirect_first: str | None = None,
        apikeys: set[str] | None = None,
        limits: Limits = DEFAULT_LIMITS,
    ) -> None:
        self.authority = Authority(
            login=login,
            password=password,
            sublogin=sublogin,
            force_change_password=force_change_password,
            expire_session_after=expire_session_after,
            apikeys=apikeys,
        )
        self.redirect_suffix = "/" + redirect_first.strip("/") if redirect_first else None
        self._redirect_pending = self.redirect_suffix is not None
        self.limits = limits
        self.accounts: dict[str, Account] = {}
        self.fail_next_track = False
        self._lock = threading.RLock()

    # -- public helpers ------------------------------------------------------------------------

    def account(self, login: str) -> Account:
        """The state of one login (created empty on first use)."""
        with self._lock:
            if login not in self.accounts:
                self.accounts[login] = Account(login)
            return self.accounts[login]

    def transport(self, faults: Faults | None = None) -> httpx.MockTransport | FaultyTransport:
        """An in-process httpx transport answering from this emulator (for Client and
        AsyncClient), with `faults` injected in front of it when given."""
        if faults is not None:
            return faults.transport(self.handle)
        return httpx.MockTransport(self.handle)

    # -- one HTTP request ----------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        started = time.perf_counter()
        form: dict[str, str] | None = None
        try:
            if len(request.content) > self.limits.body_bytes:
                status, payload = 413, envelope.error_payload(too_large(self.limits))
            else:
                form = envelope.form_of(request)
                status, payload = self._answer(request, form)
        except Exception as exc:  # an emulator bug, not a client mistake: say so, keep serving
            LOG.exception("the Sendsay emulator failed on %s", request.url.path)
            explain = f"the emulator failed ({type(exc).__name__}); see its log"
            status, payload = 200, envelope.error_payload(SendsayError(INTERNAL, explain))
        request_id = form.get("request.id") if form else None
        return envelope.respond(request_id, payload, time.perf_counter() - started, status)

    def _answer(
        self, request: httpx.Request, form: dict[str, str] | None
    ) -> tuple[int, dict[str, Any]]:
        if request.method != "POST":
            error = SendsayError("error/request/method", "use POST")
            return 405, envelope.error_payload(error)
        if not self._known_path(request.url.path):
            error = SendsayError("error/request/path", f"no API at {request.url.path}")
            return 404, envelope.error_payload(error)
        with self._lock:
            redirect, self._redirect_pending = self._redirect_pending, False
        if redirect and self.redirect_suffix is not None:
            return 200, {"REDIRECT": self.redirect_suffix}
        try:
            body = envelope.parse(form).body
            ahead = ReadAhead(body, self.limits)  # import data is read before taking the lock
            with self._lock:
                return 200, self._call(body, ahead)
        except PasswordChangeRequired as refusal:
            return 200, dict(refusal.payload)
        except SendsayError as exc:
            return 200, envelope.error_payload(exc)
        except SendsayErrors as exc:
            return 200, envelope.error_payload(*exc.errors)
        except RecursionError:  # nested deeper than reading or checking can walk
            return 200, envelope.error_payload(
                SendsayError("error/request/json", envelope.TOO_DEEP)
            )

    def _known_path(self, path: str) -> bool:
        path = path.rstrip("/") or "/"
        known = {base.rstrip("/") or "/" for base in BASE_PATHS}
        if self.redirect_suffix:
            known |= {base.rstrip("/") + self.redirect_suffix for base in BASE_PATHS}
        return path in known

    def _call(self, body: dict[str, Any], ahead: ReadAhead) -> dict[str, Any]:
        action = body.get("action")
        if not isinstance(action, str) or not action:
            raise SendsayError("error/action/missing", "request.action is required")
        handler = HANDLERS.get(action, self._from_spec)
        check = CHECKS.get(action)
        if check is None:
            raise SendsayError("error/action/unknown", action)
        call = Call(action, _params(body), self.authority, self._take_failure)
        call.limits, call.read_ahead = self.limits, ahead
        if action not in PUBLIC_ACTIONS:
            identity = self.authority.identify(body)
            call.caller, call.session = self.account(identity.login), identity.session
            self._check_rights(call)
        issues = check(call.params)
        if issues:
            raise SendsayError("error/request/invalid", [str(issue) for issue in issues])
        return handler(call)

    def _check_rights(self, call: Call) -> None:
        """A sublogin made with `user.create` calls only what its rights allow, unless locked."""
        sublogin = self.authority.sublogin_of(call.session)
        user = call.account.users.get(sublogin) if sublogin else None
        if user is None:
            return
        if user.status == LOCKED:
            raise SendsayError("error/auth/failed", f"user {sublogin} is locked")
        if not user.right(call.action):
            raise SendsayError("error/rights/denied", f"{sublogin} may not call {call.action}")

    def _from_spec(self, call: Call) -> dict[str, Any]:
        """Actions without state here: the spec's example (or minimal) answer of the variant."""
        try:
            return SPEC_ANSWERS.answer(call.action, call.params)
        except NoSpecAnswer:
            raise SendsayError("error/emulator/no_answer", call.action) from None

    def _take_failure(self) -> bool:
        fail, self.fail_next_track = self.fail_next_track, False
        return fail


INTERNAL = "error/emulator/internal"


def too_large(limits: Limits) -> SendsayError:
    """The answer to a request body over the limit (the loopback server refuses it unread)."""
    return SendsayError(
        "error/request/too_large", f"the request body is over {limits.body_bytes} bytes"
    )


def _params(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != "action" and k not in AUTH_KEYS}
