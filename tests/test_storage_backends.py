"""SQLite and PostgreSQL hold the same schema and answer the repositories alike.

The repositories' own tests run on both backends through the ``db`` fixture; this file checks
what is specific to having two: the schemas match, the SQL translation, the Python types of
aggregates, errors without values, transactions across two processes, and migrating once.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import pytest

from bot.config import load_config
from bot.storage.connect import open_database
from bot.storage.database import Database, StorageError
from bot.storage.db import SqliteDatabase
from bot.storage.kv import KVRepo
from bot.storage.migrations import MIGRATIONS
from bot.storage.pg_migrations import PG_MIGRATIONS, VERSION_TABLE
from bot.storage.pg_sql import changed_rows, translate
from bot.storage.postgres import PostgresDatabase, redact
from bot.storage.shares import ShareRepo
from tests import pg_cluster
from tests.backends import open_again

ALICE = 111_111_111_111_111_111


# -- the two schemas ---------------------------------------------------------------------------


async def test_both_backends_have_the_same_tables_columns_and_keys(
    sqlite_db: SqliteDatabase, fresh_postgres_url: str
) -> None:
    postgres = await PostgresDatabase.open(fresh_postgres_url, pool_max=2)
    try:
        assert len(PG_MIGRATIONS) == len(MIGRATIONS), "every SQLite migration needs its PostgreSQL twin"
        assert await postgres.schema_version() == await sqlite_db.schema_version() == len(MIGRATIONS)
        assert await postgres.tables() == await sqlite_db.tables()
    finally:
        await postgres.close()


async def test_both_backends_have_the_same_indexes(
    sqlite_db: SqliteDatabase, fresh_postgres_url: str
) -> None:
    """Every named index (unique or not, with its columns) exists on both; keys' own indexes aside."""
    on_sqlite = set()
    for table in await sqlite_db.tables():
        for index in await sqlite_db.fetchall(f'PRAGMA index_list("{table.name}")'):
            if index["origin"] == "c":  # created by CREATE INDEX, not by a key
                cols = await sqlite_db.fetchall(f'PRAGMA index_info("{index["name"]}")')
                on_sqlite.add((index["name"], bool(index["unique"]), tuple(c["name"] for c in cols)))
    postgres = await PostgresDatabase.open(fresh_postgres_url, pool_max=2)
    try:
        rows = await postgres.fetchall(
            "SELECT i.relname AS name, x.indisunique AS uniq, "
            "array_agg(a.attname ORDER BY array_position(x.indkey::int2[], a.attnum)) AS cols "
            "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "JOIN pg_namespace n ON n.oid = i.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY (x.indkey) "
            "WHERE n.nspname = current_schema() AND NOT x.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) "
            "GROUP BY i.relname, x.indisunique"
        )
    finally:
        await postgres.close()
    assert {(r["name"], r["uniq"], tuple(r["cols"])) for r in rows} == on_sqlite


async def test_the_version_table_is_not_a_table_of_the_bot(db: Database) -> None:
    assert VERSION_TABLE not in {t.name for t in await db.tables()}


# -- translation -------------------------------------------------------------------------------


def test_question_marks_become_numbered_parameters_outside_quotes_and_comments() -> None:
    assert translate("SELECT a FROM t WHERE b = ? AND c > ?") == "SELECT a FROM t WHERE b = $1 AND c > $2"
    assert translate("SELECT '?', \"we?ird\", ? -- why?\n, ?") == "SELECT '?', \"we?ird\", $1 -- why?\n, $2"
    assert translate("SELECT 'it''s ?' || ?") == "SELECT 'it''s ?' || $1"


def test_command_tags_give_the_rows_changed() -> None:
    assert changed_rows("UPDATE 3") == 3
    assert changed_rows("INSERT 0 1") == 1
    assert changed_rows("DELETE 0") == 0
    assert changed_rows("CREATE TABLE") == 0


def test_a_password_never_appears_in_the_database_description() -> None:
    assert "secret" not in redact("postgresql://bot:secret@db.example:5433/lupus")
    assert redact("postgresql://bot@db/lupus") == "postgresql://bot@db/lupus"


# -- the same answers --------------------------------------------------------------------------


async def test_aggregates_come_back_as_int_and_float_on_both(db: Database) -> None:
    for key, value in (("a", 1), ("b", 2)):
        await db.execute(
            "INSERT INTO admin_refusal_counts (day, guild_id, count) VALUES (?, ?, ?)", (key, 0, value)
        )
    row = await db.fetchone(
        "SELECT SUM(count) AS s, AVG(count) AS a, COUNT(*) AS n, MAX(count) AS m FROM admin_refusal_counts"
    )
    assert row == {"s": 3, "a": 1.5, "n": 2, "m": 2}
    assert [type(v) for v in row.values()] == [int, float, int, int]
    assert await db.fetchval("SELECT SUM(count) FROM admin_refusal_counts WHERE day = 'none'") is None


async def test_discord_ids_beyond_32_bits_and_values_of_another_python_type(db: Database) -> None:
    await KVRepo(db).set("k", "v")
    # An int for a text parameter is stored as its text, as SQLite would.
    assert await db.execute("UPDATE kv SET value = ? WHERE key = ?", (12, "k")) == 1
    assert await db.fetchval("SELECT value FROM kv WHERE key = 'k'") == "12"
    new_id = await db.insert(
        "INSERT INTO audit_log (at, user_id, action, result) VALUES (?, ?, ?, ?)",
        ("2026-05-01T12:00:00.000000+00:00", ALICE, "content.reload", "ok"),
    )
    assert await db.fetchval("SELECT user_id FROM audit_log WHERE id = ?", (new_id,)) == ALICE


async def test_text_compares_byte_by_byte_on_both(db: Database) -> None:
    for key in ("b", "B", "a", "_", "é"):
        await KVRepo(db).set(key, "x")
    assert [r["key"] for r in await db.fetchall("SELECT key FROM kv ORDER BY key")] == [
        "B",
        "_",
        "a",
        "b",
        "é",
    ]


async def test_local_days_are_grouped_alike(db: Database) -> None:
    late = "2026-03-08T23:30:00.000000+00:00"
    assert await db.fetchval("SELECT date(?, ?)", (late, "+60 minutes")) == "2026-03-09"
    assert await db.fetchval("SELECT date(?, ?)", (late, "-300 minutes")) == "2026-03-08"


# -- errors ------------------------------------------------------------------------------------


async def test_a_broken_rule_is_a_constraint_error_without_the_values(db: Database) -> None:
    note = "my private note 4242"
    with pytest.raises(StorageError) as caught:
        await db.execute(
            "INSERT INTO checkins (user_id, at, pain, note, source) VALUES (?, ?, ?, ?, ?)",
            (ALICE, "2026-05-01T12:00:00.000000+00:00", 11, note, "command"),
        )
    assert caught.value.kind == "constraint"
    assert "4242" not in str(caught.value) and str(ALICE) not in str(caught.value)


async def test_a_closed_database_says_so(db: Database) -> None:
    other = await open_again(db)
    await other.close()
    with pytest.raises(StorageError) as caught:
        await other.fetchval("SELECT 1")
    assert caught.value.kind == "closed"


async def test_a_server_that_is_not_there_cannot_be_opened(postgres_url: str) -> None:
    with pytest.raises(StorageError) as caught:
        await PostgresDatabase.open("postgresql://nobody:pw@127.0.0.1:1/none")
    assert caught.value.kind == "cannot_open"
    assert "pw" not in str(caught.value)


# -- two processes -----------------------------------------------------------------------------


async def test_transactions_of_two_processes_do_not_interleave(db: Database) -> None:
    """Read-modify-write in transaction() from two handles (two processes): no update is lost."""
    other = await open_again(db)
    try:
        await KVRepo(db).set("counter", "0")

        async def increment(handle: Database) -> None:
            async with handle.transaction():
                value = int(await handle.fetchval("SELECT value FROM kv WHERE key = 'counter'"))
                await asyncio.sleep(0)
                await handle.execute("UPDATE kv SET value = ? WHERE key = 'counter'", (str(value + 1),))

        await asyncio.gather(*(increment(db if n % 2 else other) for n in range(40)))
        assert await db.fetchval("SELECT value FROM kv WHERE key = 'counter'") == "40"
    finally:
        await other.close()


async def test_two_processes_starting_at_once_migrate_once(postgres_url: str) -> None:
    admin = await asyncpg.connect(postgres_url)
    try:
        await admin.execute('DROP DATABASE IF EXISTS "empty_start"')
        await admin.execute('CREATE DATABASE "empty_start"')
    finally:
        await admin.close()
    url = postgres_url.rsplit("/", 1)[0] + "/empty_start"
    first, second = await asyncio.gather(PostgresDatabase.open(url), PostgresDatabase.open(url))
    try:
        assert await first.schema_version() == await second.schema_version() == len(PG_MIGRATIONS)
    finally:
        await first.close()
        await second.close()


async def test_a_database_from_a_newer_release_is_refused(fresh_postgres_url: str) -> None:
    with pytest.raises(StorageError, match="newer release") as caught:
        await PostgresDatabase.open(fresh_postgres_url, migrations=PG_MIGRATIONS[:-1])
    assert caught.value.kind == "schema"


# -- choosing the backend ----------------------------------------------------------------------


async def test_the_configuration_picks_the_backend(tmp_path: Path, fresh_postgres_url: str) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("database:\n  path: bot.sqlite3\n", encoding="utf-8")
    on_file = await open_database(load_config(config, env={}).database)
    try:
        assert on_file.backend == "sqlite" and Path(on_file.path) == tmp_path / "bot.sqlite3"
    finally:
        await on_file.close()
    on_server = await open_database(load_config(config, env={"DATABASE_URL": fresh_postgres_url}).database)
    try:
        assert on_server.backend == "postgresql"
        assert await on_server.quick_check() is None and await on_server.size_bytes() > 0
    finally:
        await on_server.close()


def test_without_postgres_the_tests_fail_saying_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pg_cluster.shutil, "which", lambda _name: None)
    monkeypatch.setattr(pg_cluster.glob, "glob", lambda _pattern: [])
    with pytest.raises(pg_cluster.NoPostgres, match="apt-get install postgresql"):
        pg_cluster.find_bin_dir()


async def test_a_page_is_shared_once_in_its_window_on_both(db: Database) -> None:
    shares = ShareRepo(db)
    first = await shares.claim(ALICE, 987_654_321_098_765_432, "article:fatigue", 1000.0)
    assert first is not None
    assert await shares.claim(ALICE + 1, 987_654_321_098_765_432, "article:fatigue", 1010.0) is None
    await shares.posted(first, 123_456_789_012_345_678)
    stored = await shares.get(first)
    assert stored is not None and stored.message_id == 123_456_789_012_345_678
    assert stored.created_at == 1000.0
