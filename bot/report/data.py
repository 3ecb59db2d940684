"""What the doctor's page says, gathered with SQL aggregates (three years of daily rows stay cheap).

Pure data, no Discord, no PDF. Local days use the member's UTC offset at the
time of the report (one offset for the whole period: a daylight-saving change
moves at most one check-in an hour across midnight, which does not change a
180-day picture).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.storage.meds import Medicine, MedicineRepo
from bot.storage.tracking import MEASURES, Flare, FullCheckin, TrackingRepo
from bot.tracking.flares import by_day
from bot.tracking.patterns import Pattern, find_patterns
from bot.tracking.service import safe_zone, utc_offset_minutes

REPORT_DAYS: tuple[int, ...] = (30, 90, 180)
MAX_NOTES = 5
MAX_QUESTIONS = 8
LETTER_REGIONS = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR", "DO", "SV", "PA"})


def paper_for(locale: str | None) -> str:
    """US Letter where it is the norm (by the member's Discord locale), A4 everywhere else."""
    if not locale:
        return "A4"
    parts = locale.replace("_", "-").split("-")
    region = parts[1].upper() if len(parts) > 1 else ""
    if region == "419":  # Spanish (Latin America): mostly Letter
        return "Letter"
    return "Letter" if region in LETTER_REGIONS else "A4"


@dataclass(frozen=True, slots=True)
class MeasureSummary:
    name: str
    average: float | None
    minimum: float | None
    maximum: float | None
    days: int
    trend: float | None
    """Second half's average minus the first half's (None without enough days on both sides)."""
    series: tuple[tuple[date, float], ...]


@dataclass(frozen=True, slots=True)
class MedicineSummary:
    medicine: Medicine
    taken: int
    skipped: int


@dataclass(frozen=True, slots=True)
class ReportData:
    user_id: int
    start: datetime
    end: datetime
    days: int
    tz_name: str
    checkins: int
    measures: tuple[MeasureSummary, ...]
    symptoms: tuple[tuple[str, tuple[int, int, int]], ...]
    """(name, (mild days, moderate days, severe days))."""
    flares: tuple[Flare, ...]
    medicines: tuple[MedicineSummary, ...]
    routines: dict[str, int]
    notes: tuple[FullCheckin, ...]
    questions: tuple[str, ...]
    patterns: tuple[Pattern, ...] = field(default=())

    @property
    def local_today(self) -> date:
        return self.end.astimezone(safe_zone(self.tz_name)).date()


def _trend(values: list[float]) -> float | None:
    if len(values) < 6:
        return None
    half = len(values) // 2
    first, second = values[:half], values[half:]
    return sum(second) / len(second) - sum(first) / len(first)


def summarize_measure(name: str, series: list[tuple[date, float]]) -> MeasureSummary:
    values = [v for _, v in series]
    if not values:
        return MeasureSummary(name, None, None, None, 0, None, ())
    return MeasureSummary(
        name, sum(values) / len(values), min(values), max(values), len(values), _trend(values), tuple(series)
    )


async def gather(
    tracking: TrackingRepo,
    meds: MedicineRepo,
    user_id: int,
    days: int,
    *,
    now: datetime,
    tz_name: str,
) -> ReportData:
    """Everything the page shows for the ``days`` before ``now``."""
    start = now - timedelta(days=days)
    offset = utc_offset_minutes(tz_name, now)
    daily = by_day(await tracking.daily_means(user_id, start, offset))
    measures = tuple(
        summarize_measure(m, [(d, v) for d, row in sorted(daily.items()) if (v := row.get(m)) is not None])
        for m in MEASURES
    )
    names = {s.id: s.name for s in await tracking.symptoms(user_id, include_inactive=True)}
    counts: dict[int, list[int]] = {}
    for _, sid, level in await tracking.daily_symptom_max(user_id, start, offset):
        if level >= 1:
            counts.setdefault(sid, [0, 0, 0])[level - 1] += 1
    symptoms = tuple(
        (names.get(sid, "symptom"), (c[0], c[1], c[2]))
        for sid, c in sorted(counts.items(), key=lambda item: -sum(item[1]))
    )
    adherence = await meds.adherence(user_id, start)
    medicines = tuple(
        MedicineSummary(
            m,
            adherence[m.id].taken if m.id in adherence else 0,
            adherence[m.id].skipped if m.id in adherence else 0,
        )
        for m in await meds.list(user_id, include_inactive=True)
        if m.active or m.id in adherence
    )
    routine_days = await tracking.routine_days(user_id, start, offset)
    pattern_days: dict[date, dict[str, float | None]] = {}
    for day, row in daily.items():
        pattern_days[day] = {**row, "routine": float(routine_days.get(day.isoformat(), 0))}
    settings = await tracking.settings(user_id)
    questions = tuple(q.strip(" -•\t") for q in (settings.questions or "").splitlines() if q.strip(" -•\t"))[
        :MAX_QUESTIONS
    ]
    return ReportData(
        user_id=user_id,
        start=start,
        end=now,
        days=days,
        tz_name=tz_name,
        checkins=await tracking.checkin_count(user_id, start),
        measures=measures,
        symptoms=symptoms,
        flares=tuple(await tracking.flares_between(user_id, start, now)),
        medicines=medicines,
        routines=await tracking.routine_outcomes(user_id, start),
        notes=tuple(await tracking.doctor_notes(user_id, start, limit=MAX_NOTES)),
        questions=questions,
        patterns=tuple(find_patterns(pattern_days)),
    )
