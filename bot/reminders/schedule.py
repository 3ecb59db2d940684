"""When a daily reminder fires: wall-clock time in an IANA zone, DST-safe.

Pure functions, no I/O. The rules, chosen so nobody is reminded twice or never:

* A reminder fires at the next occurrence of its local wall-clock time.
* On a spring-forward day a time inside the gap (02:30 in New York on
  2026-03-08) does not exist; it fires at the first instant after the gap
  (03:00 local), so that day still gets its reminder.
* On a fall-back day a time inside the repeated hour happens twice; it fires
  once, at the first occurrence (``fold=0``).
* A reminder found late (the bot was down) is sent if less than an hour late,
  otherwise skipped: a "time to stretch" message at 3 am helps no one.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo, available_timezones

from rapidfuzz import fuzz, process

from bot.text import normalize_query
from bot.wording import reminders as words

MISSED_GRACE_SECONDS = 3600


# -- next firing ------------------------------------------------------------------------------


def _wall(instant: datetime, tz: ZoneInfo) -> datetime:
    return instant.astimezone(tz).replace(tzinfo=None)


def _occurrence(day: date, wall_time: time, tz: ZoneInfo) -> datetime:
    """The UTC instant ``wall_time`` happens on ``day`` in ``tz``, by the rules above."""
    naive = datetime.combine(day, wall_time.replace(tzinfo=None))
    first = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if _wall(first, tz) == naive:
        return first  # exists; for an ambiguous time fold=0 is the first occurrence
    # In a gap: fold=1 maps with the offset after the change (an instant before
    # the gap), fold=0 with the offset before it (an instant after the gap).
    # The transition lies between; find the first whole second past it.
    low = math.floor(naive.replace(tzinfo=tz, fold=1).astimezone(UTC).timestamp())
    high = math.ceil(first.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if _wall(datetime.fromtimestamp(middle, UTC), tz) >= naive:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def next_fire(local_time: time, tz: ZoneInfo, after: datetime) -> datetime:
    """The first firing of daily ``local_time`` in ``tz`` strictly after ``after``, in UTC."""
    if after.tzinfo is None:
        raise ValueError("after must be timezone-aware")
    after_utc = after.astimezone(UTC)
    day = after_utc.astimezone(tz).date()
    for offset in range(4):
        candidate = _occurrence(day + timedelta(days=offset), local_time, tz)
        if candidate > after_utc:
            return candidate
    raise AssertionError("no firing within four days")  # unreachable: each local day has one


def decide_missed(
    due_at: datetime, now: datetime, grace: float | timedelta = MISSED_GRACE_SECONDS
) -> Literal["send", "skip"]:
    """Send a due reminder if it is less than ``grace`` late, else skip it (sent once either way)."""
    limit = grace.total_seconds() if isinstance(grace, timedelta) else float(grace)
    late = (now - due_at).total_seconds()
    return "send" if late < limit else "skip"


# -- parsing what people type -----------------------------------------------------------------

_CLOCK = re.compile(r"^(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*(am|pm)?$", re.ASCII)
_FOUR_DIGITS = re.compile(r"^(\d{2})(\d{2})$", re.ASCII)
_WORDS = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}


def parse_time(text: str) -> time:
    """Read ``7:30``, ``19:05``, ``0730``, ``7pm``, ``7:30 pm``, ``7.30 p.m.``, ``noon``.

    A bare hour (``7``) is refused rather than guessed: 7 am and 7 pm are both
    likely, and a reminder at the wrong one is worse than a question.
    """
    cleaned = unicodedata.normalize("NFKC", text or "").strip().lower()
    shown = cleaned if len(cleaned) <= 20 else cleaned[:20] + "…"
    if not cleaned:
        raise ValueError(words.TIME_MISSING)
    cleaned = re.sub(r"\s+", " ", cleaned.replace("a.m.", "am").replace("p.m.", "pm"))
    cleaned = cleaned.replace("a.m", "am").replace("p.m", "pm")
    if cleaned in _WORDS:
        return _WORDS[cleaned]
    four = _FOUR_DIGITS.match(cleaned)
    match = _CLOCK.match(cleaned)
    if four:
        hour, minute, meridiem = int(four[1]), int(four[2]), None
    elif match:
        hour, minute, meridiem = int(match[1]), int(match[2] or 0), match[3]
        if match[2] is None and meridiem is None:
            raise ValueError(words.TIME_AM_OR_PM.format(shown=shown))
    else:
        raise ValueError(words.TIME_UNREADABLE.format(shown=shown))
    if minute > 59:
        raise ValueError(words.TIME_BAD_MINUTES.format(shown=shown))
    if meridiem is not None:
        if not 1 <= hour <= 12:
            raise ValueError(words.TIME_BAD_12_HOUR.format(shown=shown))
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    elif hour > 23:
        raise ValueError(words.TIME_BAD_24_HOUR.format(shown=shown))
    return time(hour, minute)


def format_time(value: time) -> str:
    """The stored ``HH:MM`` form."""
    return f"{value.hour:02d}:{value.minute:02d}"


# -- picking a time zone ----------------------------------------------------------------------

_REGIONS = (
    "Africa/",
    "America/",
    "Antarctica/",
    "Arctic/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
)

POPULAR_ZONES: tuple[str, ...] = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Toronto",
    "America/Vancouver",
    "America/Halifax",
    "America/Puerto_Rico",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Rome",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "Asia/Kolkata",
    "Asia/Manila",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "UTC",
)
"""Shown for an empty query: where most of the community lives."""

ABBREVIATIONS: dict[str, str] = {
    "est": "America/New_York",
    "edt": "America/New_York",
    "et": "America/New_York",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "ct": "America/Chicago",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "mt": "America/Denver",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "pt": "America/Los_Angeles",
    "akst": "America/Anchorage",
    "akdt": "America/Anchorage",
    "hst": "Pacific/Honolulu",
    "ast": "America/Halifax",
    "adt": "America/Halifax",
    "nst": "America/St_Johns",
    "ndt": "America/St_Johns",
    "gmt": "Europe/London",
    "bst": "Europe/London",
    "wet": "Europe/Lisbon",
    "west": "Europe/Lisbon",
    "cet": "Europe/Paris",
    "cest": "Europe/Paris",
    "met": "Europe/Paris",
    "eet": "Europe/Athens",
    "eest": "Europe/Athens",
    "msk": "Europe/Moscow",
    "ist": "Asia/Kolkata",
    "jst": "Asia/Tokyo",
    "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
    "acst": "Australia/Adelaide",
    "acdt": "Australia/Adelaide",
    "awst": "Australia/Perth",
    "nzst": "Pacific/Auckland",
    "nzdt": "Pacific/Auckland",
    "sast": "Africa/Johannesburg",
    "wat": "Africa/Lagos",
    "eat": "Africa/Nairobi",
}
"""What people mean by a clock abbreviation: the place's zone, which follows its daylight saving.

tzdata also has zones literally named ``EST``, ``MST``, ``CET``, ``GMT``…: fixed offsets
or old rules that nobody living there uses (``EST`` never moves to summer time), so
those names are never picked for what someone typed."""

ALIASES: dict[str, tuple[str, ...]] = {
    **{abbreviation: (zone,) for abbreviation, zone in ABBREVIATIONS.items()},
    "eastern": ("America/New_York", "America/Toronto"),
    "central": ("America/Chicago", "America/Winnipeg"),
    "mountain": ("America/Denver", "America/Phoenix", "America/Edmonton"),
    "mst": ("America/Denver", "America/Phoenix"),
    "arizona": ("America/Phoenix",),
    "pacific": ("America/Los_Angeles", "America/Vancouver"),
    "alaska": ("America/Anchorage",),
    "hawaii": ("Pacific/Honolulu",),
    "atlantic": ("America/Halifax", "America/Puerto_Rico"),
    "newfoundland": ("America/St_Johns",),
    "new york": ("America/New_York",),
    "nyc": ("America/New_York",),
    "ny": ("America/New_York",),
    "la": ("America/Los_Angeles",),
    "san francisco": ("America/Los_Angeles",),
    "seattle": ("America/Los_Angeles",),
    "texas": ("America/Chicago",),
    "dallas": ("America/Chicago",),
    "houston": ("America/Chicago",),
    "atlanta": ("America/New_York",),
    "miami": ("America/New_York",),
    "boston": ("America/New_York",),
    "washington": ("America/New_York",),
    "dc": ("America/New_York",),
    "philadelphia": ("America/New_York",),
    "montreal": ("America/Toronto",),
    "ottawa": ("America/Toronto",),
    "calgary": ("America/Edmonton",),
    "uk": ("Europe/London",),
    "britain": ("Europe/London",),
    "england": ("Europe/London",),
    "scotland": ("Europe/London",),
    "wales": ("Europe/London",),
    "gmt": ("Europe/London", "UTC"),
    "ireland": ("Europe/Dublin",),
    "cet": ("Europe/Paris", "Europe/Berlin"),
    "central europe": ("Europe/Berlin", "Europe/Paris"),
    "germany": ("Europe/Berlin",),
    "france": ("Europe/Paris",),
    "spain": ("Europe/Madrid",),
    "italy": ("Europe/Rome",),
    "netherlands": ("Europe/Amsterdam",),
    "holland": ("Europe/Amsterdam",),
    "india": ("Asia/Kolkata",),
    "mumbai": ("Asia/Kolkata",),
    "bombay": ("Asia/Kolkata",),
    "delhi": ("Asia/Kolkata",),
    "new delhi": ("Asia/Kolkata",),
    "calcutta": ("Asia/Kolkata",),
    "bangalore": ("Asia/Kolkata",),
    "philippines": ("Asia/Manila",),
    "japan": ("Asia/Tokyo",),
    "china": ("Asia/Shanghai",),
    "beijing": ("Asia/Shanghai",),
    "korea": ("Asia/Seoul",),
    "australia": (
        "Australia/Sydney",
        "Australia/Melbourne",
        "Australia/Brisbane",
        "Australia/Perth",
        "Australia/Adelaide",
    ),
    "new zealand": ("Pacific/Auckland",),
    "nz": ("Pacific/Auckland",),
    "canada": (
        "America/Toronto",
        "America/Vancouver",
        "America/Edmonton",
        "America/Winnipeg",
        "America/Halifax",
    ),
    "mexico": ("America/Mexico_City",),
    "brazil": ("America/Sao_Paulo",),
    "nigeria": ("Africa/Lagos",),
    "south africa": ("Africa/Johannesburg",),
    "kenya": ("Africa/Nairobi",),
    "egypt": ("Africa/Cairo",),
    "utc": ("UTC",),
    "universal": ("UTC",),
    "zulu": ("UTC",),
}


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[_/\-.,()]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@cache
def _zone_index() -> tuple[tuple[str, str, str], ...]:
    """(zone, normalized full name, normalized city) for every zone worth offering."""
    names = sorted(z for z in available_timezones() if z.startswith(_REGIONS) or z == "UTC")
    return tuple((z, _normalize(z), _normalize(z.rsplit("/", 1)[-1])) for z in names)


def is_legacy_abbreviation(zone: str) -> bool:
    """``EST``, ``MST``, ``CET``, ``EST5EDT``, ``GMT0``…: tzdata names nobody means by the letters."""
    return "/" not in zone and zone != "UTC" and (zone.isupper() or any(ch.isdigit() for ch in zone))


@cache
def _valid_zones_folded() -> dict[str, str]:
    return {
        z.casefold(): z
        for z in available_timezones()
        if z not in ("localtime", "Factory") and not is_legacy_abbreviation(z)
    }


def timezone_choices(query: str, limit: int = 25) -> list[str]:
    """IANA zone names matching ``query``, best first, at most ``limit`` (Discord's 25).

    Ranks an exact zone name, then common aliases ("eastern", "uk", "india"),
    then city names (exact, prefix, word prefix), then substrings, then typos
    (rapidfuzz), so "london", "new york", "Europe/Par" and "londn" all work.
    """
    limit = max(0, limit)
    q = _normalize(query or "")[:64]
    if not q:
        return list(POPULAR_ZONES[:limit])
    scores: dict[str, float] = {}

    def offer(zone: str, score: float) -> None:
        if score > scores.get(zone, float("-inf")):
            scores[zone] = score

    exact = _valid_zones_folded().get((query or "").strip().casefold())
    if exact:
        offer(exact, 2000)
    for rank, zone in enumerate(ALIASES.get(q, ())):
        offer(zone, 1000 - rank)
    if len(q) >= 3:
        for key, zones in ALIASES.items():
            if key.startswith(q) and key != q:
                for rank, zone in enumerate(zones):
                    offer(zone, 700 - rank)
    for zone, full, city in _zone_index():
        if city == q or full == q:
            offer(zone, 900)
        elif city.startswith(q):
            offer(zone, 800)
        elif full.startswith(q):
            offer(zone, 750)
        elif any(word.startswith(q) for word in city.split(" ")):
            offer(zone, 650)
        elif q in full:
            offer(zone, 600)
    if len(q) >= 3 and len(scores) < limit:
        index = _zone_index()
        cities = [city for _, _, city in index]
        for _, score, position in process.extract(
            q, cities, scorer=fuzz.WRatio, score_cutoff=80, limit=limit
        ):
            offer(index[position][0], float(score))
    ranked = sorted(scores, key=lambda z: (-scores[z], len(z), z))
    return ranked[:limit]


def resolve_timezone(text: str) -> str | None:
    """The IANA zone someone meant: an exact zone name, an unambiguous alias, or an exact city.

    People on phones often type "london" and send without picking from the
    list; guessing further than this (a fuzzy match) could remind them at the
    wrong hour, so anything else is refused with suggestions.
    """
    typed = text.strip()
    abbreviation = ABBREVIATIONS.get(normalize_query(typed))
    if abbreviation is not None:  # "EST" means New York's clock, summer time included
        return abbreviation
    choices = timezone_choices(typed, limit=2)
    if not choices:
        return None
    folded = normalize_query(typed).replace("_", " ")
    if choices[0].casefold() == typed.casefold():
        return choices[0]
    aliased = ALIASES.get(folded, ())
    if len(aliased) == 1:
        return aliased[0]
    city = choices[0].rsplit("/", 1)[-1].replace("_", " ").casefold()
    return choices[0] if city == folded else None
