"""The exception hierarchy of the generated clients.

Error                          base of everything the client raises
├── RequestValidationError     parameters break the spec; nothing was sent
├── TransportError             no usable HTTP answer (connection, timeout, status, body)
│   └── AnswerTooLargeError    longer than the client's max_answer_size
├── ResponseValidationError    the answer does not match the spec
├── RedirectLoopError          more REDIRECT answers in a row than allowed
├── APIError                   the server answered with errors (every id and explain kept)
│   └── AuthError              error/auth/failed
│       ├── CredentialsError             no credentials to log in with; nothing was sent
│       ├── SessionExpiredError          the session ended; log in again
│       └── PasswordChangeRequiredError  explain force_change_password
└── TaskError                  an asynchronous task did not end well
    ├── TaskFailedError        it ended with an error or was cancelled
    └── TaskTimeoutError       it was still running when the waiting time ran out
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from .values import describe


class Error(Exception):
    """Base of every error raised by the client."""


class RequestValidationError(Error, ValueError):
    """The call's parameters break the spec; the request was not sent.

    `issues` lists every problem (parameter path, what was expected, what was given).
    """

    def __init__(
        self, action: str, issues: Sequence[Any], keywords: Mapping[str, str] | None = None
    ) -> None:
        self.action = action
        self.issues = list(issues)
        self.keywords = dict(keywords or {})
        super().__init__(self._message())

    def _message(self) -> str:
        words = self.keywords
        lines = "\n".join(f"  - {_in_user_words(issue, words)}" for issue in self.issues)
        return (
            f"{self.action}: the request breaks the spec, nothing was sent:\n{lines}\n"
            "Fix the parameters, or create the client with validate=False to send it anyway."
        )


_FIRST_KEY = re.compile(r'^(?:\.(?P<name>[A-Za-z_]\w*)|\[(?P<quoted>"(?:[^"\\]|\\.)*")\])')


def _in_user_words(issue: Any, keywords: Mapping[str, str]) -> str:
    """An issue whose path starts at a parameter the method names otherwise (`result.format` is
    `result_format=`) names both: `result_format (wire "result.format")`."""
    text = str(issue)
    path = getattr(issue, "path", "")
    match = _FIRST_KEY.match(path) if isinstance(path, str) else None
    if match is None:
        return text
    wire = match["name"] or json.loads(match["quoted"])
    keyword = keywords.get(wire)
    shown = path.lstrip(".")
    if keyword is None or not text.startswith(shown):
        return text
    rest = path[match.end() :]
    return (
        f"{keyword}{rest} (wire {json.dumps(wire + rest, ensure_ascii=False)})" + text[len(shown) :]
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


class CredentialsError(AuthError):
    """A call needs a session, and the client has no way to get one; nothing was sent."""

    def __init__(self, action: str, how: str) -> None:
        self.how = how
        super().__init__(action, [{"id": "error/auth/failed", "explain": "no credentials"}])

    def _message(self) -> str:
        return f"{self.action}: the client has no credentials, nothing was sent. {self.how}"


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


# The package's APIError subclasses by error id (shell-style patterns), from the spec: the
# generated client sets it (`errors.ERROR_CLASSES`).
ErrorClasses = Sequence[tuple[str, type[APIError]]]


def error_class(error_id: str, classes: ErrorClasses) -> type[APIError]:
    """The class the spec gives an error id: the first pattern that matches, else APIError."""
    for pattern, cls in classes:
        if fnmatch.fnmatchcase(error_id, pattern):
            return cls
    return APIError


# Tracebacks and reprs name the module the package exports these from (`sendsay_api.errors`),
# not this private copy of the runtime.
_PUBLIC = __name__.replace("._runtime.errors", ".errors")
for _cls in (
    Error,
    RequestValidationError,
    TransportError,
    AnswerTooLargeError,
    ResponseValidationError,
    RedirectLoopError,
    APIError,
    AuthError,
    CredentialsError,
    SessionExpiredError,
    PasswordChangeRequiredError,
    TaskError,
    TaskFailedError,
    TaskTimeoutError,
):
    _cls.__module__ = _PUBLIC
