"""Bot metadata (e.g. the hash of the synced command tree), owned by nobody.

Never put anything about a person here: ``kv`` has no ``user_id`` and is on the
privacy allow-list precisely because it holds no personal data.
"""

from __future__ import annotations

from bot.storage.database import Database


class KVRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, key: str, default: str | None = None) -> str | None:
        value = await self._db.fetchval("SELECT value FROM kv WHERE key = ?", (key,))
        return default if value is None else str(value)

    async def set(self, key: str, value: str) -> None:
        await self._db.execute(
            "INSERT INTO kv (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    async def delete(self, key: str) -> bool:
        return await self._db.execute("DELETE FROM kv WHERE key = ?", (key,)) > 0
