"""``/journal days:365`` for a member with 50,000 check-ins: the database work must stay under 100 ms.

What is measured: the real :class:`JournalReports` on a real SQLite file holding
50,000 check-ins for one member (spread over 400 days) and 5,000 for someone
else, in a zone with daylight saving (Europe/London, so the window is cut in
three). The timed part is what runs on the event loop: the daily aggregates the
database computes and the summary built from them (the chart is drawn in a
worker thread and is timed separately, for context). The median of 20 runs.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.common import Budget, Figure
from bot.journal.daily import segments
from bot.journal.report import JournalReports
from bot.journal.summary import summary_from_days
from bot.journal.window import window_start
from bot.storage.db import Database
from bot.storage.journal import JournalRepo
from bot.storage.timefmt import to_iso

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
ENTRIES = 50_000
BUDGET = Budget(100.0, "≤ 100 ms")


async def _seed(db: Database, user_id: int, count: int) -> None:
    rng = random.Random(user_id)
    rows = [
        (
            user_id,
            to_iso(NOW - timedelta(seconds=rng.randrange(400 * 86_400))),
            rng.randrange(11),
            rng.randrange(11),
            None,
            "command",
        )
        for _ in range(count)
    ]
    async with db.transaction():
        await db.conn.executemany(
            "INSERT INTO checkins (user_id, at, pain, fatigue, note, source) VALUES (?, ?, ?, ?, ?, ?)", rows
        )


async def run(progress: Callable[[str], None]) -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        db = await Database.open(Path(folder) / "bench.sqlite3")
        try:
            progress(f"journal: seeding {ENTRIES:,} check-ins")
            await _seed(db, 1, ENTRIES)
            await _seed(db, 2, 5_000)
            repo = JournalRepo(db)
            tz = ZoneInfo("Europe/London")
            timings = []
            for _ in range(20):
                started = time.perf_counter()
                start = window_start(365, NOW)
                cuts = segments(tz, start, NOW)
                days = await repo.checkin_days(1, cuts)
                routines = await repo.completion_days(1, cuts)
                summary_from_days(days, routines, 365, "Europe/London", now=NOW)
                timings.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            await JournalReports(repo).build(1, 365, now=NOW, tz_name="Europe/London")
            whole = (time.perf_counter() - started) * 1000
        finally:
            await db.close()
    return [
        Figure("journal 365 days, 50k entries: queries + summary", statistics.median(timings), "ms", BUDGET),
        Figure(
            "journal 365 days, 50k entries: whole report with chart",
            whole,
            "ms",
            note="chart drawn in a worker thread",
        ),
    ]


if __name__ == "__main__":
    import asyncio
    import sys

    for figure in asyncio.run(run(lambda line: print(line, file=sys.stderr))):
        print(f"{figure.name}: {figure.shown()}")
