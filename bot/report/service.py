"""Builds the doctor's page: SQL aggregates on the loop, drawing and PDF writing in a worker thread.

At most two pages render at once, so a burst of ``/report`` cannot starve the
bot of CPU; the first call also pays the import of fpdf2 and matplotlib, which
:func:`warm_up` can do ahead of time in a thread.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from bot.report.data import ReportData, gather
from bot.report.pdf import filename, render_pdf
from bot.storage.meds import MedicineRepo
from bot.storage.tracking import TrackingRepo

QUESTIONS_MAX = 1000


@dataclass(frozen=True, slots=True)
class Report:
    data: ReportData
    filename: str
    pdf: bytes


def warm_up() -> None:
    """Import the PDF and chart libraries (about a second, once per process)."""
    import fpdf  # noqa: F401
    from matplotlib.backends import backend_agg  # noqa: F401


class ReportService:
    def __init__(self, tracking: TrackingRepo, meds: MedicineRepo, *, max_parallel: int = 2) -> None:
        self._tracking = tracking
        self._meds = meds
        self._slots = asyncio.Semaphore(max_parallel)

    async def build(self, user_id: int, days: int, *, now: datetime, tz_name: str, paper: str) -> Report:
        data = await gather(self._tracking, self._meds, user_id, days, now=now, tz_name=tz_name)
        async with self._slots:
            pdf = await asyncio.to_thread(render_pdf, data, paper=paper, generated=now)
        return Report(data, filename(data), pdf)

    async def questions(self, user_id: int) -> str:
        return (await self._tracking.settings(user_id)).questions or ""

    async def save_questions(self, user_id: int, text: str, *, now: datetime) -> int:
        """Store the member's questions (one a line); returns how many there are."""
        cleaned = "\n".join(line.strip() for line in text.splitlines() if line.strip())[:QUESTIONS_MAX]
        await self._tracking.set_setting(user_id, "questions", cleaned or None, now=now)
        return len(cleaned.splitlines()) if cleaned else 0
