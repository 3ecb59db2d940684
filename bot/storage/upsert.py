"""One row per member, written a few columns at a time (preferences, the safety plan)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from bot.storage.database import Database
from bot.storage.timefmt import to_iso


async def upsert_member_row(
    db: Database, table: str, user_id: int, values: Mapping[str, object], *, now: datetime
) -> None:
    """Insert the member's row in ``table`` or update only ``values``' columns; ``updated_at`` is ``now``.

    Table and column names come from the repositories' own fixed sets, never from a member."""
    stamp = to_iso(now)
    columns = list(values)
    assignments = "".join(f"{c} = excluded.{c}, " for c in columns)
    await db.execute(
        f"INSERT INTO {table} (user_id, {''.join(c + ', ' for c in columns)}created_at, updated_at) "
        f"VALUES (?, {''.join('?, ' for _ in columns)}?, ?) "
        f"ON CONFLICT (user_id) DO UPDATE SET {assignments}updated_at = excluded.updated_at",
        (user_id, *values.values(), stamp, stamp),
    )
