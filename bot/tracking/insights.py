"""What ``/journal`` adds from tracking: patterns, medicine adherence, flares, full check-ins for the CSV.

No Discord. Daily values come from SQL aggregates, so a year of check-ins costs
one grouped query rather than a year of rows in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.storage.meds import MedicineRepo
from bot.storage.tracking import Flare, FullCheckin, TrackingRepo
from bot.tracking.flares import by_day
from bot.tracking.patterns import find_patterns
from bot.tracking.service import utc_offset_minutes
from bot.wording import tracking as words


@dataclass(frozen=True, slots=True)
class Insights:
    patterns: tuple[str, ...]
    medicines: tuple[str, ...]
    """One line per medicine: name and what was recorded."""
    flares: tuple[Flare, ...]
    details: dict[int, FullCheckin]
    symptoms: tuple[tuple[int, str], ...]
    """Every symptom the member ever tracked, for the CSV's columns."""


async def insights(
    tracking: TrackingRepo,
    meds: MedicineRepo,
    user_id: int,
    start: datetime,
    *,
    now: datetime,
    tz_name: str,
    details: bool = True,
) -> Insights:
    """``details=False`` skips the per-check-in rows (the CSV is one line per day then)."""
    offset = utc_offset_minutes(tz_name, now)
    daily = by_day(await tracking.daily_means(user_id, start, offset))
    routine_days = await tracking.routine_days(user_id, start, offset)
    days: dict[date, dict[str, float | None]] = {
        day: {**row, "routine": float(routine_days.get(day.isoformat(), 0))} for day, row in daily.items()
    }
    adherence = await meds.adherence(user_id, start)
    lines = []
    for medicine in await meds.list(user_id, include_inactive=True):
        record = adherence.get(medicine.id)
        if record is None and not medicine.active:
            continue
        total = 0 if record is None else record.taken + record.skipped
        done = (
            words.DOSES_TAKEN.format(
                taken=record.taken, total=total, percent=round(100 * record.taken / total)
            )
            if record is not None and total
            else words.NO_DOSES_RECORDED
        )
        lines.append(words.MEDICINE_LINE.format(name=medicine.name, doses=done))
    full = await tracking.checkins_since(user_id, start) if details else []
    symptoms = await tracking.symptoms(user_id, include_inactive=True)
    return Insights(
        patterns=tuple(p.text for p in find_patterns(days)),
        medicines=tuple(lines),
        flares=tuple(await tracking.flares_between(user_id, start, now)),
        details={c.id: c for c in full if c.id is not None},
        symptoms=tuple((s.id, s.name) for s in symptoms),
    )
