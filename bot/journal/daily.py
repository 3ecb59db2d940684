"""Daily aggregates of a journal window, computed by the database instead of in Python.

A member with tens of thousands of check-ins must not make ``/journal`` read
every row into the event loop (it slowed everyone's commands). So the database
groups check-ins by the member's *local* day and returns one row per day: at
most a few hundred rows for a year, however many entries there are.

SQLite knows no time zones, only fixed offsets, so the window is cut where the
zone's UTC offset changes (daylight saving: usually two cuts a year) and each
piece is grouped with its own offset (``date(at, '+60 minutes')``). A local day
that straddles a cut comes back in two pieces, which :func:`merge` adds up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo


@dataclass(frozen=True, slots=True)
class Segment:
    """``[start, end)`` in UTC, during which the zone's offset is ``minutes`` east of UTC."""

    start: datetime
    end: datetime
    minutes: int

    @property
    def modifier(self) -> str:
        """The SQLite date modifier that turns a UTC time into local time in this segment."""
        return f"{self.minutes:+d} minutes"


@dataclass(frozen=True, slots=True)
class DayAgg:
    """One local day of check-ins: counts, sums, minimum and maximum of pain and fatigue."""

    day: date
    count: int
    pain_sum: int
    pain_min: int
    pain_max: int
    fatigue_count: int = 0
    fatigue_sum: int = 0
    fatigue_min: int | None = None
    fatigue_max: int | None = None

    @property
    def average_pain(self) -> float:
        return self.pain_sum / self.count

    @property
    def average_fatigue(self) -> float | None:
        return self.fatigue_sum / self.fatigue_count if self.fatigue_count else None


def _offset_minutes(tz: tzinfo, at: datetime) -> int:
    offset = at.astimezone(tz).utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def segments(tz: tzinfo, start: datetime, end: datetime) -> list[Segment]:
    """Cut ``[start, end)`` where ``tz``'s UTC offset changes: probed daily, found to the second."""
    result: list[Segment] = []
    seg_start, minutes = start, _offset_minutes(tz, start)
    probe = start
    while probe < end:
        nxt = min(probe + timedelta(days=1), end)
        if _offset_minutes(tz, nxt) != minutes:
            low, high = probe, nxt  # the old offset at ``low``, a new one at ``high``
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if _offset_minutes(tz, middle) == minutes:
                    low = middle
                else:
                    high = middle
            high = high.replace(microsecond=0)  # changes happen on whole seconds
            result.append(Segment(seg_start, high, minutes))
            seg_start, minutes = high, _offset_minutes(tz, high)
        probe = nxt
    result.append(Segment(seg_start, end, minutes))
    return [s for s in result if s.start < s.end]


def merge(parts: Iterable[DayAgg]) -> list[DayAgg]:
    """One :class:`DayAgg` per day, oldest first (pieces of a day cut by an offset change added up)."""
    by_day: dict[date, DayAgg] = {}
    for part in parts:
        have = by_day.get(part.day)
        if have is None:
            by_day[part.day] = part
            continue
        by_day[part.day] = DayAgg(
            day=part.day,
            count=have.count + part.count,
            pain_sum=have.pain_sum + part.pain_sum,
            pain_min=min(have.pain_min, part.pain_min),
            pain_max=max(have.pain_max, part.pain_max),
            fatigue_count=have.fatigue_count + part.fatigue_count,
            fatigue_sum=have.fatigue_sum + part.fatigue_sum,
            fatigue_min=_lowest(have.fatigue_min, part.fatigue_min),
            fatigue_max=_highest(have.fatigue_max, part.fatigue_max),
        )
    return [by_day[d] for d in sorted(by_day)]


def _lowest(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)


def _highest(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)
