"""Preferences, the admin audit log and bot metadata."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.storage.audit import AuditRepo
from bot.storage.db import Database
from bot.storage.kv import KVRepo
from bot.storage.prefs import Prefs, PrefsRepo

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
ALICE = 111_111_111_111_111_111


async def test_prefs_default_without_storing_anything(db: Database) -> None:
    assert await PrefsRepo(db).get(ALICE) == Prefs(user_id=ALICE)
    assert await db.fetchval("SELECT COUNT(*) FROM user_prefs") == 0


async def test_prefs_changes_are_kept_together(db: Database) -> None:
    prefs = PrefsRepo(db)
    await prefs.set_auto_advance(ALICE, True, now=NOW)
    await prefs.set_crisis_region(ALICE, "uk", now=NOW + timedelta(minutes=1))
    await prefs.ack_safety(ALICE, now=NOW + timedelta(minutes=2))
    got = await prefs.get(ALICE)
    assert got.auto_advance and got.crisis_region == "uk"
    assert got.safety_acknowledged and got.safety_ack_at == NOW + timedelta(minutes=2)
    assert got.created_at == NOW and got.updated_at == NOW + timedelta(minutes=2)
    await prefs.set_auto_advance(ALICE, False, now=NOW + timedelta(minutes=3))
    got = await prefs.get(ALICE)
    assert not got.auto_advance and got.crisis_region == "uk" and got.safety_acknowledged
    assert got.updated_at == NOW + timedelta(minutes=3)


async def test_auto_advance_is_on_until_the_member_turns_it_off(db: Database) -> None:
    prefs = PrefsRepo(db)
    assert (await prefs.get(ALICE)).auto_advance
    await prefs.ack_safety(ALICE, now=NOW)  # a row for another reason: still on
    assert (await prefs.get(ALICE)).auto_advance
    await prefs.set_auto_advance(ALICE, False, now=NOW)
    assert not (await prefs.get(ALICE)).auto_advance


async def test_a_row_from_before_the_default_changed_counts_as_never_chosen(tmp_path: Path) -> None:
    import aiosqlite

    from bot.storage.migrations import MIGRATION_UXROUTINE, MIGRATIONS, apply_migrations

    async with aiosqlite.connect(tmp_path / "older.sqlite3") as conn:
        await apply_migrations(conn, MIGRATIONS[: MIGRATIONS.index(MIGRATION_UXROUTINE)])
        stamp = NOW.isoformat()
        await conn.executemany(
            "INSERT INTO user_prefs (user_id, auto_advance, created_at, updated_at) VALUES (?, ?, ?, ?)",
            [(1, 0, stamp, stamp), (2, 1, stamp, stamp)],
        )
        await conn.commit()
        await apply_migrations(conn)
        await conn.commit()
    upgraded = await Database.open(tmp_path / "older.sqlite3")
    try:
        prefs = PrefsRepo(upgraded)
        assert (await prefs.get(1)).auto_advance  # the old default 0 was no choice: now on
        assert (await prefs.get(2)).auto_advance  # someone who turned it on keeps it on
    finally:
        await upgraded.close()


async def test_the_last_dm_menu_time_is_kept(db: Database) -> None:
    prefs = PrefsRepo(db)
    await prefs.mark_dm_menu(ALICE, now=NOW)
    assert (await prefs.get(ALICE)).dm_menu_at == NOW


async def test_a_pending_notice_is_taken_once(db: Database) -> None:
    prefs = PrefsRepo(db)
    assert await prefs.take_pending_notice(ALICE) is None
    await prefs.leave_notice(ALICE, "I couldn't DM you your reminder.", now=NOW)
    assert (await prefs.get(ALICE)).notice_pending == "I couldn't DM you your reminder."
    assert await prefs.take_pending_notice(ALICE) == "I couldn't DM you your reminder."
    assert await prefs.take_pending_notice(ALICE) is None
    assert (await prefs.get(ALICE)).notice_pending is None


async def test_the_unused_preference_columns_are_dropped_and_the_rest_kept(tmp_path: Path) -> None:
    import aiosqlite

    from bot.storage.migrations import MIGRATION_DEAD_PREFS, MIGRATIONS, apply_migrations

    path = tmp_path / "before.sqlite3"
    async with aiosqlite.connect(path) as conn:
        await apply_migrations(conn, MIGRATIONS[: MIGRATIONS.index(MIGRATION_DEAD_PREFS)])
        stamp = NOW.isoformat()
        await conn.execute(
            "INSERT INTO user_prefs (user_id, usual_routine, safety_ack_at, dm_blocked_at, notice_pending, "
            "crisis_region, created_at, updated_at) VALUES (?, 'chair-neck', ?, ?, 'read me', 'uk', ?, ?)",
            (ALICE, stamp, stamp, stamp, stamp),
        )
        await conn.commit()
    upgraded = await Database.open(path)
    try:
        columns = {r["name"] for r in await upgraded.fetchall("PRAGMA table_info(user_prefs)")}
        assert "usual_routine" not in columns and "dm_blocked_at" not in columns
        got = await PrefsRepo(upgraded).get(ALICE)
        assert got.safety_ack_at == NOW and got.notice_pending == "read me" and got.crisis_region == "uk"
    finally:
        await upgraded.close()


async def test_audit_latest_actions_are_newest_first(db: Database) -> None:
    audit = AuditRepo(db)
    for n in range(7):
        await audit.record(
            ALICE,
            "reload",
            "ok",
            place="guild:1",
            version_before=f"v{n}",
            version_after=f"v{n + 1}",
            now=NOW + timedelta(minutes=n),
        )
    latest = await audit.latest_actions()
    assert [e.version_after for e in latest] == ["v7", "v6", "v5", "v4", "v3"]
    assert latest[0].at == NOW + timedelta(minutes=6) and latest[0].user_id == ALICE
    assert len(await audit.latest_actions(2)) == 2


async def test_kv_get_set_delete(db: Database) -> None:
    kv = KVRepo(db)
    assert await kv.get("tree_hash") is None
    assert await kv.get("tree_hash", "none") == "none"
    await kv.set("tree_hash", "a")
    await kv.set("tree_hash", "b")
    assert await kv.get("tree_hash") == "b"
    assert await kv.delete("tree_hash")
    assert not await kv.delete("tree_hash")
