"""Admin audit log: who reloaded content or changed settings, and what happened.

``user_id`` is the actor, so a moderator's ``/privacy delete`` removes their
entries too (the data-deletion contract covers every user-owned row).
``detail`` must never hold anyone's health data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.db import Database
from bot.storage.timefmt import from_iso, to_iso, utcnow


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


class AuditRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

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
        now: datetime | None = None,
    ) -> int:
        """Append an entry; return its id."""
        return await self._db.insert(
            "INSERT INTO audit_log (at, user_id, action, place, result, detail, version_before, "
            "version_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (to_iso(now or utcnow()), user_id, action, place, result, detail, version_before, version_after),
        )

    async def latest(self, n: int = 5) -> list[AuditEntry]:
        """The ``n`` most recent entries, newest first."""
        rows = await self._db.fetchall(
            "SELECT id, at, user_id, action, place, result, detail, version_before, version_after "
            "FROM audit_log ORDER BY id DESC LIMIT ?",
            (max(0, n),),
        )
        return [
            AuditEntry(
                id=r["id"],
                at=from_iso(r["at"]),
                user_id=r["user_id"],
                action=r["action"],
                place=r["place"],
                result=r["result"],
                detail=r["detail"],
                version_before=r["version_before"],
                version_after=r["version_after"],
            )
            for r in rows
        ]
