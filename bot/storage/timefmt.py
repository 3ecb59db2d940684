"""How the storage layer writes instants, so every repository agrees.

TEXT timestamps are ISO 8601 in UTC with a fixed shape
(``2026-03-08T07:30:00.000000+00:00``): one shape means plain string comparison
(``at >= ?``) orders them correctly in SQLite and PostgreSQL alike. REAL columns
(deadlines, reminder times) hold POSIX seconds, which are what timers compare.
Naive datetimes are refused: a time without a zone is a bug waiting for DST.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import utc_at


def _require_aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("storage needs timezone-aware datetimes (got a naive one)")
    return value


def to_iso(value: datetime) -> str:
    """An aware datetime as fixed-shape UTC ISO text."""
    return _require_aware(value).astimezone(UTC).isoformat(timespec="microseconds")


def from_iso(text: str) -> datetime:
    """Stored ISO text back to an aware UTC datetime."""
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def from_iso_opt(text: str | None) -> datetime | None:
    return None if text is None else from_iso(text)


def to_epoch(value: datetime) -> float:
    """An aware datetime as POSIX seconds (what REAL columns hold)."""
    return _require_aware(value).timestamp()


def to_epoch_opt(value: datetime | None) -> float | None:
    return None if value is None else to_epoch(value)


def from_epoch(value: float) -> datetime:
    return utc_at(value)


def from_epoch_opt(value: float | None) -> datetime | None:
    return None if value is None else from_epoch(value)
