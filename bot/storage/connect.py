"""Open the configured database: PostgreSQL when a URL is set, else the SQLite file (the default)."""

from __future__ import annotations

from bot.config import DatabaseConfig
from bot.storage.database import Database


async def open_database(config: DatabaseConfig) -> Database:
    """``database.url`` (or ``DATABASE_URL``, applied by ``load_config``) picks PostgreSQL;
    without one, ``database.path`` is the SQLite file."""
    if config.url:
        from bot.storage.postgres import PostgresDatabase

        return await PostgresDatabase.open(config.url)
    from bot.storage.db import SqliteDatabase

    return await SqliteDatabase.open(config.path)
