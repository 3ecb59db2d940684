"""Reminder service: what fires, what is skipped, and what a restart finds."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.reminders.service import PAUSED_UNKNOWN_ZONE, Firing, ReminderService
from bot.storage.db import Database
from bot.storage.reminders import ReminderRepo

ALICE = 111_111_111_111_111_111
BOB = 222_222_222_222_222_222
SET_AT = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
ALICE_DUE = datetime(2026, 5, 1, 11, 30, tzinfo=UTC)  # 07:30 in New York


async def due(service: ReminderService, now: datetime) -> list[Firing]:
    """What the dispatcher acts on at ``now``: each person's firing, if due (it asks one person at a time)."""
    return [f for user in (ALICE, BOB) if (f := await service.firing_for(user, now)) is not None]


@pytest.fixture
def repo(db: Database) -> ReminderRepo:
    return ReminderRepo(db)


async def test_setting_a_reminder_schedules_the_next_local_time(repo: ReminderRepo) -> None:
    service = ReminderService(repo)
    reminder = await service.set(ALICE, time(7, 30), "America/New_York", "gentle-lower-back", now=SET_AT)
    assert reminder.local_time == "07:30" and reminder.next_fire_at == ALICE_DUE
    assert await service.active() == [reminder]
    with pytest.raises(ValueError, match="time zone"):
        await service.set(ALICE, time(7, 30), "Narnia/Cair_Paravel", None, now=SET_AT)


async def test_a_due_reminder_is_sent_and_moves_to_tomorrow(repo: ReminderRepo) -> None:
    service = ReminderService(repo)
    await service.set(ALICE, time(7, 30), "America/New_York", None, now=SET_AT)
    assert await due(service, ALICE_DUE - timedelta(seconds=1)) == []
    [firing] = await due(service, ALICE_DUE)
    assert firing.action == "send" and firing.next_fire_at == ALICE_DUE + timedelta(days=1)
    # Until the send is recorded, the reminder stays due (a crash here loses nothing).
    assert len(await due(service, ALICE_DUE + timedelta(seconds=5))) == 1
    assert await service.record_sent(firing, sent_at=ALICE_DUE + timedelta(seconds=2))
    assert await due(service, ALICE_DUE + timedelta(minutes=5)) == []
    stored = await repo.get(ALICE)
    assert stored is not None and stored.last_sent_at == ALICE_DUE + timedelta(seconds=2)


async def test_after_downtime_a_slightly_late_reminder_is_sent_and_a_very_late_one_skipped(
    repo: ReminderRepo,
) -> None:
    service = ReminderService(repo)
    await service.set(ALICE, time(7, 30), "America/New_York", None, now=SET_AT)
    await service.set(BOB, time(6, 0), "America/New_York", None, now=SET_AT)  # due 10:00 UTC
    restart = ALICE_DUE + timedelta(minutes=59)  # Alice 59 min late, Bob 2 h 29 min late
    firings = {f.reminder.user_id: f for f in await due(service, restart)}
    assert firings[ALICE].action == "send" and firings[BOB].action == "skip"
    assert firings[BOB].next_fire_at == datetime(2026, 5, 2, 10, 0, tzinfo=UTC)
    assert await service.record_skipped(firings[BOB], now=restart)
    bob = await repo.get(BOB)
    assert bob is not None and bob.last_sent_at is None and bob.next_fire_at == firings[BOB].next_fire_at


async def test_an_undeliverable_reminder_is_paused(repo: ReminderRepo) -> None:
    service = ReminderService(repo)
    await service.set(ALICE, time(7, 30), "America/New_York", None, now=SET_AT)
    [firing] = await due(service, ALICE_DUE)
    assert await service.record_undeliverable(firing, now=ALICE_DUE)
    assert await due(service, ALICE_DUE + timedelta(days=2)) == []
    stored = await repo.get(ALICE)
    assert stored is not None and stored.paused_reason == "dm_blocked"


async def test_a_reminder_whose_zone_vanished_is_paused_not_crashed_on(repo: ReminderRepo) -> None:
    await repo.upsert(
        ALICE, local_time="07:30", timezone="Gone/Away", routine_id=None, next_fire_at=SET_AT, now=SET_AT
    )
    assert await due(ReminderService(repo), SET_AT) == []
    stored = await repo.get(ALICE)
    assert stored is not None and stored.paused and stored.paused_reason == PAUSED_UNKNOWN_ZONE


async def test_a_reminder_changed_while_sending_is_not_overwritten(repo: ReminderRepo) -> None:
    service = ReminderService(repo)
    await service.set(ALICE, time(7, 30), "America/New_York", None, now=SET_AT)
    [firing] = await due(service, ALICE_DUE)
    await service.set(
        ALICE, time(20, 0), "America/New_York", None, now=ALICE_DUE
    )  # user changes it meanwhile
    assert not await service.record_sent(firing, sent_at=ALICE_DUE)
    stored = await repo.get(ALICE)
    assert stored is not None and stored.local_time == "20:00"
    assert stored.next_fire_at == datetime(2026, 5, 2, 0, 0, tzinfo=UTC)
