"""What repositories need from a database, either backend: SQLite (``db.py``) or PostgreSQL (``postgres.py``).

Repositories and services type against :class:`Database`, the Protocol both backends satisfy;
``bot.storage.connect.open_database`` picks one from the configuration. The contract:

* SQL is written once, with ``?`` parameters and portable syntax; the PostgreSQL backend turns
  ``?`` into ``$1..$n`` itself. Every instant is ISO text or POSIX seconds (``timefmt``), integers
  are integers (PostgreSQL columns are BIGINT: Discord ids exceed 32 bits), and aggregates come
  back as ``int`` (COUNT, SUM of integers) or ``float`` (AVG) on both.
* ``execute`` returns the rows changed; ``insert`` the new row's integer ``id``; ``fetch*`` dict rows.
* ``async with db.transaction():`` is a read-modify-write that no other ``transaction()`` (of this
  process or another one) can interleave with. A nested ``transaction()`` in the same task joins
  the outer one. Do not await another task that uses the database from inside one.
* A single statement outside ``transaction()`` is atomic on its own. On PostgreSQL it does not
  wait for other processes' transactions, so a read-then-write that must not lose a concurrent
  single-statement write is written as one statement or as a compare-and-set.
* Errors are :class:`StorageError` with a ``kind``; messages never contain the values written
  (they may be health data), and nothing logs parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

Params = Sequence[Any]
Row = dict[str, Any]
Backend = Literal["sqlite", "postgresql"]
StorageErrorKind = Literal[
    "full", "read_only", "cannot_open", "corrupt", "busy", "constraint", "closed", "schema", "error"
]


class StorageError(Exception):
    """The database could not do what was asked; ``kind`` says why.

    Messages never contain the values being written (they may be health data).
    """

    def __init__(self, message: str, *, kind: StorageErrorKind = "error") -> None:
        super().__init__(message)
        self.kind: StorageErrorKind = kind


@dataclass(frozen=True, slots=True)
class TableInfo:
    """What ``privacy`` needs to know about a table, found by walking the schema."""

    name: str
    columns: tuple[str, ...]
    primary_key: tuple[str, ...]
    references: frozenset[str]
    """Tables this one points at with a foreign key."""

    @property
    def owned_by_user(self) -> bool:
        return "user_id" in self.columns


class Database(Protocol):
    """One process's handle on the database (see the module docstring for the contract)."""

    @property
    def backend(self) -> Backend:
        """``"sqlite"`` or ``"postgresql"`` (backups differ; nothing else should)."""
        ...

    @property
    def path(self) -> Path | str:
        """Where the data is, for messages: the SQLite file, or the PostgreSQL URL without a password."""
        ...

    async def execute(self, sql: str, params: Params = ()) -> int: ...

    async def insert(self, sql: str, params: Params = ()) -> int: ...

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]: ...

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None: ...

    async def fetchval(self, sql: str, params: Params = ()) -> Any: ...

    def transaction(self) -> AbstractAsyncContextManager[None]: ...

    async def tables(self) -> list[TableInfo]: ...

    async def schema_version(self) -> int: ...

    async def size_bytes(self) -> int: ...

    async def checkpoint(self) -> None: ...

    async def quick_check(self) -> str | None: ...

    async def close(self, *, wait: float = 5.0) -> None: ...


__all__ = [
    "Backend",
    "Database",
    "Params",
    "Row",
    "StorageError",
    "StorageErrorKind",
    "TableInfo",
]
