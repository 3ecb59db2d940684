"""Flares, medicines and the daily check-in reminder end to end, in a server and in a DM.

The real bot process against the local Discord emulator. Reminder DMs are made
due by moving their stored instant into the past while the bot is stopped, so
the start-up re-arm delivers them (the restart path is the one that matters).
"""

from __future__ import annotations

import asyncio
import csv
import io
import time
from datetime import UTC, datetime

import pytest

from tests.e2e_support import PLACES, LiveBot, assert_private, nothing_public

pytestmark = [pytest.mark.timeout(120), pytest.mark.backends("sqlite", "postgres")]


@pytest.mark.parametrize("place", PLACES)
async def test_a_flare_is_started_once_and_ended(live_bot: LiveBot, place: str) -> None:
    started = await live_bot.slash("flare", {"note": "knees and wrists"}, subcommand="start", place=place)
    assert_private(started, place)
    assert "Flare marked" in started.content
    again = await live_bot.slash("flare", subcommand="start", place=place)
    assert "You have a flare open since" in again.content
    ended = await live_bot.slash("flare", {"note": "settled"}, subcommand="end", place=place)
    assert "Flare ended" in ended.content
    none = await live_bot.slash("flare", subcommand="end", place=place)
    assert "no open flare" in none.content
    [row] = live_bot.dict_rows("SELECT note, end_note, ended_at IS NOT NULL AS ended FROM flares")
    assert row == {"note": "knees and wrists", "end_note": "settled", "ended": 1}
    nothing_public(live_bot)


@pytest.mark.parametrize("place", PLACES)
async def test_medicines_are_added_listed_logged_and_removed(live_bot: LiveBot, place: str) -> None:
    no_zone = await live_bot.slash(
        "meds", {"name": "Plaquenil", "times": "8am"}, subcommand="add", place=place
    )
    assert no_zone.ephemeral and "Tell me your time zone once" in no_zone.content
    added = await live_bot.slash(
        "meds",
        {"name": "Plaquenil", "times": "8:00, 20:00", "dose": "200 mg", "timezone": "Europe/London"},
        subcommand="add",
        place=place,
    )
    assert_private(added, place)
    assert "Added Plaquenil (200 mg)" in added.content and "08:00, 20:00" in added.content
    assert "never suggest a dose or a change" in added.content  # said once, plainly
    second = await live_bot.slash(
        "meds", {"name": "Vitamin D", "times": "9:00"}, subcommand="add", place=place
    )
    assert "never suggest" not in second.content
    assert live_bot.dict_rows("SELECT timezone FROM tracking_settings") == [{"timezone": "Europe/London"}]
    assert len(live_bot.dict_rows("SELECT * FROM medicine_reminders WHERE sent_at IS NULL")) == 3

    [plaquenil] = live_bot.dict_rows("SELECT id FROM medicines WHERE name = 'Plaquenil'")
    logged = await live_bot.slash("meds", {"name": str(plaquenil["id"])}, subcommand="log", place=place)
    assert "Recorded: **taken**" in logged.content
    listed = await live_bot.slash("meds", subcommand="list", place=place)
    assert "Plaquenil (200 mg)** at 08:00, 20:00: taken 1 of 1 recorded (100%)" in listed.content
    removed = await live_bot.slash("meds", {"name": "vitamin d"}, subcommand="remove", place=place)
    assert "Removed" in removed.content
    assert len(live_bot.dict_rows("SELECT * FROM medicine_reminders WHERE sent_at IS NULL")) == 2
    handle = await live_bot.invoke(
        "meds", {"name": "pills to end my life", "times": "9:00"}, subcommand="add", place=place
    )
    crisis = await handle.wait_message()
    assert "Added" not in crisis.text()  # the crisis card answers first, and nothing cheerful follows
    await asyncio.sleep(0.5)
    assert handle.followups == []
    assert len(live_bot.dict_rows("SELECT * FROM medicines")) == 3  # what they asked to keep is kept
    nothing_public(live_bot)


async def test_a_medicine_reminder_arrives_by_dm_after_a_restart_and_its_buttons_work(
    live_bot: LiveBot,
) -> None:
    emu, member = live_bot.emu, live_bot.place.member
    await live_bot.slash("meds", {"name": "Prednisone", "times": "8:00", "timezone": "UTC"}, subcommand="add")
    await live_bot.slash("meds", {"name": "Folic acid", "times": "8:00"}, subcommand="add")
    assert await live_bot.bot.stop() == 0
    due = time.time() - 120
    live_bot.execute("UPDATE medicine_reminders SET due_at = ?, fire_at = ?", (due, due))
    await live_bot.start()
    await emu.wait_until(lambda: len(emu.dm_messages(member, from_bot_only=True)) >= 2, 10, "two reminders")
    dms = emu.dm_messages(member, from_bot_only=True)
    [prednisone] = [m for m in dms if "Prednisone" in m.content]
    [folic] = [m for m in dms if "Folic acid" in m.content]
    assert "Medicine reminder:** Prednisone" in prednisone.content
    assert [b.label for b in prednisone.buttons()] == ["Taken", "Skipped", "Snooze 30 min"]
    sent = "SELECT 1 FROM medicine_reminders WHERE sent_at IS NOT NULL"
    await emu.wait_until(lambda: len(live_bot.dict_rows(sent)) == 2, 5, "the sends to be recorded")

    snoozed = await (await emu.click(folic, folic.find_button("Snooze 30 min"), user=member)).wait_message()
    assert "remind you again" in snoozed.content
    [row] = live_bot.dict_rows(
        "SELECT r.fire_at, r.sent_at FROM medicine_reminders r JOIN medicines m ON m.id = r.medicine_id "
        "WHERE m.name = 'Folic acid' AND r.due_at = ?",
        (due,),
    )
    assert row["sent_at"] is None and row["fire_at"] > time.time() + 25 * 60

    taken = await (await emu.click(prednisone, prednisone.find_button("Taken"), user=member)).wait_message()
    assert "Noted as **taken**" in taken.content
    assert live_bot.dict_rows("SELECT status, source FROM medicine_doses") == [
        {"status": "taken", "source": "reminder"}
    ]
    count = len(emu.dm_messages(member, from_bot_only=True))
    await live_bot.restart(kill=False)
    assert len(emu.dm_messages(member, from_bot_only=True)) == count  # nothing is sent twice


@pytest.mark.parametrize("place", PLACES)
async def test_the_check_in_reminder_has_its_own_time_snooze_and_skip_today(
    live_bot: LiveBot, place: str
) -> None:
    emu, member = live_bot.emu, live_bot.place.member
    await live_bot.slash(
        "remind", {"time": "07:30", "timezone": "America/New_York"}, subcommand="set", place=place
    )
    on = await live_bot.slash("remind", {"time": "21:00"}, subcommand="checkin", place=place)
    assert_private(on, place)
    assert "check-in reminder is on:** 21:00 every day" in on.content
    assert "Eastern Time (New York) — it's" in on.content  # the one zone, said back in words
    shown = await live_bot.slash("remind", subcommand="show", place=place)
    assert "07:30 every day" in shown.content and "Daily check-in reminder:** 21:00" in shown.content

    assert await live_bot.bot.stop() == 0
    live_bot.execute("UPDATE checkin_reminders SET next_fire_at = ?", (time.time() - 60,))
    live_bot.execute("UPDATE reminders SET next_fire_at = ?", (time.time() - 60,))
    await live_bot.start()
    await emu.wait_until(
        lambda: sum("Time for" in m.content for m in emu.dm_messages(member, from_bot_only=True)) >= 2,
        10,
        "two reminders",
    )
    dms = emu.dm_messages(member, from_bot_only=True)
    [checkin_dm] = [m for m in dms if "Time for your daily check-in" in m.content]
    [stretch_dm] = [m for m in dms if "Time for your daily stretch" in m.content]
    assert stretch_dm.find_button("Snooze 1 hour") and stretch_dm.find_button("Skip today")

    card = await (
        await emu.click(checkin_dm, checkin_dm.find_button("Check in now"), user=member)
    ).wait_message()
    assert "Check in (private)" in card.text() and len(card.selects()) == 5
    snoozed = await (
        await emu.click(checkin_dm, checkin_dm.find_button("Snooze 1 hour"), user=member)
    ).wait_message()
    assert "Snoozed" in snoozed.content
    [row] = live_bot.dict_rows("SELECT next_fire_at FROM checkin_reminders")
    assert 55 * 60 < row["next_fire_at"] - time.time() < 65 * 60
    skipped = await (
        await emu.click(checkin_dm, checkin_dm.find_button("Skip today"), user=member)
    ).wait_message()
    assert "No more today" in skipped.content
    [row] = live_bot.dict_rows("SELECT next_fire_at FROM checkin_reminders")
    assert row["next_fire_at"] - time.time() > 65 * 60
    skipped = await (
        await emu.click(stretch_dm, stretch_dm.find_button("Skip today"), user=member)
    ).wait_message()
    assert "No more today" in skipped.content

    off = await live_bot.slash("remind", {"which": "checkin"}, subcommand="off", place=place)
    assert "check-in reminder is **off**" in off.content
    assert live_bot.dict_rows("SELECT * FROM checkin_reminders") == []
    assert len(live_bot.dict_rows("SELECT * FROM reminders")) == 1  # the stretch one is untouched


@pytest.mark.parametrize("place", PLACES)
async def test_the_journal_shows_patterns_medicines_and_every_measure_in_the_csv(
    live_bot: LiveBot, place: str
) -> None:
    member = live_bot.place.member
    await live_bot.slash("symptoms", {"name": "rash"}, subcommand="add", place=place)
    [rash] = live_bot.dict_rows("SELECT id FROM symptoms")
    now = time.time()
    for day in range(8):  # poor sleep on four days, good sleep on four
        poor = day % 2 == 0
        at = datetime.fromtimestamp(now - day * 86400 - 3600, UTC).isoformat(timespec="microseconds")
        live_bot.execute(
            "INSERT INTO checkins (user_id, at, pain, fatigue, stiffness, sleep, mood, source) "
            "VALUES (?, ?, ?, 4, 3, ?, 6, 'command')",
            (member.id, at, 7 if poor else 3, 2 if poor else 8),
        )
    [first] = live_bot.dict_rows("SELECT MIN(id) AS id FROM checkins")
    live_bot.execute(
        "INSERT INTO checkin_symptoms (user_id, checkin_id, symptom_id, level) VALUES (?, ?, ?, 2)",
        (member.id, first["id"], rash["id"]),
    )
    await live_bot.slash(
        "meds",
        {"name": "Plaquenil", "times": "8:00", "timezone": "UTC"},
        subcommand="add",
        place=place,
    )
    [medicine] = live_bot.dict_rows("SELECT id FROM medicines")
    await live_bot.slash("meds", {"name": str(medicine["id"])}, subcommand="log", place=place)

    journal = await (await live_bot.invoke("journal", place=place)).wait_message(timeout=15)
    assert_private(journal, place)
    text = journal.text()
    assert "On days with poor sleep, pain averaged 7.0 (other days 3.0" in text
    assert "Plaquenil: taken 1 of 1 recorded (100%)" in text
    [csv_file] = [a for a in journal.attachments if a.filename.endswith(".csv")]
    rows = list(csv.reader(io.StringIO(csv_file.data.decode("utf-8"))))
    header = rows[0]
    assert header[-5:] == ["stiffness", "sleep", "mood", "for_doctor", "symptom: rash"]
    levels = [r[-1] for r in rows[1:] if r[0] == "checkin"]
    assert levels.count("moderate") == 1 and len(levels) == 8
