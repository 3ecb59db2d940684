"""A time zone said back in words: "Eastern Time (New York) — it's 3:40 pm there now".

People confirm a zone by its name and the clock they see, not by "America/New_York",
so every place that sets a zone says it back this way (pure, no I/O).
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.wording import reminders as words

FRIENDLY_NAMES = words.ZONE_NAMES
"""Kept under its old name for callers; the names live in :mod:`bot.wording.reminders`."""


def place(zone: str) -> str:
    """The city part of a zone name: ``America/New_York`` → ``New York``."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def zone_name(zone: str) -> str:
    """``Eastern Time (New York)``, or ``Lagos time`` for a zone without a common name."""
    if zone == "UTC":
        return "UTC"
    friendly = words.ZONE_NAMES.get(zone)
    if friendly:
        return words.ZONE_WITH_PLACE.format(name=friendly, place=place(zone))
    return words.ZONE_OF_PLACE.format(place=place(zone))


def has_daylight_saving(zone: str, year: int) -> bool:
    """Whether the zone's clocks change during ``year`` (January and July offsets differ)."""
    tz = ZoneInfo(zone)
    january = datetime(year, 1, 15, 12, tzinfo=UTC).astimezone(tz).utcoffset()
    july = datetime(year, 7, 15, 12, tzinfo=UTC).astimezone(tz).utcoffset()
    return january != july


def clock(moment: datetime) -> str:
    """``3:40 pm`` (the 12-hour clock most members read; no locale involved)."""
    hour = moment.hour % 12 or 12
    meridiem = words.CLOCK_AM if moment.hour < 12 else words.CLOCK_PM
    return words.CLOCK_12_HOUR.format(hour=hour, minute=moment.minute, meridiem=meridiem)


def zone_in_words(zone: str, now: datetime) -> str:
    """``Eastern Time (New York) — it's 3:40 pm there now; clocks follow daylight saving.``"""
    local = now.astimezone(ZoneInfo(zone))
    said = words.ZONE_CLOCK_NOW.format(zone=zone_name(zone), clock=clock(local))
    if has_daylight_saving(zone, local.year):
        said += words.ZONE_DAYLIGHT_SAVING
    return said + words.ZONE_SENTENCE_END
