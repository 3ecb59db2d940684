"""Time that means what people mean, end to end: the zone asked once, abbreviations with daylight
saving, said back in words, used by the journal, and a reminder's Stop that asks first."""

from __future__ import annotations

import time

import pytest

from tests.e2e_support import PLACES, LiveBot, assert_private

pytestmark = [pytest.mark.timeout(120), pytest.mark.backends("sqlite", "postgres")]


@pytest.mark.parametrize("place", PLACES)
async def test_est_means_new_york_with_summer_time_and_is_asked_only_once(
    live_bot: LiveBot, place: str
) -> None:
    unasked = await live_bot.slash("remind", {"time": "7pm"}, subcommand="set", place=place)
    assert "Which time zone are you in?" in unasked.content
    assert live_bot.dict_rows("SELECT * FROM reminders") == []

    on = await live_bot.slash("remind", {"time": "9pm", "timezone": "EST"}, subcommand="checkin", place=place)
    assert_private(on, place)
    assert "Eastern Time (New York) — it's" in on.content and "daylight saving" in on.content
    [setting] = live_bot.dict_rows("SELECT timezone FROM tracking_settings")
    assert setting["timezone"] == "America/New_York"  # not tzdata's fixed-offset "EST"

    # Asked once: the stretch reminder and the journal follow it without asking again.
    stretch = await live_bot.slash("remind", {"time": "7:30 am"}, subcommand="set", place=place)
    assert "Eastern Time (New York)" in stretch.content
    [row] = live_bot.dict_rows("SELECT timezone FROM reminders")
    assert row["timezone"] == "America/New_York"
    await live_bot.checkin(place, "3", "4")
    journal = await live_bot.slash("journal", place=place)
    assert "Days are counted in Eastern Time (New York)" in journal.text()

    # Changing it once moves every reminder.
    await live_bot.slash("remind", {"time": "8pm", "timezone": "CET"}, subcommand="checkin", place=place)
    zones = {r["timezone"] for r in live_bot.dict_rows("SELECT timezone FROM reminders")}
    assert zones == {"Europe/Paris"}


@pytest.mark.parametrize("place", PLACES)
async def test_stop_in_a_reminder_dm_asks_first_and_keep_changes_nothing(
    live_bot: LiveBot, place: str
) -> None:
    emu, member = live_bot.emu, live_bot.place.member
    await live_bot.slash("remind", {"time": "9pm", "timezone": "PST"}, subcommand="checkin", place=place)
    assert await live_bot.bot.stop() == 0
    live_bot.execute("UPDATE checkin_reminders SET next_fire_at = ?", (time.time() - 60,))
    await live_bot.start()
    await emu.wait_until(
        lambda: any(
            "Time for your daily check-in" in m.content for m in emu.dm_messages(member, from_bot_only=True)
        ),
        10,
        "the check-in reminder",
    )
    dms = emu.dm_messages(member, from_bot_only=True)
    [dm] = [m for m in dms if "Time for your daily check-in" in m.content]
    assert [b.label for b in dm.buttons()][1:] == ["Snooze 1 hour", "Skip today", "Stop"]

    asked = await live_bot.press(dm, "Stop")
    assert "Stop your daily check-in reminder?" in asked.content and "Skip today" in asked.content
    assert len(live_bot.dict_rows("SELECT * FROM checkin_reminders")) == 1  # one tap erased nothing
    kept = await live_bot.press(asked, "Keep it")
    assert "Kept." in kept.content and kept.id == asked.id  # answered in place
    assert len(live_bot.dict_rows("SELECT * FROM checkin_reminders")) == 1

    asked = await live_bot.press(dm, "Stop")
    stopped = await live_bot.press(asked, "Yes, stop it")
    assert "check-in reminder is **off**" in stopped.content
    assert live_bot.dict_rows("SELECT * FROM checkin_reminders") == []
    [setting] = live_bot.dict_rows("SELECT timezone FROM tracking_settings")
    assert setting["timezone"] == "America/Los_Angeles"  # the zone stays for next time
    assert live_bot.emu.state.violations == []
