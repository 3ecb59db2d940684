"""Database integrity and backups: a quick check at start-up, a daily online copy, and restore.

* ``PRAGMA quick_check`` runs when the database opens (:mod:`bot.storage.db`):
  a damaged file stops the bot with a message saying how to restore, instead
  of saying "Saved" and then failing on every read.
* Once a day the live database is copied with SQLite's online backup API (a
  consistent snapshot while the bot keeps writing) to ``database.backup_dir``
  as ``bot-YYYYMMDD-HHMMSS.sqlite3`` (owner-only, like the database); the last
  :data:`KEEP` copies are kept. The copy is checked before it counts.
* ``python -m bot restore PATH`` checks a backup (quick_check and a schema
  version this release knows) before putting it in place; the current file is
  kept beside it, never overwritten.
* On PostgreSQL none of this applies: the daily copy is skipped with one INFO line, and the
  operator backs up with ``pg_dump -Fc`` (docs/deploy.md, "PostgreSQL").

The SQLite dialect lives here and in db.py only.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.clock import Clock, utc_at
from bot.scheduler import Scheduler
from bot.storage.database import Backend, Database, StorageError
from bot.storage.db import SqliteDatabase
from bot.storage.kv import KVRepo
from bot.storage.migrations import MIGRATIONS

log = logging.getLogger(__name__)

KEEP = 7
"""Backups kept in ``database.backup_dir`` (one a day: a week)."""
PREFIX = "bot-"
SUFFIX = ".sqlite3"
DAY_S = 24 * 60 * 60
LAST_BACKUP_KEY = "last_backup"
"""kv key: ``<epoch seconds>|<file name>`` of the last good backup."""
FIRST_BACKUP_DELAY_S = 60.0
"""After a start, the first backup waits a minute (the bot is busy reconnecting)."""
FIRST_BACKUP_ENV = "LUPUS_FIRST_BACKUP_DELAY_S"
"""Tests only: seconds replacing :data:`FIRST_BACKUP_DELAY_S`, so an end-to-end test sees a backup
without waiting a minute."""


def first_backup_delay() -> float:
    raw = os.environ.get(FIRST_BACKUP_ENV, "").strip()
    try:
        return min(max(float(raw), 0.0), FIRST_BACKUP_DELAY_S) if raw else FIRST_BACKUP_DELAY_S
    except ValueError:
        return FIRST_BACKUP_DELAY_S


CORRUPT_HELP = (
    "The database cannot be used: {problem}. The bot will not start on it, so nothing "
    "more is lost. To restore the latest backup, run:\n"
    "    python -m bot --config CONFIG restore {newest}\n"
    "(it checks the backup first; the damaged file is kept beside it as {name}.damaged-<time>). "
    "No backup? "
    "`sqlite3 {path} .recover | sqlite3 recovered.sqlite3` may save most of it."
)


def corrupt_help(database: Path, backup_dir: Path, problem: object) -> str:
    """What to tell the operator when the database fails its start-up check."""
    found = backups_in(backup_dir)
    newest = str(found[-1]) if found else f"{backup_dir}/bot-YYYYMMDD-HHMMSS.sqlite3 (none found there)"
    return CORRUPT_HELP.format(path=database, name=database.name, problem=problem, newest=newest)


class BackupError(Exception):
    """A backup could not be made or a file cannot be restored; the message says why."""


@dataclass(frozen=True, slots=True)
class Health:
    """What ``/admin status`` shows about the database."""

    ok: bool
    problem: str | None
    last_backup_at: float | None
    last_backup_name: str | None
    backups_kept: int
    backup_dir: Path
    backend: Backend = "sqlite"
    """On ``postgresql`` the bot makes no backups (pg_dump does)."""


def quick_check(conn: sqlite3.Connection) -> str | None:
    """``PRAGMA quick_check`` on an open connection: None when healthy, else the first problem."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if [tuple(r) for r in rows] == [("ok",)]:
        return None
    return str(rows[0][0]) if rows else "no answer from quick_check"


def check_file(path: Path) -> tuple[str | None, int]:
    """Open ``path`` read-only and check it: (first problem or None, schema version)."""
    if not path.is_file():
        return "no such file", 0
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return str(exc), 0
    try:
        problem = quick_check(conn)
        if problem is not None:
            return problem, 0
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            return str(exc), 0
        return None, version
    finally:
        conn.close()


def backup_name(at: float) -> str:
    return f"{PREFIX}{utc_at(at):%Y%m%d-%H%M%S}{SUFFIX}"


def backups_in(folder: Path) -> list[Path]:
    """Backups in ``folder``, oldest first (names sort by time)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{PREFIX}*{SUFFIX}") if p.is_file())


def _owner_only_file(path: Path) -> None:
    path.touch(mode=0o600, exist_ok=True)
    os.chmod(path, 0o600)


async def make_backup(db: SqliteDatabase, folder: Path, at: float) -> Path:
    """Copy the live database into a new file in ``folder``, check it, keep the last :data:`KEEP`.

    Written to a temporary name first, so a half-written copy never looks like a backup."""
    final = folder / backup_name(at)
    partial = final.with_name(final.name + ".partial")

    def prepare() -> None:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial.unlink(missing_ok=True)
        _owner_only_file(partial)

    await asyncio.to_thread(prepare)
    try:
        await db.copy_to(partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    problem, version = await asyncio.to_thread(check_file, partial)
    if problem is not None or version < 1:
        partial.unlink(missing_ok=True)
        raise BackupError(f"the backup copy failed its check ({problem or 'no schema'})")

    def publish() -> None:
        os.replace(partial, final)
        for old in backups_in(folder)[:-KEEP]:
            old.unlink(missing_ok=True)

    await asyncio.to_thread(publish)
    return final


def restore(backup: Path, database: Path, *, now: float) -> Path | None:
    """Check ``backup`` and put it in place of ``database``; return where the old file went.

    Refuses (``BackupError``) a file that fails quick_check, has no schema, or was written by
    a newer release. Stop the bot first: this replaces the file under it."""
    problem, version = check_file(backup)
    if problem is not None:
        raise BackupError(f"{backup} is not a usable backup: {problem}")
    if version < 1:
        raise BackupError(f"{backup} has no Lupus Companion schema (user_version 0)")
    if version > len(MIGRATIONS):
        raise BackupError(
            f"{backup} is at schema version {version}, newer than this release ({len(MIGRATIONS)}); "
            "upgrade the bot first"
        )
    kept: Path | None = None
    stamp = utc_at(now).strftime("%Y%m%d-%H%M%S")
    if database.exists():
        kept = database.with_name(f"{database.name}.damaged-{stamp}")
        os.replace(database, kept)
    for suffix in ("-wal", "-shm"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            os.replace(companion, companion.with_name(f"{companion.name}.damaged-{stamp}"))
    database.parent.mkdir(parents=True, exist_ok=True)
    staging = database.with_name(database.name + ".restoring")
    _owner_only_file(staging)
    shutil.copyfile(backup, staging)
    os.replace(staging, database)
    return kept


class DailyBackup:
    """The daily online backup, on the one :class:`Scheduler` (so tests drive it with a fake clock).

    The time of the last good backup is kept in ``kv``; after a restart the next one is due a day
    after it (or a minute after start-up when that is already past)."""

    TIMER_KEY = "database:backup"
    RETRY_S = 60 * 60.0
    CHECK_EVERY_S = 10 * 60.0
    """``/admin status`` re-runs quick_check at most this often: it reads every page and holds the
    one connection while it does, so a moderator refreshing the page must not slow members down."""

    def __init__(self, db: Database, kv: KVRepo, scheduler: Scheduler, clock: Clock, folder: Path) -> None:
        self._db, self._kv, self._scheduler, self._clock, self.folder = db, kv, scheduler, clock, folder
        self._checked_at: float | None = None
        self._problem: str | None = None

    async def last(self) -> tuple[float | None, str | None]:
        raw = await self._kv.get(LAST_BACKUP_KEY)
        if not raw or "|" not in raw:
            return None, None
        at, name = raw.split("|", 1)
        return float(at), name

    async def arm(self) -> None:
        if not isinstance(self._db, SqliteDatabase):
            log.info(
                "no daily backup: the database is PostgreSQL (%s); back it up with pg_dump -Fc "
                "(see docs/deploy.md, PostgreSQL)",
                self._db.path,
            )
            return
        last_at, _ = await self.last()
        now = self._clock.now()
        due = (
            now + first_backup_delay()
            if last_at is None
            else max(last_at + DAY_S, now + first_backup_delay())
        )
        self._scheduler.schedule(self.TIMER_KEY, due, self._fire)

    async def run_now(self) -> Path:
        at = self._clock.now()
        if not isinstance(self._db, SqliteDatabase):
            raise BackupError("the bot makes backups of SQLite only; back PostgreSQL up with pg_dump -Fc")
        try:
            path = await make_backup(self._db, self.folder, at)
        except (BackupError, StorageError) as exc:
            if not isinstance(exc, StorageError) or exc.kind == "corrupt":
                self._checked_at, self._problem = at, str(exc)  # a damaged copy: say so
            raise
        self._checked_at, self._problem = at, None  # the copy of every page passed quick_check
        await self._kv.set(LAST_BACKUP_KEY, f"{at}|{path.name}")
        log.info("database backed up to %s (keeping the last %d)", path, KEEP)
        return path

    async def _fire(self, _key: str) -> None:
        try:
            await self.run_now()
        except (BackupError, StorageError, OSError) as exc:
            log.warning("the daily database backup failed (trying again in an hour): %s", exc)
            self._scheduler.schedule(self.TIMER_KEY, self._clock.now() + self.RETRY_S, self._fire)
            return
        self._scheduler.schedule(self.TIMER_KEY, self._clock.now() + DAY_S, self._fire)

    async def health(self) -> Health:
        now = self._clock.now()
        if self._checked_at is None or now - self._checked_at >= self.CHECK_EVERY_S:
            self._problem, self._checked_at = await self._db.quick_check(), now
        problem = self._problem
        last_at, name = await self.last()
        kept = len(await asyncio.to_thread(backups_in, self.folder))
        return Health(problem is None, problem, last_at, name, kept, self.folder, self._db.backend)
