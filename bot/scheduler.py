"""One scheduler for every timer in the process.

Routine holds and rests, idle checks, pause expiry and daily reminders all land
here. Following RoboDanny's reminder cog, there is *one* task that sleeps until
the earliest deadline and is woken early when an earlier one arrives — never a
task per timer, so 10,000 live routine sessions cost a heap entry each, not a
coroutine stack each.

Design notes (why it looks like this):

* **Keys, not handles.** A timer is named by a string key (``"routine:<id>"``).
  Re-scheduling a key replaces its timer, which is what a state machine wants:
  every transition says "my next deadline is X" and the old one is void.
* **Lazy deletion.** The heap holds ``(when, generation, key)``; the live entry
  for a key remembers its generation. Cancelling or replacing just forgets the
  generation, and stale heap items are dropped when they surface (the heap is
  rebuilt if stale items pile up). Both operations are O(log n) or better.
* **Callbacks run concurrently, bounded.** Due callbacks are started as tasks,
  at most ``max_concurrency`` at a time, so a burst (a restart that re-arms
  thousands of overdue timers) cannot flood Discord or the database.
* **The state is not here.** The scheduler is volatile: the service that owns a
  timer stores its deadline and calls :meth:`Scheduler.schedule` again at
  start-up. A deadline in the past fires as soon as the loop runs, which is the
  "missed while down" rule; the callback decides what a late firing means.
* **Failures stay local.** An exception in a callback is logged with the key
  only (keys must never carry health data); the loop carries on.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import logging
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.clock import Clock

__all__ = ["Scheduler", "TimerCallback"]

log = logging.getLogger(__name__)

TimerCallback = Callable[[str], Awaitable[None]]
"""Called with the timer's key once its deadline has passed."""


@dataclass(slots=True)
class _Entry:
    when: float
    generation: int
    callback: TimerCallback


class Scheduler:
    """Runs ``callback(key)`` once ``clock.now() >= when``, for any number of keys."""

    def __init__(
        self,
        clock: Clock,
        *,
        max_concurrency: int = 64,
        compact_slack: int = 1024,
    ) -> None:
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be at least 1")
        self._clock = clock
        self._heap: list[tuple[float, int, str]] = []
        self._entries: dict[str, _Entry] = {}
        self._generations = itertools.count()
        self._compact_slack = compact_slack
        self._max_concurrency = max_concurrency
        self._slots: asyncio.Semaphore | None = None
        self._wake: asyncio.Event | None = None
        self._armed: float | None = None  # the deadline the loop is sleeping towards
        self._task: asyncio.Task[None] | None = None
        self._running: set[asyncio.Task[None]] = set()

    # ----------------------------------------------------------------- timers

    def schedule(self, key: str, when: float, callback: TimerCallback) -> None:
        """Arm (or re-arm) the timer ``key`` for epoch time ``when``.

        Replaces any timer already armed under ``key``. May be called before
        :meth:`start` (timers wait) and from inside a callback (to chain timers).
        """
        if not math.isfinite(when):
            raise ValueError("when must be a finite epoch time")
        generation = next(self._generations)
        self._entries[key] = _Entry(when, generation, callback)
        heapq.heappush(self._heap, (when, generation, key))
        self._maybe_compact()
        if self._wake is not None and (self._armed is None or when < self._armed):
            self._wake.set()

    def cancel(self, key: str) -> bool:
        """Forget the timer ``key``. True if one was armed (a callback already running is not stopped)."""
        return self._entries.pop(key, None) is not None

    def when(self, key: str) -> float | None:
        """The deadline armed under ``key``, or None."""
        entry = self._entries.get(key)
        return entry.when if entry is not None else None

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        """Number of armed timers (not counting callbacks that are running)."""
        return len(self._entries)

    @property
    def running_callbacks(self) -> int:
        return len(self._running)

    @property
    def is_running(self) -> bool:
        return self._task is not None and not self._task.done()

    # -------------------------------------------------------------- lifecycle

    def start(self) -> None:
        """Start the loop task on the running event loop. Calling it twice is harmless."""
        if self.is_running:
            return
        self._slots = asyncio.Semaphore(self._max_concurrency)
        self._wake = asyncio.Event()
        self._task = asyncio.get_running_loop().create_task(self._run(), name="scheduler")

    async def stop(self, *, grace: float = 5.0) -> None:
        """Stop the loop; give running callbacks ``grace`` seconds, then cancel them.

        Armed timers are kept (a later :meth:`start` resumes them), but the bot
        normally re-arms from storage at start-up anyway.
        """
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._armed = None
        self._wake = None
        if self._running:
            _, pending = await asyncio.wait(set(self._running), timeout=grace)
            for late in pending:
                late.cancel()
            if pending:
                await asyncio.gather(*pending, return_exceptions=True)

    async def wait_idle(self) -> None:
        """Wait until no callback is running and nothing is due. For tests and benchmarks."""
        while True:
            if self._running:
                await asyncio.wait(set(self._running))
                continue
            top = self._peek()
            if top is not None and top.when <= self._clock.now():
                if not self.is_running:
                    raise RuntimeError("timers are due but the scheduler is not running")
                await asyncio.sleep(0)
                continue
            return

    # ------------------------------------------------------------------ loop

    async def _run(self) -> None:
        assert self._wake is not None
        while True:
            self._wake.clear()
            await self._dispatch_due()
            top = self._peek()
            if top is None:
                self._armed = None
                await self._wake.wait()
            elif top.when > self._clock.now():
                self._armed = top.when
                await self._sleep_or_wake(top.when)
            self._armed = None

    async def _sleep_or_wake(self, when: float) -> None:
        """Sleep until ``when`` unless :meth:`schedule` brings an earlier deadline first."""
        assert self._wake is not None
        sleeper = asyncio.ensure_future(self._clock.sleep_until(when))
        waker = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait((sleeper, waker), return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeper.cancel()
            waker.cancel()

    async def _dispatch_due(self) -> None:
        assert self._slots is not None
        while True:
            top = self._peek()
            if top is None or top.when > self._clock.now():
                return
            # Take a slot first, then pop: while we wait for a slot the timer may
            # still be cancelled or moved, and that must be honoured.
            await self._slots.acquire()
            now = self._clock.now()
            top = self._peek()
            if top is None or top.when > now:
                self._slots.release()
                return
            _, _, key = heapq.heappop(self._heap)
            entry = self._entries.pop(key)
            task = asyncio.get_running_loop().create_task(
                self._fire(key, entry.callback), name=f"timer {key}"
            )
            self._running.add(task)
            task.add_done_callback(self._running.discard)

    async def _fire(self, key: str, callback: TimerCallback) -> None:
        assert self._slots is not None
        slots = self._slots
        try:
            await callback(key)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("timer callback failed (key=%s)", key)
        finally:
            slots.release()

    # ------------------------------------------------------------------ heap

    def _peek(self) -> _Entry | None:
        """The live entry at the top of the heap, dropping stale items on the way."""
        heap = self._heap
        while heap:
            _, generation, key = heap[0]
            entry = self._entries.get(key)
            if entry is not None and entry.generation == generation:
                return entry
            heapq.heappop(heap)
        return None

    def _maybe_compact(self) -> None:
        if len(self._heap) > 2 * len(self._entries) + self._compact_slack:
            self._heap = [(e.when, e.generation, k) for k, e in self._entries.items()]
            heapq.heapify(self._heap)
