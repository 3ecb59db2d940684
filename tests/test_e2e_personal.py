"""Personal tools end to end: check-ins, the journal, reminders and privacy, through the emulator.

The real bot process runs against the local Discord emulator, in a server and
in a DM. People check in, read their journal (a real PNG chart and a CSV that
matches what they entered), set, see and stop a daily reminder (delivered after
a restart, paused when DMs are closed), export everything and erase it. Each
test ends with zero emulator violations; the two tests that close someone's DMs
on purpose first check, then remove, exactly the refusals they caused.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from bot.reminders.dispatcher import DM_BLOCKED_NOTICE
from bot.storage.timefmt import to_iso
from tests.e2e_support import (
    PLACES,
    LiveBot,
    assert_private,
    nothing_public,
    to_the_safety_ok,
)
from tests.emulator import Message, StoredMessage, User

pytestmark = [pytest.mark.timeout(120), pytest.mark.backends("sqlite", "postgres")]

ROUTINE = "chair-bad-day"
ROUTINE_TITLE = "Five minutes in a chair, for bad days"


# --------------------------------------------------------------------------- helpers


def forget_expected_refusals(live: LiveBot, code: int, count: int) -> None:
    """Check that exactly ``count`` refusals with ``code`` happened (on purpose), then clear them."""
    violations = live.emu.state.violations
    expected = [v for v in violations if v["code"] == code]
    assert len(expected) == count, expected
    violations[:] = [v for v in violations if v["code"] != code]


# --------------------------------------------------------------------------- /checkin


@pytest.mark.parametrize("place", PLACES)
async def test_a_check_in_is_saved_privately_with_the_time(live_bot: LiveBot, place: str) -> None:
    handle = await live_bot.open_checkin(place)
    assert handle.modal is not None
    inputs = {i.custom_id: i for i in handle.modal.inputs()}
    assert set(inputs) == {"pain", "fatigue", "note", "doctor"}  # "doctor": the for-my-doctor toggle
    assert inputs["pain"].required and inputs["fatigue"].required and not inputs["note"].required
    assert inputs["note"].max_length == 500 and inputs["note"].style == 2  # a paragraph box

    before = time.time()
    note = "Stiff knees after the rain; slept badly"
    saved = await (
        await live_bot.emu.submit_modal(handle, values={"pain": "6", "fatigue": "8", "note": note})
    ).wait_message()
    assert_private(saved, place)
    assert "Saved to your private journal" in saved.text() and "Pain **6**/10" in saved.text()
    rows = live_bot.dict_rows("SELECT * FROM checkins")
    assert len(rows) == 1
    row = rows[0]
    assert (row["user_id"], row["pain"], row["fatigue"], row["note"], row["source"]) == (
        live_bot.place.member.id,
        6,
        8,
        note,
        "command",
    )
    at = datetime.fromisoformat(row["at"]).timestamp()
    assert before - 5 <= at <= time.time() + 5

    journal = await live_bot.press(saved, "See my journal")
    assert_private(journal, place)
    assert "Your journal · last 30 days" in journal.text()
    nothing_public(live_bot)


@pytest.mark.parametrize("place", PLACES)
async def test_a_score_out_of_range_is_explained_kindly_and_nothing_typed_is_lost(
    live_bot: LiveBot, place: str
) -> None:
    note = "A long day. " * 30
    problem = await live_bot.checkin(place, "eleven", "12", note)
    assert problem.ephemeral
    assert "Pain should be a whole number from 0 to 10" in problem.content
    assert "Fatigue should be a whole number from 0 to 10" in problem.content
    assert live_bot.dict_rows("SELECT * FROM checkins") == []

    reopened = await live_bot.click(problem, "Fix my check-in")
    await reopened.response()
    assert reopened.modal is not None
    kept = {i.custom_id: i.value for i in reopened.modal.inputs()}
    assert kept == {"pain": "eleven", "fatigue": "12", "note": note}  # exactly as typed
    fixed = await (
        await live_bot.emu.submit_modal(reopened, values={"pain": "4", "fatigue": "5"})
    ).wait_message()
    assert "Saved to your private journal" in fixed.text()
    [row] = live_bot.dict_rows("SELECT pain, fatigue, note FROM checkins")
    assert row == {"pain": 4, "fatigue": 5, "note": note.strip()}

    # The next /checkin starts empty again: the draft went with the save.
    fresh = await live_bot.open_checkin(place)
    assert fresh.modal is not None and all(not i.value for i in fresh.modal.inputs())
    nothing_public(live_bot)


# --------------------------------------------------------------------------- /journal


@pytest.mark.parametrize("place", PLACES)
async def test_an_empty_journal_explains_how_to_start(live_bot: LiveBot, place: str) -> None:
    message = await live_bot.slash("journal", place=place)
    assert_private(message, place)
    text = message.text()
    assert "Your journal is empty for now" in text and "/checkin" in text
    assert message.attachments == []
    opened = await live_bot.click(message, "Check in now")
    await opened.response()
    assert opened.modal is not None and opened.modal.custom_id == "lc:checkin:submit"


def seed_history(live: LiveBot, now: datetime) -> None:
    """Older entries, written as the bot would have (it is running, so through SQLite's WAL).

    Each past entry sits at a fixed hour of its own earlier UTC day, so every entry has a day to
    itself whatever the hour the test runs at (hours back from "now" could put two on one day).
    """
    member, other = live.place.member.id, live.place.admin.id
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    entries = [
        (member, today - timedelta(days=3) + timedelta(hours=12), 2, 3, "Good day", "command"),
        (member, today - timedelta(days=2) + timedelta(hours=12), 8, 7, "=HYPERLINK(flare)", "command"),
        (member, today - timedelta(days=1) + timedelta(hours=10), 6, None, None, "routine"),
        (other, today - timedelta(days=1) + timedelta(hours=12), 9, 9, "someone else's note", "command"),
        (member, today - timedelta(days=40), 10, 10, "outside the window", "command"),
    ]
    for user_id, at, pain, fatigue, note, source in entries:
        live.execute(
            "INSERT INTO checkins (user_id, at, pain, fatigue, note, source) VALUES (?, ?, ?, ?, ?, ?)",
            (user_id, to_iso(at), pain, fatigue, note, source),
        )
    done = today - timedelta(days=1) + timedelta(hours=9)
    live.execute(
        "INSERT INTO routine_completions (user_id, session_id, routine_id, outcome, started_at, ended_at, "
        "steps_done, steps_total, seconds_spent) VALUES (?, NULL, ?, 'done', ?, ?, 5, 5, 300)",
        (member, ROUTINE, to_iso(done - timedelta(minutes=5)), to_iso(done)),
    )


@pytest.mark.parametrize("place", PLACES)
async def test_the_journal_has_a_summary_a_png_chart_and_a_csv_that_matches(
    live_bot: LiveBot, place: str
) -> None:
    now = datetime.now(UTC)
    seed_history(live_bot, now)
    await live_bot.checkin(place, "5", "6", "Today, with a comma")

    message = await live_bot.slash("journal", {"days": 7}, place=place)
    assert_private(message, place)
    text = message.text()
    assert "last 7 days" in text
    assert "4 check-ins and 1 routine" in text
    assert "Average **5.2** out of 10 · range 2–8 · recorded 4 times" in text  # (2+8+6+5)/4
    assert "Average **5.3** out of 10 · range 3–7 · recorded 3 times" in text  # fatigue (3+7+6)/3
    assert "Best: **" in text and "(pain 2.0)" in text and "(pain 8.0)" in text
    assert "1 routine: 1 finished" in text
    assert "someone else" not in text

    files = {a.filename: a for a in message.attachments}
    assert set(files) == {"journal-chart.png", "journal.csv"}
    assert message.embeds[0]["image"]["url"] == "attachment://journal-chart.png"

    png = files["journal-chart.png"].data
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG" and image.size == (1200, 600)
        image.verify()

    rows = list(csv.DictReader(io.StringIO(files["journal.csv"].data.decode("utf-8"))))
    checkins = [r for r in rows if r["kind"] == "checkin"]
    stored = live_bot.dict_rows(
        "SELECT at, pain, fatigue, note, source FROM checkins WHERE user_id = ? AND at > ? ORDER BY at",
        (live_bot.place.member.id, to_iso(now - timedelta(days=7))),
    )
    assert len(checkins) == len(stored) == 4
    for line, row in zip(checkins, stored, strict=True):
        at = datetime.fromisoformat(row["at"])
        assert line["date"] == at.date().isoformat() and line["time_utc"] == at.strftime("%H:%M")
        assert line["pain"] == str(row["pain"])
        assert line["fatigue"] == ("" if row["fatigue"] is None else str(row["fatigue"]))
        expected_note = row["note"] or ""
        if expected_note.startswith("="):
            expected_note = "'" + expected_note  # a note never runs as a spreadsheet formula
        assert line["note"] == expected_note and line["source"] == row["source"]
    [routine] = [r for r in rows if r["kind"] == "routine"]
    assert (routine["routine_id"], routine["outcome"], routine["steps_done"]) == (ROUTINE, "done", "5")

    # Without `days`, thirty days: the 40-day-old entry stays out either way.
    default = await live_bot.slash("journal", place=place)
    assert "last 30 days" in default.text() and "outside the window" not in default.text()
    nothing_public(live_bot)


# --------------------------------------------------------------------------- /remind


def next_local(hh_mm: str, zone: str, after: datetime) -> datetime:
    hour, minute = map(int, hh_mm.split(":"))
    tz = ZoneInfo(zone)
    local = after.astimezone(tz)
    candidate = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if candidate <= local:
        candidate = (local + timedelta(days=1)).replace(hour=hour, minute=minute, second=0, microsecond=0)
    return candidate.astimezone(UTC)


@pytest.mark.parametrize("place", PLACES)
async def test_remind_set_show_and_off(live_bot: LiveBot, place: str) -> None:
    emu, member = live_bot.emu, live_bot.place.member
    choices = await emu.autocomplete(
        "remind",
        {"time": "7:30 pm", "timezone": "new york"},
        subcommand="set",
        focused="timezone",
        user=member,
        **live_bot.where(place),
    )
    assert choices and choices[0]["value"] == "America/New_York"
    assert choices[0]["name"].startswith("America/New_York (now ")

    set_at = datetime.now(UTC)
    handle = await live_bot.invoke(
        "remind",
        {"time": "7:30 pm", "timezone": "America/New_York", "routine": ROUTINE},
        subcommand="set",
        place=place,
    )
    reply = await handle.wait_message()
    assert_private(reply, place)
    assert "19:30 every day" in reply.content and "Eastern Time (New York) — it's" in reply.content
    assert ROUTINE_TITLE in reply.content and re.search(r"<t:\d+:f>", reply.content)
    [row] = live_bot.dict_rows("SELECT * FROM reminders")
    assert (row["user_id"], row["local_time"], row["timezone"], row["routine_id"], row["paused"]) == (
        member.id,
        "19:30",
        "America/New_York",
        ROUTINE,
        0,
    )
    assert abs(row["next_fire_at"] - next_local("19:30", "America/New_York", set_at).timestamp()) < 1
    if place == "guild":  # a hello by DM now, so a closed DM shows up today, not tomorrow
        hello = await emu.wait_for_dm(member)
        assert "daily stretch reminder will arrive" in hello.content
    else:  # already talking in the DM: no hello needed
        assert not [m for m in emu.dm_messages(member, from_bot_only=True) if "will arrive" in m.content]

    shown = await live_bot.slash("remind", subcommand="show", place=place)
    assert_private(shown, place)
    assert "19:30 every day" in shown.content and "**Next:**" in shown.content
    assert ROUTINE_TITLE in shown.content

    off = await live_bot.slash("remind", subcommand="off", place=place)
    assert_private(off, place)
    assert "reminder is **off**" in off.content
    assert live_bot.dict_rows("SELECT * FROM reminders") == []
    again = await live_bot.slash("remind", subcommand="show", place=place)
    assert "You have no daily reminder" in again.content

    # The "Turn off" button asks first, then does the same as /remind off.
    await live_bot.slash("remind", {"time": "06:00", "timezone": "UTC"}, subcommand="set", place=place)
    shown = await live_bot.slash("remind", subcommand="show", place=place)
    confirm = await live_bot.press(shown, "Turn off")
    assert "Stop your daily stretch reminder?" in confirm.content
    assert len(live_bot.dict_rows("SELECT * FROM reminders")) == 1  # one tap erased nothing
    stopped = await live_bot.press(confirm, "Yes, stop it")
    assert "reminder is **off**" in stopped.content
    assert live_bot.dict_rows("SELECT * FROM reminders") == []
    nothing_public(live_bot)


@pytest.mark.parametrize("place", PLACES)
async def test_remind_set_explains_a_bad_time_or_zone_kindly(live_bot: LiveBot, place: str) -> None:
    bad_time = await live_bot.slash(
        "remind", {"time": "25:00", "timezone": "UTC"}, subcommand="set", place=place
    )
    assert bad_time.ephemeral and "Hours go from 0 to 23" in bad_time.content
    no_meridiem = await live_bot.slash(
        "remind", {"time": "7", "timezone": "UTC"}, subcommand="set", place=place
    )
    assert "morning or the evening" in no_meridiem.content
    bad_zone = await live_bot.slash(
        "remind", {"time": "07:30", "timezone": "Narnia/Cair"}, subcommand="set", place=place
    )
    assert bad_zone.ephemeral and "I don't know the time zone" in bad_zone.content
    assert live_bot.dict_rows("SELECT * FROM reminders") == []
    # A city typed without picking from the list is understood when it is unambiguous.
    typed = await live_bot.slash(
        "remind", {"time": "07:30", "timezone": "london"}, subcommand="set", place=place
    )
    assert "UK time (London) — it's" in typed.content


async def test_a_reminder_missed_while_the_bot_was_down_is_sent_once_with_a_start_button(
    live_bot: LiveBot,
) -> None:
    emu, member, admin = live_bot.emu, live_bot.place.member, live_bot.place.admin
    soon = (datetime.now(UTC) + timedelta(hours=3)).strftime("%H:%M")
    for user in (member, admin):
        await live_bot.slash(
            "remind",
            {"time": soon, "timezone": "UTC", "routine": ROUTINE},
            subcommand="set",
            user=user,
        )
    hello = await emu.wait_for_dm(member)
    await emu.wait_for_dm(admin)

    assert await live_bot.bot.stop() == 0
    now = time.time()
    # While the bot was down, the member's reminder came due 10 minutes ago, the admin's 2 hours ago.
    live_bot.execute("UPDATE reminders SET next_fire_at = ? WHERE user_id = ?", (now - 600, member.id))
    live_bot.execute("UPDATE reminders SET next_fire_at = ? WHERE user_id = ?", (now - 7200, admin.id))
    await live_bot.start()

    reminder = await emu.wait_for_dm(member, after=hello, timeout=10)
    assert "Time for your daily stretch" in reminder.content
    start = reminder.find_button(f"Start: {ROUTINE_TITLE}")
    assert start.custom_id == f"lc:rtstart:{ROUTINE}"
    assert reminder.find_button("Stop") and reminder.find_button("Snooze 1 hour")

    sent = "SELECT 1 FROM reminders WHERE user_id = ? AND last_sent_at IS NOT NULL"
    await emu.wait_until(lambda: live_bot.dict_rows(sent, (member.id,)), 5, "the send to be recorded")
    rows = {r["user_id"]: r for r in live_bot.dict_rows("SELECT * FROM reminders")}
    assert rows[member.id]["last_sent_at"] is not None and rows[member.id]["next_fire_at"] > now
    assert rows[admin.id]["last_sent_at"] is None and rows[admin.id]["next_fire_at"] > now  # skipped
    assert len(emu.dm_messages(admin, from_bot_only=True)) == 1  # only the hello

    started = await (await emu.click(reminder, start, user=member)).wait_message()
    assert ROUTINE_TITLE in started.text()

    # A second restart does not send it again.
    dms_before = len(emu.dm_messages(member, from_bot_only=True))
    await live_bot.restart(kill=False)
    await asyncio.sleep(0.5)  # re-armed timers that were due would have fired by now
    assert len(emu.dm_messages(member, from_bot_only=True)) == dms_before


async def test_when_dms_are_closed_the_reminder_pauses_and_the_person_is_told_next_time(
    live_bot: LiveBot,
) -> None:
    emu, person = live_bot.emu, live_bot.place.closed_dms
    soon = (datetime.now(UTC) + timedelta(hours=3)).strftime("%H:%M")
    handle = await live_bot.invoke("remind", {"time": soon, "timezone": "UTC"}, subcommand="set", user=person)
    reply = await handle.wait_message()
    assert "reminder is on" in reply.content
    [warning] = await handle.wait_followups(1)
    assert warning.ephemeral and "Discord would not let me" in warning.content

    assert await live_bot.bot.stop() == 0
    live_bot.execute("UPDATE reminders SET next_fire_at = ?", (time.time() - 60,))
    await live_bot.start()
    # The pause and the notice are two writes: wait for the second, the one the person will see.
    await emu.wait_until(
        lambda: (
            live_bot.dict_rows("SELECT 1 FROM reminders WHERE paused = 1")
            and live_bot.dict_rows("SELECT 1 FROM user_prefs WHERE notice_pending IS NOT NULL")
        ),
        10,
        "the reminder to pause and the notice to be left",
    )
    [row] = live_bot.dict_rows("SELECT * FROM reminders")
    assert row["paused_reason"] == "dm_blocked"
    [prefs] = live_bot.dict_rows("SELECT notice_pending FROM user_prefs")
    assert prefs["notice_pending"] == DM_BLOCKED_NOTICE

    # The next time they use any command, they are told — once.
    handle = await live_bot.invoke("remind", subcommand="show", user=person)
    shown = await handle.wait_message()
    assert "Paused: Discord would not let me send you a direct message" in shown.content
    [notice] = await handle.wait_followups(1)
    assert notice.ephemeral and notice.content == DM_BLOCKED_NOTICE
    later = await live_bot.invoke("journal", user=person)
    await later.wait_message()
    assert later.followups == []
    assert live_bot.dict_rows("SELECT notice_pending FROM user_prefs") == [{"notice_pending": None}]
    forget_expected_refusals(live_bot, 50007, 2)  # the hello at set time, then the reminder itself


# --------------------------------------------------------------------------- /privacy


@pytest.mark.parametrize("place", PLACES)
async def test_privacy_export_sends_a_json_file_of_everything(live_bot: LiveBot, place: str) -> None:
    await live_bot.checkin(place, "3", "4", "export me")
    await live_bot.checkin("guild", "9", "9", "not mine", user=live_bot.place.admin)
    message = await live_bot.slash("privacy", subcommand="export", place=place)
    assert_private(message, place)
    assert "everything I hold about you" in message.content and "1 check-in" in message.content
    [file] = message.attachments
    assert file.filename.startswith("lupus-companion-my-data-") and file.filename.endswith(".json")
    data = json.loads(file.data)
    assert data["format"] == "lupus-companion-export" and data["user_id"] == live_bot.place.member.id
    assert [(c["pain"], c["fatigue"], c["note"]) for c in data["tables"]["checkins"]] == [(3, 4, "export me")]
    assert "not mine" not in file.data.decode()
    nothing_public(live_bot)


def user_tables(live: LiveBot) -> list[str]:
    return live.user_tables()


def every_table(live: LiveBot) -> dict[str, list[dict[str, Any]]]:
    found = {}
    for name in live.tables():
        columns = live.columns(name)
        order = ", ".join(f'"{c["name"]}"' for c in ([c for c in columns if c["pk"]] or columns))
        found[name] = live.dict_rows(f'SELECT * FROM "{name}" ORDER BY {order}')
    return found


def mentions(live: LiveBot, user_id: int) -> list[str]:
    """Every table.column anywhere in the schema that still holds the id (as a number or in text)."""
    found = []
    for table, rows in every_table(live).items():
        for row in rows:
            for column, value in row.items():
                if value == user_id or str(user_id) in str(value):
                    found.append(f"{table}.{column}")
    return found


def seed_empty_tables(live: LiveBot, users: list[int]) -> None:
    """A row in any user-owned table the commands did not reach (e.g. the moderators' audit log)."""
    for table in user_tables(live):
        for user_id in users:
            if live.dict_rows(f'SELECT 1 FROM "{table}" WHERE user_id = ?', (user_id,)):
                continue
            names, values = [], []
            for column in live.columns(table):
                kind = column["type"]
                if column["name"] == "user_id":
                    value: Any = user_id
                elif column["pk"] and "INT" in kind:
                    continue
                elif "INT" in kind:
                    value = 1
                elif "REAL" in kind:
                    value = 1.5
                else:
                    value = f"{table}-{column['name']}"
                names.append(f'"{column["name"]}"')
                values.append(value)
            marks = ", ".join("?" for _ in values)
            live.execute(f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({marks})', tuple(values))


async def fill_through_the_commands(live: LiveBot, user: User) -> None:
    """Everything a person leaves behind by using the bot: check-ins, a reminder, a routine that hurt."""
    # Own symptoms and a flare; the guild check-in records a symptom level from the card.
    await live.slash("symptoms", {"name": "rash"}, subcommand="add", user=user)
    await live.slash("flare", {"note": f"flare note {user.username}"}, subcommand="start", user=user)
    card = await live.slash("checkin", user=user)
    [symptom] = [s.custom_id for s in card.selects() if s.custom_id.startswith("lc:ck:s:")]
    card = await (await live.emu.select(card, symptom, ["1"], user=user)).wait_message()
    form = await live.emu.click(card, card.find_button("Add a note"), user=user)
    await form.response()
    await (
        await live.emu.submit_modal(
            form, values={"pain": "5", "fatigue": "5", "note": f"guild note {user.username}", "doctor": True}
        )
    ).wait_message()
    if user.dms_open:
        await live.checkin("dm", "6", "4", f"dm note {user.username}", user=user)
    await live.slash("remind", {"time": "08:15", "timezone": "Europe/London"}, subcommand="set", user=user)
    await live.slash("remind", {"time": "20:00"}, subcommand="checkin", user=user)
    await live.slash("meds", {"name": f"med {user.username}", "times": "9:00"}, subcommand="add", user=user)
    [medicine] = live.dict_rows("SELECT id FROM medicines WHERE user_id = ?", (user.id,))
    await live.slash("meds", {"name": str(medicine["id"])}, subcommand="log", user=user)
    intro = await to_the_safety_ok(
        live.emu, await live.slash("stretch", {"routine": ROUTINE}, user=user), user
    )
    card = await live.press(intro, "I've read this — start", user=user)
    await live.press(card, "It hurts", user=user)
    outcomes = live.dict_rows("SELECT outcome FROM routine_completions WHERE user_id = ?", (user.id,))
    assert outcomes == [{"outcome": "hurt"}]


async def test_privacy_delete_erases_every_row_and_the_export_held_each_one(live_bot: LiveBot) -> None:
    emu, member, admin = live_bot.emu, live_bot.place.member, live_bot.place.admin
    for user in (member, admin):
        await fill_through_the_commands(live_bot, user)
    seed_empty_tables(live_bot, [member.id, admin.id])
    owned = user_tables(live_bot)
    before = every_table(live_bot)
    for table in owned:  # the member really has data in every user-owned table
        assert [r for r in before[table] if r["user_id"] == member.id], f"no {table} rows for the member"

    export = await live_bot.slash("privacy", subcommand="export")
    exported = json.loads(export.attachments[0].data)
    assert set(exported["tables"]) == set(owned)
    for table in owned:
        mine = [r for r in before[table] if r["user_id"] == member.id]
        key = "id" if "id" in (mine[0] if mine else {}) else "user_id"
        assert sorted(exported["tables"][table], key=lambda r: str(r[key])) == sorted(
            mine, key=lambda r: str(r[key])
        ), table

    confirm = await live_bot.slash("privacy", subcommand="delete")
    assert confirm.ephemeral and "Erase everything I hold about you?" in confirm.text()
    buttons = {b.label: b.custom_id for b in confirm.buttons()}
    assert buttons == {
        "Yes, erase everything": f"lc:privacy:delete:{member.id}",
        "Cancel": f"lc:privacy:cancel:{member.id}",
    }
    cancelled = await live_bot.press(confirm, "Cancel")
    assert "Nothing was erased" in cancelled.content
    assert every_table(live_bot) == before

    confirm = await live_bot.slash("privacy", subcommand="delete", place="dm")
    done = await live_bot.press(confirm, "Yes, erase everything")
    assert "I erased everything I held about you" in done.content
    assert "2 check-ins" in done.content and "1 reminder" in done.content

    assert mentions(live_bot, member.id) == []
    after = every_table(live_bot)
    for table, rows in before.items():  # everyone else's rows are untouched
        # (a moderator-log row of theirs stays, under a pseudonym: a negative id, see PRIVACY.md)
        kept = [r for r in after[table] if (r.get("user_id") or 0) >= 0]
        if table == "kv":
            kept = [r for r in kept if r["key"] != "pseudonym_secret"]
        assert kept == [r for r in rows if r.get("user_id") != member.id], table
    for table in owned:  # and the export had exactly what was erased (or kept under a pseudonym)
        erased = [r for r in before[table] if r["user_id"] == member.id]
        assert len(exported["tables"][table]) == len(erased)

    again = await live_bot.slash("privacy", subcommand="export")
    assert "I hold nothing about you" in again.content
    assert emu.dm_messages(member, from_bot_only=True)  # the DM history itself is Discord's, not ours


async def test_only_the_person_who_asked_can_press_erase(live_bot: LiveBot) -> None:
    emu, place = live_bot.emu, live_bot.place
    await live_bot.checkin("guild", "4", "4", "keep me")
    confirm = await live_bot.slash("privacy", subcommand="delete")
    # An ephemeral message can't be seen by others; put its buttons where another member can press them.
    copy = StoredMessage(
        id=emu.state.next_id(),
        channel_id=place.general.id,
        guild_id=place.guild.id,
        author=emu.bot_user,
        embeds=confirm.embeds,
        components=confirm.components,
    )
    emu.state.store_message(copy)
    for label in ("Yes, erase everything", "Cancel"):
        answer = await (
            await emu.click(copy.id, Message(copy).find_button(label), user=place.admin)
        ).wait_message()
        assert answer.ephemeral and "belongs to someone else" in answer.content
    assert len(live_bot.dict_rows("SELECT * FROM checkins WHERE user_id = ?", (place.member.id,))) == 1
    done = await live_bot.press(confirm, "Yes, erase everything")
    assert "1 check-in" in done.content
    assert live_bot.dict_rows("SELECT * FROM checkins") == []


# --------------------------------------------------------------------------- logs


async def test_health_data_never_reaches_the_logs_even_at_debug(debug_bot: LiveBot) -> None:
    live = debug_bot
    note = "zebra-lantern-4471 flare note"
    wrong = await live.checkin("guild", "99", "３", note)  # full-width 3, as some phone keyboards type
    reopened = await live.click(wrong, "Fix my check-in")
    await reopened.response()
    saved = await (await live.emu.submit_modal(reopened, values={"pain": "10/10"})).wait_message()
    assert "Pain **10**/10 · Fatigue **3**/10" in saved.content
    journal = await live.slash("journal")
    assert {a.filename for a in journal.attachments} == {"journal-chart.png", "journal.csv"}
    csv_text = journal.attachments[1].data.decode()
    assert note in csv_text
    await live.slash("privacy", subcommand="export")
    confirm = await live.slash("privacy", subcommand="delete")
    await live.press(confirm, "Yes, erase everything")
    await live.bot.stop()

    logs = re.sub(r"\x1b\[[0-9;]*m", "", live.logs())  # without the terminal colours
    assert " DEBUG " in logs and "WebSocket Event" in logs  # DEBUG really was on …
    assert "payload redacted" in logs  # … and payloads were there to hide
    for secret in (
        note,
        "zebra-lantern",
        "10/10",
        "３",
        "\\uff13",
        "Pain **10**",
        "Fatigue **3**",
        '"pain": 10',
        "'pain': 10",
        ",10,3,",
        '"value": "99"',
        "'value': '99'",
    ):
        assert secret not in logs, f"the bot logged {secret!r}"
