"""Routine session rows: round trip, optimistic locking, start-up queries."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.storage.database import Database
from bot.storage.sessions import SessionRepo, SessionRow

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
ALICE = 111_111_111_111_111_111
BOB = 222_222_222_222_222_222


@pytest.fixture
def repo(db: Database) -> SessionRepo:
    """On each backend (the ``db`` fixture)."""
    return SessionRepo(db)


def session(session_id: str, user_id: int = ALICE, **changes: object) -> SessionRow:
    row = SessionRow(
        id=session_id,
        user_id=user_id,
        routine_id="gentle-lower-back",
        state_json='{"step": 0}',
        status="active",
        version=1,
    )
    return replace(row, **changes)  # type: ignore[arg-type]


async def test_a_session_round_trips(repo: SessionRepo) -> None:
    row = session(
        "s1",
        deadline=NOW + timedelta(seconds=30),
        channel_id=42,
        message_id=43,
        interaction_token="tok",
        token_expires_at=NOW + timedelta(minutes=15),
        is_dm=True,
    )
    stored = await repo.insert(row, now=NOW)
    assert stored.created_at == NOW and stored.updated_at == NOW
    assert await repo.get("s1") == stored
    assert await repo.get("missing") is None


def test_an_unknown_status_is_refused() -> None:
    with pytest.raises(ValueError, match="status"):
        session("s1", status="running")


async def test_update_checks_the_version(repo: SessionRepo) -> None:
    await repo.insert(session("s1"), now=NOW)
    advanced = session("s1", state_json='{"step": 1}', version=2)
    assert await repo.update(advanced, expected_version=1, now=NOW + timedelta(seconds=5))
    stored = await repo.get("s1")
    assert stored is not None
    assert stored.version == 2 and stored.state_json == '{"step": 1}'
    assert stored.updated_at == NOW + timedelta(seconds=5)
    # A press based on the old version loses.
    stale = session("s1", state_json='{"step": 9}', version=2)
    assert not await repo.update(stale, expected_version=1, now=NOW)
    assert (await repo.get("s1")).state_json == '{"step": 1}'  # type: ignore[union-attr]
    assert not await repo.update(session("ghost", version=2), expected_version=1, now=NOW)


async def test_two_racing_presses_only_one_wins(repo: SessionRepo) -> None:
    await repo.insert(session("s1"), now=NOW)
    first = session("s1", state_json='{"who": "first"}', version=2)
    second = session("s1", state_json='{"who": "second"}', version=2)
    results = await asyncio.gather(
        repo.update(first, expected_version=1, now=NOW), repo.update(second, expected_version=1, now=NOW)
    )
    assert sorted(results) == [False, True]


async def test_active_for_user_lists_only_live_sessions(repo: SessionRepo) -> None:
    await repo.insert(session("old", status="paused"), now=NOW - timedelta(minutes=5))
    await repo.insert(session("new"), now=NOW)
    await repo.insert(session("done", status="done"), now=NOW)
    await repo.insert(session("bobs", user_id=BOB), now=NOW)
    assert [s.id for s in await repo.active_for_user(ALICE)] == ["new", "old"]
    assert await repo.active_for_user(333) == []


async def test_list_with_deadlines_is_what_to_rearm(repo: SessionRepo) -> None:
    await repo.insert(session("later", deadline=NOW + timedelta(seconds=60)), now=NOW)
    await repo.insert(session("sooner", user_id=BOB, deadline=NOW + timedelta(seconds=10)), now=NOW)
    await repo.insert(session("no-timer"), now=NOW)
    await repo.insert(session("finished", status="hurt", deadline=NOW), now=NOW)
    assert [s.id for s in await repo.list_with_deadlines()] == ["sooner", "later"]


async def test_count_active(repo: SessionRepo) -> None:
    await repo.insert(session("a"), now=NOW)
    await repo.insert(session("b", status="paused"), now=NOW)
    await repo.insert(session("c", status="stopped"), now=NOW)
    assert await repo.count_active() == 1


async def test_naive_datetimes_are_refused(repo: SessionRepo) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        await repo.insert(session("s1", deadline=datetime(2026, 5, 1, 12, 0)), now=NOW)
