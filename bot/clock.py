"""Time as a dependency: the real clock for the bot, a hand-driven one for tests.

Routine deadlines and reminders are stored as epoch seconds (they must survive a
restart), so the scheduler sleeps until an *epoch* time, not for a duration. Code
that needs time takes a :class:`Clock`; tests pass a :class:`FakeClock` and move
time forward with :meth:`FakeClock.advance`, so a 24-hour expiry or a 10,000-timer
burst runs in milliseconds and in a fixed order.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import math
import time
from typing import Protocol, runtime_checkable

__all__ = ["Clock", "FakeClock", "SystemClock"]


@runtime_checkable
class Clock(Protocol):
    """What the core needs from time: a wall clock, a stopwatch, and a way to wait."""

    def now(self) -> float:
        """Epoch seconds (UTC). Used for everything that is stored."""
        ...

    def monotonic(self) -> float:
        """Seconds that never go backwards. Used only to measure durations."""
        ...

    async def sleep_until(self, when: float) -> None:
        """Return once ``now() >= when`` (at once if that is already true). Cancellable."""
        ...


class SystemClock:
    """The real clock.

    ``sleep_until`` sleeps in chunks of at most ``max_chunk`` seconds and re-reads
    the wall clock after each one, so an NTP step or a laptop resume makes a timer
    late by at most one chunk instead of by the size of the jump. It never returns
    early: asyncio's loop clock and ``time.time()`` can disagree by a millisecond.
    """

    def __init__(self, *, max_chunk: float = 30.0) -> None:
        if not max_chunk > 0:
            raise ValueError("max_chunk must be positive")
        self.max_chunk = max_chunk

    def now(self) -> float:
        return time.time()

    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep_until(self, when: float) -> None:
        while True:
            delay = when - time.time()
            if delay <= 0:
                return
            await asyncio.sleep(min(delay, self.max_chunk))


class FakeClock:
    """A clock that only moves when a test says so.

    ``sleep_until`` parks the caller on a future; :meth:`advance` moves time to each
    parked deadline in order, wakes exactly the sleepers that are due, and lets the
    event loop run (``settle_rounds`` turns) so whatever they wake — the scheduler
    loop, the callbacks it starts — has run before ``advance`` returns. Sleepers
    that register *during* an advance (a scheduler arming its next timer) are
    honoured in the same advance, so ``advance(3600)`` fires an hour of timers, each
    one with ``now()`` equal to its own deadline.
    """

    def __init__(self, start: float = 1_700_000_000.0, *, settle_rounds: int = 25) -> None:
        if not math.isfinite(start):
            raise ValueError("start must be finite")
        self._now = float(start)
        self._start = float(start)
        self.settle_rounds = settle_rounds
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()

    def now(self) -> float:
        return self._now

    def monotonic(self) -> float:
        # Starts at 0 so nobody mistakes it for epoch time.
        return self._now - self._start

    @property
    def sleepers(self) -> int:
        """How many callers are parked in :meth:`sleep_until` right now."""
        return sum(1 for _, _, fut in self._sleepers if not fut.done())

    async def sleep_until(self, when: float) -> None:
        if when <= self._now:
            # A real sleep yields to the loop even when it is already due; so do we,
            # so that a loop around sleep_until can never starve other tasks.
            await asyncio.sleep(0)
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (when, next(self._seq), fut))
        # If the caller is cancelled, the future is cancelled with it; advance() skips it.
        await fut

    async def settle(self) -> None:
        """Let woken tasks run: a fixed number of event-loop turns, no real time passes."""
        for _ in range(self.settle_rounds):
            await asyncio.sleep(0)

    async def advance(self, seconds: float) -> None:
        """Move time forward by ``seconds``, waking sleepers in deadline order."""
        if seconds < 0 or not math.isfinite(seconds):
            raise ValueError("a clock only moves forward by a finite amount")
        await self.advance_to(self._now + seconds)

    async def advance_to(self, when: float) -> None:
        """Move time forward to ``when`` (never backwards), waking sleepers in order."""
        if not math.isfinite(when):
            raise ValueError("when must be finite")
        await self.settle()  # let anyone about to sleep register first
        while self._sleepers and self._sleepers[0][0] <= when:
            deadline, _, fut = heapq.heappop(self._sleepers)
            if fut.done():
                continue
            self._now = max(self._now, deadline)
            fut.set_result(None)
            await self.settle()
        self._now = max(self._now, when)
        await self.settle()
