"""HTTP that behaves well: rate and concurrency limits per service, retries with backoff.

Every service gets a ``Limiter``: at most ``concurrency`` requests in flight and at most
``rate`` requests started per second. Crossref announces its limits in every response
(``x-rate-limit-limit``/``-interval``, ``x-concurrency-limit``); the limiter follows them, and a
``Retry-After`` on a 429 or 503 pauses every request to that service, not only the one refused.
Transient failures — connection errors, timeouts, 429 and 5xx, a body cut short or not JSON —
are retried with exponential backoff and jitter, honouring ``Retry-After``, within a total time
budget; after that the request is ``UnreachableError``, which is never taken to mean "not found".
A request that cannot be made at all (a URL httpx refuses, too many redirects) is
``UnreachableError`` at once: it concerns the identifiers in that request, not the run.

The windows, the deadline and the pauses read and wait on a ``Clock``: the real, monotonic one
unless a caller passes another, as tests do to run retries and budgets on virtual time.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import math
import random
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Final, Protocol

import httpx

__all__ = [
    "REAL_CLOCK",
    "Clock",
    "Http",
    "Limit",
    "Limiter",
    "MonotonicClock",
    "Turn",
    "UnreachableError",
]


class Clock(Protocol):
    """What limits, retries and the time budget read the time from and wait on."""

    def now(self) -> float:
        """Seconds on a clock that never goes back; only differences mean anything."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Return once ``seconds`` have passed on this clock."""
        ...


class MonotonicClock:
    """The real clock: ``time.monotonic`` and ``asyncio.sleep``."""

    def now(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


REAL_CLOCK: Final[Clock] = MonotonicClock()
"""The clock everything runs on unless a caller passes another."""


class UnreachableError(Exception):
    """The service did not give a usable answer within the retries and the time budget."""


@dataclass(frozen=True)
class Limit:
    rate: float
    """Requests started per second, at most."""
    concurrency: int
    """Requests in flight, at most."""


class Turn:
    """One request's start, as its limiter counts it."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.at = clock.now()
        self.settled = False
        """Whether ``at`` is final: the request has been sent, or is over."""

    def sent(self) -> None:
        """The request is going out now (its headers are being written): count it from now.
        Only the first call counts; later ones are redirects."""
        if not self.settled:
            self.at = self.clock.now()
            self.settled = True


class Limiter:
    """Caps requests in flight and the requests started in any window, for one service pool.

    A service counts requests when they arrive, and a strict one refuses any beyond its rate in
    any one second. Two things keep what it counts within the limit:

    - Each request is counted from when its headers are written to the connection (``Turn.sent``,
      from httpcore's trace), not from when the limiter let it go: between the two, a busy event
      loop (parsing a large answer, saving the lock file) can be late to run it and a new
      connection must be opened, and a window counted from the earlier time would let the next
      request through that much too soon. A request let go but not yet sent counts as starting
      now, since it may go out at any moment. A late wake-up of the waiting request only makes
      it later, which widens the gap.
    - What remains between writing a request and the service counting it is the network and the
      service's own queue, and that differs from request to request: the window is longer than
      the service's by ``MARGIN`` seconds, more than the most it plausibly differs — one lost
      packet resent after Linux's minimum retransmission timeout (200 ms), plus jitter. (5% of
      the window, 50 ms from when the limiter let a request go, was too little: under CPU load a
      strict stand-in for Crossref refused 1 to 4 list queries in 9 of 19 large runs.)
    """

    MARGIN = 0.25
    """Seconds added to every window; see the class's documentation."""

    def __init__(self, limit: Limit, *, clock: Clock = REAL_CLOCK) -> None:
        self.limit = limit
        self.clock = clock
        self._in_flight = 0
        self._changed = asyncio.Condition()
        self._starting = asyncio.Lock()
        self._turns: list[Turn] = []
        self._paused_until = -math.inf

    @property
    def window(self) -> float:
        """Seconds in which at most ``per_window`` requests start (``per_window`` is the
        announced rate in whole requests)."""
        return self.per_window / self.limit.rate + self.MARGIN

    @property
    def per_window(self) -> int:
        return max(1, int(self.limit.rate))

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[Turn]:
        """Wait until a request may start; the ``Turn`` is to be told when it is sent."""
        async with self._changed:
            await self._changed.wait_for(lambda: self._in_flight < self.limit.concurrency)
            self._in_flight += 1
        turn: Turn | None = None
        try:
            async with self._starting:
                turn = await self._wait_for_the_window()
            yield turn
        finally:
            if turn is not None:  # never sent (a mock transport, a refused connection): as is
                turn.settled = True
            async with self._changed:
                self._in_flight -= 1
                self._changed.notify_all()

    async def _wait_for_the_window(self) -> Turn:
        now = self.clock.now()
        while (ready := self._ready_at(now)) > now:
            await self.clock.sleep(ready - now)
            # Checked again, as an earlier request may have been sent (and counted) late
            # meanwhile; from `ready` at the earliest, so that rounding does not cost a sleep.
            now = max(self.clock.now(), ready)
        turn = Turn(self.clock)
        self._turns.append(turn)
        return turn

    def _ready_at(self, now: float) -> float:
        """When the next request may start, judging by the turns taken so far."""
        window = self.window
        self._turns = [t for t in self._turns if not t.settled or t.at + window > now]
        starts = sorted(t.at if t.settled else now for t in self._turns)
        if len(starts) < self.per_window:
            return self._paused_until
        return max(self._paused_until, starts[-self.per_window] + window)

    def pause(self, seconds: float) -> None:
        """Start no request for ``seconds``: the service asked every client to wait."""
        self._paused_until = max(self._paused_until, self.clock.now() + seconds)

    def follow(self, headers: Mapping[str, str]) -> None:
        """Adopt the limits a Crossref response announces, when it announces them."""
        rate, concurrency = self.limit.rate, self.limit.concurrency
        limit, interval = headers.get("x-rate-limit-limit"), headers.get("x-rate-limit-interval")
        if limit and interval:
            seconds = re.match(r"(\d+(?:\.\d+)?)s$", interval.strip())
            if limit.isdigit() and seconds and float(seconds.group(1)) > 0:
                rate = int(limit) / float(seconds.group(1))
        announced = headers.get("x-concurrency-limit", "")
        if announced.isdigit() and int(announced) > 0:
            concurrency = int(announced)
        self.limit = Limit(rate, concurrency)


class Http:
    """GETs JSON with retries, within limits and a deadline."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        retries: int = 4,
        backoff: float = 0.5,
        budget: float = 300.0,
        clock: Clock = REAL_CLOCK,
    ) -> None:
        self.client = client
        self.retries = retries
        self.backoff = backoff
        self.clock = clock
        self.deadline = clock.now() + budget
        self.requests = 0

    @property
    def out_of_time(self) -> bool:
        return self.clock.now() >= self.deadline

    async def get(
        self,
        limiter: Limiter,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        ok: tuple[int, ...] = (200,),
        follow_headers: bool = False,
        retries: int | None = None,
    ) -> httpx.Response:
        """The response, once its status is in ``ok`` (or a 404/400, which are answers);
        ``UnreachableError`` after the retries (``retries``, else the client's) or the budget
        are spent, or at once when the request cannot be made."""
        retries = self.retries if retries is None else retries
        problem = "no attempt"
        for attempt in range(retries + 1):
            if self.out_of_time:
                raise UnreachableError(f"time budget spent ({problem})")
            wait: float | None = None
            try:
                async with limiter.turn() as turn:
                    if self.out_of_time:  # the limiter may have waited past the deadline
                        raise UnreachableError(f"time budget spent ({problem})")
                    self.requests += 1
                    response = await self.client.get(
                        url, params=params, headers=headers, extensions={"trace": _on_send(turn)}
                    )
                    await response.aread()
                    wait = _retry_after(response.headers.get("retry-after"))
                    if response.status_code in (429, 503) and wait is not None:
                        # Asked of every client: the service's other requests wait too.
                        limiter.pause(min(wait, MAX_PAUSE))
            except (httpx.TransportError, httpx.DecodingError) as error:
                problem = type(error).__name__
            except (httpx.InvalidURL, httpx.HTTPError, ValueError) as error:
                # Made again, the same request fails the same way: no retry.
                raise UnreachableError(_cut(f"{type(error).__name__}: {error}")) from None
            else:
                if follow_headers:
                    limiter.follow(response.headers)
                if response.status_code in ok or response.status_code in (400, 404, 410):
                    return response
                problem = f"HTTP {response.status_code}"
                if response.status_code != 429 and response.status_code < 500:
                    raise UnreachableError(problem)
            if attempt < retries:  # no pause after the last attempt: nothing follows it
                await self._pause(attempt, wait)
        raise UnreachableError(f"{problem} after {retries + 1} attempts")

    async def get_json(
        self,
        limiter: Limiter,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        follow_headers: bool = False,
        retries: int | None = None,
    ) -> tuple[int, Any]:
        """Status and parsed JSON; a body that is cut short or not JSON is retried like a
        transient failure (an HTML error page served as 200 is one)."""
        retries = self.retries if retries is None else retries
        problem = "no attempt"
        for attempt in range(retries + 1):
            response = await self.get(
                limiter,
                url,
                params=params,
                headers=headers,
                follow_headers=follow_headers,
                retries=retries,
            )
            if response.status_code in (400, 404, 410) and "json" not in response.headers.get(
                "content-type", ""
            ):
                return response.status_code, None
            try:
                return response.status_code, json.loads(response.content)
            except (ValueError, RecursionError):  # nested thousands deep is not an answer either
                problem = "the answer was not valid JSON"
            if attempt < retries:
                await self._pause(attempt, None)
        raise UnreachableError(f"{problem} after {retries + 1} attempts")

    async def _pause(self, attempt: int, retry_after: float | None) -> None:
        delay = retry_after if retry_after is not None else self.backoff * 2**attempt
        delay *= random.uniform(1.0, 1.5) if retry_after is None else 1.0  # noqa: S311 - jitter
        delay = min(delay, max(0.0, self.deadline - self.clock.now()), MAX_PAUSE)
        await self.clock.sleep(delay)


MAX_PAUSE = 60.0
"""The longest wait a ``Retry-After`` imposes: a service asking for more is as good as down."""


def _on_send(turn: Turn) -> Callable[[str, Mapping[str, Any]], Awaitable[None]]:
    """An httpcore trace hook that tells ``turn`` when the request's headers go out."""

    async def trace(event: str, _: Mapping[str, Any]) -> None:
        if event.endswith(".send_request_headers.started"):
            turn.sent()

    return trace


def _cut(message: str) -> str:
    """A message short enough for the lock file (httpx may quote a whole URL)."""
    return message if len(message) <= 200 else f"{message[:197]}..."


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: a number, or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())  # a date is on the wall clock, not a Clock
