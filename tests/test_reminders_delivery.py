"""Daily reminders are delivered at the person's local time, through restarts, DST and closed DMs.

Real database (a file in tmp_path), the real Scheduler and ReminderDispatcher,
a FakeClock that the tests move forward, and a fake DM sender standing in for
Discord. Time is moved from one armed deadline to the next, letting each
timer's callback finish, so every send is observed at the instant it happened.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.delivery import Delivery
from bot.reminders.dispatcher import (
    DM_BLOCKED_NOTICE,
    KEY_PREFIX,
    RETRY_SECONDS,
    ReminderDispatcher,
)
from bot.reminders.service import PAUSED_DM_BLOCKED, ReminderService
from bot.scheduler import Scheduler
from bot.storage.db import Database
from bot.storage.prefs import PrefsRepo
from bot.storage.reminders import Reminder, ReminderRepo
from tests.fakeclock import FakeClock

NEW_YORK = ZoneInfo("America/New_York")


def reminder_key(user_id: int) -> str:
    """The person's one timer in the scheduler."""
    return f"{KEY_PREFIX}{user_id}"


ALICE = 111_111_111_111_111_111
BOB = 222_222_222_222_222_222


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local(instant: datetime) -> datetime:
    return instant.astimezone(NEW_YORK)


@dataclass
class FakeSender:
    """Stands in for Discord: records each DM, answers with a scripted outcome."""

    clock: FakeClock
    outcomes: dict[int, list[Delivery]] = field(default_factory=dict)
    sent: list[tuple[int, datetime]] = field(default_factory=list)
    attempts: list[tuple[int, datetime]] = field(default_factory=list)

    async def __call__(self, reminder: Reminder, nonce: str) -> Delivery:
        at = datetime.fromtimestamp(self.clock.now(), UTC)
        self.attempts.append((reminder.user_id, at))
        script = self.outcomes.get(reminder.user_id)
        outcome = script.pop(0) if script else Delivery.SENT
        if outcome is Delivery.SENT:
            self.sent.append((reminder.user_id, at))
        return outcome

    def times(self, user_id: int = ALICE) -> list[datetime]:
        return [at for who, at in self.sent if who == user_id]


@dataclass
class Bot:
    """One 'process': a scheduler and a dispatcher on the shared database and clock."""

    clock: FakeClock
    db: Database
    sender: FakeSender
    scheduler: Scheduler = field(init=False)
    dispatcher: ReminderDispatcher = field(init=False)

    def __post_init__(self) -> None:
        self.scheduler = Scheduler(self.clock)
        self.dispatcher = ReminderDispatcher(
            ReminderService(ReminderRepo(self.db)),
            PrefsRepo(self.db),
            self.scheduler,
            self.clock,
            sender=self.sender,
        )

    async def start(self) -> Bot:
        self.scheduler.start()
        await self.dispatcher.rearm()
        await self.scheduler.wait_idle()
        return self

    async def stop(self) -> None:
        await self.scheduler.stop()

    async def restart(self) -> Bot:
        """A new process on the same database (the old one is already stopped)."""
        return await Bot(self.clock, self.db, self.sender).start()

    def next_deadline(self, users: Iterable[int]) -> float | None:
        deadlines = [w for u in users if (w := self.scheduler.when(reminder_key(u))) is not None]
        return min(deadlines, default=None)

    async def run_until(self, target: datetime, users: Iterable[int] = (ALICE, BOB)) -> None:
        """Move time to ``target``, stopping at every armed reminder deadline on the way."""
        users = tuple(users)
        end = target.timestamp()
        while (when := self.next_deadline(users)) is not None and when <= end:
            await self.clock.advance_to(max(when, self.clock.now()))
            await self.scheduler.wait_idle()
        await self.clock.advance_to(end)
        await self.scheduler.wait_idle()


async def boot(db: Database, at: datetime) -> Bot:
    clock = FakeClock(at.timestamp())
    return await Bot(clock, db, FakeSender(clock)).start()


# ---------------------------------------------------------------------------- local time and DST


async def test_the_reminder_keeps_its_local_time_when_clocks_spring_forward(db: Database) -> None:
    bot = await boot(db, utc(2026, 3, 6, 12, 0))  # Friday 07:00 in New York (EST, UTC-5)
    await bot.dispatcher.set(ALICE, time(7, 30), "America/New_York", None)
    await bot.run_until(utc(2026, 3, 10, 0, 0))
    sent = bot.sender.times()
    assert sent == [
        utc(2026, 3, 6, 12, 30),
        utc(2026, 3, 7, 12, 30),
        utc(2026, 3, 8, 11, 30),  # daylight saving began at 02:00 that morning: now UTC-4
        utc(2026, 3, 9, 11, 30),
    ]
    assert {local(s).strftime("%H:%M") for s in sent} == {"07:30"}
    await bot.stop()


async def test_the_reminder_keeps_its_local_time_when_clocks_fall_back(db: Database) -> None:
    bot = await boot(db, utc(2026, 10, 30, 12, 0))
    await bot.dispatcher.set(ALICE, time(7, 30), "America/New_York", None)
    await bot.run_until(utc(2026, 11, 3, 0, 0))
    assert bot.sender.times() == [
        utc(2026, 10, 31, 11, 30),
        utc(2026, 11, 1, 12, 30),  # standard time again: UTC-5
        utc(2026, 11, 2, 12, 30),
    ]
    await bot.stop()


async def test_a_time_in_the_repeated_hour_fires_once_and_a_time_in_the_gap_still_fires(
    db: Database,
) -> None:
    bot = await boot(db, utc(2026, 3, 7, 12, 0))
    await bot.dispatcher.set(ALICE, time(2, 30), "America/New_York", None)  # does not exist on Mar 8
    await bot.run_until(utc(2026, 3, 9, 12, 0))
    assert bot.sender.times() == [
        utc(2026, 3, 8, 7, 0),  # 03:00 EDT, the first minute after the gap
        utc(2026, 3, 9, 6, 30),  # 02:30 EDT
    ]
    await bot.stop()

    bot = await boot(db, utc(2026, 10, 31, 12, 0))
    await bot.dispatcher.set(BOB, time(1, 30), "America/New_York", None)  # happens twice on Nov 1
    await bot.run_until(utc(2026, 11, 2, 12, 0))
    assert bot.sender.times(BOB) == [
        utc(2026, 11, 1, 5, 30),  # the first 01:30 (EDT); not again at 06:30 UTC (01:30 EST)
        utc(2026, 11, 2, 6, 30),
    ]
    await bot.stop()


async def test_a_restart_in_between_re_arms_from_the_database_across_the_change(db: Database) -> None:
    bot = await boot(db, utc(2026, 3, 6, 12, 0))
    await bot.dispatcher.set(ALICE, time(7, 30), "America/New_York", None)
    await bot.run_until(utc(2026, 3, 7, 18, 0))
    assert bot.sender.times() == [utc(2026, 3, 6, 12, 30), utc(2026, 3, 7, 12, 30)]
    await bot.stop()
    # Down overnight, through the 02:00 spring-forward; back up before the reminder is due.
    await bot.clock.advance_to(utc(2026, 3, 8, 10, 0).timestamp())
    bot = await bot.restart()
    assert reminder_key(ALICE) in bot.scheduler
    assert bot.scheduler.when(reminder_key(ALICE)) == utc(2026, 3, 8, 11, 30).timestamp()
    await bot.run_until(utc(2026, 3, 9, 18, 0))
    assert bot.sender.times()[2:] == [utc(2026, 3, 8, 11, 30), utc(2026, 3, 9, 11, 30)]
    await bot.stop()


# ------------------------------------------------------------------------------ missed reminders


async def test_a_reminder_missed_by_less_than_an_hour_is_sent_once_at_start_up(db: Database) -> None:
    bot = await boot(db, utc(2026, 5, 1, 9, 0))
    await bot.dispatcher.set(ALICE, time(7, 30), "America/New_York", None)  # due 11:30 UTC
    await bot.stop()
    await bot.clock.advance_to(utc(2026, 5, 1, 12, 29).timestamp())  # 59 minutes late
    bot = await bot.restart()
    assert bot.sender.times() == [utc(2026, 5, 1, 12, 29)]
    await bot.run_until(utc(2026, 5, 2, 12, 0))
    assert bot.sender.times() == [utc(2026, 5, 1, 12, 29), utc(2026, 5, 2, 11, 30)]
    # Restarting again right away sends nothing more: the send was recorded.
    await bot.stop()
    bot = await bot.restart()
    assert len(bot.sender.sent) == 2
    await bot.stop()


async def test_a_reminder_missed_by_an_hour_or_more_is_skipped_until_the_next_day(db: Database) -> None:
    bot = await boot(db, utc(2026, 5, 1, 9, 0))
    await bot.dispatcher.set(ALICE, time(7, 30), "America/New_York", None)
    await bot.stop()
    await bot.clock.advance_to(utc(2026, 5, 1, 12, 30).timestamp())  # exactly an hour late
    bot = await bot.restart()
    assert bot.sender.attempts == []
    stored = await ReminderRepo(db).get(ALICE)
    assert stored is not None and stored.last_sent_at is None
    assert stored.next_fire_at == utc(2026, 5, 2, 11, 30)
    await bot.run_until(utc(2026, 5, 2, 12, 0))
    assert bot.sender.times() == [utc(2026, 5, 2, 11, 30)]
    await bot.stop()


async def test_a_passing_failure_is_retried_and_the_hour_rule_still_applies(db: Database) -> None:
    bot = await boot(db, utc(2026, 5, 1, 9, 0))
    bot.sender.outcomes[ALICE] = [Delivery.FAILED, Delivery.FAILED]  # then it works
    bot.sender.outcomes[BOB] = [Delivery.FAILED] * 100  # Discord is down for Bob all day
    await bot.dispatcher.set(ALICE, time(7, 30), "America/New_York", None)
    await bot.dispatcher.set(BOB, time(7, 30), "America/New_York", None)
    await bot.run_until(utc(2026, 5, 1, 14, 0))
    assert bot.sender.times(ALICE) == [utc(2026, 5, 1, 11, 30) + timedelta(seconds=2 * RETRY_SECONDS)]
    bob_tries = [at for who, at in bot.sender.attempts if who == BOB]
    assert bob_tries[-1] < utc(2026, 5, 1, 12, 30)  # stopped trying once an hour late
    bob = await ReminderRepo(db).get(BOB)
    assert bob is not None and not bob.paused and bob.next_fire_at == utc(2026, 5, 2, 11, 30)
    await bot.stop()


async def test_a_sender_that_crashes_does_not_lose_the_reminder(db: Database) -> None:
    bot = await boot(db, utc(2026, 5, 1, 9, 0))
    calls = 0

    async def flaky(reminder: Reminder, nonce: str) -> Delivery:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("boom")
        return await bot.sender(reminder, nonce)

    bot.dispatcher.sender = flaky
    await bot.dispatcher.set(ALICE, time(7, 30), "America/New_York", None)
    await bot.run_until(utc(2026, 5, 1, 13, 0))
    assert bot.sender.times() == [utc(2026, 5, 1, 11, 30) + timedelta(seconds=RETRY_SECONDS)]
    await bot.stop()


# ---------------------------------------------------------------------------------- closed DMs


async def test_when_dms_are_refused_the_reminder_pauses_and_a_notice_waits(db: Database) -> None:
    bot = await boot(db, utc(2026, 5, 1, 9, 0))
    bot.sender.outcomes[ALICE] = [Delivery.BLOCKED]
    await bot.dispatcher.set(ALICE, time(7, 30), "America/New_York", None)
    await bot.run_until(utc(2026, 5, 4, 0, 0))
    assert bot.sender.attempts == [(ALICE, utc(2026, 5, 1, 11, 30))]  # tried once, not every day
    assert reminder_key(ALICE) not in bot.scheduler
    stored = await ReminderRepo(db).get(ALICE)
    assert stored is not None and stored.paused and stored.paused_reason == PAUSED_DM_BLOCKED
    prefs = PrefsRepo(db)
    assert (await prefs.get(ALICE)).notice_pending == DM_BLOCKED_NOTICE
    # A restart does not bring a paused reminder back.
    await bot.stop()
    bot = await bot.restart()
    assert reminder_key(ALICE) not in bot.scheduler
    # The next time Alice uses the bot she is told, once.
    assert await prefs.take_pending_notice(ALICE) == DM_BLOCKED_NOTICE
    assert await prefs.take_pending_notice(ALICE) is None
    # She opens her DMs and sets the reminder again: it is back on and delivered.
    await bot.dispatcher.set(ALICE, time(7, 30), "America/New_York", None)
    await bot.run_until(utc(2026, 5, 4, 12, 0))
    assert bot.sender.times() == [utc(2026, 5, 4, 11, 30)]
    await bot.stop()


# -------------------------------------------------------------------------- off and forgetting


async def test_turning_off_or_forgetting_a_person_cancels_their_timer(db: Database) -> None:
    bot = await boot(db, utc(2026, 5, 1, 9, 0))
    await bot.dispatcher.set(ALICE, time(7, 30), "America/New_York", None)
    await bot.dispatcher.set(BOB, time(7, 30), "America/New_York", None)
    assert await bot.dispatcher.off(ALICE)
    assert not await bot.dispatcher.off(ALICE)
    await bot.dispatcher.forget_user(BOB)
    assert reminder_key(ALICE) not in bot.scheduler and reminder_key(BOB) not in bot.scheduler
    await bot.clock.advance_to(utc(2026, 5, 3, 0, 0).timestamp())
    await bot.scheduler.wait_idle()
    assert bot.sender.attempts == []
    assert await ReminderRepo(db).get(ALICE) is None
    await bot.stop()


async def test_changing_the_time_re_arms_the_one_timer(db: Database) -> None:
    bot = await boot(db, utc(2026, 5, 1, 9, 0))
    await bot.dispatcher.set(ALICE, time(7, 30), "America/New_York", None)
    await bot.dispatcher.set(ALICE, time(20, 0), "Europe/London", "chair-bad-day")
    assert len(bot.scheduler) == 1
    await bot.run_until(utc(2026, 5, 2, 12, 0))
    assert bot.sender.times() == [utc(2026, 5, 1, 19, 0)]  # 20:00 BST
    await bot.stop()
