"""HTTP that behaves well: rate and concurrency limits per service, retries with backoff.

Every service gets a ``Limiter``: at most ``concurrency`` requests in flight and at most
``rate`` requests started per second. Crossref announces its limits in every response
(``x-rate-limit-limit``/``-interval``, ``x-concurrency-limit``); the limiter follows them.
Transient failures — connection errors, timeouts, 429 and 5xx, a body cut short or not JSON —
are retried with exponential backoff and jitter, honouring ``Retry-After``, within a total time
budget; after that the request is ``UnreachableError``, which is never taken to mean "not found".

The windows, the deadline and the pauses read and wait on a ``Clock``: the real, monotonic one
unless a caller passes another, as tests do to run retries and budgets on virtual time.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import random
import re
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Protocol

import httpx

__all__ = ["REAL_CLOCK", "Clock", "Http", "Limit", "Limiter", "MonotonicClock", "UnreachableError"]


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


class Limiter:
    """Caps requests in flight and the requests started in any window, for one service pool.

    The window is a sliding one, over the times requests actually started, so that a request
    that woke up late cannot crowd the next window: a service counting strictly still sees at
    most ``rate`` starts in any second.
    """

    MARGIN = 1.05
    """Windows a little longer than a second, for the delay between starting and arriving."""

    def __init__(self, limit: Limit, *, clock: Clock = REAL_CLOCK) -> None:
        self.limit = limit
        self.clock = clock
        self._in_flight = 0
        self._changed = asyncio.Condition()
        self._starting = asyncio.Lock()
        self._starts: deque[float] = deque()

    async def __aenter__(self) -> None:
        async with self._changed:
            await self._changed.wait_for(lambda: self._in_flight < self.limit.concurrency)
            self._in_flight += 1
        try:
            async with self._starting:
                await self._wait_for_the_window()
                self._starts.append(self.clock.now())
        except BaseException:
            await self.__aexit__()
            raise

    async def _wait_for_the_window(self) -> None:
        # `per_window` starts in `window` seconds is the announced rate, with whole requests.
        per_window = max(1, int(self.limit.rate))
        window = per_window / self.limit.rate * self.MARGIN
        while len(self._starts) > per_window:
            self._starts.popleft()
        if len(self._starts) == per_window:
            wait = self._starts[0] + window - self.clock.now()
            if wait > 0:
                await self.clock.sleep(wait)

    async def __aexit__(self, *_: object) -> None:
        async with self._changed:
            self._in_flight -= 1
            self._changed.notify_all()

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

    async def get(
        self,
        limiter: Limiter,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        ok: tuple[int, ...] = (200,),
        follow_headers: bool = False,
    ) -> httpx.Response:
        """The response, once its status is in ``ok`` (or a 404/400, which are answers);
        ``UnreachableError`` after the retries or the budget are spent."""
        problem = "no attempt"
        for attempt in range(self.retries + 1):
            if self.clock.now() >= self.deadline:
                raise UnreachableError(f"time budget spent ({problem})")
            wait: float | None = None
            try:
                async with limiter:
                    self.requests += 1
                    response = await self.client.get(url, params=params, headers=headers)
                    await response.aread()
                if follow_headers:
                    limiter.follow(response.headers)
                if response.status_code in ok or response.status_code in (400, 404, 410):
                    return response
                problem = f"HTTP {response.status_code}"
                if response.status_code != 429 and response.status_code < 500:
                    raise UnreachableError(problem)
                wait = _retry_after(response.headers.get("retry-after"))
            except httpx.TransportError as error:
                problem = type(error).__name__
            if attempt < self.retries:  # no pause after the last attempt: nothing follows it
                await self._pause(attempt, wait)
        raise UnreachableError(f"{problem} after {self.retries + 1} attempts")

    async def get_json(self, limiter: Limiter, url: str, **options: Any) -> tuple[int, Any]:
        """Status and parsed JSON; a body that is cut short or not JSON is retried like a
        transient failure (an HTML error page served as 200 is one)."""
        problem = "no attempt"
        for attempt in range(self.retries + 1):
            response = await self.get(limiter, url, **options)
            if response.status_code in (400, 404, 410) and "json" not in response.headers.get(
                "content-type", ""
            ):
                return response.status_code, None
            try:
                return response.status_code, json.loads(response.content)
            except ValueError:
                problem = "the answer was not valid JSON"
            if attempt < self.retries:
                await self._pause(attempt, None)
        raise UnreachableError(f"{problem} after {self.retries + 1} attempts")

    async def _pause(self, attempt: int, retry_after: float | None) -> None:
        delay = retry_after if retry_after is not None else self.backoff * 2**attempt
        delay *= random.uniform(1.0, 1.5) if retry_after is None else 1.0  # noqa: S311 - jitter
        delay = min(delay, max(0.0, self.deadline - self.clock.now()), 60.0)
        await self.clock.sleep(delay)


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
