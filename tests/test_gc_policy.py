"""The garbage-collector policy: thresholds after freezing, full collections only when idle."""

from __future__ import annotations

import gc
import os
from pathlib import Path

from bot.gc_policy import (
    FORCE_AFTER,
    FULL_AFTER,
    THRESHOLDS,
    IdleCollector,
    freeze_long_lived_objects,
    log_full_collections,
)


def test_freezing_sets_the_thresholds() -> None:
    before = gc.get_threshold()
    try:
        freeze_long_lived_objects()
        assert gc.get_threshold() == THRESHOLDS
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


class Fake:
    def __init__(self) -> None:
        self.cpu = 0.0
        self.pending = 0
        self.collected = 0

    def collect(self) -> int:
        self.collected += 1
        self.pending = 0
        return 0

    def collector(self) -> IdleCollector:
        return IdleCollector(
            check_seconds=1.0,
            cpu_time=lambda: self.cpu,
            counts=lambda: (0, 0, self.pending),
            collect=self.collect,
        )


def test_collects_when_idle_and_due() -> None:
    fake = Fake()
    idle = fake.collector()
    fake.pending = FULL_AFTER - 1
    assert not idle.check()  # idle, but not due
    fake.pending = FULL_AFTER
    assert idle.check() and fake.collected == 1


def test_waits_while_busy_until_forced() -> None:
    fake = Fake()
    idle = fake.collector()
    fake.pending = FULL_AFTER
    fake.cpu += 0.5  # half a core over the last second
    assert not idle.check()
    fake.cpu += 0.5
    fake.pending = FORCE_AFTER
    assert idle.check() and fake.collected == 1


async def test_start_and_stop() -> None:
    idle = IdleCollector(check_seconds=3600)
    idle.start()
    idle.start()  # idempotent
    await idle.stop()
    await idle.stop()


def test_full_collections_are_logged_when_asked(tmp_path: Path) -> None:
    log = tmp_path / "gc.log"
    before = list(gc.callbacks)
    try:
        assert not log_full_collections(None) or "LUPUS_GC_LOG" in os.environ
        assert log_full_collections(str(log))
        gc.collect(1)  # not a full one
        assert not log.exists()
        gc.collect()
        [line] = log.read_text().splitlines()
        start, ms = (float(x) for x in line.split())
        assert start > 0 and ms >= 0
    finally:
        gc.callbacks[:] = before
