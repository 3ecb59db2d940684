"""The time window a journal view covers, shared by the summary, chart and CSV."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.storage.journal import Checkin, Completion


def zone(tz_name: str) -> ZoneInfo:
    """The IANA zone, or a ValueError naming it (ZoneInfo raises a KeyError subclass)."""
    try:
        return ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {tz_name!r}") from exc


def window_start(days: int, now: datetime) -> datetime:
    if days < 1:
        raise ValueError("days must be at least 1")
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now - timedelta(days=days)


def checkins_in(checkins: Iterable[Checkin], start: datetime, end: datetime) -> list[Checkin]:
    """Check-ins with ``start < at <= end``, oldest first."""
    return sorted((c for c in checkins if start < c.at <= end), key=lambda c: (c.at, c.id or 0))


def completions_in(completions: Iterable[Completion], start: datetime, end: datetime) -> list[Completion]:
    """Completions that ended in ``(start, end]``, oldest first."""
    return sorted(
        (c for c in completions if start < c.ended_at <= end), key=lambda c: (c.ended_at, c.id or 0)
    )
