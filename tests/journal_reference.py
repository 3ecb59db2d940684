"""The /journal summary counted from every row: the reference the database's daily aggregates are
checked against (``bot.journal.summary.summary_from_days`` is what the bot runs)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from bot.journal.daily import DayAgg
from bot.journal.summary import JournalSummary, summary_from_days
from bot.journal.window import checkins_in, completions_in, window_start, zone
from bot.storage.journal import Checkin, Completion


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
    by_day: dict[date, list[Checkin]] = defaultdict(list)
    for c in picked:
        by_day[c.at.astimezone(tz).date()].append(c)
    day_aggs = []
    for day, rows in sorted(by_day.items()):
        fatigue = [c.fatigue for c in rows if c.fatigue is not None]
        pains = [c.pain for c in rows]
        day_aggs.append(
            DayAgg(
                day=day,
                count=len(rows),
                pain_sum=sum(pains),
                pain_min=min(pains),
                pain_max=max(pains),
                fatigue_count=len(fatigue),
                fatigue_sum=sum(fatigue),
                fatigue_min=min(fatigue) if fatigue else None,
                fatigue_max=max(fatigue) if fatigue else None,
            )
        )
    routine_days = Counter((r.ended_at.astimezone(tz).date(), r.outcome) for r in finished)
    return summary_from_days(
        day_aggs, [(d, o, n) for (d, o), n in routine_days.items()], days, tz_name, now=now
    )
