"""Everything ``/journal`` shows, gathered in one place: summary, chart and CSV.

The numbers come from daily aggregates the database computes (``bot.journal.daily``),
so a member with 50,000 entries costs a few hundred rows, not 50,000. Up to
:data:`DETAIL_LIMIT` check-ins in the window, the chart shows each one and the CSV
lists each one; above that the chart shows one point per day and the CSV one line
per day, and the message says so (every entry is still in ``/privacy export``).

No Discord here. The chart takes ~100 ms of CPU, so it is drawn in a worker
thread (the event loop keeps answering everyone else) and at most a couple at a
time, so a burst of ``/journal`` calls cannot starve the bot of CPU. The CSV
covers exactly the rows the summary and chart cover (the same window
functions), so the numbers in the message match the file taken to a doctor.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, time, tzinfo

from bot.journal.chart import render_chart
from bot.journal.daily import DayAgg, segments
from bot.journal.export import checkins_csv, daily_csv
from bot.journal.summary import JournalSummary, summary_from_days
from bot.journal.window import checkins_in, completions_in, window_start, zone
from bot.storage.journal import Checkin, Completion, JournalRepo
from bot.storage.meds import MedicineRepo
from bot.storage.tracking import TrackingRepo
from bot.tracking.insights import Insights, insights

DEFAULT_DAYS = 30
MAX_DAYS = 365
DETAIL_LIMIT = 2_000
"""Check-ins in a window up to which the chart and CSV show every entry (more: one per day)."""


@dataclass(frozen=True, slots=True)
class JournalReport:
    summary: JournalSummary
    checkins: tuple[Checkin, ...]
    completions: tuple[Completion, ...]
    chart_png: bytes | None
    """None when there is nothing to draw."""
    csv: bytes
    daily: bool = False
    """True when the window held more than :data:`DETAIL_LIMIT` check-ins: chart and CSV are per day."""
    insights: Insights | None = None
    """Patterns, medicine adherence and flares (when the tracking repositories are attached)."""

    @property
    def is_empty(self) -> bool:
        return self.summary.is_empty


class JournalReports:
    """Builds reports from the journal repository, limiting how many charts render at once."""

    def __init__(
        self,
        repo: JournalRepo,
        *,
        max_parallel_charts: int = 2,
        tracking: TrackingRepo | None = None,
        meds: MedicineRepo | None = None,
    ) -> None:
        self._repo = repo
        self._charts = asyncio.Semaphore(max_parallel_charts)
        self._tracking = tracking
        self._meds = meds

    async def build(self, user_id: int, days: int, *, now: datetime, tz_name: str = "UTC") -> JournalReport:
        """The report for the ``days`` before ``now`` in the person's ``tz_name``."""
        days = max(1, min(days, MAX_DAYS))
        start = window_start(days, now)
        cuts = segments(zone(tz_name), start, now)
        day_aggs = await self._repo.checkin_days(user_id, cuts)
        completions = completions_in(await self._repo.completions_since(user_id, start), start, now)
        routine_days = await self._repo.completion_days(user_id, cuts)
        summary = summary_from_days(day_aggs, routine_days, days, tz_name, now=now)
        daily = summary.checkin_count > DETAIL_LIMIT
        extra: Insights | None = None
        if self._tracking is not None and self._meds is not None and not summary.is_empty:
            extra = await insights(
                self._tracking, self._meds, user_id, start, now=now, tz_name=tz_name, details=not daily
            )
        if daily:
            checkins = daily_points(day_aggs, user_id, zone(tz_name))
            csv = daily_csv(day_aggs)
        else:
            checkins = checkins_in(await self._repo.checkins_since(user_id, start), start, now)
            csv = (
                checkins_csv(
                    checkins,
                    completions,
                    details=extra.details if extra else None,
                    symptoms=extra.symptoms if extra else (),
                )
                if not summary.is_empty
                else b""
            )
        chart: bytes | None = None
        if not summary.is_empty:
            async with self._charts:
                chart = await asyncio.to_thread(
                    render_chart,
                    checkins,
                    completions,
                    days,
                    now,
                    tz_name=tz_name,
                    flares=extra.flares if extra else (),
                )
        return JournalReport(
            summary=summary,
            checkins=tuple(checkins),
            completions=tuple(completions),
            chart_png=chart,
            csv=csv,
            daily=daily,
            insights=extra,
        )


def daily_points(day_aggs: list[DayAgg], user_id: int, tz: tzinfo) -> list[Checkin]:
    """One chart point per day (its rounded averages, at local noon) for a very full window."""
    points = []
    for agg in day_aggs:
        noon = datetime.combine(agg.day, time(12), tzinfo=tz).astimezone(UTC)
        fatigue = agg.average_fatigue
        points.append(
            Checkin(user_id, noon, round(agg.average_pain), None if fatigue is None else round(fatigue))
        )
    return points
