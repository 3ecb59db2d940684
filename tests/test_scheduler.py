"""The one scheduler: driven by a FakeClock, so every test is exact and instant.

One test uses the real clock with tiny delays and checks only order and
completion (never wall-clock thresholds, which flake on busy CI machines).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from bot.clock import Clock, SystemClock
from bot.scheduler import Scheduler
from tests.fakeclock import FakeClock

T0 = 1_700_000_000.0


class Recorder:
    """A callback that writes down (key, time it ran)."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.fired: list[tuple[str, float]] = []

    async def __call__(self, key: str) -> None:
        self.fired.append((key, self.clock.now()))

    @property
    def keys(self) -> list[str]:
        return [k for k, _ in self.fired]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
async def scheduler(clock: FakeClock) -> AsyncIterator[Scheduler]:
    sched = Scheduler(clock)
    sched.start()
    yield sched
    await sched.stop()


@pytest.fixture
def rec(clock: FakeClock) -> Recorder:
    return Recorder(clock)


# --------------------------------------------------------------------------- clocks


def test_both_clocks_satisfy_the_protocol() -> None:
    assert isinstance(SystemClock(), Clock)
    assert isinstance(FakeClock(), Clock)


async def test_fake_clock_wakes_sleepers_in_order_at_their_own_time(clock: FakeClock) -> None:
    woke: list[tuple[str, float]] = []

    async def sleeper(name: str, when: float) -> None:
        await clock.sleep_until(when)
        woke.append((name, clock.now()))

    tasks = [asyncio.create_task(sleeper(n, T0 + d)) for n, d in (("b", 20), ("a", 10), ("c", 30))]
    await clock.advance(25)
    assert woke == [("a", T0 + 10), ("b", T0 + 20)]
    assert clock.now() == T0 + 25 and clock.sleepers == 1
    await clock.advance(5)
    assert woke[-1] == ("c", T0 + 30)
    await asyncio.gather(*tasks)
    assert clock.monotonic() == 30


async def test_fake_clock_sleep_in_the_past_returns_at_once_and_cancel_is_clean(clock: FakeClock) -> None:
    await clock.sleep_until(T0 - 5)
    task = asyncio.create_task(clock.sleep_until(T0 + 10))
    await clock.settle()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await clock.advance(20)  # the cancelled sleeper is skipped, nothing blows up
    assert clock.sleepers == 0
    with pytest.raises(ValueError):
        await clock.advance(-1)


async def test_system_clock_never_wakes_early() -> None:
    clock = SystemClock(max_chunk=0.01)
    target = clock.now() + 0.03
    await clock.sleep_until(target)
    assert clock.now() >= target


# --------------------------------------------------------------------------- firing


async def test_timers_fire_in_deadline_order_each_at_its_time(
    scheduler: Scheduler, clock: FakeClock, rec: Recorder
) -> None:
    for key, delay in [("c", 30), ("a", 10), ("b", 20), ("a2", 10)]:
        scheduler.schedule(key, T0 + delay, rec)
    await clock.advance(60)
    assert rec.fired == [("a", T0 + 10), ("a2", T0 + 10), ("b", T0 + 20), ("c", T0 + 30)]
    assert len(scheduler) == 0


async def test_nothing_fires_before_its_time(scheduler: Scheduler, clock: FakeClock, rec: Recorder) -> None:
    scheduler.schedule("later", T0 + 10, rec)
    await clock.advance(9.999)
    assert rec.fired == []
    assert "later" in scheduler and scheduler.when("later") == T0 + 10
    await clock.advance(0.001)
    assert rec.keys == ["later"]


async def test_an_earlier_timer_wakes_the_sleeping_loop(
    scheduler: Scheduler, clock: FakeClock, rec: Recorder
) -> None:
    scheduler.schedule("far", T0 + 1000, rec)
    await clock.settle()  # the loop is now asleep until T0 + 1000
    scheduler.schedule("near", T0 + 10, rec)
    await clock.advance(10)
    assert rec.fired == [("near", T0 + 10)]
    await clock.advance(990)
    assert rec.keys == ["near", "far"]


async def test_rescheduling_a_key_replaces_its_timer(
    scheduler: Scheduler, clock: FakeClock, rec: Recorder
) -> None:
    scheduler.schedule("session", T0 + 10, rec)
    scheduler.schedule("session", T0 + 20, rec)  # later: the first one is void
    await clock.advance(15)
    assert rec.fired == []
    scheduler.schedule("session", T0 + 17, rec)  # earlier again
    await clock.advance(10)
    assert rec.fired == [("session", T0 + 17)]
    assert len(scheduler) == 0


async def test_rescheduling_with_a_new_callback_uses_the_new_one(
    scheduler: Scheduler, clock: FakeClock
) -> None:
    old, new = Recorder(clock), Recorder(clock)
    scheduler.schedule("k", T0 + 5, old)
    scheduler.schedule("k", T0 + 5, new)
    await clock.advance(5)
    assert old.fired == [] and new.keys == ["k"]


async def test_cancel_forgets_a_timer(scheduler: Scheduler, clock: FakeClock, rec: Recorder) -> None:
    scheduler.schedule("keep", T0 + 5, rec)
    scheduler.schedule("drop", T0 + 3, rec)
    assert scheduler.cancel("drop") is True
    assert scheduler.cancel("drop") is False
    assert scheduler.cancel("never-there") is False
    await clock.advance(10)
    assert rec.keys == ["keep"]


async def test_a_deadline_in_the_past_fires_at_once(
    scheduler: Scheduler, clock: FakeClock, rec: Recorder
) -> None:
    scheduler.schedule("missed-while-down", T0 - 3600, rec)
    await clock.settle()
    assert rec.fired == [("missed-while-down", T0)]


async def test_timers_armed_before_start_fire_after_start(clock: FakeClock, rec: Recorder) -> None:
    sched = Scheduler(clock)
    sched.schedule("rearmed", T0 + 5, rec)
    sched.start()
    sched.start()  # harmless twice
    try:
        await clock.advance(5)
        assert rec.keys == ["rearmed"]
    finally:
        await sched.stop()


async def test_a_callback_can_schedule_its_own_next_timer(scheduler: Scheduler, clock: FakeClock) -> None:
    times: list[float] = []

    async def every_minute(key: str) -> None:
        times.append(clock.now())
        if len(times) < 5:
            scheduler.schedule(key, clock.now() + 60, every_minute)

    scheduler.schedule("reminder:1", T0 + 60, every_minute)
    await clock.advance(3600)
    assert times == [T0 + 60 * i for i in range(1, 6)]


async def test_a_failing_callback_is_logged_and_others_still_fire(
    scheduler: Scheduler, clock: FakeClock, rec: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(key: str) -> None:
        raise RuntimeError("boom")

    scheduler.schedule("a", T0 + 1, rec)
    scheduler.schedule("bad", T0 + 2, broken)
    scheduler.schedule("c", T0 + 2, rec)
    scheduler.schedule("d", T0 + 3, rec)
    with caplog.at_level(logging.ERROR, logger="bot.scheduler"):
        await clock.advance(5)
    assert rec.keys == ["a", "c", "d"]
    assert scheduler.is_running
    failures = [r.getMessage() for r in caplog.records if r.name == "bot.scheduler"]
    assert failures == ["timer callback failed (key=bad)"]  # logged once, with the key only
    scheduler.schedule("after", T0 + 6, rec)
    await clock.advance(1)
    assert rec.keys[-1] == "after"


async def test_callbacks_run_concurrently_but_bounded(clock: FakeClock) -> None:
    sched = Scheduler(clock, max_concurrency=3)
    sched.start()
    release = asyncio.Event()
    running = 0
    peak = 0
    finished: list[str] = []

    async def slow(key: str) -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await release.wait()
        running -= 1
        finished.append(key)

    try:
        for i in range(10):
            sched.schedule(f"t{i}", T0 + 1, slow)
        await clock.advance(1)
        assert running == 3 and sched.running_callbacks == 3
        release.set()
        await sched.wait_idle()
        assert peak == 3 and sorted(finished) == sorted(f"t{i}" for i in range(10))
    finally:
        await sched.stop()


async def test_a_timer_cancelled_while_waiting_for_a_slot_does_not_fire(clock: FakeClock) -> None:
    sched = Scheduler(clock, max_concurrency=1)
    sched.start()
    release = asyncio.Event()
    fired: list[str] = []

    async def slow(key: str) -> None:
        fired.append(key)
        await release.wait()

    try:
        sched.schedule("first", T0 + 1, slow)
        sched.schedule("second", T0 + 1, slow)
        await clock.advance(1)
        assert fired == ["first"]
        assert sched.cancel("second") is True  # still waiting for a slot
        release.set()
        await sched.wait_idle()
        assert fired == ["first"]
    finally:
        await sched.stop()


async def test_ten_thousand_timers_fire_once_each_in_order(clock: FakeClock) -> None:
    sched = Scheduler(clock, max_concurrency=64)
    counts: dict[str, int] = {}
    order: list[float] = []

    async def tick(key: str) -> None:
        counts[key] = counts.get(key, 0) + 1
        order.append(clock.now())

    rng = random.Random(1234)
    deadlines = {f"routine:{i}": T0 + rng.uniform(0, 3600) for i in range(10_000)}
    for key, when in deadlines.items():
        sched.schedule(key, when, tick)
    # Re-arm a third of them (sessions moving on): lazy deletion must not double-fire.
    for i in range(0, 10_000, 3):
        key = f"routine:{i}"
        deadlines[key] = T0 + rng.uniform(0, 3600)
        sched.schedule(key, deadlines[key], tick)
    assert len(sched) == 10_000
    sched.start()
    try:
        await clock.advance(3600)
        await sched.wait_idle()
    finally:
        await sched.stop()
    assert len(counts) == 10_000 and set(counts.values()) == {1}
    assert order == sorted(deadlines.values())  # each fired exactly at its own (latest) deadline
    assert len(sched) == 0


async def test_heap_is_compacted_when_keys_are_rescheduled_many_times(
    clock: FakeClock, rec: Recorder
) -> None:
    sched = Scheduler(clock, compact_slack=100)
    for i in range(5_000):
        sched.schedule("one-session", T0 + i, rec)
    assert len(sched) == 1
    assert len(sched._heap) <= 2 * len(sched) + 100 + 1  # stale entries do not pile up
    sched.start()
    try:
        await clock.advance(5_000)
        assert rec.fired == [("one-session", T0 + 4_999)]
    finally:
        await sched.stop()


async def test_stop_cancels_the_loop_and_keeps_timers(clock: FakeClock, rec: Recorder) -> None:
    sched = Scheduler(clock)
    sched.start()
    sched.schedule("later", T0 + 10, rec)
    await clock.settle()
    await sched.stop()
    assert not sched.is_running
    await clock.advance(20)
    assert rec.fired == []  # stopped: nothing fires
    assert "later" in sched
    sched.start()
    try:
        await clock.settle()
        assert rec.keys == ["later"]  # overdue after a restart: fires at once
    finally:
        await sched.stop()


async def test_stop_waits_for_running_callbacks_then_cancels_stragglers(clock: FakeClock) -> None:
    sched = Scheduler(clock)
    sched.start()
    states: dict[str, str] = {}

    def make(seconds: float) -> Callable[[str], Awaitable[None]]:
        async def callback(key: str) -> None:
            try:
                await asyncio.sleep(seconds)  # real loop time, not the fake clock
                states[key] = "finished"
            except asyncio.CancelledError:
                states[key] = "cancelled"
                raise

        return callback

    sched.schedule("quick", T0, make(0))
    sched.schedule("stuck", T0, make(3600))
    await clock.settle()
    await sched.stop(grace=0.05)
    assert states == {"quick": "finished", "stuck": "cancelled"}
    assert sched.running_callbacks == 0


def test_schedule_rejects_a_non_finite_time(clock: FakeClock, rec: Recorder) -> None:
    sched = Scheduler(clock)
    with pytest.raises(ValueError):
        sched.schedule("k", float("inf"), rec)
    with pytest.raises(ValueError):
        Scheduler(clock, max_concurrency=0)


async def test_wait_idle_refuses_when_due_timers_cannot_run(clock: FakeClock, rec: Recorder) -> None:
    sched = Scheduler(clock)
    sched.schedule("k", T0, rec)
    with pytest.raises(RuntimeError):
        await sched.wait_idle()


# --------------------------------------------------------------------------- real clock


async def test_with_the_real_clock_timers_fire_in_order() -> None:
    clock = SystemClock()
    sched = Scheduler(clock)
    done = asyncio.Event()
    fired: list[str] = []

    async def record(key: str) -> None:
        fired.append(key)
        if len(fired) == 4:
            done.set()

    now = clock.now()
    sched.start()
    try:
        sched.schedule("third", now + 0.06, record)
        sched.schedule("first", now + 0.02, record)
        sched.schedule("cancelled", now + 0.03, record)
        sched.schedule("second", now + 0.04, record)
        sched.cancel("cancelled")
        await asyncio.sleep(0.005)
        sched.schedule("zeroth", now + 0.01, record)  # earlier than anything: wakes the loop
        await asyncio.wait_for(done.wait(), timeout=10)
    finally:
        await sched.stop()
    assert fired == ["zeroth", "first", "second", "third"]
