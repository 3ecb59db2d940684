"""The one database handle: an aiosqlite connection with safe defaults.

Why it looks like this:

* One connection per process (DESIGN.md → Storage). SQLite serialises writers
  anyway; one connection means one writer and no "database is locked" between
  our own tasks. Because every task shares that connection, a transaction must
  not interleave with another task's statements, so ``transaction()`` holds an
  ``asyncio.Lock`` and every statement outside a transaction takes the same
  lock for its own length.
* The file holds health data, so it is created owner-only (0600) before SQLite
  touches it, and the ``-wal``/``-shm`` companions are kept owner-only too.
* SQLite errors that mean "the environment is broken" (disk full, read-only
  file, corrupt file) become one ``StorageError`` with a message an operator can
  act on. The transaction is rolled back, so nothing is half-written.
* This module is the only place that speaks SQLite dialect (PRAGMAs,
  ``sqlite_master``); repositories use plain SQL with ``?`` parameters, and
  ``bot.storage.postgres`` runs the same SQL on PostgreSQL (both satisfy
  :class:`bot.storage.database.Database`).
* Statements run on the event loop's own thread, straight on the sqlite3 connection: a trip
  to aiosqlite's thread and back cost the loop about 35 µs of CPU plus a thread wake-up, an
  indexed read itself about 2 µs. aiosqlite's thread keeps the slow work (opening and
  migrating, backups, quick_check, checkpoints), in the same turn of the lock, so the two
  threads never use the connection at once. For the loop never to wait on the disk or on
  another process, once open: automatic checkpoints are off (they would run inside a commit
  and wait for the disk; the worker checkpoints every ``CHECKPOINT_SECONDS`` instead; with
  WAL and ``synchronous = NORMAL`` a commit itself does not wait for the disk), and SQLite's
  busy handler is off (it would sleep on the loop): a statement that finds the file locked
  by another process sleeps with ``asyncio`` and tries again, for ``BUSY_WAIT_SECONDS``.
* aiosqlite logs every call *with its parameters* at DEBUG. Those parameters
  include pain scores and notes, which must never be logged, so its DEBUG
  records are dropped here.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import sqlite3
import stat
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar, cast

import aiosqlite

from bot.storage.database import Backend, Params, Row, StorageError, StorageErrorKind, TableInfo
from bot.storage.migrations import MIGRATIONS, MigrationError, apply_migrations

log = logging.getLogger(__name__)

MEMORY = ":memory:"
BUSY_WAIT_SECONDS = 5.0
"""How long a statement waits for a lock another process holds (an operator's ``sqlite3`` shell)
before it fails as ``busy``. The loop goes on meanwhile; this connection's other statements wait."""
CHECKPOINT_SECONDS = 10.0
"""How often aiosqlite's thread folds the write-ahead log back into the file, when anything was
written since the last time (automatic checkpoints are off: they would wait for the disk on the loop)."""


class _DropDebug(logging.Filter):
    """Drop aiosqlite's DEBUG records: they print SQL parameters (health data)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG


_aiosqlite_log = logging.getLogger("aiosqlite")
if not any(isinstance(f, _DropDebug) for f in _aiosqlite_log.filters):
    _aiosqlite_log.addFilter(_DropDebug())


def _describe(error: sqlite3.Error, path: str) -> StorageError:
    """Turn a sqlite3 error into a StorageError an operator can act on."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error)
    if isinstance(error, sqlite3.IntegrityError):
        return StorageError(f"the data broke a database rule ({text}); nothing was saved", kind="constraint")
    if primary == sqlite3.SQLITE_FULL or "database or disk is full" in text:
        return StorageError(
            f"the disk holding the database ({path}) is full, or the database reached its size limit; "
            "nothing was saved and the data already stored is intact. Free some disk space.",
            kind="full",
        )
    if primary == sqlite3.SQLITE_READONLY or "readonly database" in text:
        return StorageError(
            f"the database ({path}) is read-only, so nothing can be saved. The bot needs write access "
            "to the file and to its folder (for the -wal and -shm files), and the disk must not be "
            "mounted read-only.",
            kind="read_only",
        )
    if primary in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
        return StorageError(
            f"cannot open the database ({path}) or its -wal/-shm files: check that the path exists "
            "and that the bot may read and write the file and its folder.",
            kind="cannot_open",
        )
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return StorageError(
            f"the database file ({path}) is damaged or is not a SQLite database; "
            "stop the bot and restore it from a backup.",
            kind="corrupt",
        )
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StorageError(
            f"the database ({path}) stayed locked by another process for too long; "
            "only one bot process should use a SQLite file.",
            kind="busy",
        )
    if primary == sqlite3.SQLITE_IOERR:
        return StorageError(f"the disk reported an I/O error on the database ({path}): {text}", kind="error")
    return StorageError(f"database error on {path}: {text}", kind="error")


def _is_busy(error: sqlite3.Error) -> bool:
    """Another connection holds the lock (SQLITE_BUSY and its extended codes)."""
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF == sqlite3.SQLITE_BUSY


def _os_error(error: OSError, path: Path) -> StorageError:
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageError(
            f"the database ({path}) is read-only or its folder cannot be written: {error.strerror}. "
            "The bot needs write access to the file and its folder.",
            kind="read_only",
        )
    if error.errno == errno.ENOSPC:
        return StorageError(f"the disk holding the database ({path}) is full", kind="full")
    return StorageError(f"cannot create the database ({path}): {error.strerror}", kind="cannot_open")


def _owner_only(path: Path) -> None:
    """Remove group/other permission bits, never adding any (a 0400 file stays 0400)."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if mode & 0o077:
        try:
            os.chmod(path, mode & 0o700)
        except OSError as exc:
            log.warning("could not make %s owner-only: %s", path, exc.strerror)


def _prepare_file(path: Path) -> None:
    """Create the folder and an empty 0600 file before SQLite opens it.

    SQLite would create the file with the process umask (often world-readable);
    creating it ourselves first fixes the mode, and SQLite copies the main file's
    mode onto ``-wal``/``-shm``.
    """
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    _owner_only(path)


def _companions(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _file_sizes(paths: Sequence[Path]) -> int:
    total = 0
    for p in paths:
        with suppress(FileNotFoundError):
            total += p.stat().st_size
    return total


def _dict_row(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> Row:
    return {column[0]: value for column, value in zip(cursor.description, row, strict=True)}


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


_T = TypeVar("_T")


def _run(sql: str) -> Callable[[sqlite3.Connection], None]:
    """A statement without parameters or rows (``BEGIN``, ``COMMIT``), for ``_now``."""
    return lambda conn: conn.execute(sql).close()


def _closing(cursor: sqlite3.Cursor, read: Callable[[sqlite3.Cursor], _T]) -> _T:
    """``read(cursor)``, then close it."""
    try:
        return read(cursor)
    finally:
        cursor.close()


def _pragma(conn: sqlite3.Connection, sql: str) -> list[Any]:
    return _closing(conn.execute(sql), lambda cursor: cursor.fetchall())


class SqliteDatabase:
    """One aiosqlite connection, its lock and its migrations. Open with ``await Database.open(path)``."""

    backend: Backend = "sqlite"

    def __init__(self, conn: aiosqlite.Connection, path: Path | str) -> None:
        self._conn: aiosqlite.Connection | None = conn
        self._path = path if isinstance(path, str) else Path(path)
        self._lock = asyncio.Lock()
        self._owner: asyncio.Task[Any] | None = None
        self._checkpoints: asyncio.Task[None] | None = None

    # -- life cycle -------------------------------------------------------------------------------

    @classmethod
    async def open(cls, path: Path | str, *, migrations: Sequence[str] = MIGRATIONS) -> SqliteDatabase:
        """Open (creating if needed) the database, set it up, and migrate it.

        Fails fast with ``StorageError`` if the file cannot be written, so an
        operator learns at start-up rather than at the first check-in.
        """
        is_memory = str(path) == MEMORY
        file_path: Path | str = MEMORY if is_memory else Path(path)
        if isinstance(file_path, Path):
            try:
                await asyncio.to_thread(_prepare_file, file_path)
            except OSError as exc:
                raise _os_error(exc, file_path) from exc
        try:
            # Made on aiosqlite's thread, used from the loop's too (never both at once: see _on_worker).
            conn = await aiosqlite.connect(str(file_path), isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise _describe(exc, str(file_path)) from exc
        db = cls(conn, file_path)
        try:
            await db._configure()
            if (problem := await db._quick_check_raw()) is not None:
                raise StorageError(
                    f"the database file ({file_path}) is damaged ({problem}); restore it from a backup",
                    kind="corrupt",
                )
            version = await apply_migrations(conn, migrations)
            conn.row_factory = _dict_row  # type: ignore[assignment]  # aiosqlite types it as a class
            # From here statements run on the loop, which must not wait: see the module docstring.
            await conn.execute("PRAGMA busy_timeout = 0")
            await conn.execute("PRAGMA wal_autocheckpoint = 0")
        except sqlite3.Error as exc:
            await db.close()
            raise _describe(exc, str(file_path)) from exc
        except MigrationError as exc:
            await db.close()
            raise StorageError(str(exc), kind="schema") from exc
        except StorageError:
            await db.close()
            raise
        except BaseException:
            await db.close()
            raise
        if isinstance(file_path, Path):
            for companion in _companions(file_path):
                await asyncio.to_thread(_owner_only, companion)
            db._checkpoints = asyncio.create_task(db._checkpoint_every(CHECKPOINT_SECONDS))
        log.info("database open at %s (schema version %d)", file_path, version)
        return db

    async def _configure(self) -> None:
        conn = self.conn
        # Opening and migrating run on aiosqlite's thread, so they may wait for a lock the usual way.
        await conn.execute(f"PRAGMA busy_timeout = {int(BUSY_WAIT_SECONDS * 1000)}")
        await conn.execute("PRAGMA foreign_keys = ON")
        # Overwrite deleted rows on disk, so /privacy delete really erases.
        await conn.execute("PRAGMA secure_delete = ON")
        async with conn.execute("PRAGMA journal_mode = WAL") as cursor:
            row = await cursor.fetchone()
        mode = str(row[0]).lower() if row else "?"
        if mode != "wal" and self._path != MEMORY:
            log.warning("database journal mode is %s, not WAL (is the file on a network disk?)", mode)
        await conn.execute("PRAGMA synchronous = NORMAL")
        # Probe for write access now: a read-only file otherwise opens "fine".
        await conn.execute("BEGIN IMMEDIATE")
        await conn.execute("ROLLBACK")

    async def _quick_check_raw(self) -> str | None:
        """``PRAGMA quick_check`` before the row factory is set: None when healthy, else the first problem.

        quick_check reads every page (it skips only the index-content cross-check), so damaged
        table pages are found at start-up, not at a member's next ``/journal``."""
        try:
            async with self.conn.execute("PRAGMA quick_check") as cursor:
                rows = await cursor.fetchall()
        except sqlite3.DatabaseError as exc:
            return str(exc)
        values = [str(r[0]) for r in rows]
        return None if values == ["ok"] else (values[0] if values else "no answer")

    async def quick_check(self) -> str | None:
        """``PRAGMA quick_check`` now (for ``/admin status``): None when healthy, else the first problem."""
        try:
            rows = await self._on_worker(lambda c: _pragma(c, "PRAGMA quick_check"))
        except StorageError as exc:
            return str(exc)
        values = [str(next(iter(r.values()))) for r in rows]
        return None if values == ["ok"] else (values[0] if values else "no answer")

    async def copy_to(self, target: Path) -> None:
        """Copy the live database into the file ``target`` with SQLite's online backup API.

        A consistent snapshot even while the bot writes: it runs in this connection's turn."""
        dest = await asyncio.to_thread(sqlite3.connect, str(target), check_same_thread=False)
        try:
            await self._on_worker(lambda c: c.backup(dest))
        finally:
            await asyncio.to_thread(dest.close)

    async def close(self, *, wait: float = 5.0) -> None:
        """Close the connection (idempotent). Without it aiosqlite's thread keeps the process alive.

        Waits up to ``wait`` seconds for a transaction in progress to finish,
        then closes regardless (SQLite rolls back whatever was not committed).
        """
        if self._conn is None:
            return
        if self._checkpoints is not None:
            self._checkpoints.cancel()
            with suppress(asyncio.CancelledError):
                await self._checkpoints
            self._checkpoints = None
        acquired = False
        if not self._in_my_transaction():
            try:
                acquired = await asyncio.wait_for(self._lock.acquire(), timeout=wait)
            except TimeoutError:
                log.warning("closing the database while a transaction is still running")
        conn, self._conn = self._conn, None
        try:
            if conn is not None:
                await conn.close()
        except sqlite3.Error as exc:
            log.warning("error while closing the database: %s", exc)
        finally:
            if acquired:
                self._lock.release()

    async def __aenter__(self) -> SqliteDatabase:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    # -- properties -------------------------------------------------------------------------------

    @property
    def path(self) -> Path | str:
        """The database file (or ``":memory:"``)."""
        return self._path

    @property
    def conn(self) -> aiosqlite.Connection:
        """The raw connection, for db.py-level code only; repositories use ``execute``/``fetch*``."""
        if self._conn is None:
            raise StorageError("the database is closed", kind="closed")
        return self._conn

    @property
    def _sqlite(self) -> sqlite3.Connection:
        """The sqlite3 connection under aiosqlite's, for statements run on the loop."""
        if self._conn is None:
            raise StorageError("the database is closed", kind="closed")
        return self._conn._conn

    # -- transactions -----------------------------------------------------------------------------

    def _in_my_transaction(self) -> bool:
        task = asyncio.current_task()
        return task is not None and self._owner is task

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise _describe(exc, str(self._path)) from exc
        except ValueError as exc:  # aiosqlite: "Connection closed"
            if self._conn is None or "closed" in str(exc).lower():
                raise StorageError("the database is closed", kind="closed") from exc
            raise

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` if the block raises.

        IMMEDIATE takes the write lock up front, so a read-modify-write cannot
        be overtaken between its read and its write. A ``transaction()`` inside
        another (same task) joins the outer one. Do not await another task that
        uses the database while inside: it would wait for this lock.
        """
        if self._in_my_transaction():
            yield
            return
        async with self._lock:
            self._owner = asyncio.current_task()
            try:
                self._rollback()  # a transaction left over by a rollback that failed
                await self._now(_run("BEGIN IMMEDIATE"))
                try:
                    yield
                except BaseException:
                    self._rollback()
                    raise
                try:
                    await self._now(_run("COMMIT"), commit=True)
                except BaseException:
                    self._rollback()
                    raise
            finally:
                self._owner = None

    def _rollback(self) -> None:
        """Roll back now, on the loop: nothing (not even a cancellation) can come between."""
        if self._conn is None:
            return
        try:
            if self._sqlite.in_transaction:
                self._sqlite.rollback()
        except sqlite3.Error as exc:
            log.warning("rollback failed: %s", exc)

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[aiosqlite.Connection]:
        """Run inside the caller's transaction, or take the lock for one statement."""
        if self._in_my_transaction():
            with self._translated():
                yield self.conn
            return
        async with self._lock:
            with self._translated():
                yield self.conn

    # -- statements -------------------------------------------------------------------------------

    async def _once(self, fn: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``fn`` on the loop, in the caller's transaction or a turn of its own."""
        if self._in_my_transaction():
            return await self._now(fn)
        async with self._lock:
            return await self._now(fn)

    async def _now(self, fn: Callable[[sqlite3.Connection], _T], *, commit: bool = False) -> _T:
        """``fn`` on the loop's thread, now (the caller has the turn).

        If another process holds the lock, wait for it here with ``asyncio.sleep`` (SQLite's busy
        handler would sleep on the loop), keeping the turn, and try again; after
        ``BUSY_WAIT_SECONDS`` fail as ``busy``. Trying again is safe only where the statement did
        nothing: outside a transaction, ``BEGIN`` and ``COMMIT`` (SQLite's rule); inside one it
        fails at once and the transaction rolls back.
        """
        deadline, pause = 0.0, 0.001
        while True:
            conn = self._sqlite  # again after each pause: the database may have been closed meanwhile
            try:
                return fn(conn)
            except sqlite3.Error as exc:
                if not _is_busy(exc) or (conn.in_transaction and not commit):
                    raise _describe(exc, str(self._path)) from exc
                now = time.monotonic()
                deadline = deadline or now + BUSY_WAIT_SECONDS
                if now >= deadline:
                    raise _describe(exc, str(self._path)) from exc
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.05)

    async def _on_worker(self, fn: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``fn`` on aiosqlite's thread, in this connection's turn: slow work that waits for
        the disk or reads the whole file, during which the loop goes on with everything else."""
        loop = asyncio.get_running_loop()
        finished = asyncio.Event()

        def patiently(conn: sqlite3.Connection) -> _T:
            try:
                # Off the loop, a lock held by another process may be waited for the usual way.
                _pragma(conn, f"PRAGMA busy_timeout = {int(BUSY_WAIT_SECONDS * 1000)}")
                try:
                    return fn(conn)
                finally:
                    _pragma(conn, "PRAGMA busy_timeout = 0")
            finally:
                with suppress(RuntimeError):  # the loop is gone: nobody is waiting
                    loop.call_soon_threadsafe(finished.set)

        async with self._turn() as conn:
            try:
                # _execute queues the call before its first await, so it runs even if we are cancelled.
                return cast(_T, await conn._execute(patiently, conn._conn))  # type: ignore[no-untyped-call]
            except asyncio.CancelledError:
                # The thread cannot be stopped: keep the turn until it is done, or a statement on the
                # loop could use the connection at the same time.
                while not finished.is_set():
                    with suppress(asyncio.CancelledError):
                        await finished.wait()
                raise

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        return await self._once(lambda c: _closing(c.execute(sql, params), lambda cur: cur.rowcount))

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run an INSERT; return the new row's integer key."""
        rowid = await self._once(lambda c: _closing(c.execute(sql, params), lambda cur: cur.lastrowid))
        if rowid is None:
            raise StorageError("the insert produced no row id")
        return rowid

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        rows = await self._once(lambda c: _closing(c.execute(sql, params), lambda cur: cur.fetchall()))
        return cast(list[Row], rows)  # the row factory makes dicts

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        row = await self._once(lambda c: _closing(c.execute(sql, params), lambda cur: cur.fetchone()))
        return cast(Row | None, row)

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else next(iter(row.values()))

    # -- introspection and upkeep (SQLite dialect lives here) ----------------------------------

    async def tables(self) -> list[TableInfo]:
        """Every table of the schema, for code that must cover all of them (privacy)."""
        names = await self.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
            "ORDER BY name"
        )
        result: list[TableInfo] = []
        for entry in names:
            name = str(entry["name"])
            columns = await self.fetchall(f"PRAGMA table_info({_quote(name)})")
            keys = await self.fetchall(f"PRAGMA foreign_key_list({_quote(name)})")
            primary = sorted((c for c in columns if c["pk"]), key=lambda c: c["pk"])
            result.append(
                TableInfo(
                    name=name,
                    columns=tuple(str(c["name"]) for c in columns),
                    primary_key=tuple(str(c["name"]) for c in primary),
                    references=frozenset(str(k["table"]) for k in keys),
                )
            )
        return result

    async def schema_version(self) -> int:
        return int(await self.fetchval("PRAGMA user_version"))

    async def size_bytes(self) -> int:
        """Bytes on disk: the file plus its write-ahead log (0 for an in-memory database)."""
        if not isinstance(self._path, Path):
            return 0
        return await asyncio.to_thread(_file_sizes, [self._path, _companions(self._path)[0]])

    async def checkpoint(self) -> None:
        """Fold the write-ahead log into the file and truncate it (e.g. after a deletion)."""
        await self._on_worker(lambda c: _pragma(c, "PRAGMA wal_checkpoint(TRUNCATE)"))

    async def _checkpoint_every(self, seconds: float) -> None:
        """Fold the write-ahead log back now and then (automatic checkpoints are off), when this
        connection wrote anything since; the log then starts again from its beginning, so it
        never grows beyond what is written in ``seconds``."""
        folded = -1
        while self._conn is not None:
            await asyncio.sleep(seconds)
            changes = self._sqlite.total_changes
            if changes == folded:
                continue
            try:
                # PASSIVE: never waits for a lock; what a reader still uses is folded next time.
                await self._on_worker(lambda c: _pragma(c, "PRAGMA wal_checkpoint(PASSIVE)"))
            except StorageError as exc:
                log.warning("checkpoint failed (the next one tries again): %s", exc)
            else:
                folded = changes


Database = SqliteDatabase
"""The SQLite backend under its first name (``Database.open(path)``); code that works with either
backend types against :class:`bot.storage.database.Database` instead."""

__all__ = [
    "MEMORY",
    "Database",
    "Params",
    "Row",
    "SqliteDatabase",
    "StorageError",
    "StorageErrorKind",
    "TableInfo",
]
