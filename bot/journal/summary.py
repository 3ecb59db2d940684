"""Numbers for ``/journal``: what someone might bring to their care team.

Pure: takes the daily aggregates the database computes (``bot.journal.daily``), returns a
frozen summary, knows nothing of Discord. Days and ISO weeks are the person's local ones
(``tz_name``), because "a bad Tuesday" means their Tuesday. Values are not rounded here;
renderers round for display. ``tests/journal_reference.py`` counts the same summary from every
row, as the check on the SQL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.journal.daily import DayAgg
from bot.journal.window import window_start, zone


@dataclass(frozen=True, slots=True)
class Stat:
    average: float
    minimum: int
    maximum: int
    count: int


@dataclass(frozen=True, slots=True)
class WeekCount:
    """Activity in one ISO week (``year``-W``week``), starting on ``monday``."""

    year: int
    week: int
    monday: date
    checkins: int
    routines: int

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.week:02d}"


@dataclass(frozen=True, slots=True)
class DayPain:
    day: date
    average_pain: float
    checkins: int


@dataclass(frozen=True, slots=True)
class JournalSummary:
    days: int
    start: datetime
    end: datetime
    tz_name: str
    checkin_count: int
    pain: Stat | None
    fatigue: Stat | None
    """Over the check-ins that recorded fatigue; None if none did."""
    weeks: tuple[WeekCount, ...]
    """Every ISO week the window touches, oldest first, including quiet ones."""
    best_day: DayPain | None
    """Lowest average pain; None unless check-ins fall on at least two days."""
    worst_day: DayPain | None
    """Highest average pain; None unless check-ins fall on at least two days."""
    routines_done: int
    routines_hurt: int
    routines_stopped: int

    @property
    def routine_count(self) -> int:
        return self.routines_done + self.routines_hurt + self.routines_stopped

    @property
    def is_empty(self) -> bool:
        return self.checkin_count == 0 and self.routine_count == 0


def _weeks(start: date, end: date) -> list[tuple[int, int, date]]:
    monday = start - timedelta(days=start.weekday())
    weeks = []
    while monday <= end:
        iso = monday.isocalendar()
        weeks.append((iso.year, iso.week, monday))
        monday += timedelta(days=7)
    return weeks


def summary_from_days(
    day_aggs: Sequence[DayAgg],
    routine_days: Iterable[tuple[date, str, int]],
    days: int,
    tz_name: str = "UTC",
    *,
    now: datetime,
) -> JournalSummary:
    """The same summary from daily aggregates (what the database returns; see ``bot.journal.daily``)."""
    tz = zone(tz_name)
    start = window_start(days, now)
    week_checkins: Counter[tuple[int, int]] = Counter()
    week_routines: Counter[tuple[int, int]] = Counter()
    outcomes: Counter[str] = Counter()
    for agg in day_aggs:
        iso = agg.day.isocalendar()
        week_checkins[(iso.year, iso.week)] += agg.count
    for day, outcome, n in routine_days:
        iso = day.isocalendar()
        week_routines[(iso.year, iso.week)] += n
        outcomes[outcome] += n

    day_pain = [DayPain(a.day, a.average_pain, a.count) for a in sorted(day_aggs, key=lambda a: a.day)]
    best = worst = None
    if len(day_pain) >= 2:
        best = min(day_pain, key=lambda d: (d.average_pain, d.day))
        worst = max(day_pain, key=lambda d: (d.average_pain, d.day))

    weeks = tuple(
        WeekCount(year, week, monday, week_checkins[(year, week)], week_routines[(year, week)])
        for year, week, monday in _weeks(start.astimezone(tz).date(), now.astimezone(tz).date())
    )
    count = sum(a.count for a in day_aggs)
    pain = None
    if count:
        pain = Stat(
            average=sum(a.pain_sum for a in day_aggs) / count,
            minimum=min(a.pain_min for a in day_aggs),
            maximum=max(a.pain_max for a in day_aggs),
            count=count,
        )
    fatigue_days = [a for a in day_aggs if a.fatigue_count]
    fatigue = None
    if fatigue_days:
        fatigue_count = sum(a.fatigue_count for a in fatigue_days)
        fatigue = Stat(
            average=sum(a.fatigue_sum for a in fatigue_days) / fatigue_count,
            minimum=min(a.fatigue_min for a in fatigue_days if a.fatigue_min is not None),
            maximum=max(a.fatigue_max for a in fatigue_days if a.fatigue_max is not None),
            count=fatigue_count,
        )
    return JournalSummary(
        days=days,
        start=start,
        end=now,
        tz_name=tz_name,
        checkin_count=count,
        pain=pain,
        fatigue=fatigue,
        weeks=weeks,
        best_day=best,
        worst_day=worst,
        routines_done=outcomes["done"],
        routines_hurt=outcomes["hurt"],
        routines_stopped=outcomes["stopped"],
    )
