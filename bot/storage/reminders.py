"""Daily reminder rows: one per user, with the next instant it fires.

The next firing is stored as an instant (not recomputed from the wall-clock
time at each start) so a reminder missed while the bot was down can be seen as
missed, and so a restart re-arms exactly what was pending. Computing that
instant is ``bot.reminders.schedule``'s job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.database import Database, Row
from bot.storage.timefmt import from_epoch, from_epoch_opt, from_iso, to_epoch, to_iso

_COLUMNS = (
    "user_id, local_time, timezone, routine_id, next_fire_at, last_sent_at, paused, paused_reason, "
    "created_at, updated_at"
)


@dataclass(frozen=True, slots=True)
class Reminder:
    user_id: int
    local_time: str
    """Wall-clock ``HH:MM`` in ``timezone``."""
    timezone: str
    """IANA zone name, e.g. ``America/New_York``."""
    routine_id: str | None
    next_fire_at: datetime
    last_sent_at: datetime | None
    paused: bool
    paused_reason: str | None
    created_at: datetime
    updated_at: datetime


def _reminder(row: Row) -> Reminder:
    return Reminder(
        user_id=row["user_id"],
        local_time=row["local_time"],
        timezone=row["timezone"],
        routine_id=row["routine_id"],
        next_fire_at=from_epoch(row["next_fire_at"]),
        last_sent_at=from_epoch_opt(row["last_sent_at"]),
        paused=bool(row["paused"]),
        paused_reason=row["paused_reason"],
        created_at=from_iso(row["created_at"]),
        updated_at=from_iso(row["updated_at"]),
    )


class ReminderRepo:
    """Store and query reminders."""

    def __init__(self, db: Database, *, table: str = "reminders") -> None:
        # ``checkin_reminders`` has the same shape: the daily check-in reminder reuses every rule.
        if table not in ("reminders", "checkin_reminders"):
            raise ValueError(f"not a reminder table: {table}")
        self._db = db
        self._table = table

    async def upsert(
        self,
        user_id: int,
        *,
        local_time: str,
        timezone: str,
        routine_id: str | None,
        next_fire_at: datetime,
        now: datetime,
    ) -> Reminder:
        """Create or replace the user's reminder; setting it again also un-pauses it."""
        stamp = to_iso(now)
        async with self._db.transaction():
            await self._db.execute(
                f"INSERT INTO {self._table} ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, NULL, 0, NULL, ?, ?) "
                "ON CONFLICT (user_id) DO UPDATE SET local_time = excluded.local_time, "
                "timezone = excluded.timezone, routine_id = excluded.routine_id, "
                "next_fire_at = excluded.next_fire_at, paused = 0, paused_reason = NULL, "
                "claimed_at = NULL, updated_at = excluded.updated_at",
                (user_id, local_time, timezone, routine_id, to_epoch(next_fire_at), stamp, stamp),
            )
            stored = await self.get(user_id)
        assert stored is not None
        return stored

    async def get(self, user_id: int) -> Reminder | None:
        row = await self._db.fetchone(f"SELECT {_COLUMNS} FROM {self._table} WHERE user_id = ?", (user_id,))
        return None if row is None else _reminder(row)

    async def delete(self, user_id: int) -> bool:
        """Remove the user's reminder; False if there was none."""
        return await self._db.execute(f"DELETE FROM {self._table} WHERE user_id = ?", (user_id,)) > 0

    async def mark_sent(
        self,
        user_id: int,
        next_fire_at: datetime,
        *,
        sent_at: datetime,
        expected_fire_at: datetime | None = None,
    ) -> bool:
        """Record a delivered reminder and move it to its next firing.

        With ``expected_fire_at``, only a row still due at that instant moves, so
        a reminder the user changed while it was being sent is not overwritten.
        """
        return await self._advance(user_id, next_fire_at, sent_at, expected_fire_at, sent=True)

    async def reschedule(
        self,
        user_id: int,
        next_fire_at: datetime,
        *,
        now: datetime,
        expected_fire_at: datetime | None = None,
    ) -> bool:
        """Move the reminder to ``next_fire_at`` without recording a send (a skipped, too-late one)."""
        return await self._advance(user_id, next_fire_at, now, expected_fire_at, sent=False)

    async def _advance(
        self,
        user_id: int,
        next_fire_at: datetime,
        now: datetime,
        expected_fire_at: datetime | None,
        *,
        sent: bool,
    ) -> bool:
        sql = f"UPDATE {self._table} SET next_fire_at = ?, claimed_at = NULL, updated_at = ?"
        params: list[object] = [to_epoch(next_fire_at), to_iso(now)]
        if sent:
            sql += ", last_sent_at = ?"
            params.append(to_epoch(now))
        sql += " WHERE user_id = ?"
        params.append(user_id)
        if expected_fire_at is not None:
            sql += " AND next_fire_at = ?"
            params.append(to_epoch(expected_fire_at))
        return await self._db.execute(sql, params) == 1

    async def claim(self, user_id: int, *, fire_at: datetime, now: datetime, lease_seconds: float) -> bool:
        """Take the right to send this firing; False while another process holds it, or once it moved on.

        Only one process's UPDATE can match (the row is still at ``fire_at``, unpaused, and unclaimed
        or its claim is older than ``lease_seconds``: that process died mid-send). Sending, then
        ``mark_sent``/``pause``/``release``, ends the claim.
        """
        stamp = to_epoch(now)
        changed = await self._db.execute(
            f"UPDATE {self._table} SET claimed_at = ? WHERE user_id = ? AND abs(next_fire_at - ?) < 0.001 "
            "AND paused = 0 "
            "AND (claimed_at IS NULL OR claimed_at < ?)",
            (stamp, user_id, to_epoch(fire_at), stamp - lease_seconds),
        )
        return changed == 1

    async def release(self, user_id: int) -> None:
        """Give a claim back after a send that failed for a passing reason."""
        await self._db.execute(f"UPDATE {self._table} SET claimed_at = NULL WHERE user_id = ?", (user_id,))

    async def pause(self, user_id: int, reason: str, *, now: datetime) -> bool:
        """Stop firing (e.g. ``dm_blocked``) but keep the settings; False if there is no reminder."""
        changed = await self._db.execute(
            f"UPDATE {self._table} SET paused = 1, paused_reason = ?, claimed_at = NULL, updated_at = ? "
            "WHERE user_id = ?",
            (reason, to_iso(now), user_id),
        )
        return changed == 1

    async def all_active(self) -> list[Reminder]:
        """Every unpaused reminder, earliest first (to re-arm the scheduler at start-up)."""
        rows = await self._db.fetchall(
            f"SELECT {_COLUMNS} FROM {self._table} WHERE paused = 0 ORDER BY next_fire_at, user_id"
        )
        return [_reminder(r) for r in rows]
