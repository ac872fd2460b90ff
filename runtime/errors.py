"""The exception hierarchy of the generated clients.

Error                          base of everything the client raises
├── RequestValidationError     parameters break the spec; nothing was sent
├── TransportError             no usable HTTP answer (connection, timeout, status, body)
│   └── AnswerTooLargeError    longer than the client's max_answer_size
├── ResponseValidationError    the answer does not match the spec
├── RedirectLoopError          more REDIRECT answers in a row than allowed
├── APIError                   the server answered with errors (every id and explain kept)
│   └── AuthError              error/auth/failed
│       ├── SessionExpiredError          the session ended; log in again
│       └── PasswordChangeRequiredError  explain force_change_password
└── TaskError                  an asynchronous task did not end well
    ├── TaskFailedError        it ended with an error or was cancelled
    └── TaskTimeoutError       it was still running when the waiting time ran out
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .values import describe


class Error(Exception):
    """Base of every error raised by the client."""


class RequestValidationError(Error, ValueError):
    """The call's parameters break the spec; the request was not sent.

    `issues` lists every problem (parameter path, what was expected, what was given).
    """

    def __init__(self, action: str, issues: Sequence[Any]) -> None:
        self.action = action
        self.issues = list(issues)
        super().__init__(self._message())

    def _message(self) -> str:
        lines = "\n".join(f"  - {issue}" for issue in self.issues)
        return (
            f"{self.action}: the request breaks the spec, nothing was sent:\n{lines}\n"
            "Fix the parameters, or create the client with validate=False to send it anyway."
        )


class TransportError(Error):
    """No usable HTTP answer: connection failed, timed out, bad status or unreadable body."""

    def __init__(
        self,
        message: str,
        *,
        action: str | None = None,
        status_code: int | None = None,
        excerpt: str | None = None,
    ) -> None:
        self.action = action
        self.message = message
        self.status_code = status_code
        self.excerpt = excerpt
        super().__init__(self._message())

    def _message(self) -> str:
        where = f"{self.action}: " if self.action else ""
        tail = f"\nAnswer starts with: {self.excerpt!r}" if self.excerpt else ""
        return f"{where}{self.message}{tail}"


class AnswerTooLargeError(TransportError):
    """The answer was longer than the client's `max_answer_size`; reading stopped there."""


class ResponseValidationError(Error):
    """The answer does not match the spec at `path` (a newer server, or a server bug)."""

    def __init__(self, path: str, expected: str, got: Any, action: str | None = None) -> None:
        self.path = path
        self.expected = expected
        self.got = got
        self.action = action
        super().__init__(self._message())

    def _message(self) -> str:
        where = f"{self.action}: " if self.action else ""
        return (
            f"{where}unexpected answer at {self.path}: expected {self.expected}, got "
            f"{describe(self.got)}. Use client.request() for the raw answer."
        )

    def with_action(self, action: str) -> ResponseValidationError:
        self.action = action
        self.args = (self._message(),)
        return self

    def relocated(self, at: str) -> ResponseValidationError:
        """The same error, raised by a decoder that saw the value as `$`, placed at `at`."""
        self.path = at + self.path[1:]
        self.args = (self._message(),)
        return self


class RedirectLoopError(Error):
    """The server kept answering REDIRECT; the chain was cut after `limit` hops."""

    def __init__(self, action: str, hops: Sequence[str], limit: int) -> None:
        self.action = action
        self.hops = list(hops)
        super().__init__(
            f"{action}: more than {limit} REDIRECT answers in a row ({' -> '.join(hops)});"
            " check the base URL and the account"
        )


class APIError(Error):
    """The server answered with errors. `errors` holds every {id, explain, ...} it sent."""

    def __init__(
        self, action: str, errors: Sequence[dict[str, Any]], request_id: str | None = None
    ) -> None:
        self.action = action
        self.errors = list(errors)
        self.request_id = request_id
        super().__init__(self._message())

    @property
    def ids(self) -> list[str]:
        return [str(e.get("id")) for e in self.errors]

    @property
    def id(self) -> str:
        """The first error id, e.g. `error/auth/failed`."""
        return self.ids[0] if self.errors else ""

    def _message(self) -> str:
        parts = []
        for e in self.errors:
            explain = e.get("explain")
            parts.append(f"{e.get('id')}" + (f" ({explain})" if explain not in (None, "") else ""))
        return f"{self.action}: the server answered with error(s): {'; '.join(parts)}"


class AuthError(APIError):
    """error/auth/failed: wrong login or password, or no valid session."""


class SessionExpiredError(AuthError):
    """The session is no longer valid. The client logs in again by itself when it knows the
    credentials; otherwise call login() again."""


class PasswordChangeRequiredError(AuthError):
    """The password of this login must be changed (explain `force_change_password`) before any
    other call works: change it with sys.password.set or in the web interface."""


class TaskError(Error):
    """An asynchronous task (a Sendsay track or an Altcraft task) did not end well."""

    def __init__(self, message: str, *, task_id: Any, status: Any = None, info: Any = None) -> None:
        self.task_id = task_id
        self.status = status
        self.info = info
        super().__init__(message)


class TaskFailedError(TaskError):
    """The task ended with an error or was cancelled; `info` is its last description."""


class TaskTimeoutError(TaskError):
    """The task had not ended when the waiting time ran out; it may still end later."""
