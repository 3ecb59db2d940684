"""The in-memory set of people with a pending notice: no query on the hot path, right across processes."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.storage.database import Database
from bot.storage.pending_notices import PendingNotices, pending_notices
from bot.storage.prefs import PrefsRepo
from tests.backends import open_again

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
ALICE = 111_111_111_111_111_111
BOB = 222_222_222_222_222_222


class CountingDatabase:
    """Counts the queries that reach the database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.queries = 0

    def __getattr__(self, name: str) -> object:
        attr = getattr(self.db, name)
        if name.startswith(("fetch", "execute")):
            self.queries += 1
        return attr


async def test_no_query_once_loaded_when_nobody_has_a_notice(db: Database) -> None:
    counting = CountingDatabase(db)
    prefs = PrefsRepo(counting)  # type: ignore[arg-type]
    assert await prefs.pending_notice(ALICE) is None  # the first check loads the set
    loaded = counting.queries
    for _ in range(5):
        assert await prefs.pending_notice(ALICE) is None
    assert counting.queries == loaded


async def test_the_write_that_leaves_or_takes_a_notice_updates_the_set(db: Database) -> None:
    prefs = PrefsRepo(db)
    assert await prefs.pending_notice(ALICE) is None
    await prefs.leave_notice(ALICE, "Your reminder is paused.", now=NOW)
    assert await prefs.pending_notice(ALICE) == "Your reminder is paused."
    assert await prefs.pending_notice(BOB) is None
    assert await prefs.take_pending_notice(ALICE) == "Your reminder is paused."
    assert await prefs.pending_notice(ALICE) is None
    assert not await pending_notices(db).may_have(ALICE)


async def test_a_notice_left_before_start_is_found(db: Database) -> None:
    await PrefsRepo(db).leave_notice(ALICE, "hello", now=NOW)
    fresh = PendingNotices(db)  # as a process started after the write sees it
    assert await fresh.may_have(ALICE) and not await fresh.may_have(BOB)


async def test_another_process_is_seen_after_the_refresh_interval(db: Database) -> None:
    """Two processes: two connections to one database, each with its own set."""
    now = [0.0]
    other = await open_again(db)
    try:
        ours = PendingNotices(db, refresh_seconds=30, monotonic=lambda: now[0])
        assert not await ours.may_have(ALICE)
        await PrefsRepo(other).leave_notice(ALICE, "paused", now=NOW)  # the other process writes
        now[0] = 10.0
        assert not await ours.may_have(ALICE)  # still within the interval: not read again
        now[0] = 31.0
        assert not await ours.may_have(ALICE)  # too old: a refresh starts, this check does not wait
        await ours.refresh()
        assert await ours.may_have(ALICE)
        # Taken by the other process: our stale entry costs one query that finds nothing, then goes.
        await PrefsRepo(other).take_pending_notice(ALICE)
        prefs = PrefsRepo(db)
        assert await prefs.pending_notice(ALICE) is None
        assert not await pending_notices(db).may_have(ALICE)
    finally:
        await other.close()


async def test_a_notice_left_while_the_set_is_read_is_kept(db: Database) -> None:
    notices = PendingNotices(db)
    reading = notices.refresh()
    notices._start_refresh()  # the read is under way
    notices.added(BOB)
    await reading
    assert await notices.may_have(BOB)
