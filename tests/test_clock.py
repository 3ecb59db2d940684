"""The one way to read "now" as a datetime, and the one way to show an instant on Discord."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from bot.clock import utcnow
from bot.ui.reply import discord_time
from tests.fakeclock import FakeClock

T0 = 1_700_000_000.25


async def test_utcnow_is_the_injected_clock_as_an_aware_utc_datetime() -> None:
    clock = FakeClock(T0)
    assert utcnow(clock) == datetime.fromtimestamp(T0, UTC) and utcnow(clock).tzinfo is UTC
    await clock.advance(90)
    assert utcnow(clock) - datetime.fromtimestamp(T0, UTC) == timedelta(seconds=90)


def test_discord_time_takes_datetimes_in_any_zone_and_epoch_seconds() -> None:
    at = datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    epoch = int(at.timestamp())
    assert discord_time(at) == f"<t:{epoch}:f>"
    assert discord_time(at.astimezone(timezone(timedelta(hours=-5))), "t") == f"<t:{epoch}:t>"
    assert discord_time(at.replace(tzinfo=None), "R") == f"<t:{epoch}:R>"  # naive means UTC, never local
    assert discord_time(epoch + 0.9, "D") == f"<t:{epoch}:D>"
