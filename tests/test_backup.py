"""Daily online backups on the one scheduler, the start-up integrity check, and restore."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.scheduler import Scheduler
from bot.storage.backup import DAY_S, KEEP, BackupError, DailyBackup, backups_in, check_file, restore
from bot.storage.db import Database, StorageError
from bot.storage.kv import KVRepo
from bot.storage.migrations import MIGRATIONS
from tests.fakeclock import FakeClock


async def test_a_backup_a_day_and_the_last_seven_are_kept(tmp_path: Path) -> None:
    clock = FakeClock()
    scheduler = Scheduler(clock)
    db = await Database.open(tmp_path / "bot.sqlite3")
    folder = tmp_path / "backups"
    try:
        await KVRepo(db).set("marker", "kept")
        backup = DailyBackup(db, KVRepo(db), scheduler, clock, folder)
        scheduler.start()
        await backup.arm()
        await clock.advance(61)
        await scheduler.wait_idle()
        assert len(backups_in(folder)) == 1
        for _ in range(9):
            await clock.advance(DAY_S)
            await scheduler.wait_idle()
        kept = backups_in(folder)
        assert len(kept) == KEEP
        assert all(oct(p.stat().st_mode & 0o777) == "0o600" for p in kept)
        problem, version = check_file(kept[-1])
        assert problem is None and version == len(MIGRATIONS)
        with sqlite3.connect(kept[-1]) as conn:
            assert conn.execute("SELECT value FROM kv WHERE key = 'marker'").fetchone() == ("kept",)
        health = await backup.health()
        assert health.ok and health.backups_kept == KEEP and health.last_backup_name == kept[-1].name
    finally:
        await scheduler.stop()
        await db.close()


def _damage(path: Path, table: str) -> None:
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xde\xad" * (page_size // 2))


async def test_a_damaged_file_is_refused_at_open_and_a_good_backup_restores_it(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    await db.execute("INSERT INTO checkins (user_id, at, pain, source) VALUES (1, '2026-01-01', 3, 'x')")
    good = tmp_path / "good.sqlite3"
    await db.copy_to(good)
    await db.close()
    _damage(path, "checkins")

    with pytest.raises(StorageError) as refused:
        await Database.open(path)
    assert refused.value.kind == "corrupt"

    with pytest.raises(BackupError, match="not a usable backup"):
        restore(path, tmp_path / "other.sqlite3", now=0)
    kept = restore(good, path, now=0)
    assert kept is not None and kept.name.startswith("bot.sqlite3.damaged-")
    db = await Database.open(path)
    try:
        assert await db.fetchval("SELECT pain FROM checkins") == 3
    finally:
        await db.close()


def test_a_backup_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite3"
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(BackupError, match="newer than this release"):
        restore(newer, tmp_path / "bot.sqlite3", now=0)
    assert not (tmp_path / "bot.sqlite3").exists()


def test_restore_refuses_when_the_database_is_postgresql(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("database:\n  url: postgresql://lupus@localhost/lupus\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--config", str(config), "restore", str(tmp_path / "bot-x.sqlite3")],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1 and "pg_restore" in done.stderr
