"""The database handle: file safety, PRAGMAs, migrations, transactions, failures."""

from __future__ import annotations

import asyncio
import ctypes
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from bot.storage import db as db_module
from bot.storage.db import Database, StorageError
from bot.storage.kv import KVRepo
from bot.storage.migrations import MIGRATION_1, MIGRATIONS

REPO_ROOT = Path(__file__).resolve().parents[1]
EXPECTED_TABLES = {
    "admin_refusal_counts",
    "audit_log",
    "checkin_reminders",
    "checkin_symptoms",
    "checkins",
    "flares",
    "kv",
    "medicine_doses",
    "medicine_reminders",
    "medicines",
    "symptoms",
    "tracking_settings",
    "reminders",
    "routine_completions",
    "routine_sessions",
    "safety_plans",
    "shares",
    "user_prefs",
}


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- opening -------------------------------------------------------------------------------------


async def test_open_creates_folder_and_an_owner_only_file(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "deeper" / "bot.sqlite3"
    db = await Database.open(path)
    try:
        await KVRepo(db).set("written", "yes")  # make sure -wal exists
        assert db.path == path
        assert mode_of(path) == 0o600
        for companion in (path.with_name("bot.sqlite3-wal"), path.with_name("bot.sqlite3-shm")):
            assert companion.exists()
            assert mode_of(companion) & 0o077 == 0, f"{companion.name} is readable by others"
    finally:
        await db.close()


async def test_open_tightens_an_existing_world_readable_file(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    path.touch()
    os.chmod(path, 0o644)
    db = await Database.open(path)
    await db.close()
    assert mode_of(path) == 0o600


async def test_pragmas_are_set(sqlite_db: Database) -> None:
    db = sqlite_db  # SQLite itself
    assert await db.fetchval("PRAGMA journal_mode") == "wal"
    assert await db.fetchval("PRAGMA foreign_keys") == 1
    assert await db.fetchval("PRAGMA busy_timeout") == 0  # we wait for locks ourselves, off the loop
    assert await db.fetchval("PRAGMA synchronous") == 1  # NORMAL
    assert await db.fetchval("PRAGMA wal_autocheckpoint") == 0  # the worker checkpoints instead


async def test_statements_run_on_the_loop_and_checkpoints_on_the_worker(sqlite_db: Database) -> None:
    """A statement costs no trip to aiosqlite's thread; a checkpoint (it waits for the disk) does."""
    seen: list[int] = []
    sqlite_db.conn._conn.create_function("where_am_i", 0, lambda: seen.append(threading.get_ident()) or 1)
    await sqlite_db.fetchval("SELECT where_am_i()")
    async with sqlite_db.transaction():
        await sqlite_db.execute("INSERT INTO kv (key, value) SELECT 'thread', where_am_i()")
    assert seen == [threading.get_ident()] * 2
    checkpoints: list[int] = []
    sqlite_db.conn._conn.set_trace_callback(
        lambda sql: checkpoints.append(threading.get_ident()) if "wal_checkpoint" in sql else None
    )
    await sqlite_db.checkpoint()
    sqlite_db.conn._conn.set_trace_callback(None)
    assert checkpoints and threading.get_ident() not in checkpoints


async def test_the_write_ahead_log_is_folded_back_in_the_background(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_module, "CHECKPOINT_SECONDS", 0.02)
    db = await Database.open(tmp_path / "bot.sqlite3")
    rounds: list[int] = []
    try:
        db.conn._conn.set_trace_callback(
            lambda sql: rounds.append(threading.get_ident()) if "wal_checkpoint(PASSIVE)" in sql else None
        )
        await KVRepo(db).set("a", "b" * 100_000)
        await asyncio.sleep(0.3)
        db.conn._conn.set_trace_callback(None)
        assert len(rounds) >= 2 and threading.get_ident() not in rounds
    finally:
        await db.close()
    assert db._checkpoints is None  # stopped with the database


async def test_size_bytes_counts_the_file(db: Database) -> None:
    assert await db.size_bytes() > 0


async def test_in_memory_database_works() -> None:
    db = await Database.open(":memory:")
    try:
        await KVRepo(db).set("a", "b")
        assert await KVRepo(db).get("a") == "b"
        assert await db.size_bytes() == 0
    finally:
        await db.close()


# -- migrations ----------------------------------------------------------------------------------


async def test_migrations_build_the_schema_on_a_fresh_database(db: Database) -> None:
    assert await db.schema_version() == len(MIGRATIONS)
    assert {t.name for t in await db.tables()} == EXPECTED_TABLES


async def test_reopening_is_idempotent_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    await KVRepo(db).set("tree_hash", "abc")
    await db.close()
    for _ in range(2):
        db = await Database.open(path)
        try:
            assert await db.schema_version() == len(MIGRATIONS)
            assert await KVRepo(db).get("tree_hash") == "abc"
        finally:
            await db.close()


async def test_a_failing_migration_leaves_the_previous_version_intact(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path, migrations=(MIGRATION_1,))
    await db.close()
    broken = (MIGRATION_1, "CREATE TABLE half_built (user_id INTEGER); CREATE TABLE kv (key TEXT);")
    with pytest.raises(StorageError):
        await Database.open(path, migrations=broken)
    db = await Database.open(path, migrations=(MIGRATION_1,))
    try:
        assert await db.schema_version() == 1
        assert "half_built" not in {t.name for t in await db.tables()}
    finally:
        await db.close()


async def test_a_database_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    await db.execute("PRAGMA user_version = 99")
    await db.close()
    with pytest.raises(StorageError, match="newer release") as caught:
        await Database.open(path)
    assert caught.value.kind == "schema"


# -- transactions --------------------------------------------------------------------------------


async def test_transaction_commits(db: Database) -> None:
    async with db.transaction():
        await db.execute("INSERT INTO kv (key, value) VALUES ('a', '1')")
        await db.execute("INSERT INTO kv (key, value) VALUES ('b', '2')")
    assert await db.fetchval("SELECT COUNT(*) FROM kv") == 2


async def test_transaction_rolls_back_on_error(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with db.transaction():
            await db.execute("INSERT INTO kv (key, value) VALUES ('a', '1')")
            raise RuntimeError("boom")
    assert await db.fetchval("SELECT COUNT(*) FROM kv") == 0
    async with db.transaction():  # and the connection is usable again
        await db.execute("INSERT INTO kv (key, value) VALUES ('a', '1')")
    assert await db.fetchval("SELECT COUNT(*) FROM kv") == 1


async def test_transaction_rolls_back_when_cancelled(db: Database) -> None:
    entered = asyncio.Event()

    async def writer() -> None:
        async with db.transaction():
            await db.execute("INSERT INTO kv (key, value) VALUES ('a', '1')")
            entered.set()
            await asyncio.sleep(10)

    task = asyncio.create_task(writer())
    await entered.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await db.fetchval("SELECT COUNT(*) FROM kv") == 0


async def test_nested_transaction_joins_the_outer_one(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with db.transaction():
            await db.execute("INSERT INTO kv (key, value) VALUES ('outer', '1')")
            async with db.transaction():
                await db.execute("INSERT INTO kv (key, value) VALUES ('inner', '1')")
            raise RuntimeError("boom")
    assert await db.fetchval("SELECT COUNT(*) FROM kv") == 0


async def test_concurrent_read_modify_writes_do_not_lose_updates(db: Database) -> None:
    await db.execute("INSERT INTO kv (key, value) VALUES ('counter', '0')")

    async def increment() -> None:
        async with db.transaction():
            value = int(await db.fetchval("SELECT value FROM kv WHERE key = 'counter'"))
            await asyncio.sleep(0)  # let the others try to interleave
            await db.execute("UPDATE kv SET value = ? WHERE key = 'counter'", (str(value + 1),))

    await asyncio.gather(*(increment() for _ in range(50)))
    assert await db.fetchval("SELECT value FROM kv WHERE key = 'counter'") == "50"


async def test_statements_outside_a_transaction_wait_for_it(db: Database) -> None:
    """Another task's write must not slip into (and be rolled back with) someone's transaction."""
    inside = asyncio.Event()

    async def failing_transaction() -> None:
        async with db.transaction():
            await db.execute("INSERT INTO kv (key, value) VALUES ('doomed', '1')")
            inside.set()
            await asyncio.sleep(0.05)
            raise RuntimeError("boom")

    async def bystander() -> None:
        await inside.wait()
        await db.execute("INSERT INTO kv (key, value) VALUES ('bystander', '1')")

    results = await asyncio.gather(failing_transaction(), bystander(), return_exceptions=True)
    assert isinstance(results[0], RuntimeError)
    assert [r["key"] for r in await db.fetchall("SELECT key FROM kv")] == ["bystander"]


# -- closing -------------------------------------------------------------------------------------


async def test_close_is_idempotent_and_stops_the_thread(tmp_path: Path) -> None:
    before = set(threading.enumerate())
    db = await Database.open(tmp_path / "bot.sqlite3")
    # The connection's worker thread (the executor threads of asyncio.to_thread aside).
    workers = [t for t in set(threading.enumerate()) - before if not t.name.startswith("asyncio_")]
    assert len(workers) == 1 and not workers[0].daemon
    await db.close()
    await db.close()
    workers[0].join(timeout=5)
    assert not workers[0].is_alive()
    with pytest.raises(StorageError, match="closed"):
        await db.fetchval("SELECT 1")


async def test_close_lets_a_running_transaction_finish(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    inside = asyncio.Event()

    async def writer() -> None:
        async with db.transaction():
            inside.set()
            await asyncio.sleep(0.05)
            await db.execute("INSERT INTO kv (key, value) VALUES ('saved', 'yes')")

    task = asyncio.create_task(writer())
    await inside.wait()
    await db.close()
    await task
    db = await Database.open(path)
    try:
        assert await KVRepo(db).get("saved") == "yes"
    finally:
        await db.close()


def test_a_process_that_closes_the_database_exits(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import asyncio
        from bot.storage.db import Database

        async def main():
            db = await Database.open({str(tmp_path / "bot.sqlite3")!r})
            await db.close()

        asyncio.run(main())
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, timeout=30, capture_output=True)
    assert result.returncode == 0, result.stderr.decode()


# -- failures ------------------------------------------------------------------------------------


async def test_disk_full_raises_a_clear_error_and_keeps_data(sqlite_db: Database) -> None:
    db = sqlite_db  # SQLite itself
    kv = KVRepo(db)
    await kv.set("kept", "yes")
    pages = await db.fetchval("PRAGMA page_count")
    await db.execute(f"PRAGMA max_page_count = {int(pages) + 1}")
    with pytest.raises(StorageError, match="full") as caught:
        async with db.transaction():
            for n in range(100):
                await kv.set(f"big{n}", "x" * 10_000)
    assert caught.value.kind == "full"
    assert await kv.get("kept") == "yes"
    assert await db.fetchval("SELECT COUNT(*) FROM kv") == 1
    assert await db.fetchval("PRAGMA integrity_check") == "ok"


async def test_a_write_to_a_read_only_connection_raises_a_clear_error(sqlite_db: Database) -> None:
    db = sqlite_db  # SQLite itself
    await db.execute("PRAGMA query_only = ON")
    with pytest.raises(StorageError, match="read-only") as caught:
        await KVRepo(db).set("a", "b")
    assert caught.value.kind == "read_only"


def _without_file_permission_override() -> None:
    """In the child: drop root's power to ignore file modes (CAP_DAC_OVERRIDE etc.)."""
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop = 24
    for capability in (1, 2, 3):  # DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER
        if libc.prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _open_in_child(path: Path) -> str:
    """Try Database.open in a child process bound by file modes; return what it printed."""
    script = textwrap.dedent(
        f"""
        import asyncio
        from bot.storage.db import Database, StorageError

        async def main():
            try:
                db = await Database.open({str(path)!r})
            except StorageError as exc:
                print(exc.kind, "|", exc)
            else:
                await db.close()
                print("opened")

        asyncio.run(main())
        """
    )
    preexec = _without_file_permission_override if os.geteuid() == 0 else None
    try:
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=REPO_ROOT, timeout=30, capture_output=True, preexec_fn=preexec
        )
    except subprocess.SubprocessError as exc:
        pytest.skip(f"cannot drop privileges here: {exc}")
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode().strip()


async def test_a_read_only_database_file_raises_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    await KVRepo(db).set("kept", "yes")
    await db.close()
    os.chmod(path, 0o400)
    try:
        output = _open_in_child(path)
    finally:
        os.chmod(path, 0o600)
    kind, _, message = output.partition(" | ")
    assert kind == "read_only", output
    assert "read-only" in message and str(path) in message and "write access" in message


async def test_a_folder_that_cannot_be_written_raises_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    os.chmod(folder, 0o500)
    try:
        output = _open_in_child(folder / "bot.sqlite3")
    finally:
        os.chmod(folder, 0o700)
    kind, _, message = output.partition(" | ")
    assert kind == "read_only", output
    assert "folder" in message


async def test_a_lock_held_elsewhere_is_waited_for_without_stopping_the_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another connection (an operator's sqlite3 shell) holds the write lock: our write waits with
    the loop still running, goes through when the lock is let go, and fails kindly if it never is."""
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    shell = sqlite3.connect(path, isolation_level=None)
    try:
        shell.execute("BEGIN IMMEDIATE")
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.005)

        ticking = asyncio.create_task(ticker())
        write = asyncio.create_task(KVRepo(db).set("a", "b"))
        await asyncio.sleep(0.2)
        assert not write.done() and ticks >= 10  # waiting, and the loop goes on
        shell.execute("COMMIT")
        await asyncio.wait_for(write, 5)
        ticking.cancel()
        assert await KVRepo(db).get("a") == "b"

        monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 100)
        shell.execute("BEGIN IMMEDIATE")
        with pytest.raises(StorageError) as info:
            async with db.transaction():
                pass
        assert info.value.kind == "busy"
        shell.execute("ROLLBACK")
    finally:
        shell.close()
        await db.close()
