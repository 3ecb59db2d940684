"""Tracking storage: old check-ins stay valid, symptoms are capped, flares open and close once,
medicine reminder rows are claimed exactly once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.storage.db import Database
from bot.storage.journal import Checkin, JournalRepo
from bot.storage.meds import MedicineRepo
from bot.storage.migrations import MIGRATION_1, MIGRATIONS
from bot.storage.tracking import FullCheckin, TrackingRepo

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
USER = 111_222_333_444_555_666


async def test_a_check_in_saved_before_the_upgrade_stays_valid(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    old = await Database.open(path, migrations=(MIGRATION_1,))
    await JournalRepo(old).add_checkin(Checkin(USER, NOW, pain=5, fatigue=6, note="before"))
    await old.close()
    db = await Database.open(path, migrations=MIGRATIONS)
    try:
        [checkin] = await TrackingRepo(db).checkins_since(USER, NOW - timedelta(days=1))
        assert (checkin.pain, checkin.fatigue, checkin.note) == (5, 6, "before")
        assert checkin.stiffness is None and checkin.sleep is None and checkin.mood is None
        assert not checkin.for_doctor and checkin.symptoms == {}
    finally:
        await db.close()


async def test_a_full_check_in_keeps_every_measure_and_symptom_level(db: Database) -> None:
    repo = TrackingRepo(db)
    rash = await repo.add_symptom(USER, "rash", now=NOW, limit=10)
    assert rash is not None
    saved = await repo.add_checkin(
        FullCheckin(USER, NOW, pain=3, fatigue=4, stiffness=5, sleep=6, mood=7, symptoms={rash.id: 2, 999: 3})
    )
    latest = await repo.latest_checkin(USER)
    assert latest is not None and latest.id == saved.id
    assert [latest.measure(m) for m in ("pain", "fatigue", "stiffness", "sleep", "mood")] == [3, 4, 5, 6, 7]
    assert latest.symptoms == {rash.id: 2}  # a symptom that is not theirs is ignored


async def test_at_most_ten_symptoms_and_removing_keeps_history(db: Database) -> None:
    repo = TrackingRepo(db)
    for n in range(10):
        assert await repo.add_symptom(USER, f"s{n}", now=NOW, limit=10) is not None
    assert await repo.add_symptom(USER, "eleventh", now=NOW, limit=10) is None
    first = (await repo.symptoms(USER))[0]
    assert await repo.remove_symptom(USER, first.id)
    assert not await repo.remove_symptom(USER, first.id)
    assert len(await repo.symptoms(USER)) == 9
    assert len(await repo.symptoms(USER, include_inactive=True)) == 10
    again = await repo.add_symptom(USER, first.name, now=NOW, limit=10)
    assert again is not None and again.id == first.id
    assert not await repo.remove_symptom(USER + 1, first.id)  # not theirs


async def test_a_flare_starts_once_and_ends_once(db: Database) -> None:
    repo = TrackingRepo(db)
    flare, created = await repo.start_flare(USER, now=NOW, note="knees")
    assert created
    again, created_again = await repo.start_flare(USER, now=NOW + timedelta(hours=1), note=None)
    assert not created_again and again.id == flare.id
    ended = await repo.end_flare(USER, now=NOW + timedelta(days=3), note="better")
    assert ended is not None and ended.ended_at == NOW + timedelta(days=3)
    assert await repo.end_flare(USER, now=NOW + timedelta(days=4), note=None) is None
    found = await repo.flares_between(USER, NOW + timedelta(days=1), NOW + timedelta(days=10))
    assert [f.id for f in found] == [flare.id]


async def test_a_medicine_reminder_row_is_claimed_exactly_once(db: Database) -> None:
    repo = MedicineRepo(db)
    medicine = await repo.add(USER, "hydroxychloroquine", None, ("08:00", "20:00"), now=NOW)
    first = await repo.add_reminder(USER, medicine.id, NOW)
    twin = await repo.add_reminder(USER, medicine.id, NOW)
    assert first is not None and twin is not None and first.id == twin.id  # one row per dose
    assert [r.id for r in await repo.pending()] == [first.id]
    assert await repo.mark_sent(first.id, sent_at=NOW)
    assert not await repo.mark_sent(first.id, sent_at=NOW)  # never twice
    assert await repo.pending() == []
    assert await repo.snooze(first.id, USER, NOW + timedelta(minutes=30))
    [snoozed] = await repo.pending()
    assert snoozed.fire_at == NOW + timedelta(minutes=30) and snoozed.due_at == NOW
    await repo.record_dose(USER, medicine.id, "skipped", due_at=NOW, now=NOW, source="reminder")
    await repo.record_dose(USER, medicine.id, "taken", due_at=NOW, now=NOW, source="reminder")
    await repo.record_dose(USER, medicine.id, "taken", due_at=None, now=NOW, source="log")
    [adherence] = (await repo.adherence(USER, NOW - timedelta(days=1))).values()
    assert (adherence.taken, adherence.skipped) == (2, 0)  # the second press changed the answer
    assert await repo.remove(USER, medicine.id, now=NOW)
    assert await repo.pending() == [] and await repo.list(USER) == []


async def test_a_claim_keeps_a_second_sender_out_until_it_expires(db: Database) -> None:
    repo = MedicineRepo(db)
    medicine = await repo.add(USER, "prednisone", None, ("08:00",), now=NOW)
    row = await repo.add_reminder(USER, medicine.id, NOW)
    assert row is not None
    assert await repo.claim(row.id, now=NOW, lease_seconds=120)
    assert not await repo.claim(row.id, now=NOW + timedelta(seconds=60), lease_seconds=120)  # in flight
    # The first sender died mid-send: its claim expires and the dose is still sent, once.
    assert await repo.claim(row.id, now=NOW + timedelta(seconds=121), lease_seconds=120)
    assert await repo.mark_sent(row.id, sent_at=NOW + timedelta(seconds=122))
    assert not await repo.claim(row.id, now=NOW + timedelta(hours=1), lease_seconds=120)
    await repo.release(row.id)  # a release after sending changes nothing
    assert await repo.pending() == []
