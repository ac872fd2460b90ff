"""When to send a request again: exponential backoff with jitter, `Retry-After`, and the rule
that only operations the spec marks safe to repeat are repeated after a failure that may have
reached the server.

    failure                                  may have reached the server?   repeated for
    connection refused / connect timeout     no                             every operation
    HTTP 429 Too Many Requests               no (rejected unprocessed)      every operation
    HTTP 500, 502, 503, 504, read timeout,   yes                            safe operations only
    connection lost after sending
"""

from __future__ import annotations

import email.utils
import math
import random
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from .errors import TransportError
from .operation import Operation
from .redact import Masker
from .transfer import Deadline

NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry.

    attempts: tries in all, the first included (1 = never retry).
    backoff: first pause in seconds, doubled on each retry up to `max_backoff`.
    jitter: each pause is multiplied by a random factor in [1 - jitter, 1 + jitter].
    max_retry_after: a longer `Retry-After` is not waited for; the error is raised instead.
    """

    attempts: int = 3
    backoff: float = 0.5
    max_backoff: float = 8.0
    jitter: float = 0.25
    max_retry_after: float = 60.0
    statuses: frozenset[int] = field(default=frozenset({429, 500, 502, 503, 504}))

    def pause(self, retry: int, retry_after: float | None, rng: random.Random) -> float:
        if retry_after is not None:
            return retry_after
        base = min(self.backoff * 2.0 ** (retry - 1), self.max_backoff)
        return max(0.0, base * rng.uniform(1 - self.jitter, 1 + self.jitter))


NO_RETRY = RetryPolicy(attempts=1)


def retry_after_seconds(response: httpx.Response) -> float | None:
    """The `Retry-After` header in seconds (a number or an HTTP date), if any; a value that is
    neither (`nan`, `inf`, a negative number, garbage) counts as absent."""
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return seconds if math.isfinite(seconds) and seconds >= 0 else None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def unsure(action: str, check_hint: str) -> str:
    """What the error of a call that reached the server and is not safe to repeat adds."""
    return (
        f" The call may or may not have been performed: {action} is not safe to repeat"
        f" automatically. Check before repeating it ({check_hint})."
    )


class Attempts:
    """The retry decisions of one request; the sync and async drivers only send and sleep."""

    def __init__(
        self,
        policy: RetryPolicy,
        op: Operation[Any],
        check_hint: str,
        masker: Masker,
        deadline: Deadline,
        repeatable: bool | None = None,
    ) -> None:
        self.masker = masker
        self.deadline = deadline
        self.policy = policy
        self.op = op
        self.repeatable = op.idempotent if repeatable is None else repeatable
        self.check_hint = check_hint
        self.tries = 1
        self.rng = random.Random()

    def _may_retry(self, reached_server: bool) -> bool:
        return self.tries < self.policy.attempts and (not reached_server or self.repeatable)

    def _tries(self) -> str:
        return f"{self.tries} tr{'y' if self.tries == 1 else 'ies'}"

    def _unsure(self, reached_server: bool) -> str:
        if not reached_server or self.repeatable:
            return ""
        return unsure(self.op.action, self.check_hint)

    def after_error(self, exc: httpx.HTTPError) -> float:
        """The pause before the next try, or raise TransportError when there is none."""
        reached = not isinstance(exc, NOT_SENT)
        if self._may_retry(reached) and not self.deadline.expired():
            pause = self.policy.pause(self.tries, None, self.rng)
            if self.deadline.allows(pause):
                self.tries += 1
                return pause
        timed_out = self.deadline.expired() or isinstance(exc, httpx.TimeoutException)
        kind = "timed out" if timed_out else "failed"
        late = f" ({self.deadline.describe()} ran out)" if self.deadline.expired() else ""
        raise TransportError(
            f"the HTTP request {kind} after {self._tries()}{late}: {type(exc).__name__}:"
            f" {self.masker.text(str(exc))}.{self._unsure(reached)}",
            action=self.op.action,
        )

    def after_response(self, response: httpx.Response) -> float | None:
        """None to accept the response, the pause before the next try, or raise.

        Only HTTP 200 carries an answer of these APIs; any other status is a TransportError.
        """
        status = response.status_code
        if status == 200:
            return None
        if status not in self.policy.statuses:
            raise TransportError(
                f"HTTP {status} from {response.request.url}",
                action=self.op.action,
                status_code=status,
                excerpt=self.masker.excerpt(response.content),
            )
        reached = status != 429
        retry_after = retry_after_seconds(response)
        waitable = retry_after is None or retry_after <= self.policy.max_retry_after
        late = ""
        if waitable and self._may_retry(reached):
            pause = self.policy.pause(self.tries, retry_after, self.rng)
            if self.deadline.allows(pause):
                self.tries += 1
                return pause
            late = f" No time was left for another try within {self.deadline.describe()}."
        raise TransportError(
            f"HTTP {status} from {response.request.url} after {self._tries()}.{late}"
            f"{self._unsure(reached)}",
            action=self.op.action,
            status_code=status,
            excerpt=self.masker.excerpt(response.content),
        )
