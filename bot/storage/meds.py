"""Medicines, the dose log, and medicine reminder rows (kept until the DM has gone out).

A medicine's ``times`` are wall-clock ``HH:MM`` values joined by commas, read in
the member's one time zone. Each pending reminder is one row per (medicine, due
instant): ``sent_at`` stays NULL until the DM was delivered, so a restart re-arms
exactly what is pending and a row is never sent twice. Removing a medicine only
hides it (``active = 0``) so past adherence stays true; ``/privacy delete``
erases everything.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.storage.database import Database, Row
from bot.storage.timefmt import from_epoch, from_epoch_opt, from_iso, to_epoch, to_iso

DoseStatus = Literal["taken", "skipped"]


@dataclass(frozen=True, slots=True)
class Medicine:
    id: int
    user_id: int
    name: str
    dose: str | None
    times: tuple[str, ...]
    active: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class MedReminder:
    id: int
    user_id: int
    medicine_id: int
    due_at: datetime
    fire_at: datetime
    sent_at: datetime | None


@dataclass(frozen=True, slots=True)
class Adherence:
    medicine_id: int
    taken: int
    skipped: int


def _medicine(row: Row) -> Medicine:
    return Medicine(
        id=row["id"],
        user_id=row["user_id"],
        name=row["name"],
        dose=row["dose"],
        times=tuple(t for t in str(row["times"]).split(",") if t),
        active=bool(row["active"]),
        created_at=from_iso(row["created_at"]),
    )


def _reminder(row: Row) -> MedReminder:
    return MedReminder(
        id=row["id"],
        user_id=row["user_id"],
        medicine_id=row["medicine_id"],
        due_at=from_epoch(row["due_at"]),
        fire_at=from_epoch(row["fire_at"]),
        sent_at=from_epoch_opt(row["sent_at"]),
    )


class MedicineRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- medicines --------------------------------------------------------------------------------

    async def add(
        self, user_id: int, name: str, dose: str | None, times: tuple[str, ...], *, now: datetime
    ) -> Medicine:
        new_id = await self._db.insert(
            "INSERT INTO medicines (user_id, name, dose, times, active, created_at) "
            "VALUES (?, ?, ?, ?, 1, ?)",
            (user_id, name, dose, ",".join(times), to_iso(now)),
        )
        return Medicine(new_id, user_id, name, dose, times, True, from_iso(to_iso(now)))

    async def get(self, medicine_id: int) -> Medicine | None:
        row = await self._db.fetchone("SELECT * FROM medicines WHERE id = ?", (medicine_id,))
        return None if row is None else _medicine(row)

    async def list(self, user_id: int, *, include_inactive: bool = False) -> list[Medicine]:
        sql = "SELECT * FROM medicines WHERE user_id = ?"
        if not include_inactive:
            sql += " AND active = 1"
        return [_medicine(r) for r in await self._db.fetchall(sql + " ORDER BY id", (user_id,))]

    async def remove(self, user_id: int, medicine_id: int, *, now: datetime) -> bool:
        """Hide the medicine and drop its pending reminders; False if it was not theirs or already gone."""
        async with self._db.transaction():
            changed = await self._db.execute(
                "UPDATE medicines SET active = 0, removed_at = ? WHERE id = ? AND user_id = ? AND active = 1",
                (to_iso(now), medicine_id, user_id),
            )
            if changed:
                await self._db.execute(
                    "DELETE FROM medicine_reminders WHERE medicine_id = ? AND sent_at IS NULL", (medicine_id,)
                )
        return changed == 1

    # -- doses ------------------------------------------------------------------------------------

    async def record_dose(
        self,
        user_id: int,
        medicine_id: int,
        status: DoseStatus,
        *,
        due_at: datetime | None,
        now: datetime,
        source: str,
    ) -> None:
        """Record a dose; for a reminder's dose (``due_at``) a second press changes its answer."""
        due = None if due_at is None else to_epoch(due_at)
        if due is None:
            await self._db.insert(
                "INSERT INTO medicine_doses (user_id, medicine_id, due_at, status, recorded_at, source) "
                "VALUES (?, ?, NULL, ?, ?, ?)",
                (user_id, medicine_id, status, to_iso(now), source),
            )
            return
        await self._db.execute(
            "INSERT INTO medicine_doses (user_id, medicine_id, due_at, status, recorded_at, source) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (medicine_id, due_at) DO UPDATE SET "
            "status = excluded.status, recorded_at = excluded.recorded_at",
            (user_id, medicine_id, due, status, to_iso(now), source),
        )

    async def adherence(self, user_id: int, since: datetime) -> dict[int, Adherence]:
        """Taken and skipped doses per medicine recorded since ``since`` (counted in SQL)."""
        rows = await self._db.fetchall(
            "SELECT medicine_id, SUM(CASE WHEN status = 'taken' THEN 1 ELSE 0 END) AS taken, "
            "SUM(CASE WHEN status = 'skipped' THEN 1 ELSE 0 END) AS skipped "
            "FROM medicine_doses WHERE user_id = ? AND recorded_at >= ? GROUP BY medicine_id",
            (user_id, to_iso(since)),
        )
        return {
            r["medicine_id"]: Adherence(r["medicine_id"], int(r["taken"] or 0), int(r["skipped"] or 0))
            for r in rows
        }

    # -- reminder rows ----------------------------------------------------------------------------

    async def add_reminder(self, user_id: int, medicine_id: int, due_at: datetime) -> MedReminder | None:
        """A pending reminder for this dose; None when one already exists (never two for one dose)."""
        due = to_epoch(due_at)
        await self._db.execute(
            "INSERT INTO medicine_reminders (user_id, medicine_id, due_at, fire_at, sent_at) "
            "VALUES (?, ?, ?, ?, NULL) ON CONFLICT (medicine_id, due_at) DO NOTHING",
            (user_id, medicine_id, due, due),
        )
        row = await self._db.fetchone(
            "SELECT * FROM medicine_reminders WHERE medicine_id = ? AND due_at = ?", (medicine_id, due)
        )
        return None if row is None else _reminder(row)

    async def reminder(self, reminder_id: int) -> MedReminder | None:
        row = await self._db.fetchone("SELECT * FROM medicine_reminders WHERE id = ?", (reminder_id,))
        return None if row is None else _reminder(row)

    async def pending(self) -> builtins.list[MedReminder]:
        """Every reminder not yet sent, earliest first (what a start-up re-arms)."""
        rows = await self._db.fetchall(
            "SELECT * FROM medicine_reminders WHERE sent_at IS NULL ORDER BY fire_at, id"
        )
        return [_reminder(r) for r in rows]

    async def claim(self, reminder_id: int, *, now: datetime, lease_seconds: float) -> bool:
        """Take the right to send this row; False while another sender holds it (or it was sent).

        A claim older than ``lease_seconds`` counts as abandoned (its process died mid-send), so a
        restart still sends the dose: never two senders at once, and never lost.
        """
        stamp = to_epoch(now)
        changed = await self._db.execute(
            "UPDATE medicine_reminders SET claimed_at = ? WHERE id = ? AND sent_at IS NULL "
            "AND (claimed_at IS NULL OR claimed_at < ?)",
            (stamp, reminder_id, stamp - lease_seconds),
        )
        return changed == 1

    async def release(self, reminder_id: int) -> None:
        """Give a claim back after a send that failed for a passing reason."""
        await self._db.execute("UPDATE medicine_reminders SET claimed_at = NULL WHERE id = ?", (reminder_id,))

    async def mark_sent(self, reminder_id: int, *, sent_at: datetime) -> bool:
        """Claim the row as sent; False when it was already sent (or removed): never twice."""
        changed = await self._db.execute(
            "UPDATE medicine_reminders SET sent_at = ? WHERE id = ? AND sent_at IS NULL",
            (to_epoch(sent_at), reminder_id),
        )
        return changed == 1

    async def snooze(self, reminder_id: int, user_id: int, fire_at: datetime) -> bool:
        """Send this dose's reminder again at ``fire_at``."""
        changed = await self._db.execute(
            "UPDATE medicine_reminders SET fire_at = ?, sent_at = NULL, claimed_at = NULL "
            "WHERE id = ? AND user_id = ?",
            (to_epoch(fire_at), reminder_id, user_id),
        )
        return changed == 1

    async def drop_pending(self, user_id: int) -> int:
        return await self._db.execute(
            "DELETE FROM medicine_reminders WHERE user_id = ? AND sent_at IS NULL", (user_id,)
        )
