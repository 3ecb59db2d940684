"""When to ask "Is this a flare?": a pure rule over daily averages.

Three local days in a row each *well above* the member's usual ask the
question on the next check-in, and it is never asked more than once a week or
while a flare is already open. "Usual" is the median of the daily averages of
the 28 days before those three (at least 7 such days are needed, or there is no
usual yet); "well above" is at least 2 points higher on the 0–10 scale for pain,
fatigue or morning stiffness.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from statistics import median

WATCHED: tuple[str, ...] = ("pain", "fatigue", "stiffness")
STREAK_DAYS = 3
BASELINE_DAYS = 28
MIN_BASELINE_DAYS = 7
WELL_ABOVE = 2.0
ASK_EVERY = timedelta(days=7)


def usual(days: Mapping[date, Mapping[str, float | None]], measure: str, before: date) -> float | None:
    """The median daily average of ``measure`` over the baseline window ending before ``before``."""
    start = before - timedelta(days=BASELINE_DAYS)
    values = [
        float(v) for day, row in days.items() if start <= day < before and (v := row.get(measure)) is not None
    ]
    return median(values) if len(values) >= MIN_BASELINE_DAYS else None


def streak_above_usual(days: Mapping[date, Mapping[str, float | None]], today: date) -> bool:
    """True when each of the last three days (``today`` included) is well above usual in some measure."""
    first = today - timedelta(days=STREAK_DAYS - 1)
    for measure in WATCHED:
        base = usual(days, measure, first)
        if base is None:
            continue
        streak = [days.get(first + timedelta(days=n), {}).get(measure) for n in range(STREAK_DAYS)]
        if all(v is not None and v >= base + WELL_ABOVE for v in streak):
            return True
    return False


def should_ask(
    days: Mapping[date, Mapping[str, float | None]],
    today: date,
    *,
    now: datetime,
    last_asked: datetime | None,
    flare_open: bool,
) -> bool:
    """Ask "Is this a flare?" now?"""
    if flare_open or (last_asked is not None and now - last_asked < ASK_EVERY):
        return False
    return streak_above_usual(days, today)


def by_day(rows: Sequence[Mapping[str, float | str | None]]) -> dict[date, dict[str, float | None]]:
    """SQL daily rows (``day`` as ISO text plus one column per measure) keyed by date."""
    found: dict[date, dict[str, float | None]] = {}
    for row in rows:
        day = date.fromisoformat(str(row["day"]))
        found[day] = {k: (None if v is None else float(v)) for k, v in row.items() if k != "day"}
    return found
