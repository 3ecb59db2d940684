"""Processes that share PostgreSQL hear each other through LISTEN/NOTIFY; SQLite's one process tells no one.

Each ``PgBroadcast`` here stands for one bot process: its own connection, its own token. The
server is the tests' throw-away PostgreSQL (``postgres_url``).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest

from bot.storage.broadcast import Broadcast, PgBroadcast, open_broadcast
from bot.storage.db import Database
from bot.storage.pending_notices import PendingNotices


async def eventually(condition: Callable[[], bool], *, within: float = 5.0) -> None:
    """Wait for a notification to arrive (bounded): NOTIFY is asynchronous by design."""
    for _ in range(int(within / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the other process never heard it")


@pytest.fixture
async def two_processes(postgres_url: str) -> AsyncIterator[tuple[PgBroadcast, PgBroadcast]]:
    first, second = PgBroadcast(postgres_url), PgBroadcast(postgres_url)
    await first.start()
    await second.start()
    try:
        yield first, second
    finally:
        await first.close()
        await second.close()


async def test_a_message_reaches_the_other_process_and_not_its_own(
    two_processes: tuple[PgBroadcast, PgBroadcast],
) -> None:
    first, second = two_processes
    heard: dict[str, list[str]] = {"first": [], "second": []}

    async def to(name: str, data: str) -> None:
        heard[name].append(data)

    first.on("content.reload", lambda data: to("first", data))
    second.on("content.reload", lambda data: to("second", data))
    await first.publish("content.reload", "v2")
    await eventually(lambda: heard["second"] == ["v2"])
    await asyncio.sleep(0.1)  # time enough for an echo to have arrived, were it delivered
    assert heard["first"] == []


async def test_a_failing_handler_does_not_stop_the_others(
    two_processes: tuple[PgBroadcast, PgBroadcast],
) -> None:
    first, second = two_processes
    heard: list[str] = []

    async def broken(data: str) -> None:
        raise RuntimeError("boom")

    async def fine(data: str) -> None:
        heard.append(data)

    second.on("t", broken)
    second.on("t", fine)
    await first.publish("t", "x")
    await eventually(lambda: heard == ["x"])


async def test_the_listener_reconnects_after_its_connection_is_killed(
    two_processes: tuple[PgBroadcast, PgBroadcast],
) -> None:
    first, second = two_processes
    heard: list[str] = []

    async def note(data: str) -> None:
        heard.append(data)

    second.on("t", note)
    # The server ends the listening session (as a restart or a network cut would).
    await first._conn.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = $1",
        second._conn.get_server_pid(),
    )
    await eventually(lambda: second.connections == 2)
    await first.publish("t", "after")
    await eventually(lambda: heard == ["after"])


async def test_the_pending_notice_set_follows_the_other_process(
    db: Database, two_processes: tuple[PgBroadcast, PgBroadcast]
) -> None:
    first, second = two_processes
    here, there = PendingNotices(db), PendingNotices(db)
    here.attach(first)
    there.attach(second)
    await there.refresh()
    assert not await there.may_have(42)
    here.added(42)
    await eventually(lambda: 42 in there._users)
    here.cleared(42)
    await eventually(lambda: 42 not in there._users)


async def test_with_sqlite_there_is_no_one_to_tell() -> None:
    broadcast = open_broadcast(None)
    assert type(broadcast) is Broadcast
    await broadcast.start()
    await broadcast.publish("content.reload")  # nothing happens, nothing raises
    await broadcast.close()
    assert isinstance(open_broadcast("postgresql://x@localhost/db"), PgBroadcast)
