"""Who may call: credentials, sessions, API keys, one-time authorisation, AGSES cards.

Without fixed credentials any login/password pair is accepted (each login gets its own
account); with them only that pair works. A session may be limited to a number of authorised
calls (`expire_session_after`), after which it is invalid and the client has to log in again.

The explains of `error/auth/failed` are the live service's tokens, which clients act on (the
vendor's Python client logs in again on `expired` only): `expired` for a session that ended or
is unknown, `wrong_credentials` for a login, sublogin or password that does not match (the
emulator gives it for an unknown API key too), `force_change_password` (see below).
"""

from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass
from typing import Any, ClassVar

from .errors import SendsayError

FORCE_CHANGE_PASSWORD = "force_change_password"
EXPIRED = "expired"
WRONG_CREDENTIALS = "wrong_credentials"


def auth_failed(explain: str) -> SendsayError:
    return SendsayError("error/auth/failed", explain)


class PasswordChangeRequired(Exception):
    """Login refused with the document's older single-error answer (see Authority)."""

    payload: ClassVar[dict[str, str]] = {
        "error": "error/auth/failed",
        "explain": FORCE_CHANGE_PASSWORD,
    }


@dataclass
class Session:
    login: str
    sublogin: str | None
    calls: int = 0


@dataclass(frozen=True)
class Identity:
    """The authorised caller of one call: the account login, and the session if one was used."""

    login: str
    session: str | None = None


class Authority:
    def __init__(
        self,
        *,
        login: str | None,
        password: str | None,
        sublogin: str | None,
        force_change_password: bool,
        expire_session_after: int | None,
        apikeys: set[str] | None,
    ) -> None:
        if expire_session_after is not None and expire_session_after < 1:
            raise ValueError("expire_session_after must be at least 1")
        self.login = login
        self.password = password
        self.sublogin = sublogin
        self.force_change_password = force_change_password
        self.expire_session_after = expire_session_after
        self.apikeys = set(apikeys or ())
        self._key_accounts: dict[str, str] = {}
        self.sessions: dict[str, Session] = {}
        self._challenges: dict[str, int] = {}
        self._hedge_ids = itertools.count(1001)

    # -- credentials ---------------------------------------------------------------------------

    def check_credentials(self, login: Any, sublogin: Any, password: Any) -> None:
        """Raises error/auth/failed, or PasswordChangeRequired when the password must change."""
        if not isinstance(login, str) or not login or not isinstance(password, str):
            raise auth_failed(WRONG_CREDENTIALS)
        if self.login is not None and login != self.login:
            raise auth_failed(WRONG_CREDENTIALS)
        if self.password is not None and password != self.password:
            raise auth_failed(WRONG_CREDENTIALS)
        if self.sublogin is not None and sublogin != self.sublogin:
            raise auth_failed(WRONG_CREDENTIALS)
        if self.force_change_password:
            raise PasswordChangeRequired

    def open_session(self, login: str, sublogin: str | None) -> str:
        session = secrets.token_hex(16)
        self.sessions[session] = Session(login, sublogin)
        return session

    def sublogin_of(self, session: str | None) -> str | None:
        found = self.sessions.get(session) if session is not None else None
        return found.sublogin if found is not None else None

    def change_password(self, old: str, new: str) -> None:
        """`sys.password.set`: with fixed credentials the old password must match."""
        if self.password is not None and old != self.password:
            raise SendsayError("error/password/wrong", "password.old does not match")
        if self.password is not None:
            self.password = new
        self.force_change_password = False

    def close_session(self, session: str | None) -> None:
        if session is not None:
            self.sessions.pop(session, None)

    # -- authorising a call --------------------------------------------------------------------

    def identify(self, body: dict[str, Any]) -> Identity:
        """The caller of an action that needs authorisation: apikey, one_time_auth or session."""
        if "apikey" in body:
            key = body["apikey"]
            if not isinstance(key, str) or key not in self.apikeys:
                raise auth_failed(WRONG_CREDENTIALS)
            return Identity(self.login or self._key_account(key))
        if "one_time_auth" in body:
            auth = body["one_time_auth"]
            if not isinstance(auth, dict):
                raise auth_failed("one_time_auth must be an object {login, sublogin, passwd}")
            self.check_credentials(auth.get("login"), auth.get("sublogin"), auth.get("passwd"))
            return Identity(auth["login"])
        return self._use_session(body.get("session"))

    def _key_account(self, key: str) -> str:
        """The account of an API key: named by its order of first use, nothing of the key."""
        return self._key_accounts.setdefault(key, f"apikey{len(self._key_accounts) + 1}")

    def _use_session(self, session: Any) -> Identity:
        found = self.sessions.get(session) if isinstance(session, str) else None
        if found is None:
            raise auth_failed(EXPIRED)
        limit = self.expire_session_after
        if limit is not None and found.calls >= limit:
            del self.sessions[session]
            raise auth_failed(EXPIRED)
        found.calls += 1
        return Identity(found.login, session)

    # -- AGSES cards ---------------------------------------------------------------------------

    def agses_challenge(self, card: str | int) -> tuple[str, int]:
        """(flicker code, hedge id); any card number is known to the emulator."""
        hedge_id = next(self._hedge_ids)
        self._challenges[str(hedge_id)] = _card_number(card)
        return secrets.token_hex(8).upper(), hedge_id

    def agses_response(self, card: str | int, hedge_id: str | int) -> tuple[str, str]:
        """(session, login) for an answered challenge; every card's response is accepted."""
        expected = self._challenges.pop(str(hedge_id), None)
        if expected is None or expected != _card_number(card):
            raise auth_failed("unknown hedgeid for this card")
        login = self.login or f"card{expected}"
        return self.open_session(login, self.sublogin), login


def _card_number(card: str | int) -> int:
    text = str(card).strip()
    if not text.isdigit():
        raise auth_failed(f"not a card number: {card!r}")
    return int(text)
