"""Several processes on one database send each daily reminder exactly once, even when one dies mid-send.

Each "process" is its own Scheduler and ReminderDispatcher on the shared database and clock, as
two bot processes on one PostgreSQL would be (the ``db`` fixture runs these on every backend).
``FakeDiscord`` plays Discord's side of ``enforce_nonce``: a send whose nonce it has already
accepted returns that message and creates nothing.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

import pytest

from bot.delivery import CLAIM_LEASE_SECONDS, Delivery
from bot.reminders.dispatcher import ReminderDispatcher
from bot.reminders.service import ReminderService
from bot.scheduler import Scheduler
from bot.storage.db import Database
from bot.storage.prefs import PrefsRepo
from bot.storage.reminders import Reminder, ReminderRepo
from tests.fakeclock import FakeClock

ALICE = 111_111_111_111_111_111
TABLES = {"reminder:": "reminders", "checkin:": "checkin_reminders"}


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@dataclass
class FakeDiscord:
    """Discord's DM endpoint: counts created messages, honours enforced nonces."""

    created: list[tuple[int, str]] = field(default_factory=list)
    attempts: list[tuple[str, int, str]] = field(default_factory=list)

    def accept(self, process: str, user_id: int, nonce: str) -> None:
        self.attempts.append((process, user_id, nonce))
        if (user_id, nonce) not in self.created:
            self.created.append((user_id, nonce))


@dataclass
class Process:
    name: str
    clock: FakeClock
    db: Database
    discord: FakeDiscord
    prefix: str
    dies_mid_send: bool = False
    scheduler: Scheduler = field(init=False)
    dispatcher: ReminderDispatcher = field(init=False)

    def __post_init__(self) -> None:
        self.scheduler = Scheduler(self.clock)
        repo = ReminderRepo(self.db, table=TABLES[self.prefix])
        self.dispatcher = ReminderDispatcher(
            ReminderService(repo), PrefsRepo(self.db), self.scheduler, self.clock, key_prefix=self.prefix
        )
        self.dispatcher.sender = self.send

    async def send(self, reminder: Reminder, nonce: str) -> Delivery:
        # Discord accepts the DM before the process learns of it; a process that dies here has
        # sent the DM but not recorded it.
        self.discord.accept(self.name, reminder.user_id, nonce)
        if self.dies_mid_send:
            await asyncio.Event().wait()  # killed before it can record the send
        return Delivery.SENT

    async def start(self) -> Process:
        self.scheduler.start()
        await self.dispatcher.rearm()
        return self

    async def kill(self) -> None:
        await self.scheduler.stop(grace=0)


async def run(clock: FakeClock, processes: list[Process], until: datetime) -> None:
    """Move time to ``until``, stopping at each armed deadline of any process on the way."""
    end = until.timestamp()
    while True:
        for p in processes:
            await p.scheduler.wait_idle()
        deadlines = [w for p in processes if (w := p.scheduler.when(f"{p.prefix}{ALICE}")) is not None]
        when = min(deadlines, default=None)
        if when is None or when > end:
            break
        await clock.advance_to(max(when, clock.now()))
    await clock.advance_to(end)
    for p in processes:
        await p.scheduler.wait_idle()


@pytest.fixture(params=sorted(TABLES))
def prefix(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def test_two_processes_armed_for_the_same_reminder_send_it_once(db: Database, prefix: str) -> None:
    clock = FakeClock(utc(2026, 5, 1, 9, 0).timestamp())
    discord = FakeDiscord()
    first = await Process("a", clock, db, discord, prefix).start()
    await first.dispatcher.set(ALICE, time(7, 30), "America/New_York", None)
    second = await Process("b", clock, db, discord, prefix).start()  # re-arms the same row
    await run(clock, [first, second], utc(2026, 5, 3, 12, 0))

    # Three days, three DMs, each from exactly one process, never a second attempt.
    assert len(discord.created) == 3 and len(discord.attempts) == 3
    stored = await ReminderRepo(db, table=TABLES[prefix]).get(ALICE)
    assert stored is not None and stored.next_fire_at == utc(2026, 5, 4, 11, 30)
    for p in (first, second):
        await p.kill()


async def test_a_process_killed_mid_send_is_covered_by_the_other_with_the_same_nonce(
    db: Database, prefix: str
) -> None:
    clock = FakeClock(utc(2026, 5, 1, 9, 0).timestamp())
    discord = FakeDiscord()
    doomed = await Process("doomed", clock, db, discord, prefix, dies_mid_send=True).start()
    await doomed.dispatcher.set(ALICE, time(7, 30), "America/New_York", None)
    # The doomed process wins the claim (the survivor is not yet running), sends, and hangs.
    await clock.advance_to(utc(2026, 5, 1, 11, 30).timestamp())
    for _ in range(500):  # the send is a few database round trips away
        if discord.attempts:
            break
        await asyncio.sleep(0.01)
    assert [who for who, _, _ in discord.attempts] == ["doomed"]
    await doomed.kill()

    survivor = await Process("survivor", clock, db, discord, prefix).start()
    # Inside the lease the survivor leaves the row alone; after it, it takes over.
    await run(clock, [survivor], utc(2026, 5, 1, 11, 30, 30))
    assert len(discord.attempts) == 1
    await run(clock, [survivor], utc(2026, 5, 1, 11, 30) + _seconds(CLAIM_LEASE_SECONDS + 5))

    assert [who for who, _, _ in discord.attempts] == ["doomed", "survivor"]
    assert discord.attempts[0][2] == discord.attempts[1][2], "the retry must reuse the nonce"
    assert len(discord.created) == 1, "Discord created the DM once"
    stored = await ReminderRepo(db, table=TABLES[prefix]).get(ALICE)
    assert stored is not None and stored.next_fire_at == utc(2026, 5, 2, 11, 30)
    assert stored.last_sent_at is not None
    await survivor.kill()


async def test_each_firing_has_its_own_nonce(db: Database, prefix: str) -> None:
    clock = FakeClock(utc(2026, 5, 1, 9, 0).timestamp())
    discord = FakeDiscord()
    one = await Process("one", clock, db, discord, prefix).start()
    await one.dispatcher.set(ALICE, time(7, 30), "America/New_York", None)
    await run(clock, [one], utc(2026, 5, 2, 12, 0))
    nonces = [nonce for _, _, nonce in discord.attempts]
    assert len(nonces) == 2 and len(set(nonces)) == 2 and all(len(n) <= 25 for n in nonces)
    await one.kill()


def _seconds(value: float) -> timedelta:
    return timedelta(seconds=value)


async def test_a_claim_is_taken_once_and_ends_with_the_send(db: Database) -> None:
    repo = ReminderRepo(db)
    now = utc(2026, 5, 1, 11, 30)
    await repo.upsert(
        ALICE, local_time="07:30", timezone="America/New_York", routine_id=None, next_fire_at=now, now=now
    )
    assert await repo.claim(ALICE, fire_at=now, now=now, lease_seconds=60)
    assert not await repo.claim(ALICE, fire_at=now, now=now + _seconds(59), lease_seconds=60)
    # A claim older than the lease was left by a process that died: it can be taken over.
    assert await repo.claim(ALICE, fire_at=now, now=now + _seconds(61), lease_seconds=60)
    assert await repo.mark_sent(ALICE, now + _seconds(86_400), sent_at=now, expected_fire_at=now)
    # The firing moved on: nobody can claim the old instant again.
    assert not await repo.claim(ALICE, fire_at=now, now=now + _seconds(200), lease_seconds=60)
    await repo.release(ALICE)
    later = now + _seconds(86_400)
    assert await repo.claim(ALICE, fire_at=later, now=later, lease_seconds=60)
