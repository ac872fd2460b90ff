"""Waiting for asynchronous work: Sendsay tracks (`track.get`) and Altcraft tasks (`tasks/status`).

The polling policy (growing interval, time limit, progress reports) is written once in
`_Poller`, the loop once in `_waiting` (a generator, as the protocol flows are); the sync and
async waiters only sleep and fetch, and a track and a task differ only by a `_Kind`. A status
the document does not list (servers also report moderation and spam-check states) is reported
as such, never a crash.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from time import monotonic
from typing import Any, Generic, Protocol, TypeVar, cast

from .errors import TaskFailedError, TaskTimeoutError, TransportError

# A poll started near the end of a wait may take this long (its own call timeout): the wait
# lasts at most its timeout plus one such poll.
MIN_POLL_TIMEOUT = 1.0

# Sendsay track statuses as the document lists them; others "depend on the request".
TRACK_STATUSES = {
    -3: "cancelled",
    -2: "failed",
    -1: "finished",
    0: "accepted",
    1: "started",
    2: "processing",
    3: "sorting",
    4: "formatting",
    5: "generating the report",
}
TRACK_DONE, TRACK_FAILED, TRACK_CANCELLED = -1, -2, -3


@dataclass(frozen=True)
class Progress:
    """One observation of a running task, handed to the progress callback."""

    task_id: Any
    status: Any
    status_text: str
    percent: float | None
    polls: int
    elapsed: float
    final: bool
    info: Any

    def line(self) -> str:
        bar = ""
        if self.percent is not None:
            filled = int(max(0.0, min(100.0, self.percent)) / 5)
            bar = f" [{'#' * filled}{'.' * (20 - filled)}] {self.percent:5.1f}%"
        return f"task {self.task_id}: {self.status_text}{bar} ({self.elapsed:.1f}s)"


ProgressCallback = Callable[[Progress], None]


class StartedTrack(Protocol):
    """What an asynchronous Sendsay call answers: `wait()` takes it, or its track id."""

    @property
    def track_id(self) -> int: ...


class StartedTask(Protocol):
    """What an asynchronous Altcraft call answers: `wait()` takes it, or its task id."""

    @property
    def task_id(self) -> str: ...


R = TypeVar("R")  # what a waiter returns: the generated model of the final state
TaskIdT = TypeVar("TaskIdT")  # what a waiter takes: an id or the answer that started the task
TrackRef = int | StartedTrack  # a track id, or the answer of the call that started it
TaskRef = str | StartedTask


class ProgressLine:
    """The `progress=True` display on a stream (stderr by default).

    On a terminal, one line redrawn in place (carriage return, then clear to the end of the
    line, so that a shorter line leaves nothing behind) and ended when the task ends. Anywhere
    else (a log file, a pipe), one line per update that says something new. Any callable that
    takes a `Progress` may be passed as `progress=` instead, e.g. to drive tqdm or rich.
    """

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.tty = bool(isatty and isatty())
        self._last = ""

    def __call__(self, progress: Progress) -> None:
        line = progress.line()
        if self.tty:
            self.stream.write("\r" + line + "\x1b[K" + ("\n" if progress.final else ""))
        else:
            said = (progress.status_text, progress.percent)
            if str(said) == self._last and not progress.final:
                return
            self._last = str(said)
            self.stream.write(line + "\n")
        self.stream.flush()


def print_progress(progress: Progress) -> None:
    """A one-off ProgressLine on stderr (kept for callers that pass it explicitly)."""
    ProgressLine()(progress)


def _reporter(progress: bool | ProgressCallback | None) -> ProgressCallback | None:
    if progress is True:
        return ProgressLine()
    if progress is False or progress is None:
        return None
    return progress


def track_status_text(status: Any) -> str:
    if status in TRACK_STATUSES:
        return TRACK_STATUSES[status]
    return f"status {status!r} (not listed in the document; reported by the server)"


def _track_percent(obj: Any) -> float | None:
    if getattr(obj, "status", None) == TRACK_DONE:
        return 100.0
    eta = getattr(getattr(obj, "param", None), "eta", None)
    perc = getattr(eta, "perc", None)
    return float(perc) if isinstance(perc, int | float) else None


class _Poller:
    """The polling policy: interval grows by `backoff` up to `max_interval`; `timeout` bounds it."""

    def __init__(
        self,
        task_id: Any,
        timeout: float,
        interval: float,
        max_interval: float,
        backoff: float,
        progress: bool | ProgressCallback | None,
    ) -> None:
        if timeout <= 0 or interval <= 0 or backoff < 1:
            raise ValueError("timeout and interval must be positive and backoff at least 1")
        self.task_id = task_id
        self.timeout = timeout
        self.interval = interval
        self.max_interval = max_interval
        self.backoff = backoff
        self.report = _reporter(progress)
        self.start = monotonic()
        self.polls = 0
        self.last_status: Any = None

    def observe(
        self, status: Any, text: str, percent: float | None, final: bool, info: Any
    ) -> None:
        self.polls += 1
        self.last_status = status
        if self.report is not None:
            self.report(
                Progress(
                    self.task_id,
                    status,
                    text,
                    percent,
                    self.polls,
                    monotonic() - self.start,
                    final,
                    info,
                )
            )

    def poll_timeout(self) -> float:
        """The timeout of the next poll's call: what is left of the wait (at least
        MIN_POLL_TIMEOUT), so that no slow answer keeps the wait past its end."""
        return max(self.timeout - (monotonic() - self.start), MIN_POLL_TIMEOUT)

    def _timed_out(self, elapsed: float, status: Any, info: Any) -> TaskTimeoutError:
        return TaskTimeoutError(
            f"task {self.task_id} still not finished after {elapsed:.1f}s ({self.polls} polls,"
            f" last status {status!r}); it may still finish: wait again, or look it up later",
            task_id=self.task_id,
            status=status,
            info=info,
        )

    def failed_poll(self, error: TransportError) -> Exception:
        """What a poll that failed raises: TaskTimeoutError when the wait's time is up (the
        poll was cut by it), else the poll's own error."""
        elapsed = monotonic() - self.start
        if elapsed >= self.timeout:
            return self._timed_out(elapsed, self.last_status, None)
        return error

    def next_sleep(self, status: Any, info: Any) -> float:
        """Seconds to sleep before the next poll; raises when the time limit would be passed."""
        elapsed = monotonic() - self.start
        if elapsed >= self.timeout:
            raise self._timed_out(elapsed, status, info)
        sleep = min(self.interval, self.timeout - elapsed)
        self.interval = min(self.interval * self.backoff, self.max_interval)
        return sleep


def _track_id(track: object) -> int:
    """The id of a track given as a number, its text ('95'), an answer model with `track_id`
    or a raw answer dict with `track.id` (the wire's ids are numbers or their text)."""
    value = track.get("track.id") if isinstance(track, Mapping) else track
    value = getattr(value, "track_id", value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise TypeError(
        "wait() takes a track id (95 or '95'), an answer with track_id or a raw answer with"
        f" track.id, not {track!r}"[:200]
    )


def _track_step(poller: _Poller, answer: Any) -> tuple[bool, Any]:
    """Observe one `track.get` answer: (ended?, the track's description)."""
    obj = answer.obj
    status = obj.status
    final = status in (TRACK_DONE, TRACK_FAILED, TRACK_CANCELLED)
    poller.observe(status, track_status_text(status), _track_percent(obj), final, obj)
    if status in (TRACK_FAILED, TRACK_CANCELLED):
        raise TaskFailedError(
            f"track {poller.task_id} {track_status_text(status)}"
            + (f" (error {obj.error!r})" if getattr(obj, "error", None) is not None else ""),
            task_id=poller.task_id,
            status=status,
            info=obj,
        )
    return final, obj


# -- Altcraft tasks --------------------------------------------------------------------------------

TASK_DONE = "completed"
TASK_FAILED = frozenset({"failed", "error", "cancelled", "canceled"})


def _task_id(task: str | StartedTask) -> str:
    if isinstance(task, str):
        return task
    value = getattr(task, "task_id", None)
    if isinstance(value, str):
        return value
    raise TypeError(f"wait() takes a task id or an answer with task_id, not {type(task).__name__}")


def _task_step(poller: _Poller, answer: Any) -> tuple[bool, Any]:
    """Observe one `tasks/status` answer: (completed?, the answer)."""
    status = getattr(answer, "status", None)
    progress = getattr(answer, "progress", None)
    percent = float(progress) if isinstance(progress, int | float) else None
    final = status == TASK_DONE
    text = str(status) if status is not None else "no status yet"
    poller.observe(
        status, text, 100.0 if final else percent, final or status in TASK_FAILED, answer
    )
    if status in TASK_FAILED:
        raise TaskFailedError(
            f"task {poller.task_id} ended with status {status!r}",
            task_id=poller.task_id,
            status=status,
            info=answer,
        )
    return final, answer


# -- the waiting loop, once for both kinds of task and both kinds of I/O -----------------------


@dataclass(frozen=True)
class _Kind:
    """What differs between waiting for a Sendsay track and an Altcraft task."""

    task_id: Callable[[Any], Any]  # the id from what wait() was given
    step: Callable[[_Poller, Any], tuple[bool, Any]]  # observe an answer: (ended?, result)


TRACK = _Kind(_track_id, _track_step)
TASK = _Kind(_task_id, _task_step)

# What the waiting loop yields: POLL asks for the next status (send back the answer, or throw
# the poll's TransportError); a number asks for a pause of that many seconds.
POLL = None
Waiting = Generator[float | None, Any, Any]


def _waiting(kind: _Kind, poller: _Poller) -> Waiting:
    """Poll until the task ends (return its final description) or the time is up (raise)."""
    while True:
        try:
            answer = yield POLL
        except TransportError as exc:
            raise poller.failed_poll(exc) from None
        final, result = kind.step(poller, answer)
        if final:
            return result
        yield poller.next_sleep(poller.last_status, result)


class _Waiter:
    _kind: _Kind

    def _start(
        self,
        task: Any,
        timeout: float,
        interval: float,
        max_interval: float,
        backoff: float,
        progress: bool | ProgressCallback | None,
    ) -> tuple[_Poller, Waiting]:
        poller = _Poller(
            self._kind.task_id(task), timeout, interval, max_interval, backoff, progress
        )
        return poller, _waiting(self._kind, poller)


class _SyncWaiter(_Waiter, Generic[TaskIdT, R]):
    def _poll(self, task_id: Any, timeout: float) -> Any:
        raise NotImplementedError  # pragma: no cover - each waiter below defines it

    def wait(
        self,
        task: TaskIdT,
        /,
        *,
        timeout: float = 600.0,
        interval: float = 0.5,
        max_interval: float = 10.0,
        backoff: float = 1.5,
        progress: bool | ProgressCallback | None = None,
    ) -> R:
        """Poll until the task ends; return its final description.

        Args:
            task: A task id, or the answer of the asynchronous call that started it (it has
                `track_id` or `task_id`).
            timeout: Seconds to wait at most, polls included (the last poll may take up to
                MIN_POLL_TIMEOUT more); then TaskTimeoutError (the task may still finish).
            interval: First pause between polls, growing by `backoff` up to `max_interval`.
            progress: True prints a progress line on stderr; a callable gets a Progress per poll.

        Raises:
            TaskFailedError: the task ended with an error or was cancelled.
            TaskTimeoutError: it had not ended within `timeout` seconds.
        """
        poller, loop = self._start(task, timeout, interval, max_interval, backoff, progress)
        try:
            step = next(loop)
            while True:
                if step is not POLL:
                    time.sleep(step)
                    step = loop.send(None)
                    continue
                try:
                    answer = self._poll(poller.task_id, poller.poll_timeout())
                except TransportError as exc:
                    step = loop.throw(exc)
                    continue
                step = loop.send(answer)
        except StopIteration as stop:
            return cast(R, stop.value)


class _AsyncWaiter(_Waiter, Generic[TaskIdT, R]):
    async def _poll(self, task_id: Any, timeout: float) -> Any:
        raise NotImplementedError  # pragma: no cover - each waiter below defines it

    async def wait(
        self,
        task: TaskIdT,
        /,
        *,
        timeout: float = 600.0,
        interval: float = 0.5,
        max_interval: float = 10.0,
        backoff: float = 1.5,
        progress: bool | ProgressCallback | None = None,
    ) -> R:
        """Poll until the task ends; see the sync client's wait()."""
        import asyncio  # here: a program that uses only the sync clients never loads asyncio

        poller, loop = self._start(task, timeout, interval, max_interval, backoff, progress)
        try:
            step = next(loop)
            while True:
                if step is not POLL:
                    await asyncio.sleep(step)
                    step = loop.send(None)
                    continue
                try:
                    answer = await self._poll(poller.task_id, poller.poll_timeout())
                except TransportError as exc:
                    step = loop.throw(exc)
                    continue
                step = loop.send(answer)
        except StopIteration as stop:
            return cast(R, stop.value)


class SyncTrackWaiter(_SyncWaiter[TrackRef, R]):
    """Adds `wait()` to the generated `track` namespace: polls `track.get` and returns the
    track's final description (`Track`); a track ending -2 or -3 raises TaskFailedError."""

    _kind = TRACK

    def get(self, *, id: int, request_id: str | None = None, timeout: float | None = None) -> Any:
        raise NotImplementedError  # pragma: no cover - the generated namespace defines it

    def _poll(self, task_id: Any, timeout: float) -> Any:
        return self.get(id=task_id, timeout=timeout)


class AsyncTrackWaiter(_AsyncWaiter[TrackRef, R]):
    """Adds `wait()` to the generated async `track` namespace; see SyncTrackWaiter."""

    _kind = TRACK

    async def get(
        self, *, id: int, request_id: str | None = None, timeout: float | None = None
    ) -> Any:
        raise NotImplementedError  # pragma: no cover - the generated namespace defines it

    async def _poll(self, task_id: Any, timeout: float) -> Any:
        return await self.get(id=task_id, timeout=timeout)


class SyncTaskWaiter(_SyncWaiter[TaskRef, R]):
    """Adds `wait()` to the generated Altcraft `tasks` namespace: polls `tasks/status` until
    the task is completed and returns the last status answer."""

    _kind = TASK

    def status(self, *, task_id: str, timeout: float | None = None) -> Any:
        raise NotImplementedError  # pragma: no cover - the generated namespace defines it

    def _poll(self, task_id: Any, timeout: float) -> Any:
        return self.status(task_id=task_id, timeout=timeout)


class AsyncTaskWaiter(_AsyncWaiter[TaskRef, R]):
    """Adds `wait()` to the generated async Altcraft `tasks` namespace; see SyncTaskWaiter."""

    _kind = TASK

    async def status(self, *, task_id: str, timeout: float | None = None) -> Any:
        raise NotImplementedError  # pragma: no cover - the generated namespace defines it

    async def _poll(self, task_id: Any, timeout: float) -> Any:
        return await self.status(task_id=task_id, timeout=timeout)
