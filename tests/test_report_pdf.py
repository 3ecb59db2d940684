"""The doctor's page: one page, real text, every part present, A4 or Letter, read back with pypdf."""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader

from bot.report.data import gather, paper_for
from bot.report.pdf import filename, render_pdf
from bot.storage.db import Database
from bot.storage.journal import Completion, JournalRepo
from bot.storage.meds import MedicineRepo
from bot.storage.tracking import FullCheckin, TrackingRepo

NOW = datetime(2026, 11, 28, 18, 0, tzinfo=UTC)
USER = 424_242_424_242_424_242
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


async def seed(db: Database, *, days: int = 200, long_text: bool = False) -> None:
    tracking, meds, journal = TrackingRepo(db), MedicineRepo(db), JournalRepo(db)
    rash = await tracking.add_symptom(USER, "rash", now=NOW, limit=10)
    assert rash is not None
    medicine = await meds.add(USER, "Hydroxychloroquine", "200 mg", ("08:00", "20:00"), now=NOW)
    rng = random.Random(7)
    if long_text:  # the most the app allows: ten symptoms and twenty medicines, each with a record
        for n in range(9):
            extra = await tracking.add_symptom(USER, f"symptom {n} with a long name", now=NOW, limit=10)
            assert extra is not None
            await tracking.add_checkin(
                FullCheckin(USER, NOW - timedelta(hours=1), pain=3, symptoms={extra.id: 2})
            )
        for n in range(19):
            other = await meds.add(
                USER, f"Medicine {n} with a long name", "1 tablet twice a day", ("08:00", "20:00"), now=NOW
            )
            await meds.record_dose(USER, other.id, "taken", due_at=None, now=NOW, source="log")
    note = (
        "Swollen knuckles in the morning; ask whether this is the lupus. " * (6 if long_text else 1)
    ).strip()
    for d in range(days):
        at = NOW - timedelta(days=d, hours=3)
        sleep = 2 if d % 2 else 8
        await tracking.add_checkin(
            FullCheckin(
                USER,
                at,
                pain=7 if sleep == 2 else 4,
                fatigue=rng.randint(2, 8),
                stiffness=rng.randint(0, 6),
                sleep=sleep,
                mood=rng.randint(3, 8),
                note=note if d % (3 if long_text else 40) == 0 else None,
                for_doctor=d % (3 if long_text else 40) == 0,
                symptoms={rash.id: d % 4},
            )
        )
        await meds.record_dose(
            USER, medicine.id, "taken" if d % 10 else "skipped", due_at=at, now=at, source="reminder"
        )
        if d % 5 == 0:
            await journal.add_completion(
                Completion(USER, "chair", "hurt" if d % 15 == 0 else "done", at, at, 5, 5, 300)
            )
    await tracking.start_flare(USER, now=NOW - timedelta(days=60), note="Joints and rash")
    await tracking.end_flare(USER, now=NOW - timedelta(days=52), note=None)
    questions = [
        f"Question number {n}: " + ("is this long enough to wrap " * (6 if long_text else 1))
        for n in range(12)
    ]
    await tracking.set_setting(USER, "questions", "\n".join(questions)[:1000], now=NOW)


async def page(db: Database, days: int = 180, paper: str = "A4") -> tuple[PdfReader, str, str]:
    data = await gather(TrackingRepo(db), MedicineRepo(db), USER, days, now=NOW, tz_name="Europe/London")
    pdf = render_pdf(data, paper=paper)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join((reader.pages[0].extract_text() or "").split())
    return reader, text, filename(data)


async def test_every_part_is_on_one_page_as_real_text(db: Database) -> None:
    await seed(db)
    reader, text, name = await page(db)
    assert len(reader.pages) == 1
    assert name == "lupus-report-2026-11-28.pdf"
    for part in (
        "Lupus report for my doctor",
        "Period: 2026-06-01 to 2026-11-28 (180 days)",
        "180 check-ins",
        "Pain (0 none - 10 worst)",
        "Fatigue",
        "Morning stiffness",
        "Sleep quality",
        "Mood",
        "average 5.5",  # pain: half the days 7, half 4
        "trend: steady",
        "2026-09-29 to 2026-10-07 (9 days): Joints and rash",
        "rash:",
        "Hydroxychloroquine (200 mg), at 08:00, 20:00: taken 162 of 180 recorded doses (90%), 18 skipped",
        "24 done · 12 stopped because of pain · 0 stopped early",
        "On days with poor sleep, pain averaged 7.0 (other days 4.0",
        "Swollen knuckles in the morning",
        "Question number 0",
        "not a diagnosis",
    ):
        assert part in text, part
    assert reader.pages[0].images, "the small charts are images"


@pytest.mark.parametrize(
    "locale, paper, size",
    [("en-US", "Letter", LETTER), ("en-GB", "A4", A4), ("fr", "A4", A4), ("es-419", "Letter", LETTER)],
)
async def test_the_paper_follows_the_members_region(
    db: Database, locale: str, paper: str, size: tuple[float, float]
) -> None:
    await seed(db, days=20)
    assert paper_for(locale) == paper
    reader, _, _ = await page(db, 30, paper_for(locale))
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == (round(size[0], 1), round(size[1], 1))


async def test_a_very_full_record_still_fits_on_one_page(db: Database) -> None:
    await seed(db, long_text=True)
    reader, text, _ = await page(db)
    assert len(reader.pages) == 1
    assert "more in the app" in text  # what did not fit is counted, not spilled


async def test_an_empty_record_says_so_plainly(db: Database) -> None:
    reader, text, _ = await page(db, 30)
    assert len(reader.pages) == 1
    assert "not recorded in this period" in text and "No flares marked" in text
    assert "No questions written yet" in text and "No medicines entered" in text
