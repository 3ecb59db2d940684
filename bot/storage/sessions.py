"""Routine session rows: the durable half of a running routine.

The routine state machine (``bot.routines``) owns the meaning of ``state_json``;
this module only stores it. Writes use optimistic locking on ``version`` so two
button presses racing for one session cannot both win: the loser's ``update``
returns False and it re-reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from bot.storage.database import Database, Row
from bot.storage.timefmt import (
    from_epoch_opt,
    from_iso_opt,
    to_epoch_opt,
    to_iso,
)

SESSION_STATUSES = frozenset({"active", "paused", "done", "stopped", "hurt", "abandoned", "expired"})
LIVE_STATUSES = ("active", "paused")
"""A live session can still be resumed or pressed; the others are finished."""

_COLUMNS = (
    "id, user_id, routine_id, state_json, status, version, deadline, channel_id, message_id, "
    "interaction_token, token_expires_at, is_dm, created_at, updated_at"
)


@dataclass(frozen=True, slots=True)
class SessionRow:
    """One ``routine_sessions`` row. ``state_json`` is opaque here."""

    id: str
    user_id: int
    routine_id: str
    state_json: str
    status: str
    version: int
    deadline: datetime | None = None
    channel_id: int | None = None
    message_id: int | None = None
    interaction_token: str | None = None
    token_expires_at: datetime | None = None
    is_dm: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.status not in SESSION_STATUSES:
            raise ValueError(f"unknown session status {self.status!r}")


def _from_row(row: Row) -> SessionRow:
    return SessionRow(
        id=row["id"],
        user_id=row["user_id"],
        routine_id=row["routine_id"],
        state_json=row["state_json"],
        status=row["status"],
        version=row["version"],
        deadline=from_epoch_opt(row["deadline"]),
        channel_id=row["channel_id"],
        message_id=row["message_id"],
        interaction_token=row["interaction_token"],
        token_expires_at=from_epoch_opt(row["token_expires_at"]),
        is_dm=bool(row["is_dm"]),
        created_at=from_iso_opt(row["created_at"]),
        updated_at=from_iso_opt(row["updated_at"]),
    )


def _placeholders(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def _changing(row: SessionRow) -> tuple[object, ...]:
    """The columns a write sets, in ``_COLUMNS`` order, from ``state_json`` to ``is_dm``."""
    return (
        row.state_json,
        row.status,
        row.version,
        to_epoch_opt(row.deadline),
        row.channel_id,
        row.message_id,
        row.interaction_token,
        to_epoch_opt(row.token_expires_at),
        int(row.is_dm),
    )


class SessionRepo:
    """Store and fetch routine sessions."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def insert(self, row: SessionRow, *, now: datetime) -> SessionRow:
        """Insert a new session; ``created_at``/``updated_at`` default to ``now``. Returns what was stored."""
        created = row.created_at or now
        updated = row.updated_at or now
        await self._db.execute(
            f"INSERT INTO routine_sessions ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row.id, row.user_id, row.routine_id, *_changing(row), to_iso(created), to_iso(updated)),
        )
        return replace(row, created_at=created.astimezone(UTC), updated_at=updated.astimezone(UTC))

    async def get(self, session_id: str) -> SessionRow | None:
        row = await self._db.fetchone(f"SELECT {_COLUMNS} FROM routine_sessions WHERE id = ?", (session_id,))
        return None if row is None else _from_row(row)

    async def update(self, row: SessionRow, *, expected_version: int, now: datetime) -> bool:
        """Write ``row`` only if the stored version is still ``expected_version``.

        ``row.version`` is the new version (the caller bumps it). False means
        someone else changed the session first (or it is gone): re-read it.
        ``user_id``, ``routine_id`` and ``created_at`` never change.
        """
        changed = await self._db.execute(
            "UPDATE routine_sessions SET state_json = ?, status = ?, version = ?, deadline = ?, "
            "channel_id = ?, message_id = ?, interaction_token = ?, token_expires_at = ?, is_dm = ?, "
            "updated_at = ? WHERE id = ? AND version = ?",
            (*_changing(row), to_iso(now), row.id, expected_version),
        )
        return changed == 1

    async def active_for_user(self, user_id: int) -> list[SessionRow]:
        """The user's live (active or paused) sessions, most recently touched first."""
        rows = await self._db.fetchall(
            f"SELECT {_COLUMNS} FROM routine_sessions WHERE user_id = ? AND status IN "
            f"({_placeholders(LIVE_STATUSES)}) ORDER BY updated_at DESC, id",
            (user_id, *LIVE_STATUSES),
        )
        return [_from_row(r) for r in rows]

    async def list_with_deadlines(self) -> list[SessionRow]:
        """Live sessions with a timer, earliest first: what to re-arm at start-up."""
        rows = await self._db.fetchall(
            f"SELECT {_COLUMNS} FROM routine_sessions WHERE deadline IS NOT NULL AND status IN "
            f"({_placeholders(LIVE_STATUSES)}) ORDER BY deadline, id",
            LIVE_STATUSES,
        )
        return [_from_row(r) for r in rows]

    async def count_active(self) -> int:
        """How many sessions are running right now (status ``active``), for /admin status."""
        return int(await self._db.fetchval("SELECT COUNT(*) FROM routine_sessions WHERE status = 'active'"))
