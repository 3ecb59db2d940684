"""Pages members posted in a channel, so one page is not posted twice in a few minutes and the
public copy can be deleted by the member who shared it (or a moderator).

A row says who shared which page where and when; no message text, nothing the member typed.
The duplicate check and the insert are one statement, so two bot processes sharing the
database cannot both post the same page at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.database import Database

DUPLICATE_WINDOW = 300.0
"""Seconds during which the same page is not posted again in the same channel."""


@dataclass(frozen=True, slots=True)
class Share:
    id: int
    user_id: int
    channel_id: int
    page_key: str
    message_id: int | None
    created_at: float


class ShareRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def claim(self, user_id: int, channel_id: int, page_key: str, now: float) -> int | None:
        """Record a share and return its id, or None when this page was shared in this channel
        within :data:`DUPLICATE_WINDOW` (by anyone whose copy is still there)."""
        inserted = await self._db.execute(
            "INSERT INTO shares (user_id, channel_id, page_key, created_at) "
            "SELECT ?, ?, ?, ? WHERE NOT EXISTS ("
            "  SELECT 1 FROM shares WHERE channel_id = ? AND page_key = ? AND created_at > ?)",
            (user_id, channel_id, page_key, now, channel_id, page_key, now - DUPLICATE_WINDOW),
        )
        if not inserted:
            return None
        value = await self._db.fetchval(
            "SELECT id FROM shares WHERE channel_id = ? AND page_key = ? AND created_at = ? AND user_id = ? "
            "ORDER BY id DESC LIMIT 1",
            (channel_id, page_key, now, user_id),
        )
        return None if value is None else int(value)

    async def posted(self, share_id: int, message_id: int) -> None:
        await self._db.execute("UPDATE shares SET message_id = ? WHERE id = ?", (message_id, share_id))

    async def get(self, share_id: int) -> Share | None:
        row = await self._db.fetchone(
            "SELECT id, user_id, channel_id, page_key, message_id, created_at FROM shares WHERE id = ?",
            (share_id,),
        )
        if row is None:
            return None
        return Share(
            int(row["id"]),
            int(row["user_id"]),
            int(row["channel_id"]),
            str(row["page_key"]),
            None if row["message_id"] is None else int(row["message_id"]),
            float(row["created_at"]),
        )

    async def forget(self, share_id: int) -> None:
        """The copy is gone (deleted, or never posted): the page may be shared again."""
        await self._db.execute("DELETE FROM shares WHERE id = ?", (share_id,))
