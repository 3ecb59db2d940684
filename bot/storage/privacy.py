"""Export and delete everything a person owns, found by walking the schema.

Red-DiscordBot asks every cog to implement data deletion by hand, which is how
a new feature gets forgotten. Here nothing is listed by hand: every table with
a ``user_id`` column is exported and deleted, so a future table is covered the
day it is created. A table *without* ``user_id`` makes both functions refuse to
run until it is added to ``OWNERLESS_TABLES`` on purpose (with a reason), so a
table that holds personal data under another column cannot slip through.
"""

from __future__ import annotations

import base64
from contextlib import suppress
from datetime import datetime
from typing import Any

from bot.storage.database import Database, StorageError, TableInfo
from bot.storage.kv import KVRepo
from bot.storage.pseudonyms import install_secret, pseudonym
from bot.storage.timefmt import to_iso

OWNERLESS_TABLES: frozenset[str] = frozenset({"kv", "admin_refusal_counts"})
"""Tables that hold no personal data. ``kv``: bot metadata such as the command-tree hash.
``admin_refusal_counts``: how many ``/admin`` attempts were refused per day and server, no person."""

KEPT_SUFFIX = " (kept under a pseudonym)"
"""``delete_user`` counts rows it kept under a pseudonym as ``"<table> (kept under a pseudonym)"``."""

KEPT_UNDER_PSEUDONYM: dict[str, str] = {"audit_log": "action <> 'admin.refused'"}
"""Rows that ``delete_user`` keeps with the person's id replaced by a pseudonym, per table: the
condition picks them. Moderator actions (content reloads) stay in the moderator log so a
community can still see that a reload happened; the person's refused attempts are deleted.
See :mod:`bot.storage.pseudonyms` and PRIVACY.md."""

EXPORT_FORMAT = "lupus-companion-export"
EXPORT_FORMAT_VERSION = 1


class PrivacySchemaError(StorageError):
    """A table neither has a ``user_id`` column nor is declared ownerless."""

    def __init__(self, tables: list[str]) -> None:
        super().__init__(
            "privacy cannot vouch for these tables: "
            + ", ".join(tables)
            + ". Give each a user_id column, or add it to OWNERLESS_TABLES in bot/storage/privacy.py "
            "if it really holds nothing about a person.",
            kind="schema",
        )
        self.tables = tables


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


async def user_tables(db: Database) -> list[TableInfo]:
    """The tables a person owns, ordered so tables that reference others come first.

    That order lets ``delete_user`` remove children before parents when foreign
    keys are on. Raises ``PrivacySchemaError`` for an unaccounted-for table.
    """
    tables = await db.tables()
    unknown = sorted(t.name for t in tables if not t.owned_by_user and t.name not in OWNERLESS_TABLES)
    if unknown:
        raise PrivacySchemaError(unknown)
    owned = {t.name: t for t in tables if t.owned_by_user}
    ordered: list[TableInfo] = []
    placed: set[str] = set()

    def place(name: str, path: frozenset[str]) -> None:
        if name in placed or name in path:
            return
        # Anything that references `name` must be deleted before it.
        for other in sorted(owned):
            if name in owned[other].references and other != name:
                place(other, path | {name})
        placed.add(name)
        ordered.append(owned[name])

    for name in sorted(owned):
        place(name, frozenset())
    return ordered


def _jsonable(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    return value


def _order_by(table: TableInfo) -> str:
    keys = table.primary_key or table.columns
    return ", ".join(_quote(k) for k in keys)


async def export_user(db: Database, user_id: int, *, now: datetime) -> dict[str, Any]:
    """Everything stored about ``user_id``, as a JSON-ready dict.

    Read inside one transaction, so the export is a consistent snapshot. Shape:
    ``{"format", "format_version", "user_id", "exported_at", "schema_version",
    "tables": {table: [row dicts]}}``; every user-owned table appears, even empty.
    """
    async with db.transaction():
        tables = await user_tables(db)
        schema_version = await db.schema_version()
        exported: dict[str, list[dict[str, Any]]] = {}
        for table in sorted(tables, key=lambda t: t.name):
            rows = await db.fetchall(
                f"SELECT * FROM {_quote(table.name)} WHERE user_id = ? ORDER BY {_order_by(table)}",
                (user_id,),
            )
            exported[table.name] = [{k: _jsonable(v) for k, v in row.items()} for row in rows]
    return {
        "format": EXPORT_FORMAT,
        "format_version": EXPORT_FORMAT_VERSION,
        "user_id": user_id,
        "exported_at": to_iso(now),
        "schema_version": schema_version,
        "tables": exported,
    }


async def delete_user(db: Database, user_id: int) -> dict[str, int]:
    """Erase every row ``user_id`` owns, in one transaction; return rows deleted per table.

    Rows picked by :data:`KEPT_UNDER_PSEUDONYM` are not deleted but lose the id: it is
    replaced by a stable pseudonym (counted under ``"<table> (kept under a pseudonym)"``).
    All or nothing: if any delete fails, none happen. Afterwards the write-ahead
    log is checkpointed so the erased rows do not linger in the ``-wal`` file
    (``secure_delete`` already zeroes them in the main file).
    """
    counts: dict[str, int] = {}
    async with db.transaction():
        for table in await user_tables(db):
            if (keep := KEPT_UNDER_PSEUDONYM.get(table.name)) is not None:
                kept = await _pseudonymize(db, table.name, keep, user_id)
                if kept:
                    counts[f"{table.name}{KEPT_SUFFIX}"] = kept
            counts[table.name] = await db.execute(
                f"DELETE FROM {_quote(table.name)} WHERE user_id = ?", (user_id,)
            )
    # Best effort: the rows are already gone from the database's point of view.
    with suppress(StorageError):
        await db.checkpoint()
    return dict(sorted(counts.items()))


async def _pseudonymize(db: Database, table: str, keep: str, user_id: int) -> int:
    """Replace ``user_id`` by its pseudonym in the rows ``keep`` picks; return how many.

    A ``detail`` that mentions the id as text is cleared too, so no column still names them."""
    where = f"user_id = ? AND {keep}"
    if not await db.fetchval(f"SELECT COUNT(*) FROM {_quote(table)} WHERE {where}", (user_id,)):
        return 0  # no secret is created for someone with nothing to keep
    alias = pseudonym(await install_secret(KVRepo(db)), user_id)
    has_detail = any(t.name == table and "detail" in t.columns for t in await db.tables())
    # The id is digits, so LIKE's wildcards and case rules (they differ between backends) play no part.
    scrub = ", detail = CASE WHEN detail LIKE '%' || ? || '%' THEN NULL ELSE detail END" if has_detail else ""
    params: tuple[object, ...] = (alias, str(user_id), user_id) if has_detail else (alias, user_id)
    return await db.execute(f"UPDATE {_quote(table)} SET user_id = ?{scrub} WHERE {where}", params)
