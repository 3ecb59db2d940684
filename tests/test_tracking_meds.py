"""Medicine reminders on the one Scheduler: on time in local time, once per dose, through restarts.

Real database, real Scheduler and MedService, a FakeClock the tests move, and a
fake DM sender standing in for Discord.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from bot.delivery import CLAIM_LEASE_SECONDS, Delivery
from bot.scheduler import Scheduler
from bot.storage.db import Database
from bot.storage.meds import Medicine, MedicineRepo, MedReminder
from bot.storage.reminders import ReminderRepo
from bot.storage.tracking import TrackingRepo
from bot.tracking.meds import MedService, parse_times
from bot.tracking.service import TrackingService
from tests.fakeclock import FakeClock

ALICE = 111_111_111_111_111_111


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@dataclass
class FakeSender:
    clock: FakeClock
    outcomes: list[Delivery] = field(default_factory=list)
    sent: list[tuple[str, datetime, datetime]] = field(default_factory=list)
    nonces: list[str] = field(default_factory=list)
    hang: bool = False
    """Accept the DM, then never return: the process dies before it can record the send."""

    async def __call__(self, row: MedReminder, medicine: Medicine, nonce: str) -> Delivery:
        self.nonces.append(nonce)
        if self.hang:
            await asyncio.Event().wait()
        outcome = self.outcomes.pop(0) if self.outcomes else Delivery.SENT
        if outcome is Delivery.SENT:
            self.sent.append((medicine.name, row.due_at, datetime.fromtimestamp(self.clock.now(), UTC)))
        return outcome


@dataclass
class Process:
    clock: FakeClock
    db: Database
    sender: FakeSender
    scheduler: Scheduler = field(init=False)
    meds: MedService = field(init=False)

    def __post_init__(self) -> None:
        self.scheduler = Scheduler(self.clock)
        tracking = TrackingService(TrackingRepo(self.db), ReminderRepo(self.db))
        self.meds = MedService(
            MedicineRepo(self.db), tracking, self.scheduler, self.clock, sender=self.sender
        )

    async def start(self) -> Process:
        self.scheduler.start()
        await self.meds.rearm()
        await self.scheduler.wait_idle()
        return self

    async def run_until(self, target: datetime) -> None:
        end = target.timestamp()
        while (when := await self._next()) is not None and when <= end:
            await self.clock.advance_to(max(when, self.clock.now()))
            await self.scheduler.wait_idle()
        await self.clock.advance_to(end)
        await self.scheduler.wait_idle()

    async def _next(self) -> float | None:
        """The earliest armed medicine timer (one key per pending row)."""
        keys = [f"med:{r.id}" for r in await self.meds.repo.pending()]
        return min((w for k in keys if (w := self.scheduler.when(k)) is not None), default=None)


async def boot(db: Database, at: datetime, tz: str = "America/New_York") -> Process:
    clock = FakeClock(at.timestamp())
    process = await Process(clock, db, FakeSender(clock)).start()
    await TrackingRepo(db).set_setting(ALICE, "timezone", tz, now=at)
    return process


def test_times_are_read_kindly() -> None:
    assert parse_times("8am, 8pm") == ("08:00", "20:00")
    assert parse_times("20:00 8:00") == ("08:00", "20:00")
    with pytest.raises(ValueError):
        parse_times("whenever")


async def test_each_dose_is_sent_once_at_local_time(db: Database) -> None:
    p = await boot(db, utc(2026, 6, 1, 10, 0))  # 06:00 in New York (EDT)
    await p.meds.add(ALICE, "hydroxychloroquine", "1 tablet", ("08:00", "20:00"))
    await p.run_until(utc(2026, 6, 3, 10, 0))
    assert [(due, at) for _, due, at in p.sender.sent] == [
        (utc(2026, 6, 1, 12, 0), utc(2026, 6, 1, 12, 0)),
        (utc(2026, 6, 2, 0, 0), utc(2026, 6, 2, 0, 0)),
        (utc(2026, 6, 2, 12, 0), utc(2026, 6, 2, 12, 0)),
        (utc(2026, 6, 3, 0, 0), utc(2026, 6, 3, 0, 0)),
    ]
    assert len(await p.meds.repo.pending()) == 2  # the next morning and evening doses


async def test_a_restart_resends_nothing_and_a_long_outage_skips_rather_than_doubles(db: Database) -> None:
    p = await boot(db, utc(2026, 6, 1, 10, 0))
    await p.meds.add(ALICE, "prednisone", None, ("08:00",))
    await p.run_until(utc(2026, 6, 1, 12, 30))
    assert len(p.sender.sent) == 1
    await p.scheduler.stop()
    # Down for a day and a half: tomorrow's 08:00 dose is 14 hours late when the bot returns.
    await p.clock.advance_to(utc(2026, 6, 2, 22, 0).timestamp())
    second = await Process(p.clock, db, p.sender).start()
    assert len(p.sender.sent) == 1  # late dose skipped, not sent
    [pending] = await second.meds.repo.pending()
    assert pending.due_at == utc(2026, 6, 3, 12, 0)
    third = await Process(p.clock, db, p.sender).start()
    await third.run_until(utc(2026, 6, 3, 12, 5))
    assert len(p.sender.sent) == 2  # two processes armed it; it went out once


async def test_a_process_that_dies_mid_send_is_covered_with_the_same_nonce(db: Database) -> None:
    p = await boot(db, utc(2026, 6, 1, 10, 0))
    p.sender.hang = True
    await p.meds.add(ALICE, "prednisone", None, ("08:00",))
    await p.clock.advance_to(utc(2026, 6, 1, 12, 0).timestamp())
    for _ in range(500):  # the claim and send are a few database round trips away
        if p.sender.nonces:
            break
        await asyncio.sleep(0.01)
    await p.scheduler.stop(grace=0)  # killed mid-send: the claim stays behind
    survivor = await Process(p.clock, db, FakeSender(p.clock)).start()
    await survivor.run_until(utc(2026, 6, 1, 12, 0) + timedelta(seconds=CLAIM_LEASE_SECONDS - 5))
    assert survivor.sender.nonces == []  # the claim still holds
    await survivor.run_until(utc(2026, 6, 1, 12, 0) + timedelta(seconds=CLAIM_LEASE_SECONDS + 5))
    # Sent by the survivor with the nonce of the first attempt, so Discord shows one DM.
    assert survivor.sender.nonces == p.sender.nonces and len(survivor.sender.sent) == 1


async def test_snooze_sends_again_in_thirty_minutes_and_taken_answers_the_dose(db: Database) -> None:
    p = await boot(db, utc(2026, 6, 1, 10, 0))
    medicine = await p.meds.add(ALICE, "methotrexate", None, ("08:00",))
    await p.run_until(utc(2026, 6, 1, 12, 1))
    [row] = [r for r in await p.meds.repo.pending() if r.due_at > utc(2026, 6, 2)]
    found = await db.fetchone(
        "SELECT id FROM medicine_reminders WHERE due_at = ?", (utc(2026, 6, 1, 12).timestamp(),)
    )
    assert found is not None
    first_id = found["id"]
    assert await p.meds.snooze(ALICE + 1, first_id) is None  # not theirs
    when = await p.meds.snooze(ALICE, first_id)
    assert when == utc(2026, 6, 1, 12, 31)
    await p.run_until(utc(2026, 6, 1, 12, 40))
    assert [at for _, _, at in p.sender.sent] == [utc(2026, 6, 1, 12, 0), utc(2026, 6, 1, 12, 31)]
    assert await p.meds.answer(ALICE, first_id, "taken") is not None
    assert await p.meds.answer(ALICE + 1, first_id, "skipped") is None
    [adherence] = (await p.meds.repo.adherence(ALICE, utc(2026, 5, 1))).values()
    assert (adherence.medicine_id, adherence.taken, adherence.skipped) == (medicine.id, 1, 0)
    assert row.due_at == utc(2026, 6, 2, 12, 0)


async def test_a_refused_dm_stops_that_medicines_reminders(db: Database) -> None:
    p = await boot(db, utc(2026, 6, 1, 10, 0))
    p.sender.outcomes = [Delivery.BLOCKED]
    await p.meds.add(ALICE, "belimumab", None, ("08:00",))
    await p.run_until(utc(2026, 6, 3, 12, 0))
    assert p.sender.sent == [] and await p.meds.repo.pending() == []


async def test_a_time_zone_change_moves_the_pending_doses(db: Database) -> None:
    p = await boot(db, utc(2026, 6, 1, 10, 0))
    await p.meds.add(ALICE, "aspirin", None, ("08:00",))
    await TrackingRepo(db).set_setting(ALICE, "timezone", "Europe/London", now=utc(2026, 6, 1, 10))
    await p.meds.replan_user(ALICE)
    [pending] = await p.meds.repo.pending()
    assert pending.due_at == utc(2026, 6, 2, 7, 0)  # 08:00 BST
    assert timedelta(0) < pending.due_at - utc(2026, 6, 1, 10)
