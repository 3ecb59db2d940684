"""Numbers for ``/journal``: what someone might bring to their care team.

Pure: takes rows, returns a frozen summary, knows nothing of Discord. Days and
ISO weeks are the person's local ones (``tz_name``), because "a bad Tuesday"
means their Tuesday. Values are not rounded here; renderers round for display.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.journal.window import checkins_in, completions_in, window_start, zone
from bot.storage.journal import Checkin, Completion


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


def _stat(values: list[int]) -> Stat | None:
    if not values:
        return None
    return Stat(
        average=sum(values) / len(values), minimum=min(values), maximum=max(values), count=len(values)
    )


def _weeks(start: date, end: date) -> list[tuple[int, int, date]]:
    monday = start - timedelta(days=start.weekday())
    weeks = []
    while monday <= end:
        iso = monday.isocalendar()
        weeks.append((iso.year, iso.week, monday))
        monday += timedelta(days=7)
    return weeks


def summarize(
    checkins: Iterable[Checkin],
    completions: Iterable[Completion],
    days: int,
    tz_name: str = "UTC",
    *,
    now: datetime,
) -> JournalSummary:
    """Summarise the ``days`` before ``now``; rows outside that window are ignored.

    Best/worst days compare a day's average pain; ties go to the earlier day
    for "best" and the later day for "worst" (the most recent hard day is the
    one worth mentioning). Weekly ``routines`` counts every finished session,
    whatever its outcome; the outcome totals are separate.
    """
    tz = zone(tz_name)
    start = window_start(days, now)
    picked = checkins_in(checkins, start, now)
    finished = completions_in(completions, start, now)

    by_day: dict[date, list[int]] = defaultdict(list)
    week_checkins: Counter[tuple[int, int]] = Counter()
    week_routines: Counter[tuple[int, int]] = Counter()
    for c in picked:
        local = c.at.astimezone(tz).date()
        by_day[local].append(c.pain)
        iso = local.isocalendar()
        week_checkins[(iso.year, iso.week)] += 1
    for r in finished:
        iso = r.ended_at.astimezone(tz).date().isocalendar()
        week_routines[(iso.year, iso.week)] += 1

    day_pain = [DayPain(day, sum(v) / len(v), len(v)) for day, v in sorted(by_day.items())]
    best = worst = None
    if len(day_pain) >= 2:
        best = min(day_pain, key=lambda d: (d.average_pain, d.day))
        worst = max(day_pain, key=lambda d: (d.average_pain, d.day))

    outcomes = Counter(r.outcome for r in finished)
    weeks = tuple(
        WeekCount(year, week, monday, week_checkins[(year, week)], week_routines[(year, week)])
        for year, week, monday in _weeks(start.astimezone(tz).date(), now.astimezone(tz).date())
    )
    return JournalSummary(
        days=days,
        start=start,
        end=now,
        tz_name=tz_name,
        checkin_count=len(picked),
        pain=_stat([c.pain for c in picked]),
        fatigue=_stat([c.fatigue for c in picked if c.fatigue is not None]),
        weeks=weeks,
        best_day=best,
        worst_day=worst,
        routines_done=outcomes["done"],
        routines_hurt=outcomes["hurt"],
        routines_stopped=outcomes["stopped"],
    )
