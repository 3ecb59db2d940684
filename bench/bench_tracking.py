"""``/report days:180`` and ``/journal days:365`` for a member with three years of daily data.

DESIGN.md's budget: both answer within Discord's 3-second first-reply deadline
on two cores. Both commands defer at once and follow up with the file, so the
figures are (a) the first reply (the deferral), which the deadline applies to,
and (b) the moment the member sees the finished answer, shown for context.

The real bot process runs against the local emulator on a database seeded with
1,095 days of check-ins (every measure, three symptoms), two medicines with two
doses a day, a routine every other day and a flare every quarter. The report's
numbers are SQL aggregates; the PDF render is also timed in-process.

    python -m bench --only tracking
    python -m bench.bench_tracking --runs 5
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import Figure, figure, machine, render_table
from bot.storage.db import Database

RUNS = 5
YEARS_OF_DAYS = 3 * 365
MEMBER_NOTE = "Stiff hands this morning; ask about it at the next visit."


async def seed(path: Path, user_id: int, now: datetime) -> None:
    """Three years of daily records for ``user_id`` (schema by the bot's own migrations)."""
    db = await Database.open(path)
    await db.close()
    iso = lambda at: at.astimezone(UTC).isoformat(timespec="microseconds")  # noqa: E731
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO symptoms (id, user_id, name, active, created_at) VALUES (?, ?, ?, 1, ?)",
            [
                (n, user_id, name, iso(now))
                for n, name in enumerate(("rash", "brain fog", "joint swelling"), 1)
            ],
        )
        conn.executemany(
            "INSERT INTO medicines (id, user_id, name, dose, times, active, created_at) "
            "VALUES (?, ?, ?, ?, ?, 1, ?)",
            [
                (1, user_id, "Hydroxychloroquine", "200 mg", "08:00,20:00", iso(now)),
                (2, user_id, "Vitamin D", None, "09:00", iso(now)),
            ],
        )
        checkins, levels, doses, routines, flares = [], [], [], [], []
        for day in range(YEARS_OF_DAYS):
            at = now - timedelta(days=day, hours=2)
            cid = day + 1
            checkins.append(
                (
                    cid,
                    user_id,
                    iso(at),
                    2 + day % 7,
                    3 + day % 5,
                    day % 6,
                    3 + day % 6,
                    4 + day % 5,
                    MEMBER_NOTE if day % 20 == 0 else None,
                    int(day % 20 == 0),
                    "command",
                )
            )
            levels += [(user_id, cid, sid, (day + sid) % 4) for sid in (1, 2, 3)]
            doses += [
                (
                    user_id,
                    1,
                    (at - timedelta(hours=h)).timestamp(),
                    "taken" if day % 9 else "skipped",
                    iso(at),
                    "reminder",
                )
                for h in (0, 12)
            ]
            if day % 2 == 0:
                routines.append(
                    (
                        user_id,
                        "chair-bad-day",
                        "hurt" if day % 14 == 0 else "done",
                        iso(at),
                        iso(at),
                        5,
                        5,
                        300,
                    )
                )
            if day % 90 == 0:
                flares.append((user_id, iso(at - timedelta(days=7)), iso(at), "knees"))
        conn.executemany(
            "INSERT INTO checkins (id, user_id, at, pain, fatigue, stiffness, sleep, mood, note, "
            "for_doctor, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            checkins,
        )
        conn.executemany(
            "INSERT INTO checkin_symptoms (user_id, checkin_id, symptom_id, level) VALUES (?, ?, ?, ?)",
            levels,
        )
        conn.executemany(
            "INSERT INTO medicine_doses (user_id, medicine_id, due_at, status, recorded_at, source) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            doses,
        )
        conn.executemany(
            "INSERT INTO routine_completions (user_id, routine_id, outcome, started_at, ended_at, "
            "steps_done, steps_total, seconds_spent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            routines,
        )
        conn.executemany(
            "INSERT INTO flares (user_id, started_at, ended_at, note) VALUES (?, ?, ?, ?)", flares
        )
        conn.execute(
            "INSERT INTO tracking_settings (user_id, timezone, questions, updated_at) VALUES (?, ?, ?, ?)",
            (
                user_id,
                "Europe/London",
                "Is this fatigue from lupus?\nShould I see a dermatologist?",
                iso(now),
            ),
        )


async def in_process(path: Path, user_id: int, now: datetime) -> tuple[float, float]:
    """(SQL aggregates, PDF render) for /report days:180 without Discord, milliseconds (warm)."""
    from bot.report.data import gather
    from bot.report.pdf import render_pdf
    from bot.storage.meds import MedicineRepo
    from bot.storage.tracking import TrackingRepo

    db = await Database.open(path)
    try:
        tracking, meds = TrackingRepo(db), MedicineRepo(db)
        render_pdf(await gather(tracking, meds, user_id, 180, now=now, tz_name="Europe/London"))  # warm up
        started = time.perf_counter()
        data = await gather(tracking, meds, user_id, 180, now=now, tz_name="Europe/London")
        gathered = time.perf_counter()
        render_pdf(data)
        return (gathered - started) * 1000, (time.perf_counter() - gathered) * 1000
    finally:
        await db.close()


async def measure(runs: int = RUNS, progress: Callable[[str], None] = lambda _: None) -> list[Figure]:
    from tests.e2e_support import live_bot_for

    first: dict[str, list[float]] = {"report": [], "journal": []}
    done: dict[str, list[float]] = {"report": [], "journal": []}
    with tempfile.TemporaryDirectory(prefix="lupus-bench-tracking-") as tmp:
        root = Path(tmp)
        database = root / "data" / "bot.sqlite3"
        database.parent.mkdir(parents=True)
        now = datetime.now(UTC)
        # The emulator hands out snowflake ids; the member is the first community's "member".
        async for live in live_bot_for(root, database=database):
            member = live.place.member
            await live.bot.stop()
            await seed(database, member.id, now)
            sql_ms, pdf_ms = await in_process(database, member.id, now)
            progress(f"in-process /report 180: SQL {sql_ms:.0f} ms, PDF {pdf_ms:.0f} ms")
            await live.start()
            for n in range(runs):
                for name, options in (("report", {"days": 180}), ("journal", {"days": 365})):
                    handle = await live.emu.slash(name, options, user=member, guild=live.place.guild)
                    message = await handle.wait_message(timeout=30)
                    record = handle.record
                    assert record.callback_received_at is not None and message.attachments
                    first[name].append(record.callback_received_at - record.created_at)
                    done[name].append(live.emu.state.now() - record.created_at)
                progress(
                    f"run {n + 1}/{runs}: /report first {first['report'][-1] * 1000:.0f} ms, "
                    f"file {done['report'][-1]:.2f} s; /journal first {first['journal'][-1] * 1000:.0f} ms, "
                    f"file {done['journal'][-1]:.2f} s"
                )
    return [
        figure(
            "/report days:180, first reply (worst of runs)",
            max(first["report"]) * 1000,
            "ms",
            "tracking_first_reply_ms",
        ),
        figure("/report days:180, PDF delivered (worst)", max(done["report"]), "s", note="after a deferral"),
        figure(
            "/journal days:365, first reply (worst of runs)",
            max(first["journal"]) * 1000,
            "ms",
            "tracking_first_reply_ms",
        ),
        figure(
            "/journal days:365, chart and CSV delivered (worst)",
            max(done["journal"]),
            "s",
            note="after a deferral",
        ),
        figure("/report 180 in-process: SQL aggregates", sql_ms, "ms", note=f"{YEARS_OF_DAYS} days of data"),
        figure("/report 180 in-process: PDF render", pdf_ms, "ms"),
    ]


async def run(progress: Callable[[str], None] = lambda _: None) -> list[Figure]:
    """The figures ``python -m bench`` prints."""
    return await measure(progress=progress)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.bench_tracking", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args(argv)
    figures = asyncio.run(measure(args.runs, progress=lambda line: print(line, file=sys.stderr)))
    print(machine())
    print(render_table(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
