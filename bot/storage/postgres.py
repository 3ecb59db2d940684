"""The PostgreSQL backend: an asyncpg pool behind the same interface as the SQLite ``Database``.

Chosen with ``database.url: postgresql://user@host/db`` or ``DATABASE_URL`` (see
``bot.storage.connect``); the repositories' SQL is the same on both backends (``pg_sql`` turns
``?`` into ``$n``; ``pg_migrations`` builds the same schema in PostgreSQL types).

Why it looks like this:

* **A pool, prepared statements.** Every statement outside a transaction borrows a connection
  for its own length. asyncpg prepares each statement text once per connection and keeps it
  (its statement cache), so a repository's query is parsed and planned once, not per call.
* **Transactions serialise writers like SQLite's ``BEGIN IMMEDIATE``.** ``transaction()`` borrows
  one connection for the task; every statement of that task inside it runs there (a nested
  ``transaction()`` joins it). It runs at READ COMMITTED and starts by taking the
  transaction-level advisory lock :data:`WRITE_LOCK`, released by COMMIT/ROLLBACK. So no two
  ``transaction()`` blocks, in this process or any other on the same database, overlap, and the
  read-then-write code written for SQLite (read a row, decide, write) stays correct without
  knowing which rows to lock. SERIALIZABLE would need the whole block retried on a
  serialization failure, which a context manager cannot do; REPEATABLE READ would take its
  snapshot before the lock is granted and fail on rows changed meanwhile. A process's own
  transactions also queue on an ``asyncio.Lock`` first, so waiting for the advisory lock holds
  at most one pooled connection. Single statements outside ``transaction()`` do not take the
  lock: each is atomic, and code that must not lose a concurrent single-statement write uses a
  compare-and-set (see ``bot.storage.database``).
* **Python types as on SQLite.** ``numeric`` (what SUM of BIGINT and AVG return) is decoded as
  ``int`` when it has no fraction and ``float`` otherwise. A value of the wrong Python type for
  its parameter (an int for a text parameter) is converted here, at the boundary, once asyncpg
  says so, instead of in every repository.
* **Nothing private in messages or logs.** Errors go through ``pg_sql.describe`` (no DETAIL, no
  values); parameters are never logged; the URL's password is never shown.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from decimal import Decimal
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bot.storage import pg_sql
from bot.storage.database import Backend, Params, Row, StorageError, TableInfo
from bot.storage.migrations import MigrationError
from bot.storage.pg_migrations import PG_MIGRATIONS, VERSION_TABLE, migrate, schema_version

log = logging.getLogger(__name__)

WRITE_LOCK = 0x4C75_7075_7357
"""``pg_advisory_xact_lock`` key every ``transaction()`` takes first ("LupusW")."""
POOL_MAX = 10
STATEMENT_CACHE = 1024
"""Prepared statements kept per connection (the bot has a few hundred distinct ones)."""

_T = TypeVar("_T")
Conn = Any
"""An asyncpg connection (asyncpg ships no type information)."""


def redact(url: str) -> str:
    """``url`` without its password, for messages and logs."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "postgresql://(unreadable URL)"
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def _numeric(text: str) -> int | float:
    """PostgreSQL ``numeric`` as SQLite would have answered: whole numbers as int, others as float."""
    return int(text) if text.lstrip("-").isdigit() else float(Decimal(text))


class _PooledConnection(asyncpg.Connection):  # type: ignore[misc]  # asyncpg is untyped
    """A pool connection that goes back to the pool without a reset query.

    asyncpg's default reset sends ``SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *;
    RESET ALL`` on every release: one more round trip for each statement outside a transaction,
    about a sixth of a reminder delivery's time. None of it is needed here: pooled connections never
    SET, LISTEN (``bot.storage.broadcast`` has its own connection) or hold cursors, advisory locks
    are transaction-level (released by COMMIT/ROLLBACK) except the migration lock, which is
    unlocked explicitly. asyncpg still ends any transaction left open on release.
    """

    def get_reset_query(self) -> str:
        return ""


async def _setup_connection(conn: Conn) -> None:
    await conn.set_type_codec("numeric", schema="pg_catalog", encoder=str, decoder=_numeric, format="text")


def _coerce(value: Any, type_name: str) -> Any:
    """``value`` as the Python type asyncpg sends for a parameter of ``type_name``."""
    if value is None:
        return None
    if type_name in ("text", "varchar", "bpchar", "name") and not isinstance(value, str):
        return str(value)
    if type_name in ("int2", "int4", "int8") and not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.lstrip("-").isdigit():
            return int(value)
    if type_name in ("float4", "float8", "numeric") and isinstance(value, (int, str)):
        return float(value)
    return value


class PostgresDatabase:
    """An asyncpg pool, its transactions and migrations. Open with ``await PostgresDatabase.open(url)``."""

    backend: Backend = "postgresql"

    def __init__(self, pool: Any, url: str) -> None:
        self._pool: Any = pool
        self._where = redact(url)
        self._owners: dict[asyncio.Task[Any], Conn] = {}
        self._tx_lock = asyncio.Lock()
        self._id_tables: frozenset[str] = frozenset()

    # -- life cycle -------------------------------------------------------------------------------

    @classmethod
    async def open(
        cls, url: str, *, migrations: Sequence[str] = PG_MIGRATIONS, pool_max: int = POOL_MAX
    ) -> PostgresDatabase:
        """Connect, migrate (under an advisory lock) and return the database; ``StorageError`` if not."""
        where = redact(url)
        try:
            pool = await asyncpg.create_pool(
                url,
                min_size=1,
                max_size=max(2, pool_max),
                statement_cache_size=STATEMENT_CACHE,
                init=_setup_connection,
                connection_class=_PooledConnection,
                server_settings={"application_name": "lupus-companion", "jit": "off"},
                timeout=15,
            )
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError) as exc:
            raise pg_sql.describe(exc, where, opening=True) from None
        db = cls(pool, url)
        try:
            async with pool.acquire() as conn:
                version = await migrate(conn, tuple(migrations))
            await db._load_id_tables()
        except MigrationError as exc:
            await db.close()
            raise StorageError(str(exc), kind="schema") from None
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as exc:
            await db.close()
            raise pg_sql.describe(exc, where) from None
        except BaseException:
            await db.close()
            raise
        log.info("database open at %s (PostgreSQL, schema version %d)", where, version)
        return db

    async def _load_id_tables(self) -> None:
        rows = await self.fetchall(
            "SELECT table_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND column_name = 'id'"
        )
        self._id_tables = frozenset(str(r["table_name"]) for r in rows)

    async def close(self, *, wait: float = 5.0) -> None:
        """Close the pool (idempotent), waiting up to ``wait`` seconds for work in progress."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        try:
            await asyncio.wait_for(pool.close(), timeout=wait)
        except TimeoutError:
            log.warning("closing the database while a transaction is still running")
            pool.terminate()
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as exc:
            log.warning("error while closing the database: %s", type(exc).__name__)
            pool.terminate()

    async def __aenter__(self) -> PostgresDatabase:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    # -- properties -------------------------------------------------------------------------------

    @property
    def path(self) -> str:
        """The database URL without its password."""
        return self._where

    def _live_pool(self) -> Any:
        if self._pool is None:
            raise StorageError("the database is closed", kind="closed")
        return self._pool

    # -- transactions -----------------------------------------------------------------------------

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """BEGIN (READ COMMITTED) + the writers' advisory lock … COMMIT, or ROLLBACK if the block raises."""
        task = asyncio.current_task()
        if task is None or task in self._owners:
            yield
            return
        async with self._tx_lock:
            pool = self._live_pool()
            try:
                conn = await pool.acquire()
            except Exception as exc:
                raise self._error(exc) from None
            try:
                try:
                    await conn.execute(f"BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})")
                except Exception as exc:
                    raise self._error(exc) from None
                self._owners[task] = conn
                try:
                    yield
                except BaseException:
                    await self._rollback(conn)
                    raise
                try:
                    await conn.execute("COMMIT")
                except BaseException as exc:
                    await self._rollback(conn)
                    if isinstance(exc, Exception):
                        raise self._error(exc) from None
                    raise
            finally:
                self._owners.pop(task, None)
                # asyncpg shields the release and resets the connection (a ROLLBACK if still open).
                await pool.release(conn)

    @staticmethod
    async def _rollback(conn: Conn) -> None:
        with suppress(Exception):
            if not conn.is_closed() and conn.is_in_transaction():
                await asyncio.shield(conn.execute("ROLLBACK"))

    # -- statements -------------------------------------------------------------------------------

    def _error(self, exc: BaseException) -> StorageError:
        if isinstance(exc, StorageError):
            return exc
        return pg_sql.describe(exc if isinstance(exc, Exception) else Exception(), self._where)

    async def _run(
        self, sql: str, params: Params, call: Callable[[Conn, str, Sequence[Any]], Awaitable[_T]]
    ) -> _T:
        """``call(conn, sql, args)`` on the task's transaction connection, or a pooled one."""
        task = asyncio.current_task()
        conn = self._owners.get(task) if task is not None else None
        args = list(params)
        try:
            if conn is not None:
                return await self._call(conn, sql, args, call)
            async with self._live_pool().acquire() as pooled:
                return await self._call(pooled, sql, args, call)
        except StorageError:
            raise
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError) as exc:
            raise self._error(exc) from None

    @staticmethod
    async def _call(
        conn: Conn, sql: str, args: list[Any], call: Callable[[Conn, str, Sequence[Any]], Awaitable[_T]]
    ) -> _T:
        try:
            return await call(conn, sql, args)
        except asyncpg.DataError as exc:
            if "invalid input for query argument" not in str(exc):
                raise
        # A Python value of another type than its parameter's (an int for text, 1.0 for an integer):
        # convert it as SQLite would have stored it, and try once more.
        statement = await conn.prepare(sql)
        types = [t.name for t in statement.get_parameters()]
        return await call(conn, sql, [_coerce(v, t) for v, t in zip(args, types, strict=False)])

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; return the number of rows it changed."""
        status = await self._run(pg_sql.translate(sql), params, lambda c, q, a: c.execute(q, *a))
        return pg_sql.changed_rows(str(status))

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run an INSERT into a table with an integer ``id``; return the new row's ``id``."""
        table = pg_sql.insert_target(sql)
        if table is not None and table not in self._id_tables:
            await self._load_id_tables()  # a table created since the last look
        if table is None or table not in self._id_tables:
            raise StorageError(
                f"insert() needs an INSERT into a table with an integer id (got {table or 'no INSERT'}); "
                "use execute() for other tables"
            )
        value = await self._run(pg_sql.returning_id(sql), params, lambda c, q, a: c.fetchval(q, *a))
        if value is None:
            raise StorageError("the insert produced no row id")
        return int(value)

    async def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        """Run one statement for each of ``rows`` in one transaction (bulk loads, benchmarks)."""
        async with self.transaction():
            await self._run(
                pg_sql.translate(sql), (), lambda c, q, _a: c.executemany(q, [list(r) for r in rows])
            )

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        records = await self._run(pg_sql.translate(sql), params, lambda c, q, a: c.fetch(q, *a))
        return [dict(r.items()) for r in records]

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        record = await self._run(pg_sql.translate(sql), params, lambda c, q, a: c.fetchrow(q, *a))
        return None if record is None else dict(record.items())

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        return await self._run(pg_sql.translate(sql), params, lambda c, q, a: c.fetchval(q, *a))

    # -- introspection and upkeep -----------------------------------------------------------------

    async def tables(self) -> list[TableInfo]:
        """Every table of the current schema (but the version table), for privacy's schema walk."""
        columns = await self.fetchall(
            "SELECT c.relname AS tbl, a.attname AS col FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> ? "
            "ORDER BY c.relname, a.attnum",
            (VERSION_TABLE,),
        )
        keys = await self.fetchall(
            "SELECT c.relname AS tbl, k.contype::text AS kind, a.attname AS col, f.relname AS target, "
            "array_position(k.conkey, a.attnum) AS pos FROM pg_constraint k "
            "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (k.conkey) "
            "LEFT JOIN pg_class f ON f.oid = k.confrelid "
            "WHERE n.nspname = current_schema() AND k.contype IN ('p', 'f') ORDER BY c.relname, pos"
        )
        names: dict[str, list[str]] = {}
        for row in columns:
            names.setdefault(str(row["tbl"]), []).append(str(row["col"]))
        primary: dict[str, list[str]] = {}
        references: dict[str, set[str]] = {}
        for row in keys:
            if row["kind"] == "p":
                primary.setdefault(str(row["tbl"]), []).append(str(row["col"]))
            elif row["target"] is not None:
                references.setdefault(str(row["tbl"]), set()).add(str(row["target"]))
        return [
            TableInfo(
                name=name,
                columns=tuple(cols),
                primary_key=tuple(primary.get(name, ())),
                references=frozenset(references.get(name, ())),
            )
            for name, cols in sorted(names.items())
        ]

    async def schema_version(self) -> int:
        async with self._live_pool().acquire() as conn:
            return await schema_version(conn)

    async def size_bytes(self) -> int:
        """The database's size on the server (``pg_database_size``)."""
        return int(await self.fetchval("SELECT pg_database_size(current_database())") or 0)

    async def checkpoint(self) -> None:
        """Nothing to do: PostgreSQL manages its write-ahead log itself."""

    async def quick_check(self) -> str | None:
        """None when the server answers a query, else why not (for ``/admin status``)."""
        try:
            value = await self.fetchval("SELECT 1")
        except StorageError as exc:
            return str(exc)
        return None if value == 1 else "PostgreSQL gave an unexpected answer"
