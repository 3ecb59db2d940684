"""A time zone said back in words: "Eastern Time (New York) — it's 3:40 pm there now".

People confirm a zone by its name and the clock they see, not by "America/New_York",
so every place that sets a zone says it back this way (pure, no I/O).
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

FRIENDLY_NAMES: dict[str, str] = {
    "America/New_York": "Eastern Time",
    "America/Toronto": "Eastern Time",
    "America/Chicago": "Central Time",
    "America/Winnipeg": "Central Time",
    "America/Denver": "Mountain Time",
    "America/Edmonton": "Mountain Time",
    "America/Phoenix": "Mountain Time, no daylight saving",
    "America/Los_Angeles": "Pacific Time",
    "America/Vancouver": "Pacific Time",
    "America/Anchorage": "Alaska Time",
    "Pacific/Honolulu": "Hawaii Time",
    "America/Halifax": "Atlantic Time",
    "America/St_Johns": "Newfoundland Time",
    "Europe/London": "UK time",
    "Europe/Dublin": "Irish time",
    "Europe/Lisbon": "Western European Time",
    "Europe/Paris": "Central European Time",
    "Europe/Berlin": "Central European Time",
    "Europe/Madrid": "Central European Time",
    "Europe/Rome": "Central European Time",
    "Europe/Amsterdam": "Central European Time",
    "Europe/Athens": "Eastern European Time",
    "Asia/Kolkata": "India Time",
    "Asia/Tokyo": "Japan Time",
    "Australia/Sydney": "Australian Eastern Time",
    "Australia/Melbourne": "Australian Eastern Time",
    "Australia/Brisbane": "Australian Eastern Time, no daylight saving",
    "Australia/Adelaide": "Australian Central Time",
    "Australia/Perth": "Australian Western Time",
    "Pacific/Auckland": "New Zealand Time",
    "UTC": "UTC",
}


def place(zone: str) -> str:
    """The city part of a zone name: ``America/New_York`` → ``New York``."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def zone_name(zone: str) -> str:
    """``Eastern Time (New York)``, or ``Lagos time`` for a zone without a common name."""
    if zone == "UTC":
        return "UTC"
    friendly = FRIENDLY_NAMES.get(zone)
    return f"{friendly} ({place(zone)})" if friendly else f"{place(zone)} time"


def has_daylight_saving(zone: str, year: int) -> bool:
    """Whether the zone's clocks change during ``year`` (January and July offsets differ)."""
    tz = ZoneInfo(zone)
    january = datetime(year, 1, 15, 12, tzinfo=UTC).astimezone(tz).utcoffset()
    july = datetime(year, 7, 15, 12, tzinfo=UTC).astimezone(tz).utcoffset()
    return january != july


def clock(moment: datetime) -> str:
    """``3:40 pm`` (the 12-hour clock most members read; no locale involved)."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"


def zone_in_words(zone: str, now: datetime) -> str:
    """``Eastern Time (New York) — it's 3:40 pm there now; clocks follow daylight saving.``"""
    local = now.astimezone(ZoneInfo(zone))
    words = f"{zone_name(zone)} — it's {clock(local)} there now"
    if has_daylight_saving(zone, local.year):
        words += "; clocks follow daylight saving"
    return words + "."
