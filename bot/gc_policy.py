"""How the bot uses Python's cyclic garbage collector: freeze what start-up built, and run
full collections when the bot is idle instead of in the middle of a burst of interactions.

Why:

* **Freezing** (:func:`freeze_long_lived_objects`) moves the code, the content
  library and start-up caches into the permanent generation, so young and full
  collections stop rescanning them (about 15 % less CPU per interaction).
* **But freezing removes the brake on full collections.** CPython 3.11 runs a
  full collection only when the objects waiting to be promoted exceed a quarter of
  the long-lived ones; with the long-lived ones frozen that quarter is tiny, so a
  busy bot ran 3–5 full collections of 20–60 ms per 3,000 interactions (a bare
  discord.py bot: 1–2 of 17 ms), and a burst that met one paid for all of it.
* So after freezing, automatic full collections are switched off
  (``threshold2`` very large) and young collections made rarer (``threshold0``
  larger: fewer, cheaper-per-object passes), and :class:`IdleCollector` runs the
  full collection instead, once a second's check finds the process idle (it used
  under :data:`IDLE_CPU_SHARE` of a core since the last check) and enough young
  collections have happened since the last full one. A bot that is never idle
  still collects once :data:`FORCE_AFTER` young collections have piled up, so
  cyclic garbage cannot grow without bound.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

THRESHOLDS = (7_000, 20, 1_000_000_000)
"""``gc.set_threshold`` after freezing: young collections 10× rarer than the default 700,
middle ones as usual, full ones never automatic (see :class:`IdleCollector`)."""
CHECK_SECONDS = 1.0
"""How often the idle collector looks."""
IDLE_CPU_SHARE = 0.05
"""Below this share of one core since the last check, the process counts as idle."""
FULL_AFTER = 10
"""Middle-generation collections since the last full one before an idle full collection is due
(``gc.get_count()[2]``)."""
FORCE_AFTER = 400
"""...and before one runs even when the process is never idle."""
GC_LOG_ENV = "LUPUS_GC_LOG"
"""A file to which every full collection appends ``<time.monotonic() at its start> <ms>``
(``bench/bench_interactions.py`` counts those that fell inside a burst)."""


def freeze_long_lived_objects() -> None:
    """Collect, freeze what is left (start-up's objects), and set :data:`THRESHOLDS`.

    Runs once the bot is ready, and again after a reload swaps the library
    (``cogs/admin.py``); about 30 ms with a 1,000-file library.
    """
    gc.unfreeze()  # a replaced library goes back to the collector, in case it holds cycles
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)


def log_full_collections(path: str | None = None) -> bool:
    """With a path (default: ``$LUPUS_GC_LOG``), log every full collection there; True if on."""
    target = path or os.environ.get(GC_LOG_ENV)
    if not target:
        return False
    started = [0.0]

    def callback(phase: str, info: dict[str, Any]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            started[0] = time.monotonic()
        else:
            with open(target, "a", encoding="utf-8") as out:
                out.write(f"{started[0]:.6f} {(time.monotonic() - started[0]) * 1000:.3f}\n")

    gc.callbacks.append(callback)
    return True


class IdleCollector:
    """Runs full collections while the process is idle (see the module docstring)."""

    def __init__(
        self,
        *,
        check_seconds: float = CHECK_SECONDS,
        cpu_time: Callable[[], float] = time.process_time,
        counts: Callable[[], tuple[int, int, int]] = gc.get_count,
        collect: Callable[[], object] = gc.collect,
    ) -> None:
        self.check_seconds = check_seconds
        self._cpu_time = cpu_time
        self._counts = counts
        self._collect = collect
        self._task: asyncio.Task[None] | None = None
        self._last_cpu = 0.0
        self.collections = 0

    def check(self) -> bool:
        """One look: run a full collection if one is due; True if it ran."""
        cpu = self._cpu_time()
        busy = (cpu - self._last_cpu) / self.check_seconds
        self._last_cpu = cpu
        pending = self._counts()[2]
        if pending >= FORCE_AFTER or (pending >= FULL_AFTER and busy < IDLE_CPU_SHARE):
            self._collect()
            self._last_cpu = self._cpu_time()  # the collection's own CPU is not the bot's load
            self.collections += 1
            return True
        return False

    def start(self) -> None:
        """Start looking every :attr:`check_seconds` (again after a :meth:`stop`); idempotent."""
        if self._task is None or self._task.done():
            self._last_cpu = self._cpu_time()
            self._task = asyncio.get_running_loop().create_task(self._run(), name="idle-gc")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.check_seconds)
            try:
                self.check()
            except Exception:  # pragma: no cover - gc.collect does not raise; never let the loop die
                log.exception("idle garbage collection failed")
