"""The repositories' SQL made ready for PostgreSQL, once per statement text, and its errors explained.

* ``?`` placeholders become ``$1..$n`` (not inside quoted text, quoted names or comments).
* ``insert()`` statements get ``RETURNING id``.
* asyncpg errors become :class:`StorageError` with the same kinds as SQLite's, and messages that
  never carry a parameter value: PostgreSQL's ``DETAIL`` lines (which quote the failing row) and
  the text of data errors (which quote the value) are left out.
"""

from __future__ import annotations

import functools
import re

import asyncpg

from bot.storage.database import StorageError

_INSERT_TABLE = re.compile(r'^\s*INSERT\s+INTO\s+"?([A-Za-z_][A-Za-z0-9_]*)"?', re.IGNORECASE)


@functools.lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """``sql`` with each ``?`` outside quotes and comments replaced by ``$1``, ``$2``, ..."""
    out: list[str] = []
    number = 0
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch in ("'", '"'):
            end = i + 1
            while end < n:
                if sql[end] == ch:
                    if end + 1 < n and sql[end + 1] == ch:  # '' or "" inside: an escaped quote
                        end += 2
                        continue
                    break
                end += 1
            out.append(sql[i : end + 1])
            i = end + 1
        elif ch == "-" and sql.startswith("--", i):
            end = sql.find("\n", i)
            end = n if end < 0 else end
            out.append(sql[i:end])
            i = end
        elif ch == "?":
            number += 1
            out.append(f"${number}")
            i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


@functools.lru_cache(maxsize=512)
def insert_target(sql: str) -> str | None:
    """The table an ``INSERT INTO`` statement writes to (None if it is not one)."""
    match = _INSERT_TABLE.match(sql)
    return match.group(1).lower() if match else None


@functools.lru_cache(maxsize=512)
def returning_id(sql: str) -> str:
    """The translated ``sql`` returning the new row's ``id``."""
    return translate(sql).rstrip().rstrip(";") + " RETURNING id"


def changed_rows(status: str) -> int:
    """Rows changed, from a command tag such as ``UPDATE 3`` or ``INSERT 0 1``."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


_FULL = {"53100"}  # disk_full
_BUSY = {"40001", "40P01", "55P03", "53300"}  # serialization, deadlock, lock timeout, too many connections
_READ_ONLY = {"25006"}  # read_only_sql_transaction (a standby, or default_transaction_read_only)
_CLOSED = {"57P01", "57P02", "57P03"}  # the server is shutting down or restarting


def describe(error: Exception, where: str, *, opening: bool = False) -> StorageError:
    """An asyncpg/OS error as a StorageError an operator can act on; ``where`` names the database.

    ``opening``: at start-up a refused or lost connection means the server cannot be reached."""
    if isinstance(error, asyncpg.IntegrityConstraintViolationError):
        # The message names the constraint only; its DETAIL (the row's values) is left out.
        return StorageError(
            f"the data broke a database rule ({error.args[0] if error.args else 'constraint'}); "
            "nothing was saved",
            kind="constraint",
        )
    if isinstance(error, asyncpg.PostgresError):
        code = str(getattr(error, "sqlstate", "") or "")
        if code in _FULL:
            return StorageError(
                f"the disk holding the PostgreSQL database ({where}) is full; nothing was saved", kind="full"
            )
        if code in _READ_ONLY:
            return StorageError(
                f"the PostgreSQL database ({where}) is read-only (a standby, or read-only by default); "
                "nothing can be saved",
                kind="read_only",
            )
        if code in _BUSY:
            return StorageError(
                f"the PostgreSQL database ({where}) is busy (SQLSTATE {code}); try again", kind="busy"
            )
        if code in _CLOSED:
            return StorageError(
                f"the PostgreSQL server ({where}) is shutting down or restarting", kind="closed"
            )
        if code.startswith("22"):  # data exceptions quote the value: say only which kind
            return StorageError(
                f"a value did not fit its column on {where} (SQLSTATE {code}); nothing was saved",
                kind="constraint",
            )
        if code.startswith("28") or code == "3D000":
            return StorageError(
                f"cannot open the PostgreSQL database ({where}): {error.args[0] if error.args else code}",
                kind="cannot_open",
            )
        return StorageError(
            f"database error on {where}: {error.args[0] if error.args else code} (SQLSTATE {code})"
        )
    if isinstance(error, asyncpg.DataError):
        # Raised by asyncpg itself when a Python value cannot be sent as the column's type; its text
        # quotes the value, so only the statement's argument number is kept.
        found = re.search(r"query argument \$\d+", str(error))
        which = found.group(0) if found else "a query argument"
        return StorageError(f"{which} has the wrong type for its column on {where}", kind="error")
    if isinstance(error, asyncpg.InterfaceError) and "closed" in str(error).lower():
        return StorageError("the database is closed", kind="closed")
    if isinstance(error, (ConnectionError, asyncpg.ConnectionDoesNotExistError)) and not opening:
        return StorageError(f"the connection to PostgreSQL ({where}) was lost: {error}", kind="closed")
    if isinstance(error, OSError):
        return StorageError(
            f"cannot connect to PostgreSQL at {where}: {error.strerror or error}. Is the server running, "
            "and are the host, port and database in the URL right?",
            kind="cannot_open",
        )
    if isinstance(error, TimeoutError):
        return StorageError(f"PostgreSQL at {where} did not answer in time", kind="busy")
    return StorageError(f"database error on {where}: {type(error).__name__}")
