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
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
    assert await db.fetchval("PRAGMA synchronous") == 1  # NORMAL
    # Statements run on the event loop, which must not sleep in SQLite: no busy handler (a lock is
    # waited for with asyncio instead) and no automatic checkpoint inside a commit.
    assert await db.fetchval("PRAGMA busy_timeout") == 0
    assert await db.fetchval("PRAGMA wal_autocheckpoint") == 0


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


# -- which thread runs what ------------------------------------------------------------------------


def sqlite_of(db: Database) -> sqlite3.Connection:
    return db.conn._conn


def traced(db: Database) -> list[tuple[str, int]]:
    """Every statement SQLite runs from now on, with the thread that ran it."""
    seen: list[tuple[str, int]] = []
    sqlite_of(db).set_trace_callback(lambda sql: seen.append((sql, threading.get_ident())))
    return seen


async def _until(condition: Callable[[], bool], seconds: float = 10) -> None:
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "timed out"
        await asyncio.sleep(0.005)


def task_name() -> str:
    task = asyncio.current_task()
    return "no task" if task is None else task.get_name()


async def test_statements_run_on_the_event_loops_thread(sqlite_db: Database) -> None:
    """No trip to aiosqlite's thread for a statement, a transaction's BEGIN and COMMIT included."""
    db, loop_thread = sqlite_db, threading.get_ident()
    seen = traced(db)
    kv = KVRepo(db)
    await kv.set("a", "1")
    async with db.transaction():
        await db.execute("UPDATE kv SET value = '2' WHERE key = 'a'")
    assert await kv.get("a") == "2"
    with pytest.raises(RuntimeError):
        async with db.transaction():
            await db.execute("UPDATE kv SET value = '3' WHERE key = 'a'")
            raise RuntimeError("boom")
    statements = [sql.split()[0].upper() for sql, _ in seen]
    assert {"BEGIN", "COMMIT", "ROLLBACK", "UPDATE", "SELECT"} <= set(statements)
    assert {thread for _, thread in seen} == {loop_thread}


async def test_slow_work_runs_on_aiosqlites_thread(sqlite_db: Database, tmp_path: Path) -> None:
    """Checkpoints and quick_check wait for the disk or read every page: never on the loop."""
    db, loop_thread = sqlite_db, threading.get_ident()
    await KVRepo(db).set("a", "1")
    seen = traced(db)
    await db.checkpoint()
    assert await db.quick_check() is None
    slow = [(sql, thread) for sql, thread in seen if "checkpoint" in sql or "quick_check" in sql]
    assert len(slow) == 2 and loop_thread not in {thread for _, thread in slow}
    # And the short busy wait of the loop is back once the worker is done.
    assert await db.fetchval("PRAGMA busy_timeout") == 0
    await db.copy_to(tmp_path / "copy.sqlite3")  # the backup API, on the worker too
    assert await db.fetchval("PRAGMA busy_timeout") == 0


async def test_two_tasks_transactions_never_interleave(sqlite_db: Database) -> None:
    """Each task's transactions are contiguous in what SQLite ran, though each awaits inside."""
    db = sqlite_db
    runs: list[tuple[str, str]] = []
    sqlite_of(db).set_trace_callback(lambda sql: runs.append((task_name(), sql)))

    async def writer(n: int) -> None:
        for round_ in range(5):
            async with db.transaction():
                await db.execute("INSERT INTO kv (key, value) VALUES (?, 'x')", (f"{n}-{round_}-a",))
                await asyncio.sleep(0)
                await db.execute("INSERT INTO kv (key, value) VALUES (?, 'x')", (f"{n}-{round_}-b",))

    async def bystander() -> None:
        for _ in range(20):
            await db.fetchval("SELECT COUNT(*) FROM kv")
            await asyncio.sleep(0)

    tasks = [asyncio.create_task(writer(n), name=f"writer {n}") for n in range(3)]
    tasks.append(asyncio.create_task(bystander(), name="bystander"))
    await asyncio.gather(*tasks)
    owner = None
    for task, sql in runs:
        if sql.startswith("BEGIN"):
            assert owner is None, f"{task} began inside {owner}'s transaction"
            owner = task
        elif owner is not None:
            assert task == owner, f"{task} ran {sql!r} inside {owner}'s transaction"
            if sql == "COMMIT":
                owner = None
    assert sum(sql.startswith("BEGIN") for _, sql in runs) == 15
    assert await db.fetchval("SELECT COUNT(*) FROM kv") == 30


async def test_a_cancelled_worker_job_keeps_the_connection_until_the_thread_is_done(
    sqlite_db: Database,
) -> None:
    """The worker's thread cannot be stopped: the loop must not use the connection alongside it."""
    db = sqlite_db
    events: list[str] = []
    sqlite_of(db).create_function("mark", 1, lambda what: events.append(what) or 1)

    def slow(conn: sqlite3.Connection) -> None:
        conn.execute("SELECT mark('worker starts')").fetchall()
        time.sleep(0.3)
        conn.execute("SELECT mark('worker ends')").fetchall()

    job = asyncio.create_task(db._on_worker(slow))
    await _until(lambda: bool(events))
    job.cancel()
    statement = asyncio.create_task(db.fetchval("SELECT mark('loop')"))
    started = time.monotonic()
    await asyncio.sleep(0.05)
    assert time.monotonic() - started < 0.25, "the loop itself was kept waiting"
    with pytest.raises(asyncio.CancelledError):
        await job
    assert await statement == 1
    assert events == ["worker starts", "worker ends", "loop"]


# -- another process's lock ------------------------------------------------------------------------


async def _ticks_while(waiting: asyncio.Task[Any], seconds: float) -> int:
    """How many 10 ms sleeps the loop fits in ``seconds`` while ``waiting`` waits."""
    ticks, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        await asyncio.sleep(0.01)
        ticks += 1
        assert not waiting.done(), "it should still be waiting for the lock"
    return ticks


@pytest.mark.parametrize("how", ["statement", "transaction"])
async def test_a_lock_held_by_another_process_is_waited_for_and_the_loop_goes_on(
    sqlite_db: Database, how: str
) -> None:
    db = sqlite_db
    other = sqlite3.connect(db.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another writer (an operator's sqlite3 shell)

        async def write() -> None:
            if how == "statement":
                await KVRepo(db).set("a", "1")
            else:
                async with db.transaction():
                    await KVRepo(db).set("a", "1")

        waiting = asyncio.create_task(write())
        # Half a second of lock: the loop keeps running (about 50 ticks; SQLite's busy handler
        # would have slept on the loop and let almost none through).
        assert await _ticks_while(waiting, 0.5) >= 15
        other.execute("COMMIT")
        await asyncio.wait_for(waiting, 5)
        assert await KVRepo(db).get("a") == "1"
    finally:
        other.close()


async def test_a_lock_held_too_long_fails_kindly_as_busy(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = sqlite_db
    monkeypatch.setattr(db_module, "BUSY_WAIT_SECONDS", 0.2)
    other = sqlite3.connect(db.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")

        async def in_a_transaction() -> None:
            async with db.transaction():
                await KVRepo(db).set("a", "pain 7")

        for attempt in (lambda: KVRepo(db).set("a", "pain 7"), in_a_transaction):
            started = time.monotonic()
            with pytest.raises(StorageError) as caught:
                await attempt()
            assert caught.value.kind == "busy" and "pain" not in str(caught.value)
            assert 0.2 <= time.monotonic() - started < 2
        other.execute("ROLLBACK")
    finally:
        other.close()
    await KVRepo(db).set("a", "b")  # the connection is fine afterwards
    assert await KVRepo(db).get("a") == "b"


# -- checkpoints -----------------------------------------------------------------------------------


async def test_the_write_ahead_log_is_folded_back_off_the_loop_and_stays_small(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Automatic checkpoints are off, so the worker checkpoints now and then, after writes only,
    and the log starts again from its beginning instead of growing with every write."""
    monkeypatch.setattr(db_module, "CHECKPOINT_SECONDS", 0.02)
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    try:
        seen = traced(db)

        def checkpoints() -> list[int]:
            return [thread for sql, thread in seen if "wal_checkpoint" in sql]

        kv, chunk = KVRepo(db), "x" * 200_000
        for n in range(8):
            done = len(checkpoints())
            await kv.set(f"k{n}", chunk)
            await _until(lambda: len(checkpoints()) > done)  # noqa: B023 (called at once)
        assert threading.get_ident() not in checkpoints()
        wal = path.with_name("bot.sqlite3-wal").stat().st_size
        assert 0 < wal < 3 * len(chunk), f"the log grew to {wal} bytes for 8 writes of {len(chunk)}"
        # Nothing written: nothing to fold, and aiosqlite's thread is left alone.
        await asyncio.sleep(0.1)
        before = len(checkpoints())
        await asyncio.sleep(0.2)
        assert len(checkpoints()) == before
    finally:
        await db.close()
    assert db._checkpoints is None  # stopped with the database


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
