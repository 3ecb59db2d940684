"""Telling the other bot processes that share the database what this one just did.

Two things must reach every process at once, not at its next look at the database:

* ``content.reload``: a moderator's ``/admin reload`` on one process reloads every process;
* ``notice``: the per-process set of people with a pending notice
  (:mod:`bot.storage.pending_notices`) learns of a notice left or taken elsewhere.

With SQLite there is one process, so :class:`Broadcast` tells no one. With PostgreSQL,
:class:`PgBroadcast` uses ``LISTEN/NOTIFY`` on one dedicated connection (outside the pool, since a
pooled connection would be handed to other work and miss notifications). A message carries this
process's token so it ignores its own echo, and never carries health data: a topic and an id.

A lost connection is re-opened with back-off; what was published meanwhile is missed, which the
receivers tolerate (the notice set is also refreshed from the database every
``REFRESH_SECONDS``, and content can be reloaded again).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

log = logging.getLogger(__name__)

Handler = Callable[[str], Awaitable[None]]
"""Called with the message's data (a short string) in every *other* process."""

CHANNEL = "lupus_companion"
CONTENT_RELOAD = "content.reload"
"""A moderator's reload switched content on one process; the data is the new version."""
RECONNECT_MAX_SECONDS = 30.0


class Broadcast:
    """One process: nothing to tell. The base of :class:`PgBroadcast`, and what tests use alone."""

    def __init__(self) -> None:
        self._handlers: dict[str, list[Handler]] = {}

    def on(self, topic: str, handler: Handler) -> None:
        """Call ``handler(data)`` when another process publishes ``topic``."""
        self._handlers.setdefault(topic, []).append(handler)

    async def start(self) -> None:
        return None

    async def publish(self, topic: str, data: str = "") -> None:
        """Tell the other processes; never raises (what this process did stands either way)."""
        return None

    async def close(self) -> None:
        return None

    async def _deliver(self, topic: str, data: str) -> None:
        for handler in self._handlers.get(topic, ()):
            try:
                await handler(data)
            except Exception:
                log.exception("handling a %r message from another process failed", topic)


class PgBroadcast(Broadcast):
    """``LISTEN/NOTIFY`` on one PostgreSQL connection of its own."""

    def __init__(self, dsn: str) -> None:
        super().__init__()
        self._dsn = dsn
        self.token = uuid.uuid4().hex[:12]
        self._conn: Any = None
        self._closing = False
        self._reconnecting: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.connections = 0
        """Connections opened so far: more than one means it reconnected."""

    async def start(self) -> None:
        await self._connect()

    async def _connect(self) -> None:
        import asyncpg  # only a PostgreSQL deployment needs the driver loaded

        conn = await asyncpg.connect(self._dsn)
        await conn.add_listener(CHANNEL, self._on_notify)
        conn.add_termination_listener(self._on_lost)
        self._conn = conn
        self.connections += 1

    async def publish(self, topic: str, data: str = "") -> None:
        message = json.dumps({"from": self.token, "topic": topic, "data": data}, separators=(",", ":"))
        conn = self._conn
        if conn is None or conn.is_closed():
            log.warning("could not tell the other processes about %r: not connected", topic)
            return
        try:
            await conn.execute("SELECT pg_notify($1, $2)", CHANNEL, message)
        except Exception as exc:
            log.warning("could not tell the other processes about %r (%s)", topic, type(exc).__name__)

    def _on_notify(self, _conn: object, _pid: int, _channel: str, payload: str) -> None:
        try:
            message = json.loads(payload)
            sender, topic, data = message["from"], str(message["topic"]), str(message["data"])
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring a malformed message on the %s channel", CHANNEL)
            return
        if sender == self.token:
            return  # our own echo: this process already acted
        task = asyncio.get_running_loop().create_task(self._deliver(topic, data))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _on_lost(self, _conn: object) -> None:
        if self._closing or self._reconnecting is not None:
            return
        log.warning("lost the connection that hears other processes; reconnecting")
        self._reconnecting = asyncio.get_running_loop().create_task(self._reconnect())

    async def _reconnect(self) -> None:
        delay = 0.5
        try:
            while not self._closing:
                try:
                    await self._connect()
                    log.info("hearing other processes again")
                    return
                except Exception as exc:
                    log.warning("still cannot reach PostgreSQL for notifications (%s)", type(exc).__name__)
                await asyncio.sleep(delay)
                delay = min(delay * 2, RECONNECT_MAX_SECONDS)
        finally:
            self._reconnecting = None

    async def close(self) -> None:
        self._closing = True
        if self._reconnecting is not None:
            self._reconnecting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reconnecting
        conn, self._conn = self._conn, None
        if conn is not None and not conn.is_closed():
            with contextlib.suppress(Exception):
                await conn.remove_listener(CHANNEL, self._on_notify)
            await conn.close()
        for task in list(self._tasks):
            task.cancel()


def open_broadcast(database_url: str | None) -> Broadcast:
    """PostgreSQL (several processes may share it) gets LISTEN/NOTIFY; SQLite (one process) nothing."""
    return PgBroadcast(database_url) if database_url else Broadcast()
