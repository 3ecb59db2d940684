"""Two bot processes (shards) on one database both re-arm a routine's timer at start-up: each
timer is applied exactly once, by one of them, and shown on the card once; the other finds
nothing due when it re-reads the row, waits for the next deadline, and logs nothing.

Each "process" is its own database connection (pool), scheduler and service on one database,
SQLite file or PostgreSQL, sharing a FakeClock, so both timers fire at the same instant, as they
would in production.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.routines.service import TIMER_PREFIX, CardLocation, RoutineService, SessionRecord
from bot.routines.session import Phase, RoutineSession, RoutineSnapshot
from bot.scheduler import Scheduler
from bot.storage.database import Database
from bot.storage.db import SqliteDatabase
from bot.storage.postgres import PostgresDatabase
from tests.fakeclock import FakeClock
from tests.pg_cluster import create_database, drop_database

Opener = Callable[[], Awaitable[Database]]
"""Opens one more connection to the test's one database (what each process does)."""

T0 = 1_700_000_000.0
ALICE = 111_111_111_111_111_111
ROUTINE = RoutineSnapshot.from_mapping(
    {
        "id": "two-steps",
        "title": "Two steps",
        "steps": [
            {"id": "tilt", "title": "Pelvic tilt", "hold_seconds": 5, "reps": 2, "rest_seconds": 3},
            {"id": "knee", "title": "Knee to chest", "hold_seconds": 4, "reps": 1, "sides": "both"},
        ],
    }
)


@dataclass
class Process:
    """What one bot process holds: its connection, scheduler and routine service; its card edits."""

    db: Database
    scheduler: Scheduler
    service: RoutineService
    shown: list[SessionRecord] = field(default_factory=list)
    lost: int = 0
    """Timer writes refused because the other process had written first."""

    @classmethod
    async def start(cls, open_db: Opener, clock: FakeClock) -> Process:
        db = await open_db()
        scheduler = Scheduler(clock)
        process = cls(db, scheduler, RoutineService(db, scheduler, clock))
        worker = process.service.timers
        worker.card_editor = process.edit
        write = worker._write

        async def counted(
            record: SessionRecord, new: RoutineSession, where: CardLocation
        ) -> SessionRecord | None:
            stored = await write(record, new, where)
            process.lost += stored is None
            return stored

        worker._write = counted
        scheduler.start()
        return process

    async def edit(self, record: SessionRecord) -> bool:
        self.shown.append(record)
        return True

    async def stop(self) -> None:
        await self.scheduler.stop()
        await self.service.close()
        await self.db.close()


@pytest.fixture
async def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
async def open_db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[Opener]:
    """Connections to one fresh database on each backend."""
    if backend == "sqlite":

        async def sqlite() -> Database:
            return await SqliteDatabase.open(tmp_path / "bot.sqlite3")

        yield sqlite
        return
    admin_url = request.getfixturevalue("postgres_url")
    url = await create_database(admin_url)

    async def postgres() -> Database:
        return await PostgresDatabase.open(url, pool_max=4)

    try:
        yield postgres
    finally:
        await drop_database(admin_url, url)


@pytest.fixture
async def started() -> AsyncIterator[list[Process]]:
    processes: list[Process] = []
    yield processes
    for process in processes:
        await process.stop()


async def pass_time(clock: FakeClock, processes: list[Process], seconds: float) -> None:
    target = clock.now() + seconds
    while clock.now() < target:
        await clock.advance(min(0.5, target - clock.now()))
        for process in processes:
            await process.scheduler.wait_idle()
            await process.service.settle()


async def a_routine_over_restarts(
    open_db: Opener, clock: FakeClock, started: list[Process], how_many: int, *, dm: bool = False
) -> tuple[SessionRecord, list[Process]]:
    """One process starts a routine and stops; ``how_many`` processes start on its database."""
    first = await Process.start(open_db, clock)
    location = CardLocation.for_interaction("tok", clock.now(), channel_id=5, message_id=6, is_dm=dm)
    record = await first.service.begin(ALICE, ROUTINE, location=location)
    await first.stop()
    processes = [await Process.start(open_db, clock) for _ in range(how_many)]
    started.extend(processes)
    return record, processes


async def test_two_processes_apply_each_timer_once_and_the_loser_is_silent(
    open_db: Opener, clock: FakeClock, started: list[Process], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    record, (zero, one) = await a_routine_over_restarts(open_db, clock, started, 2)
    assert [await p.service.rearm() for p in (zero, one)] == [1, 1]  # both armed it
    key = TIMER_PREFIX + record.id
    assert zero.scheduler.when(key) == one.scheduler.when(key) == T0 + 5

    await pass_time(clock, [zero, one], 40)

    assert zero.lost + one.lost > 0, "both processes raced for the timers"
    shown = zero.shown + one.shown
    versions = [r.row_version for r in shown]
    assert len(versions) == len(set(versions)), "a timer step was shown twice"
    stored = await zero.service.get(record.id)
    assert stored is not None and stored.session.phase is Phase.DONE
    assert shown and max(versions) == stored.row_version  # the last card shows the end
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text

    # The same routine with one process (the first one has ended): the same cards, the same end.
    for process in (zero, one):
        await process.stop()
    started.clear()
    alone_record, (alone,) = await a_routine_over_restarts(open_db, clock, started, 1)
    await alone.service.rearm()
    await pass_time(clock, [alone], 40)
    alone_stored = await alone.service.get(alone_record.id)
    assert alone_stored is not None and alone_stored.session.phase is Phase.DONE
    assert [r.session.position for r in sorted(shown, key=lambda r: r.row_version)] == [
        r.session.position for r in alone.shown
    ]


async def test_only_the_process_serving_dms_rearms_a_dm_card(
    open_db: Opener, clock: FakeClock, started: list[Process]
) -> None:
    record, (zero, one) = await a_routine_over_restarts(open_db, clock, started, 2, dm=True)
    assert await zero.service.rearm(dm_sessions=True) == 1
    assert await one.service.rearm(dm_sessions=False) == 0
    assert TIMER_PREFIX + record.id not in one.scheduler
    await pass_time(clock, [zero, one], 40)
    assert one.shown == [] and zero.shown
