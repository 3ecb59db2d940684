"""Tracking decisions over the repositories: saving a card, symptoms, flares, the member's time zone.

No Discord. The member's time zone lives in one place (``tracking_settings``),
falling back to the zone of their stretch reminder, then UTC; setting it moves
every reminder of theirs to the new zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.storage.reminders import ReminderRepo
from bot.storage.tracking import MEASURES, Flare, FullCheckin, Symptom, TrackingRepo, TrackingSettings
from bot.tracking import flares
from bot.tracking.card import CardState
from bot.wording import tracking as words

MAX_SYMPTOMS = 10
SYMPTOM_NAME_MAX = 40


class NeedsPain(ValueError):
    """Pain is the one measure every check-in has (the oldest rows only have it)."""


@dataclass(frozen=True, slots=True)
class Saved:
    checkin: FullCheckin
    ask_flare: bool
    """The rule says: ask "Is this a flare?" with this reply."""
    symptoms: list[Symptom] = field(default_factory=list)
    """The symptoms the member tracks (read for the save; the reply shows them)."""


def utc_offset_minutes(tz_name: str, now: datetime) -> int:
    """The zone's offset from UTC at ``now``, in minutes (what SQL uses to group by local day)."""
    offset = now.astimezone(safe_zone(tz_name)).utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


def safe_zone(tz_name: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def clean_symptom_name(text: str) -> str | None:
    """A symptom name as stored: trimmed, single spaces, lower case; None when empty or too long."""
    name = " ".join(text.split()).casefold()
    if not name or len(name) > SYMPTOM_NAME_MAX:
        return None
    return name


class TrackingService:
    def __init__(self, repo: TrackingRepo, stretch_reminders: ReminderRepo) -> None:
        self.repo = repo
        self._stretch = stretch_reminders

    # -- the one time zone --------------------------------------------------------------------------

    async def timezone(self, user_id: int) -> str:
        return await self.known_timezone(user_id) or "UTC"

    async def known_timezone(self, user_id: int, settings: TrackingSettings | None = None) -> str | None:
        """The member's one time zone, or None while they have never given it (then we ask).
        ``settings``: their tracking settings, when the caller has just read them."""
        if settings is None:
            settings = await self.repo.settings(user_id)
        if settings.timezone:
            return settings.timezone
        reminder = await self._stretch.get(user_id)
        return reminder.timezone if reminder is not None else None

    async def set_timezone(self, user_id: int, tz_name: str, *, now: datetime) -> None:
        await self.repo.set_setting(user_id, "timezone", tz_name, now=now)

    # -- check-ins --------------------------------------------------------------------------------

    async def save(
        self,
        user_id: int,
        state: CardState,
        *,
        now: datetime,
        note: str | None = None,
        for_doctor: bool = False,
        source: str = "command",
    ) -> Saved:
        pain = state.measures.get("pain")
        if pain is None:
            raise NeedsPain(words.NEEDS_PAIN)
        values = {m: state.measures.get(m) for m in MEASURES if m != "pain"}
        tracked = await self.repo.symptoms(user_id)
        active = {s.id for s in tracked}
        checkin = await self.repo.add_checkin(
            FullCheckin(
                user_id,
                now,
                pain=pain,
                note=note,
                for_doctor=for_doctor and note is not None,
                symptoms={k: v for k, v in state.symptoms.items() if k in active},
                source=source,
                **values,
            )
        )
        return Saved(checkin, await self._ask_flare(user_id, now), tracked)

    async def yesterday(self, user_id: int) -> CardState | None:
        """The most recent check-in's values, as a card state (symptoms still tracked only)."""
        latest = await self.repo.latest_checkin(user_id)
        if latest is None:
            return None
        active = {s.id for s in await self.repo.symptoms(user_id)}
        measures = {m: v for m in MEASURES if (v := latest.measure(m)) is not None}
        return CardState(measures, {k: v for k, v in latest.symptoms.items() if k in active})

    async def _ask_flare(self, user_id: int, now: datetime) -> bool:
        settings = await self.repo.settings(user_id)
        if settings.flare_asked_at is not None and now - settings.flare_asked_at < flares.ASK_EVERY:
            return False  # cheap exit before any aggregate
        tz_name = await self.known_timezone(user_id, settings) or "UTC"
        since = now - timedelta(days=flares.BASELINE_DAYS + flares.STREAK_DAYS + 1)
        days = flares.by_day(await self.repo.daily_means(user_id, since, utc_offset_minutes(tz_name, now)))
        today = now.astimezone(safe_zone(tz_name)).date()
        # The rule with no flare open first: whether one is open is asked only when it would ask.
        ask = (
            flares.should_ask(days, today, now=now, last_asked=settings.flare_asked_at, flare_open=False)
            and await self.repo.open_flare(user_id) is None
        )
        if ask:
            await self.repo.set_setting(user_id, "flare_asked_at", now, now=now)
        return ask

    # -- symptoms ---------------------------------------------------------------------------------

    async def symptoms(self, user_id: int) -> list[Symptom]:
        return await self.repo.symptoms(user_id)

    async def add_symptom(self, user_id: int, name: str, *, now: datetime) -> Symptom | None:
        """None when the member already tracks ``MAX_SYMPTOMS``."""
        return await self.repo.add_symptom(user_id, name, now=now, limit=MAX_SYMPTOMS)

    async def remove_symptom(self, user_id: int, name: str) -> bool:
        wanted = clean_symptom_name(name)
        for symptom in await self.repo.symptoms(user_id):
            if symptom.name == wanted or str(symptom.id) == name.strip():
                return await self.repo.remove_symptom(user_id, symptom.id)
        return False

    # -- flares -----------------------------------------------------------------------------------

    async def start_flare(self, user_id: int, *, now: datetime, note: str | None) -> tuple[Flare, bool]:
        return await self.repo.start_flare(user_id, now=now, note=note)

    async def end_flare(self, user_id: int, *, now: datetime, note: str | None) -> Flare | None:
        return await self.repo.end_flare(user_id, now=now, note=note)
