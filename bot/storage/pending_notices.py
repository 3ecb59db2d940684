"""Who has a notice waiting, kept in memory so the check after every command costs no query.

The check runs after every command (``cogs/remind.py``) and almost always finds
nothing, so asking the database each time was three round trips to its thread
for nothing. Instead each process keeps the set of user ids whose
``user_prefs.notice_pending`` is set:

* **loaded from the database** on the first check, and **refreshed** from it in
  the background when it is older than :data:`REFRESH_SECONDS` (the check that
  notices the age does not wait for the refresh), so a notice left by another
  process that shares the database is seen within that time;
* **changed at once by this process's own writes**: the write that leaves a
  notice adds the user (:meth:`PendingNotices.added`), the one that takes it
  removes them (:meth:`PendingNotices.cleared`);
* **changed at once by the other processes' writes** when they share a
  PostgreSQL database: each change is published on the :class:`Broadcast`
  (``LISTEN/NOTIFY``) as ``+id`` or ``-id``, and applied here on arrival.

An id in the set whose notice is gone (another process took it, or the member's
data was erased) costs one query that finds nothing and drops it; it never shows
a notice twice, since taking a notice is still one transaction in the database.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Callable

from bot.storage.broadcast import Broadcast
from bot.storage.database import Database

log = logging.getLogger(__name__)

NOTICE_TOPIC = "notice"
REFRESH_SECONDS = 30.0
"""How old the set may get before it is read again (how late another process's notice can be)."""


class PendingNotices:
    """The set of users with a pending notice, for one database."""

    def __init__(
        self,
        db: Database,
        *,
        refresh_seconds: float = REFRESH_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._db = db
        self._refresh_seconds = refresh_seconds
        self._monotonic = monotonic
        self._users: set[int] = set()
        self._loaded_at: float | None = None
        self._refreshing: asyncio.Task[None] | None = None
        self._added_while_refreshing: set[int] = set()
        self._broadcast: Broadcast | None = None
        self._telling: set[asyncio.Task[None]] = set()

    def attach(self, broadcast: Broadcast) -> None:
        """Tell the other processes of this process's changes, and hear theirs."""
        self._broadcast = broadcast
        broadcast.on(NOTICE_TOPIC, self._heard)

    async def may_have(self, user_id: int) -> bool:
        """False when the user certainly has no notice (as of the last refresh); no query once loaded."""
        if self._loaded_at is None:
            await asyncio.shield(self._start_refresh())  # the first check waits for the first read
        elif self._monotonic() - self._loaded_at > self._refresh_seconds:
            self._start_refresh()  # later ones do not wait
        return user_id in self._users

    def added(self, user_id: int) -> None:
        """This process just left ``user_id`` a notice."""
        self._add(user_id)
        self._tell(f"+{user_id}")

    def cleared(self, user_id: int) -> None:
        """``user_id`` has no notice any more (taken, or found missing)."""
        self._discard(user_id)
        self._tell(f"-{user_id}")

    def _add(self, user_id: int) -> None:
        self._users.add(user_id)
        if self._refreshing is not None:
            self._added_while_refreshing.add(user_id)

    def _discard(self, user_id: int) -> None:
        self._users.discard(user_id)
        self._added_while_refreshing.discard(user_id)

    def _tell(self, data: str) -> None:
        if self._broadcast is None:
            return
        task = asyncio.get_running_loop().create_task(self._broadcast.publish(NOTICE_TOPIC, data))
        self._telling.add(task)
        task.add_done_callback(self._telling.discard)

    async def _heard(self, data: str) -> None:
        """Another process left (``+id``) or took (``-id``) a notice."""
        try:
            user_id = int(data[1:])
        except ValueError:
            return
        if data.startswith("+"):
            self._add(user_id)
        elif data.startswith("-"):
            self._discard(user_id)

    async def refresh(self) -> None:
        """Read the set again from the database (waits for a read already under way)."""
        await asyncio.shield(self._start_refresh())

    def _start_refresh(self) -> asyncio.Task[None]:
        if self._refreshing is None:
            self._refreshing = asyncio.get_running_loop().create_task(self._read())
            self._refreshing.add_done_callback(_log_failure)
        return self._refreshing

    async def _read(self) -> None:
        try:
            started = self._monotonic()
            rows = await self._db.fetchall("SELECT user_id FROM user_prefs WHERE notice_pending IS NOT NULL")
            # A notice this process left while the query ran is kept even if the query missed it.
            self._users = {int(row["user_id"]) for row in rows} | self._added_while_refreshing
            self._loaded_at = started
        finally:
            self._added_while_refreshing = set()
            self._refreshing = None


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and (exc := task.exception()) is not None:
        log.warning("could not read the pending notices (%s); the next check reads again", exc)


_BY_DATABASE: weakref.WeakKeyDictionary[Database, PendingNotices] = weakref.WeakKeyDictionary()


def pending_notices(db: Database) -> PendingNotices:
    """The one set for ``db`` in this process, however many repositories use it."""
    found = _BY_DATABASE.get(db)
    if found is None:
        found = _BY_DATABASE[db] = PendingNotices(db)
    return found
