"""Time as a dependency: every "now" in the bot comes from one injected :class:`Clock`.

Routine deadlines and reminders are stored as epoch seconds (they must survive a
restart), so the scheduler sleeps until an *epoch* time, not for a duration. Code
that needs time takes a :class:`Clock` and, for a datetime, asks :func:`utcnow`;
nothing reads the wall clock behind its back. Tests pass ``tests.fakeclock.FakeClock``
and move time forward by hand, so a 24-hour expiry or a 10,000-timer burst runs in
milliseconds and in a fixed order.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Protocol, runtime_checkable

__all__ = ["Clock", "SystemClock", "utcnow"]


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


def utc_at(epoch: float) -> datetime:
    """Epoch seconds as an aware UTC datetime: the one conversion every layer uses."""
    return datetime.fromtimestamp(epoch, UTC)


def utcnow(clock: Clock) -> datetime:
    """The clock's current instant as an aware UTC datetime (what storage and renderers take)."""
    return utc_at(clock.now())
