"""What a handler gets: the call's parameters, the caller's account and the emulator services."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..limits import DEFAULT_LIMITS, Limits
from .auth import EXPIRED, Authority
from .errors import SendsayError
from .state import Account
from .tracks import STEPS, Step, TrackHook, Work
from .users_list import ReadAhead

Handler = Callable[["Call"], dict[str, Any]]


@dataclass
class Call:
    action: str
    params: dict[str, Any]
    authority: Authority
    take_failure: Callable[[], bool]
    session: str | None = None
    caller: Account | None = None
    limits: Limits = DEFAULT_LIMITS
    read_ahead: ReadAhead | None = None

    @property
    def account(self) -> Account:
        if self.caller is None:  # only actions that need no authorisation lack one
            raise SendsayError("error/auth/failed", EXPIRED)
        return self.caller

    def start_track(
        self,
        param: dict[str, Any],
        work: Work | None = None,
        steps: tuple[Step, ...] = STEPS,
        hook: TrackHook | None = None,
    ) -> dict[str, Any]:
        """Start the asynchronous part of this call; the answer `{"track.id": ...}`."""
        fail = self.take_failure()
        track = self.account.start_track(self.action, param, work, fail, steps, hook)
        return {"track.id": track.id}

    @property
    def who(self) -> str:
        """The caller as the log writes it: login, or login/sublogin."""
        sublogin = self.authority.sublogin_of(self.session)
        login = self.account.login
        return f"{login}/{sublogin}" if sublogin else login

    def flag(self, name: str, default: bool = False) -> bool:
        """A 0|1 flag parameter (the wire may carry 0/1 or "0"/"1")."""
        value = self.params.get(name)
        if value is None:
            return default
        return value in (1, "1")

    def get(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)
