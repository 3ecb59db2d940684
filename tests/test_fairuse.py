"""Per-member fair-use limits: sliding windows on the injected clock."""

from __future__ import annotations

from bot.fairuse import CHECKINS, DM_MENUS, FairUse, Limit, wait_words
from tests.fakeclock import FakeClock


async def test_a_burst_is_limited_per_member_and_frees_up_as_the_window_slides() -> None:
    clock = FakeClock()
    fair = FairUse(clock)
    assert [fair.allow(CHECKINS, 1) for _ in range(7)] == [True] * 5 + [False] * 2
    assert fair.allow(CHECKINS, 2), "another member is not affected"
    assert 0 < fair.wait_s(CHECKINS, 1) <= 60
    await clock.advance(61)
    assert fair.allow(CHECKINS, 1)


async def test_the_daily_limit_holds_across_minutes() -> None:
    clock = FakeClock()
    fair = FairUse(clock)
    saved = 0
    for _ in range(200):
        saved += fair.allow(CHECKINS, 1)
        await clock.advance(15)
    assert saved == 60
    wait = fair.wait_s(CHECKINS, 1)
    assert wait > 3600 and wait_words(wait).endswith("hours")


async def test_refused_uses_do_not_count_and_forgetting_a_member_clears_them() -> None:
    clock = FakeClock()
    fair = FairUse(clock)
    for _ in range(10):
        fair.allow(DM_MENUS, 1)
    await clock.advance(60)
    assert fair.allow(DM_MENUS, 1), "only the three allowed menus were counted"
    await fair.forget_user(1)
    assert all(fair.allow(DM_MENUS, 1) for _ in range(3))


def test_wait_words_are_kind_and_rounded() -> None:
    assert wait_words(5) == "about a minute"
    assert wait_words(600) == "about 10 minutes"
    assert Limit("x", 1, 1.0).count == 1


async def test_members_idle_for_a_day_are_forgotten() -> None:
    clock = FakeClock()
    fair = FairUse(clock)
    fair.allow(DM_MENUS, 1)
    await clock.advance(25 * 3600)
    for n in range(FairUse.SWEEP_EVERY):
        fair.allow(DM_MENUS, 1_000 + n)
    assert ("dm-menu", 1) not in fair._uses
