"""CSV export of the journal, for a spreadsheet or a care-team visit.

One file with a ``kind`` column (``checkin`` or ``routine``) so it stays one
attachment and sorts by time. Text that a spreadsheet would run as a formula
(cells starting with ``= + - @``, tab or carriage return) is prefixed with a
single quote: a note like ``=HYPERLINK(...)`` must stay a note.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime

from bot.journal.daily import DayAgg
from bot.storage.journal import Checkin, Completion
from bot.storage.tracking import FullCheckin

HEADER = (
    "kind",
    "date",
    "time_utc",
    "pain",
    "fatigue",
    "note",
    "source",
    "routine_id",
    "outcome",
    "steps_done",
    "steps_total",
    "seconds_spent",
    "stiffness",
    "sleep",
    "mood",
    "for_doctor",
)
"""Then one ``symptom: <name>`` column per symptom the member ever tracked (none / mild / …)."""

LEVEL_WORDS = ("none", "mild", "moderate", "severe")

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def neutralize(cell: str) -> str:
    """Make a text cell inert in spreadsheets (OWASP CSV-injection advice)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _text(value: str | None) -> str:
    return "" if value is None else neutralize(value)


def _number(value: int | None) -> str:
    return "" if value is None else str(int(value))


def checkins_csv(
    checkins: Iterable[Checkin],
    completions: Iterable[Completion],
    *,
    details: Mapping[int, FullCheckin] | None = None,
    symptoms: Sequence[tuple[int, str]] = (),
) -> bytes:
    """UTF-8 CSV: a header, then check-ins and routines in time order (routines by start time).

    ``details`` (check-in id -> the full check-in) fills the newer measures and the symptom
    columns, one per ``(symptom id, name)`` in ``symptoms``.
    """
    details = details or {}
    extra_blank = [""] * (4 + len(symptoms))
    rows: list[tuple[tuple[datetime, int, int], list[str]]] = []
    for c in checkins:
        full = details.get(c.id or -1)
        extra = extra_blank
        if full is not None:
            extra = [
                _number(full.stiffness),
                _number(full.sleep),
                _number(full.mood),
                "yes" if full.for_doctor else "",
                *(LEVEL_WORDS[full.symptoms[sid]] if sid in full.symptoms else "" for sid, _ in symptoms),
            ]
        at = c.at.astimezone(UTC)
        rows.append(
            (
                (at, 0, c.id or 0),
                [
                    "checkin",
                    at.date().isoformat(),
                    at.strftime("%H:%M"),
                    _number(c.pain),
                    _number(c.fatigue),
                    _text(c.note),
                    _text(c.source),
                    "",
                    "",
                    "",
                    "",
                    "",
                    *extra,
                ],
            )
        )
    for r in completions:
        at = r.started_at.astimezone(UTC)
        rows.append(
            (
                (at, 1, r.id or 0),
                [
                    "routine",
                    at.date().isoformat(),
                    at.strftime("%H:%M"),
                    "",
                    "",
                    "",
                    "",
                    _text(r.routine_id),
                    _text(r.outcome),
                    _number(r.steps_done),
                    _number(r.steps_total),
                    _number(r.seconds_spent),
                    *extra_blank,
                ],
            )
        )
    rows.sort(key=lambda item: item[0])
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow((*HEADER, *(neutralize(f"symptom: {name}") for _, name in symptoms)))
    writer.writerows(row for _, row in rows)
    return buffer.getvalue().encode("utf-8")


DAILY_HEADER = ("date", "check-ins", "average pain", "lowest pain", "highest pain", "average fatigue")


def daily_csv(day_aggs: Iterable[DayAgg]) -> bytes:
    """UTF-8 CSV with one line per local day (for a window too full to list every entry)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(DAILY_HEADER)
    for agg in day_aggs:
        fatigue = agg.average_fatigue
        writer.writerow(
            (
                agg.day.isoformat(),
                agg.count,
                f"{agg.average_pain:.1f}",
                agg.pain_min,
                agg.pain_max,
                "" if fatigue is None else f"{fatigue:.1f}",
            )
        )
    return out.getvalue().encode("utf-8")
