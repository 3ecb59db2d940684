"""Two bot processes, one per shard, one shared database: the way a big community runs the bot.

The emulator runs two shards, with a server on each; process 0 serves shard 0 (that server and
every DM) and process 1 serves shard 1; both use one PostgreSQL database (DATABASE_URL). Each
answers only for its own shard (its /admin status says which shard it serves, and the emulator
says which session got each interaction); what one saves the other reads; only process 0
registers the commands and tells the moderators about a content change both reloaded; a process
whose shard count differs from the others' is refused by Discord and exits 2 with a clear message.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.e2e_support import REPLY_WITHIN, LiveBot, live_bot_for, open_checkin_form
from tests.emulator import Community, InteractionHandle, Message

SHARD_0 = {"SHARD_COUNT": "2", "SHARD_IDS": "0"}
SHARD_1 = {"SHARD_COUNT": "2", "SHARD_IDS": "1"}


async def two_processes(tmp_path: Path, url: str, *, watch: bool) -> AsyncIterator[tuple[LiveBot, Community]]:
    """The emulator on 2 shards, the community's server on shard 0 and a second server (the same
    people) on shard 1; both processes started, shard 0's first, on one PostgreSQL database.
    The second server is returned."""
    env = {"DATABASE_URL": url}
    async for live in live_bot_for(tmp_path, emulator_options={"shards": 2}, env=env, start=False):
        live.write_config(
            admins__user_ids=[live.place.admin.id],  # an operator: /admin works in DMs
            admins__log_channel_id=live.place.general.id,
            content__watch=watch,
        )
        second = live.emu.another_server(live.place, "Second Server", shard=1)
        await live.start(env=SHARD_0)
        await live.start(env=SHARD_1)
        yield live, second


@pytest.fixture(name="sharded")
async def sharded_fixture(
    tmp_path: Path, fresh_postgres_url: str
) -> AsyncIterator[tuple[LiveBot, Community]]:
    async for pair in two_processes(tmp_path, fresh_postgres_url, watch=True):
        yield pair


@pytest.fixture(name="sharded_unwatched")
async def sharded_unwatched_fixture(
    tmp_path: Path, fresh_postgres_url: str
) -> AsyncIterator[tuple[LiveBot, Community]]:
    """As ``sharded``, but no process watches the content folder: only ``/admin reload`` reloads."""
    async for pair in two_processes(tmp_path, fresh_postgres_url, watch=False):
        yield pair


async def answered(handle: InteractionHandle) -> tuple[int | None, Message]:
    """The shard that got the interaction, and what the person saw."""
    return handle.shard, await handle.wait_message(timeout=REPLY_WITHIN)


async def test_each_process_answers_its_own_shard_and_they_share_one_database(
    sharded: tuple[LiveBot, Community],
) -> None:
    live, second = sharded
    emu, place = live.emu, live.place
    zero, one = live.processes
    assert sorted(s.shard for s in emu.sessions) == [(0, 2), (1, 2)]

    # Each process answers only for its own shard, and says so.
    for where, shard in ((place, 0), (second, 1)):
        handle = await live.invoke("admin", user=place.admin, subcommand="status", guild=where.guild)
        got, status = await answered(handle)
        bot = next(f["value"] for f in status.embeds[0]["fields"] if f["name"] == "Bot")
        assert got == shard and f"This process serves shard {shard} (" in bot and "of 2" in bot
    got, status = await answered(
        await live.invoke("admin", user=place.admin, subcommand="status", place="dm")
    )
    assert got == 0 and "This process serves shard 0 (" in str(status.embeds[0]["fields"])

    # A plain DM reaches shard 0's process only: one answer, not two.
    sent = await emu.send_dm(place.member, "hi")
    await emu.wait_for_dm(place.member, after=sent, timeout=REPLY_WITHIN)
    await asyncio.sleep(0.5)
    assert len([m for m in emu.dm_messages(place.member, from_bot_only=True) if m.id > sent.id]) == 1

    # A check-in saved through process 1 (the second server) is in /journal through process 0.
    form = await open_checkin_form(emu, place.member, guild=second.guild)
    assert form.shard == 1
    submitted = await emu.submit_modal(form, values={"pain": "7", "fatigue": "3", "note": "via shard one"})
    assert submitted.shard == 1
    await submitted.wait_message(timeout=REPLY_WITHIN)
    for where in ({"guild": place.guild}, {"dm": True}):
        handle = await emu.slash("journal", {}, user=place.member, **where)  # type: ignore[arg-type]
        got, journal = await answered(handle)
        assert got == 0 and "1 check-in" in journal.text(), journal.text()

    # The command tree was registered once, by process 0; process 1 left it alone.
    assert len(emu.state.command_writes) == 1 and emu.state.command_writes[0][0] < one.started_at
    assert "commands synced" in zero.logs() and "left to the process serving shard 0" in one.logs()
    assert not (live.root / "data").exists()  # nobody fell back to a SQLite file
    for process, shard in ((zero, 0), (one, 1)):  # on_ready comes 2 s after the last server arrived
        said = f"on shards {shard} of 2"
        await emu.wait_until(lambda: said in process.logs(), 10, said)  # noqa: B023
    for process in (zero, one):
        assert "Traceback" not in process.logs() and "ERROR" not in process.logs()


async def test_a_process_with_another_shard_count_is_refused_and_exits_2(
    sharded: tuple[LiveBot, Community],
) -> None:
    live, _ = sharded
    odd = await live.start(env={"SHARD_COUNT": "3", "SHARD_IDS": "2"}, wait=False)
    assert await odd.wait(timeout=30) == 2
    assert "close code 4010" in odd.logs() and "Traceback" not in odd.logs()
    assert sorted(s.shard for s in live.emu.sessions if s.connected) == [(0, 2), (1, 2)]


async def test_both_reload_a_changed_file_and_the_moderators_hear_it_once(
    sharded: tuple[LiveBot, Community],
) -> None:
    live, second = sharded
    emu, place = live.emu, live.place
    for process in live.processes:
        await emu.wait_until(lambda: "content watch in place" in process.logs(), 10, "the watch")  # noqa: B023
    path = live.content / "articles" / "pacing-and-fatigue.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Pacing your energy", "title: Pacing, changed on disk", 1))
    posted = await emu.wait_for_message(channel=place.general, predicate=lambda m: "reloaded" in m.text())
    assert "Content changed on disk and was reloaded" in posted.text()
    for where in (place, second):
        handle = await emu.slash(
            "read", {"article": "pacing-and-fatigue"}, user=place.member, guild=where.guild
        )
        assert "Pacing, changed on disk" in (await handle.wait_message(timeout=REPLY_WITHIN)).text()
    await asyncio.sleep(1.0)  # the other process reloaded too; it must not post a second time
    assert [m.id for m in emu.channel_messages(place.general)] == [posted.id]
    assert all("content reload by" in p.logs() for p in live.processes)


async def test_admin_reload_on_one_process_reloads_the_other_through_postgres(
    sharded_unwatched: tuple[LiveBot, Community],
) -> None:
    live, second = sharded_unwatched
    emu, place = live.emu, live.place
    zero, one = live.processes
    path = live.content / "articles" / "pacing-and-fatigue.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Pacing your energy", "title: Pacing, reloaded by hand", 1))
    # Nobody watches the folder: process 0 still serves the old title.
    before = await emu.slash("read", {"article": "pacing-and-fatigue"}, user=place.member, guild=place.guild)
    assert "Pacing your energy" in (await before.wait_message(timeout=REPLY_WITHIN)).text()

    # A moderator reloads in the second server, served by process 1 ...
    handle = await live.invoke("admin", user=place.admin, subcommand="reload", guild=second.guild)
    got, _ = await answered(handle)
    assert got == 1
    # ... and process 0 hears it through LISTEN/NOTIFY and reloads its own copy.
    await emu.wait_until(
        lambda: "content reloaded after another process did" in zero.logs(), 10, "the notify"
    )
    after = await emu.slash("read", {"article": "pacing-and-fatigue"}, user=place.member, guild=place.guild)
    got_after, shown = await answered(after)
    assert got_after == 0 and "Pacing, reloaded by hand" in shown.text()
    assert "content reloaded after another process did" not in one.logs()  # no echo to itself
