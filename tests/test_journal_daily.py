"""/journal numbers come from the database by local day: the same answer as counting every row,
in a few hundred rows however many entries a member has."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.journal.daily import segments
from bot.journal.report import DETAIL_LIMIT, JournalReports
from bot.storage.database import Database
from bot.storage.journal import Checkin, Completion, JournalRepo
from bot.storage.timefmt import to_iso
from tests.backends import executemany
from tests.journal_reference import summarize

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
ME, SOMEONE_ELSE = 111, 222


async def seed(db: Database, user_id: int, count: int, *, seed: int = 1) -> None:
    rng = random.Random(seed)
    rows = []
    for n in range(count):
        at = NOW - timedelta(seconds=rng.randrange(400 * 24 * 3600))
        fatigue = None if n % 3 == 0 else rng.randrange(11)
        rows.append((user_id, to_iso(at), rng.randrange(11), fatigue, None, "command"))
    await executemany(
        db, "INSERT INTO checkins (user_id, at, pain, fatigue, note, source) VALUES (?, ?, ?, ?, ?, ?)", rows
    )


def test_offset_changes_are_found_to_the_second() -> None:
    london = ZoneInfo("Europe/London")
    cuts = segments(london, NOW - timedelta(days=365), NOW)
    assert [s.minutes for s in cuts] == [0, 60, 0]
    assert cuts[1].start == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert cuts[1].end == datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
    assert [s.minutes for s in segments(ZoneInfo("Asia/Kathmandu"), NOW - timedelta(days=30), NOW)] == [345]


@pytest.mark.parametrize("tz_name", ["UTC", "Europe/London", "America/St_Johns", "Australia/Lord_Howe"])
async def test_the_database_summary_matches_counting_every_row(db: Database, tz_name: str) -> None:
    await seed(db, ME, 3_000)
    await seed(db, SOMEONE_ELSE, 500, seed=2)
    journal = JournalRepo(db)
    for n in range(6):
        ended = NOW - timedelta(days=40 * n, hours=n)
        await journal.add_completion(
            Completion(ME, "r", ("done", "hurt", "stopped")[n % 3], ended, ended, 3, 5, 60)
        )
    start = NOW - timedelta(days=365)
    rows = await journal.checkins_since(ME, start)
    completions = await journal.completions_since(ME, start)
    expected = summarize(rows, completions, 365, tz_name, now=NOW)

    report = await JournalReports(journal).build(ME, 365, now=NOW, tz_name=tz_name)

    got = report.summary
    assert got.checkin_count == expected.checkin_count > DETAIL_LIMIT
    assert got.pain == pytest.approx(expected.pain) and got.fatigue == pytest.approx(expected.fatigue)
    assert got.weeks == expected.weeks
    assert got.best_day == expected.best_day and got.worst_day == expected.worst_day
    assert got.routine_count == expected.routine_count == 6
    assert report.daily and report.csv.decode().splitlines()[0].startswith("date,check-ins,average pain")


async def test_fifty_thousand_entries_cost_a_few_hundred_rows(db: Database, monkeypatch: Any) -> None:
    """The report reads aggregates, not entries: count the rows the database hands back."""
    await seed(db, ME, 50_000)
    returned: list[int] = []
    backend = type(db)
    fetchall = backend.fetchall

    async def counting(self: Database, sql: str, params: Any = ()) -> Any:
        rows = await fetchall(self, sql, params)
        returned.append(len(rows))
        return rows

    monkeypatch.setattr(backend, "fetchall", counting)
    report = await JournalReports(JournalRepo(db)).build(ME, 365, now=NOW, tz_name="Europe/London")

    assert report.summary.checkin_count > 40_000 and report.daily
    assert sum(returned) <= 2 * 366, returned  # one row per local day (plus a day cut by a clock change)
    assert len(returned) <= 8


async def test_a_small_window_still_lists_every_entry(db: Database) -> None:
    journal = JournalRepo(db)
    for hours in (1, 2, 30):
        await journal.add_checkin(Checkin(ME, NOW - timedelta(hours=hours), pain=hours % 11, fatigue=4))
    report = await JournalReports(journal).build(ME, 7, now=NOW)
    assert not report.daily and report.summary.checkin_count == 3
    assert len(report.csv.decode().strip().splitlines()) == 4
