"""The moderator log: refusals are counted and sampled, never burying a moderator action,
and each server sees only its own entries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.storage.audit import REFUSAL_SAMPLES, SAMPLES_PER_PERSON_PER_DAY, AuditRepo, Scope
from bot.storage.db import Database

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
HOME, OTHER = 1_000, 2_000


@pytest.fixture
def audit(db: Database) -> AuditRepo:
    return AuditRepo(db)


async def test_a_flood_of_refusals_is_counted_sampled_and_never_evicts_a_reload(audit: AuditRepo) -> None:
    await audit.record(7, "content.reload", "ok", guild_id=HOME, now=NOW)
    for n in range(300):
        await audit.record_refusal(
            100 + n % 60, place="DM", detail="/admin status", guild_id=None, now=NOW + timedelta(seconds=n)
        )
    later = NOW + timedelta(minutes=10)
    reload = await audit.last_of("content.reload")
    assert reload is not None and reload.user_id == 7
    assert [e.user_id for e in await audit.latest_actions(5)] == [7]
    assert await audit.refusal_count(7, now=later) == 300
    samples = await audit.latest_refusals(1_000)
    assert len(samples) == REFUSAL_SAMPLES
    per_person = {s.user_id: 0 for s in samples}
    for s in samples:
        per_person[s.user_id] += 1
    assert max(per_person.values()) <= SAMPLES_PER_PERSON_PER_DAY


async def test_a_server_sees_its_own_entries_and_the_shared_ones(audit: AuditRepo) -> None:
    await audit.record(7, "content.reload", "ok", guild_id=OTHER, now=NOW)
    await audit.record(8, "content.reload", "ok", guild_id=None, place="DM", now=NOW)
    await audit.record_refusal(9, place="in other", detail="/admin status", guild_id=OTHER, now=NOW)
    await audit.record_refusal(10, place="DM", detail="/admin status", guild_id=None, now=NOW)

    home = Scope(HOME)
    assert [e.user_id for e in await audit.latest_actions(5, home)] == [8]  # not the other server's
    assert await audit.latest_refusals(5, home) == [] and await audit.refusal_count(7, home, now=NOW) == 0
    other = Scope(OTHER)
    assert [e.user_id for e in await audit.latest_refusals(5, other)] == [9]
    assert await audit.refusal_count(7, other, now=NOW) == 1
    assert await audit.refusal_count(7, now=NOW) == 2  # the operator sees all
