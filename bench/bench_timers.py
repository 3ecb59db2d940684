"""10,000 routine sessions with live timers: memory growth and timer lateness.

What is measured: 10,000 people start a routine through the real
:class:`RoutineService` (real SQLite file, real :class:`Scheduler`, the real
:class:`SystemClock`), with auto-advance on. Each routine (three steps with
instructions as long as the shipped content's) starts with a hold of 15–25 s
(like the content's holds, and long enough that all 10,000 are live at once when
the starts are done), then a short hold of 1–3 s, then a movement that waits for
the person. Every timer fires: first hold → short hold, short hold → movement,
each time with the state stored and the card edited: 20,000 firings in about
25 s, roughly the rate 10,000 people mid-routine would cause. The card editor is
a stand-in that succeeds at once (no network), so the figures are the bot's own
cost.

* **Memory**: resident set size sampled every 50 ms, from just before the first
  session starts (database open, modules imported) to the end. The budget is
  on the peak growth, which is when most sessions have a timer armed.
* **Lateness**, two ways:
  - *timer* (the budget): deadline → the new state is stored and the card
    edit is called, which is what a member would notice. Each firing is
    applied at its own deadline, so the stored ``updated_at`` *is* the
    deadline and the lateness is read back from the session itself;
  - *scheduler dispatch* (context): deadline → the scheduler hands the key to
    the routine service, which only queues it for its worker.

Why like this: a sleeping task per session would make both figures look fine at
100 sessions and fall over at 10,000; driving the real service end to end, with
the database in the loop, is the only honest way to see the cost of one timer.
Each firing is one versioned UPDATE on the one SQLite connection (the service
remembers the record it last stored, and the version check catches anything
changed elsewhere), applied by one worker in turn; so the firing *rate* decides
lateness. 10,000 sessions whose timers all fire within the same 1–3 s (about
5,000 firings a second) would measure the database's queue, not the timers, and
no community starts 10,000 routines in the same ten seconds; hence the longer
first hold. The starts are timed and shown, and overlap the first firings a
little on a slow machine, as they would in life.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from bench.common import Figure, Spread, figure, machine, render_table
from bot.clock import Clock, SystemClock, utcnow
from bot.routines.service import CardLocation, RoutineService, SessionRecord
from bot.routines.session import RoutineSnapshot
from bot.scheduler import Scheduler, TimerCallback
from bot.storage.db import Database
from bot.storage.prefs import PrefsRepo

SESSIONS = 10_000
FIRST_HOLDS = range(15, 26)
SHORT_HOLDS = (1, 2, 3)
INSTRUCTIONS = (
    "Sit tall near the front of the chair with your feet flat and hip-width apart. Rest your hands on "
    "your thighs. Breathe in slowly through your nose, and as you breathe out let your shoulders drop "
    "away from your ears. Move only as far as feels comfortable: a gentle pull is fine, pain is not. "
    "If anything hurts, stop and press It hurts."
)


def snapshot(first: int, short: int) -> RoutineSnapshot:
    return RoutineSnapshot.from_mapping(
        {
            "id": f"bench-{first}-{short}",
            "title": f"Bench routine ({first} s, then {short} s)",
            "steps": [
                {
                    "id": "settle",
                    "title": "Settle and breathe",
                    "instructions": INSTRUCTIONS,
                    "hold_seconds": first,
                    "reps": 1,
                    "sides": "none",
                    "rest_seconds": 0,
                },
                {
                    "id": "stretch",
                    "title": "Side stretch",
                    "instructions": INSTRUCTIONS,
                    "hold_seconds": short,
                    "reps": 1,
                    "sides": "none",
                    "rest_seconds": 0,
                },
                {
                    "id": "shrugs",
                    "title": "Shoulder shrugs",
                    "instructions": INSTRUCTIONS,
                    "hold_seconds": 0,
                    "reps": 5,
                    "sides": "none",
                    "rest_seconds": 0,
                },
            ],
        }
    )


@dataclass
class Result:
    sessions: int
    start_seconds: float
    run_seconds: float
    rss_before_mb: float
    rss_peak_mb: float
    rss_end_mb: float
    armed_peak: int
    fired: int
    failed: int
    scheduler_ms: list[float] = field(default_factory=list)
    card_ms: list[float] = field(default_factory=list)

    def figures(self) -> list[Figure]:
        sched = Spread.of(self.scheduler_ms)
        card = Spread.of(self.card_ms)
        return [
            figure(
                "sessions started",
                self.sessions,
                "count",
                note=f"in {self.start_seconds:.1f} s; every timer fired after {self.run_seconds:.1f} s",
            ),
            figure("timers armed at once (peak)", self.armed_peak, "count"),
            figure("timer firings", self.fired, "count", note=f"{self.failed} callbacks failed"),
            figure("cards updated by timers", len(self.card_ms), "count"),
            figure("RSS before", self.rss_before_mb, "MB"),
            figure("RSS growth at peak", self.rss_peak_mb - self.rss_before_mb, "MB", "sessions_extra_mb"),
            figure("RSS growth at end", self.rss_end_mb - self.rss_before_mb, "MB"),
            figure("timer lateness p50", card.p50, "ms"),
            figure(
                "timer lateness p99",
                card.p99,
                "ms",
                "timer_lateness_p99_ms",
                note="deadline → state stored and card edit called, database included",
            ),
            figure("timer lateness max", card.max, "ms"),
            figure("scheduler dispatch lateness p99", sched.p99, "ms"),
        ]


class MeasuredScheduler(Scheduler):
    """The bot's scheduler, with the dispatch-lateness probe the benchmark needs kept out of ``bot/``.

    Lateness is ``now - max(when, armed at)`` as the callback starts: how long a timer that
    *could* have fired waited. A deadline already past when it was armed (re-armed after
    downtime) is not the scheduler's lateness. One shared wrapper and a tuple per armed timer,
    so the probe adds about what the old in-scheduler counters did to the memory figure.
    """

    def __init__(self, clock: Clock) -> None:
        super().__init__(clock)
        self._probe_clock = clock
        self._probe_timers: dict[str, tuple[float, float, TimerCallback]] = {}
        self.lateness: list[float] = []
        self.failed = 0

    def schedule(self, key: str, when: float, callback: TimerCallback) -> None:
        self._probe_timers[key] = (when, self._probe_clock.now(), callback)
        super().schedule(key, when, self._measured)

    def cancel(self, key: str) -> bool:
        self._probe_timers.pop(key, None)
        return super().cancel(key)

    async def _measured(self, key: str) -> None:
        when, armed_at, callback = self._probe_timers.pop(key)
        self.lateness.append(max(0.0, self._probe_clock.now() - max(when, armed_at)))
        try:
            await callback(key)
        except Exception:
            self.failed += 1
            raise


class MemorySampler:
    """Samples this process's RSS in the background and keeps the peak."""

    def __init__(self, interval: float = 0.05) -> None:
        self._process = psutil.Process(os.getpid())
        self._interval = interval
        self.peak = self.now()
        self._task: asyncio.Task[None] | None = None

    def now(self) -> float:
        return float(self._process.memory_info().rss) / 1e6

    async def _run(self) -> None:
        while True:
            self.peak = max(self.peak, self.now())
            await asyncio.sleep(self._interval)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self.peak = max(self.peak, self.now())


async def measure(
    sessions: int = SESSIONS, *, seed: int = 1, progress: Callable[[str], None] = lambda _: None
) -> Result:
    rng = random.Random(seed)
    clock = SystemClock()
    snapshots = [snapshot(first, short) for first in FIRST_HOLDS for short in SHORT_HOLDS]
    with tempfile.TemporaryDirectory(prefix="lupus-bench-timers-") as tmp:
        db = await Database.open(Path(tmp) / "bot.sqlite3")
        scheduler = MeasuredScheduler(clock)
        card_ms: list[float] = []
        waiting = 0  # sessions that reached the last step, a movement with no timer
        all_done = asyncio.Event()

        async def edit_card(record: SessionRecord) -> bool:
            nonlocal waiting
            # Each firing is applied at its own deadline, so updated_at *is* the deadline.
            card_ms.append((clock.now() - record.session.updated_at) * 1000)
            if record.session.step_index == 2:
                waiting += 1
                if waiting == sessions:
                    all_done.set()
            return True

        service = RoutineService(db, scheduler, clock, card_editor=edit_card)
        prefs = PrefsRepo(db)
        progress(f"turning auto-advance on for {sessions:,} people…")
        async with db.transaction():
            for user_id in range(1, sessions + 1):
                await prefs.set_auto_advance(user_id, True, now=utcnow(clock))
        far = clock.now() + 3600  # a token that stays valid for the whole run
        location = CardLocation(interaction_token="bench", token_expires_at=far)

        gc.collect()
        memory = MemorySampler()
        rss_before = memory.now()
        memory.start()
        scheduler.start()
        armed_peak = 0
        progress(f"starting {sessions:,} routines…")
        started = time.perf_counter()
        for user_id in range(1, sessions + 1):
            # One after another, as presses arrive: a burst of concurrent starts only queues on the
            # one database connection and measures that queue.
            await service.begin(user_id, rng.choice(snapshots), location=location)
        armed_peak = len(scheduler)
        start_seconds = time.perf_counter() - started
        progress(f"started in {start_seconds:.1f} s; waiting for their timers to fire…")
        try:
            await asyncio.wait_for(all_done.wait(), timeout=120)
        except TimeoutError:
            progress(f"only {waiting:,} of {sessions:,} routines got to their last step in time")
        run_seconds = time.perf_counter() - started
        await scheduler.wait_idle()
        await service.settle()
        await memory.stop()
        rss_end = memory.now()
        await scheduler.stop()
        await service.close()
        await db.close()
    return Result(
        sessions=sessions,
        start_seconds=start_seconds,
        run_seconds=run_seconds,
        rss_before_mb=rss_before,
        rss_peak_mb=memory.peak,
        rss_end_mb=rss_end,
        armed_peak=armed_peak,
        fired=len(scheduler.lateness),
        failed=scheduler.failed,
        scheduler_ms=[s * 1000 for s in scheduler.lateness],
        card_ms=card_ms,
    )


async def run(progress: Callable[[str], None] = lambda _: None) -> list[Figure]:
    """The figures ``python -m bench`` prints."""
    return (await measure(progress=progress)).figures()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_timers", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=SESSIONS)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    def say(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    result = asyncio.run(measure(args.sessions, seed=args.seed, progress=say))
    print(machine())
    print(render_table(result.figures()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
