"""Per-user preferences and the one-time safety acknowledgement.

A missing row means "all defaults"; rows are created on the first change, so
merely looking someone up stores nothing about them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.database import Database
from bot.storage.pending_notices import pending_notices
from bot.storage.timefmt import from_iso_opt, to_iso
from bot.storage.upsert import upsert_member_row


@dataclass(frozen=True, slots=True)
class Prefs:
    user_id: int
    auto_advance: bool = True
    """Routine holds and rests move on by themselves; on unless the member turned it off."""
    safety_ack_at: datetime | None = None
    notice_pending: str | None = None
    """A short message to show at their next interaction (e.g. why reminders stopped)."""
    crisis_region: str | None = None
    """Where they live, as chosen on the crisis card (``bot.crisis.regions``); None = the community's."""
    dm_menu_at: datetime | None = None
    """When a plain DM last got the full menu (shown at most every few minutes)."""
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def safety_acknowledged(self) -> bool:
        return self.safety_ack_at is not None


# Column names are fixed here, never taken from callers.
_SETTABLE = frozenset(
    {
        "auto_advance",
        "auto_advance_set_at",
        "safety_ack_at",
        "notice_pending",
        "crisis_region",
        "dm_menu_at",
    }
)


class PrefsRepo:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._pending = pending_notices(db)

    async def get(self, user_id: int) -> Prefs:
        """The user's preferences, or the defaults if they never changed any."""
        row = await self._db.fetchone(
            "SELECT user_id, auto_advance, safety_ack_at, notice_pending, crisis_region, "
            "auto_advance_set_at, dm_menu_at, created_at, updated_at FROM user_prefs WHERE user_id = ?",
            (user_id,),
        )
        if row is None:
            return Prefs(user_id=user_id)
        return Prefs(
            user_id=row["user_id"],
            # Never chosen: on (the stored 0 may only be the old default).
            auto_advance=bool(row["auto_advance"]) if row["auto_advance_set_at"] is not None else True,
            safety_ack_at=from_iso_opt(row["safety_ack_at"]),
            notice_pending=row["notice_pending"],
            crisis_region=row["crisis_region"],
            dm_menu_at=from_iso_opt(row["dm_menu_at"]),
            created_at=from_iso_opt(row["created_at"]),
            updated_at=from_iso_opt(row["updated_at"]),
        )

    async def _set(self, user_id: int, values: dict[str, object], now: datetime) -> None:
        unknown = set(values) - _SETTABLE
        if unknown:
            raise ValueError(f"not a preference: {sorted(unknown)}")
        await upsert_member_row(self._db, "user_prefs", user_id, values, now=now)

    async def set_auto_advance(self, user_id: int, enabled: bool, *, now: datetime) -> None:
        """The member's own choice (stored with when they made it, so the default never overrides it)."""
        await self._set(user_id, {"auto_advance": int(enabled), "auto_advance_set_at": to_iso(now)}, now)

    async def mark_dm_menu(self, user_id: int, *, now: datetime) -> None:
        """Remember that a plain DM just got the full menu."""
        await self._set(user_id, {"dm_menu_at": to_iso(now)}, now)

    async def set_crisis_region(self, user_id: int, region: str, *, now: datetime) -> None:
        await self._set(user_id, {"crisis_region": region}, now)

    async def ack_safety(self, user_id: int, *, now: datetime) -> None:
        await self._set(user_id, {"safety_ack_at": to_iso(now)}, now)

    async def leave_notice(self, user_id: int, notice: str, *, now: datetime) -> None:
        """Leave a short message to show at their next interaction (e.g. why their reminder paused)."""
        await self._set(user_id, {"notice_pending": notice}, now)
        self._pending.added(user_id)

    async def pending_notice(self, user_id: int) -> str | None:
        """The user's pending notice, without a query when (as almost always) they have none."""
        if not await self._pending.may_have(user_id):
            return None
        notice = await self._db.fetchval(
            "SELECT notice_pending FROM user_prefs WHERE user_id = ?", (user_id,)
        )
        if notice is None:
            self._pending.cleared(user_id)  # taken by another process, or the data was erased
            return None
        return str(notice)

    async def take_pending_notice(self, user_id: int) -> str | None:
        """Return the pending notice and clear it, atomically, so it is shown once.

        A compare-and-set: the notice is cleared only if it is still the one read, so a notice left
        by another process in between (a single statement, which no transaction holds back on
        PostgreSQL) is neither lost nor shown twice; it is taken on the next try."""
        for _ in range(3):
            notice = await self._db.fetchval(
                "SELECT notice_pending FROM user_prefs WHERE user_id = ?", (user_id,)
            )
            if notice is None:
                break
            taken = await self._db.execute(
                "UPDATE user_prefs SET notice_pending = NULL WHERE user_id = ? AND notice_pending = ?",
                (user_id, notice),
            )
            if taken:
                break
        else:
            return None  # it keeps changing under us: show it at the next interaction
        self._pending.cleared(user_id)
        return None if notice is None else str(notice)
