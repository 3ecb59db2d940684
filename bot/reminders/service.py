"""Reminder decisions on top of the repository, with no Discord in sight.

The cog (or scheduler callback) asks ``due(now)`` for what to do, performs it
(sends the DM, or not), and only then reports back with ``record_sent`` /
``record_skipped`` / ``record_undeliverable``. The row therefore stays due
until the action has really happened: a crash mid-send means the reminder is
considered again at start-up, under the missed-reminder rule, instead of lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.reminders.schedule import MISSED_GRACE_SECONDS, decide_missed, format_time, next_fire, parse_time
from bot.storage.reminders import Reminder, ReminderRepo
from bot.wording import reminders as words

PAUSED_UNKNOWN_ZONE = "unknown_timezone"
PAUSED_DM_BLOCKED = "dm_blocked"


@dataclass(frozen=True, slots=True)
class Firing:
    """What to do with one due reminder, and when it fires next."""

    reminder: Reminder
    action: Literal["send", "skip"]
    next_fire_at: datetime


def zone_or_error(tz_name: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(words.UNKNOWN_ZONE.format(zone=tz_name)) from exc


def plan(reminder: Reminder, now: datetime, grace: float | timedelta = MISSED_GRACE_SECONDS) -> Firing:
    """Pure: send or skip this due reminder, and its next firing after ``now``."""
    tz = zone_or_error(reminder.timezone)
    following = next_fire(parse_time(reminder.local_time), tz, now)
    return Firing(reminder, decide_missed(reminder.next_fire_at, now, grace), following)


class ReminderService:
    def __init__(self, repo: ReminderRepo, *, grace: float | timedelta = MISSED_GRACE_SECONDS) -> None:
        self._repo = repo
        self._grace = grace

    async def set(
        self, user_id: int, local_time: time, tz_name: str, routine_id: str | None, *, now: datetime
    ) -> Reminder:
        """Create or replace a reminder; it first fires at the next occurrence after ``now``."""
        tz = zone_or_error(tz_name)
        return await self._repo.upsert(
            user_id,
            local_time=format_time(local_time),
            timezone=tz.key,
            routine_id=routine_id,
            next_fire_at=next_fire(local_time, tz, now),
            now=now,
        )

    async def get(self, user_id: int) -> Reminder | None:
        return await self._repo.get(user_id)

    async def off(self, user_id: int) -> bool:
        """Remove the user's reminder entirely ("off" keeps nothing); False if there was none."""
        return await self._repo.delete(user_id)

    async def firing_for(self, user_id: int, now: datetime) -> Firing | None:
        """The plan for one person's reminder if it is due at ``now``; None if absent, paused or not due.

        The dispatcher keeps one timer per person, so it asks about one row at a
        time rather than scanning every due row on each wake-up.
        """
        reminder = await self._repo.get(user_id)
        if reminder is None or reminder.paused or reminder.next_fire_at > now:
            return None
        try:
            return plan(reminder, now, self._grace)
        except ValueError:
            await self._repo.pause(reminder.user_id, PAUSED_UNKNOWN_ZONE, now=now)
            return None

    async def active(self) -> list[Reminder]:
        """Every unpaused reminder, earliest first (what a start-up re-arms)."""
        return await self._repo.all_active()

    async def record_sent(self, firing: Firing, *, sent_at: datetime) -> bool:
        """Record a delivered reminder and move it to its next firing (False if the row moved on)."""
        user_id = firing.reminder.user_id
        if await self._repo.mark_sent(
            user_id, firing.next_fire_at, sent_at=sent_at, expected_fire_at=firing.reminder.next_fire_at
        ):
            return True
        if await self._unchanged(firing):
            return await self._repo.mark_sent(user_id, firing.next_fire_at, sent_at=sent_at)
        return False

    async def record_skipped(self, firing: Firing, *, now: datetime) -> bool:
        """Move a too-late reminder to its next firing without recording a send."""
        user_id = firing.reminder.user_id
        if await self._repo.reschedule(
            user_id, firing.next_fire_at, now=now, expected_fire_at=firing.reminder.next_fire_at
        ):
            return True
        if await self._unchanged(firing):
            return await self._repo.reschedule(user_id, firing.next_fire_at, now=now)
        return False

    async def _unchanged(self, firing: Firing) -> bool:
        """The guarded update matched nothing: was the row really changed, or did its stored instant
        not survive the float round trip exactly (a value written by hand or by another tool)?

        Without this check such a row would stay due, and be sent again every few minutes.
        """
        current = await self._repo.get(firing.reminder.user_id)
        if current is None or current.paused:
            return False
        drift = abs((current.next_fire_at - firing.reminder.next_fire_at).total_seconds())
        return drift < 0.001

    async def claim(self, firing: Firing, *, now: datetime, lease_seconds: float) -> bool:
        """Take the right to send this firing (one process only; see ``ReminderRepo.claim``)."""
        reminder = firing.reminder
        return await self._repo.claim(
            reminder.user_id, fire_at=reminder.next_fire_at, now=now, lease_seconds=lease_seconds
        )

    async def release(self, firing: Firing) -> None:
        """Give the claim back after a passing failure, so the retry (here or elsewhere) may send."""
        await self._repo.release(firing.reminder.user_id)

    async def record_undeliverable(
        self, firing: Firing, *, now: datetime, reason: str = PAUSED_DM_BLOCKED
    ) -> bool:
        """The DM failed for good (e.g. no shared server): pause rather than retry daily."""
        return await self._repo.pause(firing.reminder.user_id, reason, now=now)

    async def move(self, user_id: int, when: datetime, *, now: datetime) -> bool:
        """Fire next at ``when`` (a snooze, or skipping today); the daily rhythm resumes after it."""
        return await self._repo.reschedule(user_id, when, now=now)

    async def first_after_today(self, reminder: Reminder, *, now: datetime) -> datetime:
        """The reminder's first firing after the end of the member's local today."""
        tz = zone_or_error(reminder.timezone)
        local = now.astimezone(tz)
        end_of_today = datetime.combine(local.date(), time(23, 59, 59), tzinfo=tz)
        return next_fire(parse_time(reminder.local_time), tz, end_of_today)
