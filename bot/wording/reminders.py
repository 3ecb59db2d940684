"""What the reminder core says: typing a time, naming a time zone, a reminder DM that was refused."""

from __future__ import annotations

# ----------------------------------------------------------------- a reminder DM Discord refused

DM_BLOCKED_NOTICE = (
    "I tried to send your daily stretch reminder, but Discord would not let me message you "
    "(your direct messages with me may be turned off). I've paused the reminder so I don't keep trying. "
    "To get it again: allow direct messages from this server's members (Server name → Privacy "
    "Settings), then use `/remind set`."
)
"""Left for the person (``PrefsRepo.notice_pending``) when their reminder DM is refused."""

# ----------------------------------------------------------------- reading a time someone typed

TIME_HELP = "Try a time like 7:30, 19:05, 7pm or 7:30 pm."
TIME_MISSING = "Please give a time. " + TIME_HELP
TIME_AM_OR_PM = "Is {shown!r} in the morning or the evening? Add am or pm, or use 24-hour time like 19:00."
TIME_UNREADABLE = "I couldn't read {shown!r} as a time. " + TIME_HELP
TIME_BAD_MINUTES = "Minutes go from 00 to 59, so {shown!r} isn't a time. " + TIME_HELP
TIME_BAD_12_HOUR = "With am or pm the hour goes from 1 to 12, so {shown!r} isn't a time. " + TIME_HELP
TIME_BAD_24_HOUR = "Hours go from 0 to 23, so {shown!r} isn't a time. " + TIME_HELP

# ----------------------------------------------------------------- time zones

UNKNOWN_ZONE = "I don't know the time zone {zone!r}. Pick one from the list."
ZONE_WITH_PLACE = "{name} ({place})"
"""``Eastern Time (New York)``."""
ZONE_OF_PLACE = "{place} time"
"""``Lagos time``, for a zone without a common name."""
ZONE_CLOCK_NOW = "{zone} — it's {clock} there now"
ZONE_DAYLIGHT_SAVING = "; clocks follow daylight saving"
ZONE_SENTENCE_END = "."
CLOCK_12_HOUR = "{hour}:{minute:02d} {meridiem}"
"""``3:40 pm``: the 12-hour clock most members read."""
CLOCK_AM = "am"
CLOCK_PM = "pm"

ZONE_NAMES: dict[str, str] = {
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
"""Common names of the zones members pick most; the rest are named after their city."""
