"""Check-ins and routine completions in the database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.storage.database import Database, StorageError
from bot.storage.journal import Checkin, Completion, JournalRepo

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
ALICE = 111_111_111_111_111_111
BOB = 222_222_222_222_222_222


@pytest.fixture
def repo(db: Database) -> JournalRepo:
    """On each backend (the ``db`` fixture)."""
    return JournalRepo(db)


async def test_checkins_round_trip_in_time_order(repo: JournalRepo) -> None:
    late = await repo.add_checkin(Checkin(ALICE, NOW, pain=6, fatigue=7, note="stiff hands"))
    early = await repo.add_checkin(Checkin(ALICE, NOW - timedelta(days=2), pain=3, source="routine"))
    await repo.add_checkin(Checkin(BOB, NOW, pain=1))
    await repo.add_checkin(Checkin(ALICE, NOW - timedelta(days=40), pain=9))
    assert late.id is not None and early.id is not None
    got = await repo.checkins_since(ALICE, NOW - timedelta(days=30))
    assert got == [early, late]
    assert got[1].note == "stiff hands" and got[1].fatigue == 7 and got[0].source == "routine"


async def test_a_checkin_in_another_zone_is_stored_as_the_same_instant(repo: JournalRepo) -> None:
    from zoneinfo import ZoneInfo

    local = datetime(2026, 5, 1, 8, 0, tzinfo=ZoneInfo("America/New_York"))
    stored = await repo.add_checkin(Checkin(ALICE, local, pain=4))
    assert stored.at == local and stored.at.tzinfo == UTC
    assert (await repo.checkins_since(ALICE, local))[0].at == local


@pytest.mark.parametrize(
    "checkin",
    [
        Checkin(ALICE, NOW, pain=11),
        Checkin(ALICE, NOW, pain=-1),
        Checkin(ALICE, NOW, pain=5, fatigue=12),
        Checkin(ALICE, NOW, pain=5, note="x" * 501),
    ],
    ids=["pain-high", "pain-negative", "fatigue-high", "note-too-long"],
)
async def test_out_of_range_checkins_are_refused_by_the_schema(repo: JournalRepo, checkin: Checkin) -> None:
    with pytest.raises(StorageError) as caught:
        await repo.add_checkin(checkin)
    assert caught.value.kind == "constraint"
    assert await repo.checkins_since(ALICE, NOW - timedelta(days=1)) == []


async def test_a_500_character_note_fits(repo: JournalRepo) -> None:
    stored = await repo.add_checkin(Checkin(ALICE, NOW, pain=5, note="é" * 500))
    assert stored.note == "é" * 500


async def test_completions_round_trip(repo: JournalRepo) -> None:
    done = await repo.add_completion(
        Completion(
            ALICE, "gentle-lower-back", "done", NOW - timedelta(minutes=12), NOW, 8, 8, 700, session_id="s1"
        )
    )
    await repo.add_completion(Completion(BOB, "chair-neck", "hurt", NOW, NOW, 2, 6, 90))
    assert await repo.completions_since(ALICE, NOW - timedelta(days=1)) == [done]
    assert await repo.completions_since(ALICE, NOW + timedelta(seconds=1)) == []
