"""Reminder rows: upsert, due, sent/skipped, pause."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.storage.database import Database
from bot.storage.reminders import ReminderRepo

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
ALICE = 111_111_111_111_111_111
BOB = 222_222_222_222_222_222


@pytest.fixture
def repo(db: Database) -> ReminderRepo:
    """On each backend (the ``db`` fixture)."""
    return ReminderRepo(db)


async def add(repo: ReminderRepo, user_id: int, fire: datetime, now: datetime = NOW) -> None:
    await repo.upsert(
        user_id, local_time="07:30", timezone="Europe/London", routine_id=None, next_fire_at=fire, now=now
    )


async def test_upsert_creates_then_replaces(repo: ReminderRepo) -> None:
    await add(repo, ALICE, NOW + timedelta(hours=1))
    await repo.pause(ALICE, "dm_blocked", now=NOW)
    later = NOW + timedelta(days=1)
    updated = await repo.upsert(
        ALICE,
        local_time="19:00",
        timezone="America/New_York",
        routine_id="gentle-lower-back",
        next_fire_at=later,
        now=later,
    )
    assert updated.local_time == "19:00" and updated.timezone == "America/New_York"
    assert updated.routine_id == "gentle-lower-back" and updated.next_fire_at == later
    assert not updated.paused and updated.paused_reason is None
    assert updated.created_at == NOW and updated.updated_at == later
    assert await repo.get(ALICE) == updated


async def test_all_active_lists_unpaused_reminders_earliest_first(repo: ReminderRepo) -> None:
    await add(repo, ALICE, NOW - timedelta(minutes=1))
    await add(repo, BOB, NOW)
    await add(repo, 333, NOW + timedelta(seconds=1))
    await add(repo, 444, NOW - timedelta(hours=2))
    await repo.pause(444, "dm_blocked", now=NOW)
    assert [r.user_id for r in await repo.all_active()] == [ALICE, BOB, 333]


async def test_mark_sent_moves_to_the_next_firing(repo: ReminderRepo) -> None:
    await add(repo, ALICE, NOW)
    tomorrow = NOW + timedelta(days=1)
    assert await repo.mark_sent(ALICE, tomorrow, sent_at=NOW, expected_fire_at=NOW)
    stored = await repo.get(ALICE)
    assert stored is not None and stored.next_fire_at == tomorrow and stored.last_sent_at == NOW
    # A second worker holding the old due time cannot move it again.
    assert not await repo.mark_sent(ALICE, tomorrow + timedelta(days=1), sent_at=NOW, expected_fire_at=NOW)


async def test_reschedule_does_not_record_a_send(repo: ReminderRepo) -> None:
    await add(repo, ALICE, NOW)
    assert await repo.reschedule(ALICE, NOW + timedelta(days=1), now=NOW)
    stored = await repo.get(ALICE)
    assert stored is not None and stored.last_sent_at is None


async def test_pause_resume_and_delete(repo: ReminderRepo) -> None:
    assert not await repo.pause(ALICE, "dm_blocked", now=NOW)
    await add(repo, ALICE, NOW)
    assert await repo.pause(ALICE, "dm_blocked", now=NOW)
    stored = await repo.get(ALICE)
    assert stored is not None and stored.paused and stored.paused_reason == "dm_blocked"
    assert await repo.all_active() == []
    await add(repo, ALICE, NOW + timedelta(days=1))  # setting it again un-pauses it
    assert [r.user_id for r in await repo.all_active()] == [ALICE]
    assert await repo.delete(ALICE)
    assert not await repo.delete(ALICE)
    assert await repo.get(ALICE) is None
