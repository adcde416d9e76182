"""A clock for tests: time passes only when the code under test sleeps, and then at once."""

from __future__ import annotations

import asyncio


class FakeClock:
    """Virtual monotonic time for ``verify(..., clock=...)`` and ``FakeServices(clock=...)``.

    ``sleep`` records the seconds asked for, moves the time on by them and only yields to the
    event loop, so that retries, ``Retry-After`` and time budgets cost no real time and tests
    can say exactly how long the client waited. Real network time (a read timeout) does not
    move it. Sleeps add up even when tasks sleep side by side: it suits runs that wait for one
    thing at a time.
    """

    def __init__(self) -> None:
        self.time = 0.0
        self.sleeps: list[float] = []
        """Every sleep asked for, in order, zero-second ones included."""

    def now(self) -> float:
        return self.time

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.time += max(0.0, seconds)
        await asyncio.sleep(0)
