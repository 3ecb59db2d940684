"""Health data (pain, fatigue, notes) never reaches the logs, at any level."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.journal.chart import render_chart
from bot.journal.export import checkins_csv
from bot.journal.report import JournalReports
from bot.storage.db import Database, StorageError
from bot.storage.journal import Checkin, JournalRepo
from bot.storage.privacy import delete_user, export_user

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
SECRET_NOTE = "my-private-flare-note-7f3a"
ALICE = 111_111_111_111_111_111


async def test_nothing_health_related_is_logged_even_at_debug(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # root, and so aiosqlite and everything else
    db = await Database.open(tmp_path / "bot.sqlite3")
    try:
        journal = JournalRepo(db)
        await journal.add_checkin(Checkin(ALICE, NOW, pain=7, fatigue=9, note=SECRET_NOTE))
        with pytest.raises(StorageError):
            await journal.add_checkin(Checkin(ALICE, NOW, pain=42, note=SECRET_NOTE))
        checkins = await journal.checkins_since(ALICE, NOW - timedelta(days=7))
        await JournalReports(journal).build(ALICE, 7, now=NOW)
        render_chart(checkins, [], 7, NOW)
        checkins_csv(checkins, [])
        await export_user(db, ALICE, now=NOW)
        await delete_user(db, ALICE)
    finally:
        await db.close()
    assert caplog.records, "expected some log records (e.g. the database opening)"
    for record in caplog.records:
        text = record.getMessage() + str(record.args) + str(record.exc_text or "")
        assert SECRET_NOTE not in text, f"{record.name} logged a note"
        # aiosqlite's DEBUG records print each call with its parameters (pain, notes).
        assert not (record.name == "aiosqlite" and record.levelno <= logging.DEBUG), record.getMessage()


async def test_error_messages_do_not_carry_the_values(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")
    try:
        with pytest.raises(StorageError) as caught:
            await JournalRepo(db).add_checkin(Checkin(ALICE, NOW, pain=3, note=SECRET_NOTE + "x" * 500))
    finally:
        await db.close()
    assert SECRET_NOTE not in str(caught.value)
