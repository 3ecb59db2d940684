"""The moderator log: who reloaded content, and who was refused ``/admin``.

Two kinds of entry, kept differently so one cannot bury the other:

* **Moderator actions** (content reloads) are kept. ``/privacy delete`` by a
  moderator does not erase them: their id is replaced by a stable pseudonym
  (see :mod:`bot.storage.pseudonyms` and ``KEPT_UNDER_PSEUDONYM`` in
  :mod:`bot.storage.privacy`), so the log still says that *a* moderator acted.
* **Refusals** are counted per day and server (``admin_refusal_counts``, no
  person in it) and only *sampled* as rows: at most
  :data:`SAMPLES_PER_PERSON_PER_DAY` per person a day and :data:`REFUSAL_SAMPLES`
  in all, the oldest sample going first. Pruning touches refusal rows only, so
  a flood of refused attempts never pushes a reload out of the log.

``guild_id`` says which server an entry came from (None: a DM or the file
watcher), so ``/admin status`` in a server shows that server's entries only.
``detail`` must never hold anyone's health data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.storage.database import Database, Row
from bot.storage.timefmt import from_iso, to_iso

ACTION_REFUSED = "admin.refused"
SAMPLES_PER_PERSON_PER_DAY = 2
REFUSAL_SAMPLES = 50
"""Refusal rows kept in all (the newest); every refusal is still counted."""
COUNT_DAYS = 90
"""Days of refusal counts kept."""
NO_GUILD = 0
"""``admin_refusal_counts.guild_id`` for refusals outside a server (DMs)."""

_COLUMNS = "id, at, user_id, action, place, result, detail, version_before, version_after, guild_id"


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    user_id: int
    action: str
    place: str | None
    result: str
    detail: str | None
    version_before: str | None
    version_after: str | None
    guild_id: int | None = None


@dataclass(frozen=True, slots=True)
class Scope:
    """Which entries a viewer may see: one server's (and the server-less ones), or all (None)."""

    guild_id: int | None = None

    def actions(self) -> tuple[str, tuple[int, ...]]:
        """SQL condition and parameters for moderator actions in this scope."""
        if self.guild_id is None:
            return "1 = 1", ()
        # Content is shared, so reloads from a DM or the watcher matter to every server.
        return "(guild_id = ? OR guild_id IS NULL)", (self.guild_id,)

    def refusals(self) -> tuple[str, tuple[int, ...]]:
        """Refusals: a server sees only its own; the operator (no server) sees all."""
        if self.guild_id is None:
            return "1 = 1", ()
        return "guild_id = ?", (self.guild_id,)


EVERYTHING = Scope()


def _entry(r: Row) -> AuditEntry:
    return AuditEntry(
        id=int(r["id"]),
        at=from_iso(str(r["at"])),
        user_id=int(r["user_id"]),
        action=str(r["action"]),
        place=r["place"],
        result=str(r["result"]),
        detail=r["detail"],
        version_before=r["version_before"],
        version_after=r["version_after"],
        guild_id=r["guild_id"],
    )


class AuditRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    @staticmethod
    def scope(guild_id: int | None) -> Scope:
        """What a viewer in ``guild_id`` may see (None: a listed operator in a DM sees everything)."""
        return Scope(guild_id)

    async def record(
        self,
        user_id: int,
        action: str,
        result: str,
        *,
        place: str | None = None,
        detail: str | None = None,
        version_before: str | None = None,
        version_after: str | None = None,
        guild_id: int | None = None,
        now: datetime,
    ) -> int:
        """Append a moderator action; return its id."""
        return await self._db.insert(
            "INSERT INTO audit_log (at, user_id, action, place, result, detail, version_before, "
            "version_after, guild_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                to_iso(now),
                user_id,
                action,
                place,
                result,
                detail,
                version_before,
                version_after,
                guild_id,
            ),
        )

    async def record_refusal(
        self,
        user_id: int,
        *,
        place: str,
        detail: str,
        guild_id: int | None,
        now: datetime,
    ) -> bool:
        """Count a refused attempt and keep it as a sample if this person has few today.

        Returns True when a sample row was kept."""
        at = now
        day = at.date().isoformat()
        since = to_iso(at.replace(hour=0, minute=0, second=0, microsecond=0))
        async with self._db.transaction():
            await self._db.execute(
                "INSERT INTO admin_refusal_counts (day, guild_id, count) VALUES (?, ?, 1) "
                "ON CONFLICT (day, guild_id) DO UPDATE SET count = admin_refusal_counts.count + 1",
                (day, guild_id if guild_id is not None else NO_GUILD),
            )
            today = await self._db.fetchval(
                "SELECT COUNT(*) FROM audit_log WHERE action = ? AND user_id = ? AND at >= ?",
                (ACTION_REFUSED, user_id, since),
            )
            sampled = int(today or 0) < SAMPLES_PER_PERSON_PER_DAY
            if sampled:
                await self._db.execute(
                    "INSERT INTO audit_log (at, user_id, action, place, result, detail, guild_id) "
                    "VALUES (?, ?, ?, ?, 'refused', ?, ?)",
                    (to_iso(at), user_id, ACTION_REFUSED, place, detail, guild_id),
                )
                # Only refusal rows are pruned; moderator actions are never evicted.
                await self._db.execute(
                    "DELETE FROM audit_log WHERE action = ? AND id NOT IN "
                    "(SELECT id FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT ?)",
                    (ACTION_REFUSED, ACTION_REFUSED, REFUSAL_SAMPLES),
                )
            oldest = (at.date() - timedelta(days=COUNT_DAYS)).isoformat()
            await self._db.execute("DELETE FROM admin_refusal_counts WHERE day < ?", (oldest,))
        return sampled

    async def latest_actions(self, n: int = 5, scope: Scope = EVERYTHING) -> list[AuditEntry]:
        """The ``n`` most recent moderator actions (not refusals) in ``scope``, newest first."""
        where, params = scope.actions()
        rows = await self._db.fetchall(
            f"SELECT {_COLUMNS} FROM audit_log WHERE action <> ? AND {where} ORDER BY id DESC LIMIT ?",
            (ACTION_REFUSED, *params, max(0, n)),
        )
        return [_entry(r) for r in rows]

    async def last_of(self, action: str, scope: Scope = EVERYTHING) -> AuditEntry | None:
        """The most recent ``action`` in ``scope`` (however many refusals came after it)."""
        where, params = scope.actions()
        rows = await self._db.fetchall(
            f"SELECT {_COLUMNS} FROM audit_log WHERE action = ? AND {where} ORDER BY id DESC LIMIT 1",
            (action, *params),
        )
        return _entry(rows[0]) if rows else None

    async def latest_refusals(self, n: int = 3, scope: Scope = EVERYTHING) -> list[AuditEntry]:
        """Sampled refusals in ``scope``, newest first."""
        where, params = scope.refusals()
        rows = await self._db.fetchall(
            f"SELECT {_COLUMNS} FROM audit_log WHERE action = ? AND {where} ORDER BY id DESC LIMIT ?",
            (ACTION_REFUSED, *params, max(0, n)),
        )
        return [_entry(r) for r in rows]

    async def refusal_count(self, days: int = 7, scope: Scope = EVERYTHING, *, now: datetime) -> int:
        """Refused attempts in the last ``days`` days in ``scope`` (all counted, not only samples)."""
        since = (now.date() - timedelta(days=days - 1)).isoformat()
        if scope.guild_id is None:
            value = await self._db.fetchval(
                "SELECT SUM(count) FROM admin_refusal_counts WHERE day >= ?", (since,)
            )
        else:
            value = await self._db.fetchval(
                "SELECT SUM(count) FROM admin_refusal_counts WHERE day >= ? AND guild_id = ?",
                (since, scope.guild_id),
            )
        return int(value or 0)
