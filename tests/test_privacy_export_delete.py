"""/privacy export and delete cover every table, found by walking the schema.

These tests do not list the tables either: they fill every user-owned table the
schema has (with the repositories where one exists, generically otherwise), so
a table added by a future migration is covered without touching this file.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.storage.audit import AuditRepo
from bot.storage.database import Database, StorageError
from bot.storage.journal import Checkin, Completion, JournalRepo
from bot.storage.kv import KVRepo
from bot.storage.meds import MedicineRepo
from bot.storage.prefs import PrefsRepo
from bot.storage.privacy import (
    KEPT_SUFFIX,
    OWNERLESS_TABLES,
    PrivacySchemaError,
    delete_user,
    export_user,
    user_tables,
)
from bot.storage.pseudonyms import is_pseudonym
from bot.storage.reminders import ReminderRepo
from bot.storage.sessions import SessionRepo, SessionRow
from bot.storage.tracking import FullCheckin, TrackingRepo
from tests.backends import auto_id, columns, refuse_deletes

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
# Snowflake-sized ids, so they cannot collide with small row ids or counters.
LEAVING = 345_678_901_234_567_890
STAYING = 987_654_321_098_765_432


async def fill_with_repositories(db: Database, user_id: int) -> None:
    journal = JournalRepo(db)
    for days in range(3):
        await journal.add_checkin(
            Checkin(user_id, NOW - timedelta(days=days), pain=days + 2, fatigue=5, note=f"note for {user_id}")
        )
    await journal.add_completion(Completion(user_id, "gentle-lower-back", "done", NOW, NOW, 8, 8, 600, "s"))
    await journal.add_completion(Completion(user_id, "chair-neck", "hurt", NOW, NOW, 2, 6, 60))
    sessions = SessionRepo(db)
    for n in range(2):
        await sessions.insert(
            SessionRow(
                id=f"session-{user_id}-{n}",
                user_id=user_id,
                routine_id="gentle-lower-back",
                state_json=json.dumps({"user_id": user_id, "step": n}),
                status="active" if n else "done",
                version=1,
                deadline=NOW,
            ),
            now=NOW,
        )
    await ReminderRepo(db).upsert(
        user_id, local_time="07:30", timezone="Europe/London", routine_id=None, next_fire_at=NOW, now=NOW
    )
    prefs = PrefsRepo(db)
    await prefs.ack_safety(user_id, now=NOW)
    await prefs.leave_notice(user_id, f"notice for {user_id}", now=NOW)
    await AuditRepo(db).record(user_id, "reload", "ok", detail=f"by {user_id}", now=NOW)
    await fill_tracking(db, user_id)


async def fill_tracking(db: Database, user_id: int) -> None:
    """Symptoms and their levels, a flare, a medicine with a dose and a reminder row, settings."""
    tracking = TrackingRepo(db)
    rash = await tracking.add_symptom(user_id, "rash", now=NOW, limit=10)
    assert rash is not None
    await tracking.add_checkin(
        FullCheckin(
            user_id,
            NOW,
            pain=4,
            stiffness=6,
            sleep=3,
            mood=5,
            note=f"doc {user_id}",
            for_doctor=True,
            symptoms={rash.id: 2},
        )
    )
    await tracking.start_flare(user_id, now=NOW, note=f"flare {user_id}")
    await tracking.set_setting(user_id, "questions", f"question from {user_id}", now=NOW)
    meds = MedicineRepo(db)
    medicine = await meds.add(user_id, f"med {user_id}", "1 tablet", ("08:00",), now=NOW)
    await meds.record_dose(user_id, medicine.id, "taken", due_at=NOW, now=NOW, source="reminder")
    await meds.add_reminder(user_id, medicine.id, NOW + timedelta(days=1))
    await ReminderRepo(db, table="checkin_reminders").upsert(
        user_id, local_time="20:00", timezone="Europe/London", routine_id=None, next_fire_at=NOW, now=NOW
    )


async def generic_row(db: Database, table: str, user_id: int, n: int) -> None:
    """A row satisfying the schema's types, for a table no repository fills yet."""
    names: list[str] = []
    values: list[Any] = []
    for column in await columns(db, table):
        name, kind = column["name"], column["type"]
        if name == "user_id":
            value: Any = user_id
        elif column["pk"] and "INT" in kind:
            continue  # let the database number it
        elif "INT" in kind:
            value = 3
        elif "REAL" in kind:
            value = 1.5
        else:
            value = f"{table}-{user_id}-{n}"
        names.append(f'"{name}"')
        values.append(value)
    placeholders = ", ".join("?" for _ in values)
    await db.execute(f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({placeholders})', values)


async def fill_everything(db: Database) -> None:
    for user_id in (LEAVING, STAYING):
        await fill_with_repositories(db, user_id)
    for table in await user_tables(db):
        for user_id in (LEAVING, STAYING):
            count = await db.fetchval(f'SELECT COUNT(*) FROM "{table.name}" WHERE user_id = ?', (user_id,))
            if count == 0:
                await generic_row(db, table.name, user_id, 1)
    await KVRepo(db).set("command_tree_hash", "0123abcd")


async def snapshot(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table (ownerless ones included)."""
    result = {}
    for table in await db.tables():
        order = ", ".join(f'"{c}"' for c in (table.primary_key or table.columns))
        result[table.name] = await db.fetchall(f'SELECT * FROM "{table.name}" ORDER BY {order}')
    return result


async def rows_mentioning(db: Database, user_id: int) -> dict[str, int]:
    """How many rows anywhere hold the id in any column, as a number or inside text."""
    found = {}
    for table in await db.tables():
        for column in table.columns:
            count = await db.fetchval(
                f'SELECT COUNT(*) FROM "{table.name}" WHERE "{column}" = ? '
                f"OR CAST(\"{column}\" AS TEXT) LIKE '%' || ? || '%'",
                (user_id, str(user_id)),
            )
            if count:
                found[f"{table.name}.{column}"] = count
    return found


async def test_every_table_is_either_user_owned_or_declared_ownerless(db: Database) -> None:
    tables = await db.tables()
    owned = {t.name for t in await user_tables(db)}
    assert owned | OWNERLESS_TABLES == {t.name for t in tables}
    assert not owned & OWNERLESS_TABLES
    assert owned  # sanity: the schema has personal data to protect


async def test_delete_removes_every_trace_and_keeps_everyone_else(db: Database) -> None:
    await fill_everything(db)
    owned = await user_tables(db)
    for table in owned:  # the fill really touched every user-owned table, for both people
        for user_id in (LEAVING, STAYING):
            assert await db.fetchval(f'SELECT COUNT(*) FROM "{table.name}" WHERE user_id = ?', (user_id,)), (
                f"{table.name} has no rows for {user_id}"
            )
    assert await rows_mentioning(db, LEAVING)
    before = await snapshot(db)

    counts = await delete_user(db, LEAVING)

    assert await rows_mentioning(db, LEAVING) == {}
    after = await snapshot(db)
    for name, rows in before.items():
        kept = [r for r in rows if r.get("user_id") != LEAVING]
        others = [r for r in after[name] if not is_pseudonym(r.get("user_id") or 0)]
        if name == "kv":  # the per-install pseudonym secret appears with the first pseudonym
            others = [r for r in others if r["key"] != "pseudonym_secret"]
        assert others == kept, f"{name}: rows of other people changed"
    deleted = {k: v for k, v in counts.items() if not k.endswith(KEPT_SUFFIX)}
    assert set(deleted) == {t.name for t in owned}
    # The moderator action is kept under a pseudonym; everything else of theirs is gone.
    assert counts[f"audit_log{KEPT_SUFFIX}"] == 1
    assert len({r["user_id"] for r in after["audit_log"] if is_pseudonym(r["user_id"])}) == 1
    for name, count in deleted.items():
        pseudonymized = counts.get(f"{name}{KEPT_SUFFIX}", 0)
        assert count + pseudonymized == sum(1 for r in before[name] if r["user_id"] == LEAVING)


async def test_export_contains_exactly_what_delete_removes(db: Database) -> None:
    await fill_everything(db)
    before = await snapshot(db)
    exported = await export_user(db, LEAVING, now=NOW)
    json.dumps(exported)  # ready to send as a file
    assert exported["user_id"] == LEAVING and exported["schema_version"] >= 1
    assert exported["exported_at"].startswith("2026-05-01T12:00:00")

    counts = await delete_user(db, LEAVING)

    assert set(exported["tables"]) == {k for k in counts if not k.endswith(KEPT_SUFFIX)}
    for table in await user_tables(db):
        mine = [r for r in before[table.name] if r["user_id"] == LEAVING]
        exported_rows = exported["tables"][table.name]
        kept = counts.get(f"{table.name}{KEPT_SUFFIX}", 0)
        assert len(exported_rows) == counts[table.name] + kept == len(mine)
        keys = table.primary_key or table.columns
        assert sorted(tuple(r[k] for k in keys) for r in exported_rows) == sorted(
            tuple(r[k] for k in keys) for r in mine
        )
        assert exported_rows == mine  # every column, not only the keys
    assert str(STAYING) not in json.dumps(exported)  # nobody else's data leaks into it


async def test_deleting_someone_unknown_is_a_harmless_no_op(db: Database) -> None:
    await fill_everything(db)
    before = await snapshot(db)
    counts = await delete_user(db, 42)
    assert set(counts.values()) == {0}
    assert await snapshot(db) == before


async def test_a_new_table_with_user_id_is_covered_automatically(db: Database) -> None:
    await db.execute(f"CREATE TABLE symptom_photos (id {auto_id(db)}, user_id BIGINT NOT NULL, alt TEXT)")
    await fill_everything(db)
    exported = await export_user(db, LEAVING, now=NOW)
    assert len(exported["tables"]["symptom_photos"]) == 1
    counts = await delete_user(db, LEAVING)
    assert counts["symptom_photos"] == 1
    assert await rows_mentioning(db, LEAVING) == {}


async def test_a_new_table_without_user_id_makes_both_refuse(db: Database) -> None:
    await fill_everything(db)
    await db.execute(f"CREATE TABLE feedback (id {auto_id(db)}, author BIGINT, body TEXT)")
    with pytest.raises(PrivacySchemaError, match="feedback") as caught:
        await export_user(db, LEAVING, now=NOW)
    assert caught.value.tables == ["feedback"]
    with pytest.raises(PrivacySchemaError, match="feedback"):
        await delete_user(db, LEAVING)
    # Refusing means refusing: nothing was deleted.
    assert await db.fetchval("SELECT COUNT(*) FROM checkins WHERE user_id = ?", (LEAVING,)) == 4


async def test_delete_is_all_or_nothing(db: Database) -> None:
    """A failure part-way (here a trigger) rolls back every table's deletion."""
    await fill_everything(db)
    await refuse_deletes(db, "reminders")
    before = await snapshot(db)
    with pytest.raises(StorageError, match="no"):
        await delete_user(db, LEAVING)
    assert await snapshot(db) == before


async def test_children_are_deleted_before_parents_with_foreign_keys_on(db: Database) -> None:
    await db.execute(f"CREATE TABLE plans (id {auto_id(db)}, user_id BIGINT NOT NULL)")
    await db.execute(
        f"CREATE TABLE plan_steps (id {auto_id(db)}, user_id BIGINT NOT NULL, "
        "plan_id BIGINT NOT NULL REFERENCES plans (id))"
    )
    plan = await db.insert("INSERT INTO plans (user_id) VALUES (?)", (LEAVING,))
    await db.execute("INSERT INTO plan_steps (user_id, plan_id) VALUES (?, ?)", (LEAVING, plan))
    order = [t.name for t in await user_tables(db)]
    assert order.index("plan_steps") < order.index("plans")
    counts = await delete_user(db, LEAVING)
    assert counts["plans"] == 1 and counts["plan_steps"] == 1


async def test_deleted_notes_do_not_linger_in_the_files_on_disk(sqlite_db: Database) -> None:
    """secure_delete zeroes the rows in the file, and the WAL is checkpointed and truncated (SQLite)."""
    db = sqlite_db
    await fill_everything(db)
    path = Path(str(db.path))
    wal = path.with_name(path.name + "-wal")

    def on_disk() -> bytes:
        return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")

    await db.checkpoint()
    assert f"note for {LEAVING}".encode() in await asyncio.to_thread(on_disk)
    await delete_user(db, LEAVING)
    remaining = await asyncio.to_thread(on_disk)
    assert f"note for {LEAVING}".encode() not in remaining
    assert f"note for {STAYING}".encode() in remaining
