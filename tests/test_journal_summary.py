"""The /journal summary: the numbers someone brings to their care team."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.storage.journal import Checkin, Completion
from tests.journal_reference import summarize

ALICE = 111_111_111_111_111_111
NOW = datetime(2026, 5, 15, 18, 0, tzinfo=UTC)  # a Friday


def checkin(at: datetime, pain: int, fatigue: int | None = None) -> Checkin:
    return Checkin(ALICE, at, pain=pain, fatigue=fatigue)


def routine(at: datetime, outcome: str = "done") -> Completion:
    return Completion(ALICE, "gentle-lower-back", outcome, at - timedelta(minutes=10), at, 8, 8, 600)  # type: ignore[arg-type]


def test_nothing_recorded_is_empty() -> None:
    summary = summarize([], [], 30, now=NOW)
    assert summary.is_empty
    assert summary.checkin_count == 0 and summary.pain is None and summary.fatigue is None
    assert summary.best_day is None and summary.worst_day is None
    assert summary.routine_count == 0
    assert all(w.checkins == 0 and w.routines == 0 for w in summary.weeks)


def test_averages_ranges_and_best_and_worst_days() -> None:
    day = timedelta(days=1)
    rows = [
        checkin(NOW - 3 * day, 2, fatigue=4),
        checkin(NOW - 3 * day + timedelta(hours=2), 4),  # Tuesday: average 3
        checkin(NOW - 2 * day, 8, fatigue=8),  # Wednesday: 8
        checkin(NOW - 1 * day, 5, fatigue=6),  # Thursday: 5
        checkin(NOW - 40 * day, 10),  # outside the window
    ]
    summary = summarize(rows, [], 7, now=NOW)
    assert not summary.is_empty
    assert summary.checkin_count == 4
    assert summary.pain is not None and summary.fatigue is not None
    assert summary.pain.average == pytest.approx(19 / 4)
    assert (summary.pain.minimum, summary.pain.maximum, summary.pain.count) == (2, 8, 4)
    assert summary.fatigue.average == pytest.approx(6.0)
    assert (summary.fatigue.minimum, summary.fatigue.maximum, summary.fatigue.count) == (4, 8, 3)
    assert summary.best_day is not None and summary.worst_day is not None
    assert summary.best_day.day == date(2026, 5, 12) and summary.best_day.average_pain == pytest.approx(3.0)
    assert summary.best_day.checkins == 2
    assert summary.worst_day.day == date(2026, 5, 13) and summary.worst_day.average_pain == 8


def test_one_day_has_no_best_or_worst() -> None:
    summary = summarize([checkin(NOW, 4), checkin(NOW - timedelta(hours=1), 6)], [], 7, now=NOW)
    assert summary.pain is not None and summary.pain.average == 5
    assert summary.best_day is None and summary.worst_day is None


def test_ties_pick_the_earlier_best_and_the_later_worst_day() -> None:
    day = timedelta(days=1)
    rows = [checkin(NOW - 3 * day, 5), checkin(NOW - 2 * day, 5), checkin(NOW - day, 5)]
    summary = summarize(rows, [], 7, now=NOW)
    assert summary.best_day is not None and summary.best_day.day == date(2026, 5, 12)
    assert summary.worst_day is not None and summary.worst_day.day == date(2026, 5, 14)


def test_routines_are_counted_by_outcome() -> None:
    rows = [routine(NOW), routine(NOW - timedelta(days=1)), routine(NOW, "hurt"), routine(NOW, "stopped")]
    summary = summarize([], rows, 7, now=NOW)
    assert not summary.is_empty
    assert (summary.routines_done, summary.routines_hurt, summary.routines_stopped) == (2, 1, 1)
    assert summary.routine_count == 4


def test_counts_per_iso_week_include_quiet_weeks() -> None:
    rows = [checkin(datetime(2026, 5, 4, 9, tzinfo=UTC), 3), checkin(datetime(2026, 5, 14, 9, tzinfo=UTC), 3)]
    routines = [
        routine(datetime(2026, 5, 14, 10, tzinfo=UTC)),
        routine(datetime(2026, 5, 15, 10, tzinfo=UTC)),
    ]
    summary = summarize(rows, routines, 21, now=NOW)  # 2026-04-24 .. 2026-05-15
    assert [(w.label, w.checkins, w.routines) for w in summary.weeks] == [
        ("2026-W17", 0, 0),
        ("2026-W18", 0, 0),
        ("2026-W19", 1, 0),
        ("2026-W20", 1, 2),
    ]
    assert summary.weeks[0].monday == date(2026, 4, 20)


def test_days_and_weeks_are_local_to_the_person() -> None:
    # 03:00 UTC on Monday 11 May is still Sunday 10 May (week 19) in New York.
    late_sunday = datetime(2026, 5, 11, 3, 0, tzinfo=UTC)
    rows = [checkin(late_sunday, 9), checkin(datetime(2026, 5, 12, 15, tzinfo=UTC), 1)]
    utc = summarize(rows, [], 14, now=NOW)
    new_york = summarize(rows, [], 14, "America/New_York", now=NOW)
    assert utc.worst_day is not None and utc.worst_day.day == date(2026, 5, 11)
    assert new_york.worst_day is not None and new_york.worst_day.day == date(2026, 5, 10)
    assert {w.label: w.checkins for w in utc.weeks}["2026-W19"] == 0
    assert {w.label: w.checkins for w in new_york.weeks}["2026-W19"] == 1


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        summarize([], [], 7, "Mars/Olympus_Mons", now=NOW)
    with pytest.raises(ValueError, match="days"):
        summarize([], [], 0, now=NOW)
