"""A clock that only moves when a test says so (the bot's :class:`bot.clock.Clock`, by hand)."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import math

__all__ = ["FakeClock"]


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
