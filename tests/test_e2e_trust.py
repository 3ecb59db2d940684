"""Trust, end to end: the nine findings of an attacker's and a careless operator's afternoon.

Each test drives the real bot process through the local Discord emulator and
checks one finding: who may moderate, what the log can unlock, a moderator log
that holds, nothing a member typed in public, exactly-once answers and stale
cards, a damaged database and its backups, content that stays in its folder,
and fair use. Every test ends with no emulator violations.
"""

from __future__ import annotations

import asyncio
import copy
import io
import json
import random
import re
import sqlite3
import string
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.storage.backup import FIRST_BACKUP_ENV, backups_in
from bot.storage.timefmt import to_iso
from tests.e2e_support import (
    BOT_CMD,
    REPO,
    LiveBot,
    live_bot_for,
    to_the_safety_ok,
)
from tests.emulator import BotProcess, InteractionHandle, Message, User

pytestmark = [pytest.mark.timeout(180), pytest.mark.backends("sqlite", "postgres")]

REFUSED = "only for this community's moderators"
ROUTINE = "chair-bad-day"
JAN_1 = datetime(2026, 1, 1, tzinfo=UTC)


def noise(rng: random.Random) -> str:
    """A check-in note that does not compress (so the export really is big)."""
    return "".join(rng.choices(string.ascii_letters + string.digits, k=480))


# --------------------------------------------------------------------------- helpers


async def checkin(live: LiveBot, pain: str, note: str = "", *, user: User | None = None) -> Message:
    """A check-in in the server with fatigue 4 (these tests only care about pain and the note)."""
    return await live.checkin("guild", pain, "4", note, user)


def field(message: Message, name: str) -> str:
    return next(f["value"] for f in message.embeds[0]["fields"] if f["name"].startswith(name))


def run_cli(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "--config", str(config), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def damage(path: Path, table: str) -> None:
    """Overwrite the root page of ``table`` with garbage, as a bad disk or a stray write would."""
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xde\xad" * (page_size // 2))


# --------------------------------------------------------------------------- 1. who moderates


async def test_owning_another_server_does_not_make_anyone_a_moderator(live_bot: LiveBot) -> None:
    emu, p = live_bot.emu, live_bot.place
    await live_bot.admin("reload")  # a real moderator, in the community's server
    stranger = emu.create_user("stranger", global_name="Stranger")
    their_server = emu.create_guild("Stranger's place", owner=stranger)  # the bot is invited there

    for subcommand in ("status", "reload"):
        answer = await live_bot.admin(subcommand, user=stranger, guild=their_server)
        assert answer.ephemeral and REFUSED in answer.text(), answer.text()
        assert "Bot status" not in answer.text() and str(p.guild.id) not in answer.text()
    logs = live_bot.bot.logs()
    assert f"refused /admin status for user {stranger.id}" in logs
    assert f"content reload by {stranger.id}" not in logs

    # The community's own view lists its reload; the stranger's attempts are not its business.
    status = await live_bot.admin("status")
    assert f"<@{p.admin.id}>: reload **ok**" in field(status, "Last reload")
    assert str(stranger.id) not in status.text() and "server ·" not in field(status, "Bot")


async def test_with_no_community_servers_only_listed_ids_moderate_and_start_up_warns(
    live_bot: LiveBot,
) -> None:
    p = live_bot.place
    live_bot.write_config(admins__guild_ids=[], admins__user_ids=[p.owner.id])
    await live_bot.restart()
    assert "admins.guild_ids is empty" in live_bot.bot.logs()
    refused = await live_bot.admin("status")  # the Admin role no longer counts anywhere
    assert REFUSED in refused.text()
    by_id = await live_bot.admin("status", user=p.owner, place="dm")
    assert "Bot status" in by_id.text() and "1 server" in field(by_id, "Bot")


# --------------------------------------------------------------------------- 2. logs


def every_command(live: LiveBot) -> set[tuple[str, str | None]]:
    """``(command, subcommand)`` for every command the bot registered."""
    found: set[tuple[str, str | None]] = set()
    for command in live.emu.commands():
        subs = [o["name"] for o in command.get("options") or [] if o.get("type") == 1]
        found |= {(command["name"], sub) for sub in subs} if subs else {(command["name"], None)}
    return found


class Recorder:
    """Runs commands like :meth:`LiveBot.slash` and notes which ran."""

    def __init__(self, live: LiveBot, ran: set[tuple[str, str | None]]) -> None:
        self.live, self.ran = live, ran

    async def __call__(self, name: str, options: dict[str, Any] | None = None, **kw: Any) -> Message:
        self.ran.add((name, kw.get("subcommand")))
        if name == "admin":
            return await self.live.admin(kw.pop("subcommand"), **kw)
        return await self.live.slash(name, options, **kw)


async def test_a_debug_log_holds_no_token_url_or_member_text(tmp_path: Path) -> None:
    note = "marigold-teapot-8812 knees"
    query = "quokka umbrella 5521"
    dm_text = "lantern otter 3391 hello"
    plan_text = "willow compass 7719 call my sister"
    symptom, flare_note, question = "saffron rash", "cobalt flare 2290", "heron question 5150"
    medicine, dose = "zephyrin 7731", "3 drops of 4417"
    async for live in live_bot_for(tmp_path, logging__level="DEBUG"):
        emu, p = live.emu, live.place
        ran: set[tuple[str, str | None]] = set()
        run = Recorder(live, ran)
        await run("help")
        await run("library")
        await run("read", {"article": "pacing-and-fatigue"})
        await run("search", {"query": query})
        await run("resources", {"topic": "crisis", "region": "UK"})
        care = await run("resources", {"topic": "care-team", "region": "US"})
        ask = await live.press(care, "Share in channel")  # crisis lines are never shared
        await live.press(ask, "Post it")
        ran.add(("checkin", None))
        saved = await checkin(live, "7", note)
        assert "Pain **7**/10" in saved.text()
        journal = await run("journal")
        assert note in journal.attachments[-1].data.decode()
        await run("remind", {"time": "08:15", "timezone": "Europe/London"}, subcommand="set")
        await run("remind", subcommand="show")
        # Tracking: own symptoms, a flare, medicines, the check-in reminder and the doctor's page.
        await run("symptoms", {"name": symptom}, subcommand="add")
        await run("symptoms", subcommand="list")
        await run("flare", {"note": flare_note}, subcommand="start")
        await run("flare", {"note": flare_note}, subcommand="end")
        await run("meds", {"name": medicine, "times": "9:00", "dose": dose}, subcommand="add")
        await run("meds", subcommand="list")
        await run("meds", {"name": medicine}, subcommand="log")
        await run("remind", {"time": "20:00"}, subcommand="checkin")
        ran.add(("report", None))
        questions = await emu.slash("report", {"questions": "edit"}, user=p.member, guild=p.guild)
        await questions.response()
        await (await emu.submit_modal(questions, values={"questions": question})).wait_message()
        page = await run("report", {"days": 30})
        assert page.attachments and page.attachments[0].filename.endswith(".pdf")
        await run("meds", {"name": medicine}, subcommand="remove")
        await run("symptoms", {"name": symptom}, subcommand="remove")
        intro = await to_the_safety_ok(emu, await run("stretch", {"routine": ROUTINE}), p.member)
        card = await live.press(intro, "I've read this — start")
        await live.press(card, "It hurts")
        plan = await run("safety-plan")
        form = await emu.click(plan, plan.find_button("Write my plan"), user=p.member)
        await form.response()
        assert form.modal is not None
        first_field = form.modal.inputs()[0].custom_id
        await (await emu.submit_modal(form, values={first_field: plan_text})).wait_message()
        await run("admin", subcommand="status")
        await run("admin", subcommand="reload")
        await emu.send_dm(p.member, dm_text)
        await emu.wait_for_dm(p.member)
        export = await run("privacy", subcommand="export")
        assert (
            note in export.attachments[0].data.decode() and plan_text in export.attachments[0].data.decode()
        )
        await run("remind", subcommand="off")
        confirm = await run("privacy", subcommand="delete")
        await live.press(confirm, "Yes, erase everything")
        assert ran >= every_command(live), f"not run at DEBUG: {every_command(live) - ran}"
        tokens = list(emu.state.interactions_by_token)
        await live.bot.stop()

        logs = re.sub(r"\x1b\[[0-9;]*m", "", live.logs())  # without the terminal colours
        assert " DEBUG " in logs and "WebSocket Event" in logs and "/callback" in logs
        assert len(tokens) >= 20
        for token in tokens:
            assert token not in logs and token[:40] not in logs, "an interaction token is in the log"
        assert emu.token not in logs, "the bot token is in the log"
        assert f"/webhooks/{emu.application_id}/" not in logs, "a webhook URL is in the log"
        assert not re.search(r"/interactions/\d+/(?!<token>)[^/\s]+/callback", logs)
        for text in (
            note,
            "marigold",
            query,
            "quokka",
            dm_text,
            "lantern otter",
            plan_text,
            "willow compass",
            "Pain **7**",
            "'pain': 7",
            symptom,
            flare_note,
            question,
            medicine,
            dose,
        ):
            assert text not in logs, f"the log holds {text!r}"


# --------------------------------------------------------------------------- 3. moderator log


async def test_the_moderator_log_survives_a_refusal_flood_and_a_privacy_delete(live_bot: LiveBot) -> None:
    emu, p = live_bot.emu, live_bot.place
    live_bot.write_config(admins__user_ids=[p.owner.id])
    await live_bot.restart()
    reload = await live_bot.admin("reload")
    assert "Content checked" in reload.text()
    for _ in range(55):
        refused = await live_bot.admin("status", user=p.member, place="dm")
        assert REFUSED in refused.text()

    operator = await live_bot.admin("status", user=p.owner, place="dm")
    assert f"<@{p.admin.id}>: reload **ok**" in field(operator, "Last reload")
    assert f"<@{p.admin.id}>: reload **ok**" in field(operator, "Last 5 admin actions")
    refusals = field(operator, "Refused /admin")
    assert refusals.startswith("55 attempts by non-moderators"), refusals
    samples = live_bot.rows("SELECT COUNT(*) FROM audit_log WHERE action = 'admin.refused'")
    assert samples == [(2,)], "refusals are sampled, not stored one row each"

    confirm = await live_bot.slash("privacy", subcommand="delete", user=p.admin)
    done = await live_bot.press(confirm, "Yes, erase everything", user=p.admin)
    assert "moderator log keeps 1 moderator action" in done.text()
    after = await live_bot.admin("status", user=p.owner, place="dm")
    last = field(after, "Last reload")
    assert "former moderator #" in last and "reload **ok**" in last and str(p.admin.id) not in after.text()
    for table, count in (
        (t, live_bot.rows(f'SELECT COUNT(*) FROM "{t}" WHERE user_id = ?', (p.admin.id,)))
        for t in live_bot.user_tables()
    ):
        assert count == [(0,)], table
    assert emu.violations == []


# --------------------------------------------------------------------------- 4. nothing typed in public


async def test_a_typed_region_is_refused_and_a_share_is_built_from_content_only(live_bot: LiveBot) -> None:
    typed = "<@carol> ||spoiler|| ~~x~~"
    answer = await live_bot.slash("resources", {"topic": "crisis", "region": typed})
    assert answer.ephemeral and "I don't have that place in my list" in answer.text()
    assert "carol" not in answer.text() and not answer.buttons()
    assert live_bot.bot_posts() == []

    # Crisis lines are never shared; a care-team page is, built from content and a known code.
    us = await live_bot.slash("resources", {"topic": "care-team", "region": "united states"})
    ask = await live_bot.press(us, "Share in channel")
    await live_bot.press(ask, "Post it")
    await live_bot.emu.state.changes.wait_for(lambda: live_bot.bot_posts(), 5)
    [posted] = live_bot.bot_posts()
    text = posted.text()
    assert "Showing help for US" in text
    for piece in ("<@", "||", "~~", "carol", "united states"):
        assert piece not in text.lower()
    allowed = posted.raw.get("allowed_mentions")
    assert allowed is None or allowed.get("parse") == []


# --------------------------------------------------------------------------- 5. exactly once


async def walk_to_the_finish(live: LiveBot, card: Message) -> Message:
    for _ in range(80):
        if "Well done" in str(card.embeds[0].get("title", "")):
            return card
        label = "Finish" if any(b.label == "Finish" for b in card.buttons()) else "Next"
        card = await live.press(card, label)
    raise AssertionError("the routine never finished")


async def test_the_end_of_routine_pain_answer_is_stored_once(live_bot: LiveBot) -> None:
    emu, member = live_bot.emu, live_bot.place.member
    intro = await live_bot.slash("stretch", {"routine": ROUTINE}, place="dm")
    intro = await to_the_safety_ok(live_bot.emu, intro, live_bot.place.member, manual=True)
    card = await live_bot.press(intro, "I've read this — start")
    finish = await walk_to_the_finish(live_bot, card)
    buttons = {b.label: b for b in finish.buttons()}
    handles: list[InteractionHandle] = []
    for label in ("9", "9", "9", "2", "5"):  # quick taps on the same card, all in flight at once
        handles.append(await emu.click(finish, buttons[label], user=member))
    answers = [await h.wait_message(timeout=15) for h in handles]
    entries = live_bot.rows("SELECT pain, source FROM checkins WHERE user_id = ?", (member.id,))
    assert len(entries) == 1 and entries[0][1] == "routine", entries
    assert entries[0][0] in (9, 2, 5)
    assert any("Changed your answer for this routine" in a.text() for a in answers)


# --------------------------------------------------------------------------- 6. stale cards


def position(live: LiveBot) -> tuple[int, int, int]:
    [(state,)] = live.rows("SELECT state_json FROM routine_sessions")
    data = json.loads(state)
    return data["step_index"], data["side_index"], data["rep_index"]


async def test_a_press_on_an_older_card_shows_the_current_card_instead_of_acting(live_bot: LiveBot) -> None:
    emu = live_bot.emu
    intro = await live_bot.slash("stretch", {"routine": ROUTINE}, place="dm")
    intro = await to_the_safety_ok(live_bot.emu, intro, live_bot.place.member, manual=True)
    card = await live_bot.press(intro, "I've read this — start")
    # The card as the member's phone still shows it when the reply to the next press is lost.
    old = replace(card.stored, id=emu.state.next_id(), components=copy.deepcopy(card.components))
    emu.state.store_message(old)
    first = position(live_bot)

    await live_bot.press(card, "Next")
    moved = position(live_bot)
    assert moved != first
    answer = await (
        await emu.click(old.id, Message(old).find_button("Next"), user=live_bot.place.member)
    ).wait_message()
    assert position(live_bot) == moved, "a press on the older card must not move the routine again"
    assert answer.embeds[0]["title"] == card.embeds[0]["title"], "it answers with the current card"
    hurt = await (
        await emu.click(old.id, Message(old).find_button("It hurts"), user=live_bot.place.member)
    ).wait_message()
    assert live_bot.rows("SELECT status FROM routine_sessions") == [("hurt",)]
    assert hurt.embeds


# --------------------------------------------------------------------------- 7. integrity and backups


async def test_on_postgresql_status_works_and_backups_are_left_to_pg_dump(
    tmp_path: Path, postgres_url: str
) -> None:
    """No SQLite copy is attempted on PostgreSQL: one INFO line says to use pg_dump, and /admin status
    shows the database's size, a passing check and where backups come from; a kill -9 loses nothing."""
    backups = tmp_path / "data" / "backups"
    async for live in live_bot_for(tmp_path, postgres=postgres_url, env={FIRST_BACKUP_ENV: "0.2"}):
        live.write_config(admins__user_ids=[live.place.owner.id])
        await live.restart(kill=False)
        assert "PostgreSQL, schema version" in live.bot.logs()
        assert "no daily backup: the database is PostgreSQL" in live.bot.logs()
        await checkin(live, "6", "kept on the server")
        await live.restart()  # kill -9
        status = await live.admin("status", user=live.place.owner, place="dm")
        assert "Database " in field(status, "Bot")
        health = field(status, "Database health")
        assert "Integrity check: ok" in health and "pg_dump" in health
        assert not backups_in(backups)
        notes = live.rows("SELECT note FROM checkins WHERE user_id = ?", (live.place.member.id,))
        assert notes == [("kept on the server",)]


async def test_a_damaged_database_stops_start_up_and_a_checked_backup_restores_it(tmp_path: Path) -> None:
    backups = tmp_path / "data" / "backups"
    async for live in live_bot_for(tmp_path, env={FIRST_BACKUP_ENV: "60"}):
        await checkin(live, "6", "before the damage")
        # Only now the first backup, so it surely holds the check-in (restart with a short delay).
        assert not backups_in(backups)
        await live.bot.stop()
        live.env[FIRST_BACKUP_ENV] = "0.2"
        await live.start()
        await live.emu.wait_until(lambda: bool(backups_in(backups)), 15, "the first backup")
        status = await live.admin("status")
        health = field(status, "Database health")
        assert "Integrity check: ok" in health and "Last backup:" in health and "bot-" in health
        await live.bot.stop()

        damage(live.database, "checkins")
        broken = BotProcess(
            [*BOT_CMD, str(live.config_path)],
            cwd=REPO,
            emulator=live.emu,
            log_path=tmp_path / "damaged.log",
            env=live.env,
        )
        await broken.start()
        assert await broken.wait(timeout=30) == 3
        said = broken.logs()
        [backup] = backups_in(backups)
        assert "damaged" in said and f"restore {backup}" in said, "names the newest backup to restore"

        restored = await asyncio.to_thread(run_cli, live.config_path, "restore", str(backup))
        assert restored.returncode == 0, restored.stderr
        assert "Restored" in restored.stdout and "damaged-" in restored.stdout
        damaged = next(live.database.parent.glob("bot.sqlite3.damaged-*"))
        refused = await asyncio.to_thread(run_cli, live.config_path, "restore", str(damaged))
        assert refused.returncode == 1 and "not a usable backup" in refused.stderr

        await live.start()
        journal = await live.slash("journal")
        assert "before the damage" in journal.attachments[-1].data.decode()
        assert "Integrity check: ok" in field(await live.admin("status"), "Database health")


# --------------------------------------------------------------------------- 8. content folder


async def test_content_outside_the_folder_is_refused_unread(live_bot: LiveBot, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    article = (live_bot.content / "articles" / "pacing-and-fatigue.yaml").read_text(encoding="utf-8")
    (elsewhere / "stolen.yaml").write_text(
        article.replace("id: pacing-and-fatigue", "id: stolen-article"), encoding="utf-8"
    )
    secret = "ghp_" + "Q7x" * 12
    (elsewhere / "token.yaml").write_text(f"id: {secret}\ntitle: [\n", encoding="utf-8")

    (live_bot.content / "articles" / "stolen-article.yaml").symlink_to(elsewhere / "stolen.yaml")
    first = await live_bot.admin("reload")
    assert "Not reloaded" in first.text()
    assert re.search(r"articles/stolen-article\.yaml:1:1: outside the content folder", first.text())
    missing = await live_bot.slash("read", {"article": "stolen-article"})
    assert "couldn't find" in missing.text()

    (live_bot.content / "articles" / "leak.yaml").symlink_to(elsewhere / "token.yaml")
    (live_bot.content / "routines" / "linked").symlink_to(elsewhere, target_is_directory=True)
    second = await live_bot.admin("reload")
    assert re.search(r"articles/leak\.yaml:1:1: outside the content folder", second.text())
    assert secret[:12] not in second.text() and secret[:12] not in live_bot.logs()
    status = await live_bot.admin("status")
    assert secret[:12] not in status.text()


# --------------------------------------------------------------------------- 9. fair use


async def test_check_ins_are_limited_per_member_and_nothing_typed_is_lost(live_bot: LiveBot) -> None:
    p = live_bot.place
    answers = [await checkin(live_bot, "5", f"note {n}") for n in range(8)]
    assert sum("Pain **5**/10" in a.text() for a in answers) == 5
    slowed = answers[-1]
    assert slowed.ephemeral and "a lot of check-ins in a short time" in slowed.text()
    assert live_bot.rows("SELECT COUNT(*) FROM checkins") == [(5,)]
    other = await checkin(live_bot, "3", user=p.admin)  # someone else is not slowed down
    assert "Pain **3**/10" in other.text()


async def test_a_dm_flood_skips_menus_and_the_crisis_reply_is_not_delayed(live_bot: LiveBot) -> None:
    emu, member = live_bot.emu, live_bot.place.member
    for n in range(15):
        await emu.send_dm(member, f"hello {n}")
    await emu.wait_until(lambda: len(emu.dm_messages(member, from_bot_only=True)) >= 3, 10, "answers")
    crisis = await emu.send_dm(member, "some days I want to die")
    reply = await emu.wait_for_dm(member, after=crisis, timeout=5)
    assert "can't chat" not in reply.text(), "the crisis card comes first, not an ordinary answer"
    assert "help" in reply.text().lower()
    await asyncio.sleep(0.5)
    answers = [m for m in emu.dm_messages(member, from_bot_only=True) if m.id != reply.id]
    assert len(answers) == 3, "past the limit, answers are skipped, not queued"
    assert "rate limited" not in live_bot.logs().lower()


async def test_a_big_export_comes_zipped_in_numbered_pieces_and_says_so(tmp_path: Path) -> None:
    limit = 48 * 1024
    async for live in live_bot_for(tmp_path, emulator_options={"attachment_size_limit": limit}):
        member = live.place.member
        rng = random.Random(7)
        with sqlite3.connect(live.database) as conn:
            conn.executemany(
                "INSERT INTO checkins (user_id, at, pain, fatigue, note, source) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (member.id, to_iso(JAN_1 + timedelta(hours=n)), n % 11, 3, noise(rng), "command")
                    for n in range(400)
                ],
            )
        handle = await live.emu.slash("privacy", user=member, guild=live.place.guild, subcommand="export")
        first = await handle.wait_message(timeout=20)
        assert "numbered pieces" in first.text()
        count = int(re.search(r"\*\*(\d+) numbered pieces\*\*", first.text()).group(1))  # type: ignore[union-attr]
        assert count >= 2
        pieces = [first, *await handle.wait_followups(count - 1, timeout=20)]
        files = [a for m in pieces for a in m.attachments]
        assert [f.filename.rsplit(".", 1)[1] for f in files] == [f"{n:03d}" for n in range(1, count + 1)]
        assert all(len(f.data) <= limit for f in files)
        archive = zipfile.ZipFile(io.BytesIO(b"".join(f.data for f in files)))
        [name] = archive.namelist()
        exported = json.loads(archive.read(name))
        assert len(exported["tables"]["checkins"]) == 400
        for _ in range(2):
            await live.slash("privacy", subcommand="export")
        slowed = await live.slash("privacy", subcommand="export")
        assert "ask again in" in slowed.text()


async def test_a_very_full_journal_is_summarised_by_day(live_bot: LiveBot) -> None:
    member = live_bot.place.member
    now = datetime.now(UTC)
    live_bot.executemany(
        "INSERT INTO checkins (user_id, at, pain, fatigue, source) VALUES (?, ?, ?, ?, 'command')",
        [(member.id, to_iso(now - timedelta(minutes=20 * n)), n % 11, 4) for n in range(6_000)],
    )
    journal_handle = await live_bot.emu.slash(
        "journal", {"days": 365}, user=member, guild=live_bot.place.guild
    )
    help_page = await live_bot.slash("help", user=live_bot.place.admin)
    assert "/stretch" in help_page.text()
    journal = await journal_handle.wait_message(timeout=20)
    assert "6,000 check-ins" in journal.text() or "6000 check-ins" in journal.text()
    assert "one line per day" in journal.text()
    csv_text = journal.attachments[-1].data.decode()
    assert csv_text.startswith("date,check-ins,average pain") and len(csv_text.splitlines()) <= 90


async def test_after_a_reply_lost_to_server_errors_the_next_press_does_not_skip(live_bot: LiveBot) -> None:
    """Discord fails the reply to one Next three times (the card never changes); the database has
    moved on. The member presses Next again on the card they see: they get the current card."""
    emu = live_bot.emu
    intro = await live_bot.slash("stretch", {"routine": ROUTINE}, place="dm")
    intro = await to_the_safety_ok(live_bot.emu, intro, live_bot.place.member, manual=True)
    card = await live_bot.press(intro, "I've read this — start")
    first = position(live_bot)
    shown = card.embeds[0]["title"]
    emu.faults.add("POST /interactions/*/callback", status=500, times=3)
    lost = await emu.click(card, card.find_button("Next"), user=live_bot.place.member)
    await emu.wait_until(lambda: lost.failed, 15, "the reply to fail")
    moved = position(live_bot)
    assert moved != first and card.embeds[0]["title"] == shown, (
        "stored, but the card still shows the old step"
    )
    # discord.py's last retry lands after Discord's 3 s: refused as an unknown interaction.
    await emu.wait_until(lambda: any(v["kind"] == "rejected" for v in emu.violations), 15, "the late retry")
    await asyncio.sleep(0.5)
    assert {v["code"] for v in emu.violations} == {10062}, emu.violations
    emu.violations.clear()  # exactly the failed reply caused on purpose above

    answer = await (
        await emu.click(card, card.find_button("Next"), user=live_bot.place.member)
    ).wait_message()
    assert position(live_bot) == moved, "the press on the card that did not change must not move again"
    assert answer.embeds[0]["title"] != shown
