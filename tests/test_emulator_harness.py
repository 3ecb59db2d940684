"""The harness drives a real discord.py bot the way people would, and reports what Discord would.

One in-process bot exercises every interaction shape (defer + follow-up,
buttons, selects, modals, autocomplete, files, DMs); the bare baseline bot runs
as a real subprocess, as the product bot will.
"""

from __future__ import annotations

import asyncio
import io
import logging
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import discord
import pytest
from discord import app_commands

from tests.e2e_support import REPO as REPO_ROOT
from tests.emulator import (
    BARE_BOT_CMD,
    PING_REPLY,
    READY_MARKER,
    BotProcess,
    Community,
    Emulator,
    HarnessError,
    InteractionRejected,
    Perm,
    running,
)

ARTICLES = ["lupus-basics", "lupus-and-sleep", "joint-pain", "fatigue"]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


class Menu(discord.ui.View):
    def __init__(self) -> None:
        super().__init__(timeout=60)

    @discord.ui.button(label="Next", custom_id="menu:next", style=discord.ButtonStyle.primary)
    async def next_page(self, interaction: discord.Interaction, _: discord.ui.Button[Menu]) -> None:
        await interaction.response.edit_message(content="page 2", view=self)

    @discord.ui.button(label="Share in channel", custom_id="menu:share", style=discord.ButtonStyle.secondary)
    async def share(self, interaction: discord.Interaction, _: discord.ui.Button[Menu]) -> None:
        await interaction.response.defer()
        await interaction.followup.send("shared")

    @discord.ui.select(
        custom_id="menu:level",
        options=[
            discord.SelectOption(label="Gentle", value="gentle"),
            discord.SelectOption(label="Brisk", value="brisk"),
        ],
    )
    async def level(self, interaction: discord.Interaction, select: discord.ui.Select[Menu]) -> None:
        await interaction.response.send_message(f"level {select.values[0]}", ephemeral=True)


class Card(discord.ui.LayoutView):
    """Components V2: text in a container and a button row (how long articles may render)."""

    def __init__(self, section: int = 1) -> None:
        super().__init__(timeout=60)
        self.section = section
        self.add_item(
            discord.ui.Container(
                discord.ui.TextDisplay(f"## Lupus basics\nSection {section}"), accent_colour=0x5865F2
            )
        )
        button: discord.ui.Button[Card] = discord.ui.Button(label="Next section", custom_id="card:next")
        button.callback = self.next_section  # type: ignore[method-assign]
        self.add_item(discord.ui.ActionRow(button))

    async def next_section(self, interaction: discord.Interaction) -> None:
        await interaction.response.edit_message(view=Card(self.section + 1))


class DmMenu(discord.ui.View):
    @discord.ui.button(label="Help", custom_id="dm:help")
    async def help(self, interaction: discord.Interaction, _: discord.ui.Button[DmMenu]) -> None:
        await interaction.response.send_message("help is on the way")


class NoteModal(discord.ui.Modal, title="Check in"):
    note: discord.ui.TextInput[NoteModal] = discord.ui.TextInput(
        label="How are you?", custom_id="note", max_length=200
    )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"noted: {self.note.value}", ephemeral=True)


def make_bot(*, mentions: discord.AllowedMentions | None = None) -> discord.Client:
    """A bot with one command per interaction shape the product uses."""
    bot = discord.Client(
        intents=discord.Intents.default(), allowed_mentions=mentions or discord.AllowedMentions.none()
    )
    tree = app_commands.CommandTree(bot)

    @tree.command(name="ping", description="Check that the bot answers")
    @app_commands.allowed_installs(guilds=True, users=True)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    async def ping(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("pong")

    @tree.command(name="think", description="Defer, then answer")
    async def think(interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await asyncio.sleep(0)
        await interaction.followup.send("thought about it")

    @tree.command(name="menu", description="A message with components")
    async def menu(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("page 1", view=Menu(), ephemeral=True)

    @tree.command(name="checkin", description="Open a modal")
    async def checkin(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(NoteModal())

    @tree.command(name="read", description="Read an article")
    @app_commands.describe(article="Which article", size="Font size")
    async def read(interaction: discord.Interaction, article: str, size: int = 12) -> None:
        await interaction.response.send_message(f"{article} at {size}pt", ephemeral=True)

    @read.autocomplete("article")
    async def read_complete(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [
            app_commands.Choice(name=a.replace("-", " ").title(), value=a) for a in ARTICLES if current in a
        ]

    @tree.command(name="whois", description="Name a member")
    async def whois(interaction: discord.Interaction, person: discord.Member) -> None:
        await interaction.response.send_message(f"that is {person.name} <@{person.id}>")

    @tree.command(name="chart", description="Send a file")
    async def chart(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("your chart", file=discord.File(io.BytesIO(PNG), "chart.png"))

    @tree.command(name="card", description="A Components V2 message")
    async def card(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(view=Card(), ephemeral=True)

    @tree.command(name="upload", description="Read an attached file")
    async def upload(interaction: discord.Interaction, file: discord.Attachment) -> None:
        data = await file.read()
        await interaction.response.send_message(f"{file.filename}: {len(data)} bytes, {file.content_type}")

    @tree.command(name="slow", description="Too slow to answer")
    async def slow(interaction: discord.Interaction) -> None:
        await asyncio.sleep(0.3)
        try:
            await interaction.response.send_message("finally")
        except discord.NotFound:
            bot.late_errors.append("10062")  # type: ignore[attr-defined]

    @tree.command(name="silent", description="Never answers")
    async def silent(interaction: discord.Interaction) -> None:
        return None

    @tree.command(name="huge", description="An embed over the limit")
    async def huge(interaction: discord.Interaction) -> None:
        try:
            await interaction.response.send_message(embed=discord.Embed(description="x" * 4097))
        except discord.HTTPException as exc:
            bot.late_errors.append(str(exc))  # type: ignore[attr-defined]

    @tree.command(name="admin", description="Moderators only")
    @app_commands.default_permissions(manage_guild=True)
    async def admin(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("ok, admin", ephemeral=True)

    @bot.event
    async def on_message(message: discord.Message) -> None:
        if message.author.bot or message.guild is not None:
            return
        await message.channel.send(f"echo: {message.content}")
        await message.channel.send("Need anything?", view=DmMenu())

    async def setup_hook() -> None:
        await tree.sync()

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    bot.late_errors = []  # type: ignore[attr-defined]
    return bot


@pytest.fixture(autouse=True)
def library_logs_no_errors(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """discord.py must parse everything the emulator sends without logging an error."""
    caplog.set_level(logging.WARNING, logger="discord")
    yield
    errors = [r for r in caplog.records if r.name.startswith("discord") and r.levelno >= logging.ERROR]
    assert not errors, "\n".join(r.getMessage() for r in errors)


@pytest.fixture(name="bot")
async def bot_fixture(emulator: Emulator, community: Community) -> AsyncIterator[discord.Client]:
    async with running(make_bot(), emulator, wait_for_commands=True) as client:
        yield client


async def test_a_reply_and_a_clean_record(
    emulator: Emulator, community: Community, bot: discord.Client
) -> None:
    handle = await emulator.slash("ping", user=community.member, guild=community.guild)
    response = await handle.response()
    assert response.type == 4 and response.message is not None and not response.ephemeral
    assert (await handle.wait_message()).content == "pong"
    assert [m.content for m in emulator.channel_messages(community.general)] == ["pong"]
    payload = handle.payload
    assert payload["member"]["user"]["id"] == str(community.member.id) and "permissions" in payload["member"]
    assert payload["context"] == 0 and payload["authorizing_integration_owners"] == {
        "0": str(community.guild.id)
    }
    assert payload["data"]["id"] == next(c["id"] for c in emulator.commands() if c["name"] == "ping")
    emulator.assert_no_violations()


async def test_in_a_dm_the_interaction_carries_the_user(
    emulator: Emulator, community: Community, bot: discord.Client
) -> None:
    handle = await emulator.slash("ping", user=community.member, dm=True)
    assert "user" in handle.payload and "member" not in handle.payload and handle.payload["context"] == 1
    assert (await handle.wait_message()).content == "pong"
    handle = await emulator.slash("ping", user=community.outsider, private_channel=True)
    assert handle.payload["context"] == 2 and handle.payload["authorizing_integration_owners"] == {
        "1": str(community.outsider.id)
    }
    assert (await handle.wait_message()).content == "pong"
    with pytest.raises(HarnessError, match="user install"):
        await emulator.slash("menu", user=community.outsider, private_channel=True)
    emulator.assert_no_violations()


async def test_defer_then_follow_up_shows_the_edited_original(
    emulator: Emulator, community: Community, bot: discord.Client
) -> None:
    handle = await emulator.slash("think", user=community.member, guild=community.guild)
    assert (await handle.response()).type == 5
    message = await handle.wait_message()
    assert message.content == "thought about it" and message.ephemeral and not message.loading
    assert len(handle.messages) == 1 and emulator.unfinished_deferrals() == []
    emulator.assert_no_violations()


async def test_buttons_and_selects(emulator: Emulator, community: Community, bot: discord.Client) -> None:
    handle = await emulator.slash("menu", user=community.member, guild=community.guild)
    menu = await handle.wait_message()
    assert menu.ephemeral
    assert menu.buttons() == [("Next", "menu:next", 1, False), ("Share in channel", "menu:share", 2, False)]
    assert menu.find_button("share").custom_id == "menu:share"

    click = await emulator.click(menu, "menu:next")
    assert (await click.response()).type == 7
    assert (await click.wait_message()).id == menu.id and menu.content == "page 2"

    shared = await emulator.click(menu, menu.find_button("Share in channel"))
    assert (await shared.wait_message()).content == "shared"

    picked = await emulator.select(menu, "menu:level", ["brisk"])
    reply = await picked.wait_message()
    assert reply.content == "level brisk" and reply.ephemeral

    with pytest.raises(HarnessError, match="ephemeral"):
        await emulator.click(menu, "menu:next", user=community.admin)
    with pytest.raises(HarnessError, match="not all among"):
        await emulator.select(menu, "menu:level", ["fast"])
    emulator.assert_no_violations()


async def test_modal_round_trip(emulator: Emulator, community: Community, bot: discord.Client) -> None:
    handle = await emulator.slash("checkin", user=community.member, dm=True)
    assert (await handle.response()).type == 9
    assert handle.modal is not None and handle.modal.title == "Check in"
    assert [i.custom_id for i in handle.modal.inputs()] == ["note"]
    submitted = await emulator.submit_modal(handle, handle.modal.custom_id, {"note": "a bit sore"})
    assert (await submitted.wait_message()).content == "noted: a bit sore"
    with pytest.raises(HarnessError, match="at most 200"):
        await emulator.submit_modal(handle, None, {"note": "x" * 201})
    emulator.assert_no_violations()


async def test_autocomplete_and_typed_options(
    emulator: Emulator, community: Community, bot: discord.Client
) -> None:
    choices = await emulator.autocomplete(
        "read", {"article": "lupus"}, focused="article", user=community.member, guild=community.guild
    )
    assert choices == [
        {"name": "Lupus Basics", "value": "lupus-basics"},
        {"name": "Lupus And Sleep", "value": "lupus-and-sleep"},
    ]
    handle = await emulator.slash("read", {"article": "fatigue", "size": 16}, user=community.member, dm=True)
    assert (await handle.wait_message()).content == "fatigue at 16pt"
    with pytest.raises(HarnessError, match="takes an integer"):
        await emulator.slash("read", {"article": "fatigue", "size": "big"}, user=community.member, dm=True)
    with pytest.raises(HarnessError, match="required"):
        await emulator.slash("read", {}, user=community.member, dm=True)
    with pytest.raises(HarnessError, match="not registered"):
        await emulator.slash("nope", user=community.member, dm=True)
    emulator.assert_no_violations()


async def test_member_options_resolve_and_mentions_stay_silent(
    emulator: Emulator, community: Community, bot: discord.Client
) -> None:
    handle = await emulator.slash(
        "whois", {"person": community.admin}, user=community.member, guild=community.guild
    )
    message = await handle.wait_message()
    assert message.content == f"that is admin <@{community.admin.id}>"
    assert handle.payload["data"]["resolved"]["members"][str(community.admin.id)]["roles"]
    emulator.assert_no_violations()  # AllowedMentions.none() reached the wire


async def test_an_unsuppressed_mention_is_a_violation(emulator: Emulator, community: Community) -> None:
    async with running(make_bot(mentions=discord.AllowedMentions.all()), emulator, wait_for_commands=True):
        handle = await emulator.slash(
            "whois", {"person": community.admin}, user=community.member, guild=community.guild
        )
        await handle.wait_message()
    assert [v["kind"] for v in emulator.violations] == ["mention"]


async def test_files_reach_the_message(emulator: Emulator, community: Community, bot: discord.Client) -> None:
    handle = await emulator.slash("chart", user=community.member, dm=True)
    message = await handle.wait_message()
    assert [(a.name, a.data, a.content_type) for a in message.attachments] == [
        ("chart.png", PNG, "image/png")
    ]


async def test_components_v2_messages(emulator: Emulator, community: Community, bot: discord.Client) -> None:
    handle = await emulator.slash("card", user=community.member, guild=community.guild)
    card = await handle.wait_message()
    assert card.flags & (1 << 15) and card.ephemeral and card.content == ""
    assert "Section 1" in card.text() and card.buttons() == [("Next section", "card:next", 2, False)]
    turned = await emulator.click(card, "card:next")
    assert "Section 2" in (await turned.wait_message()).text()
    emulator.assert_no_violations()


async def test_attachment_options_are_uploaded_and_readable(
    emulator: Emulator, community: Community, bot: discord.Client
) -> None:
    handle = await emulator.slash(
        "upload", {"file": ("notes.txt", b"pain 3/10")}, user=community.member, dm=True
    )
    message = await handle.wait_message()
    assert message.content == "notes.txt: 9 bytes, text/plain; charset=utf-8"
    emulator.assert_no_violations()


async def test_dm_text_reaches_the_bot_and_its_reply_is_readable(
    emulator: Emulator, community: Community, bot: discord.Client
) -> None:
    sent = await emulator.send_dm(community.member, "hello bot")
    reply = await emulator.wait_for_dm(community.member, after=sent)
    assert reply.content == "echo: hello bot"
    menu = await emulator.wait_for_dm(community.member, after=reply)
    assert [m.content for m in emulator.dm_messages(community.member)] == [
        "hello bot",
        "echo: hello bot",
        "Need anything?",
    ]
    pressed = await emulator.click(menu, "dm:help", user=community.member)
    assert (await pressed.wait_message()).content == "help is on the way"
    with pytest.raises(HarnessError, match="DM between other people"):
        await emulator.click(menu, "dm:help", user=community.admin)
    emulator.assert_no_violations()


async def test_a_429_on_the_callback_is_retried_and_the_reply_arrives(
    emulator: Emulator, community: Community, bot: discord.Client
) -> None:
    emulator.faults.add("POST /interactions/*/callback", status=429, times=1, retry_after=0.05)
    handle = await emulator.slash("ping", user=community.member, guild=community.guild)
    assert (await handle.wait_message()).content == "pong"
    assert [f.status for f in emulator.faults.injected] == [429]
    emulator.assert_no_violations()


async def test_refused_replies_surface_in_the_handle(
    emulator: Emulator, community: Community, bot: discord.Client
) -> None:
    handle = await emulator.slash("huge", user=community.member, guild=community.guild)
    with pytest.raises(InteractionRejected, match="50035"):
        await handle.response()
    assert "data.embeds.0.description" in handle.rejections[0]["detail"]
    await emulator.wait_until(lambda: bot.late_errors, what="the bot to see the error")  # type: ignore[attr-defined]
    assert "In data.embeds.0.description" in bot.late_errors[0]  # type: ignore[attr-defined]


async def test_slow_and_silent_interactions_fail(community: Community) -> None:
    async with Emulator(response_deadline=0.1) as emu:
        place = emu.community()
        client = make_bot()
        async with running(client, emu, wait_for_commands=True):
            slow = await emu.slash("slow", user=place.member, guild=place.guild)
            silent = await emu.slash("silent", user=place.member, guild=place.guild)
            await emu.wait_until(lambda: client.late_errors, timeout=5, what="the late reply")  # type: ignore[attr-defined]
        assert slow.failed and silent.failed
        assert client.late_errors == ["10062"]  # type: ignore[attr-defined]
        failures = sorted(v["route"] for v in emu.violations if v["kind"] == "failed_interaction")
        assert failures == ["INTERACTION_CREATE /silent", "INTERACTION_CREATE /slow"]
        assert any(v["code"] == 10062 and v["kind"] == "rejected" for v in emu.violations)


async def test_commands_respect_default_member_permissions(
    emulator: Emulator, community: Community, bot: discord.Client
) -> None:
    with pytest.raises(HarnessError, match="cannot see /admin"):
        await emulator.slash("admin", user=community.member, guild=community.guild)
    handle = await emulator.slash("admin", user=community.admin, guild=community.guild)
    assert (await handle.wait_message()).content == "ok, admin"
    forced = await emulator.slash("admin", user=community.member, guild=community.guild, strict=False)
    assert int(forced.payload["member"]["permissions"]) & Perm.MANAGE_GUILD == 0
    await forced.wait_message()


# ------------------------------------------------------------- bare bot


async def test_the_bare_bot_answers_ping(
    emulator: Emulator, community: Community, bare_bot: BotProcess
) -> None:
    assert [c["name"] for c in emulator.commands()] == ["ping"]
    for where in ({"guild": community.guild}, {"dm": True}):
        handle = await emulator.slash("ping", user=community.member, **where)  # type: ignore[arg-type]
        assert (await handle.wait_message()).content == PING_REPLY
    assert READY_MARKER in bare_bot.logs()
    assert await bare_bot.stop() == 0
    emulator.assert_no_violations()


async def test_a_killed_bot_can_be_restarted(
    emulator: Emulator, community: Community, tmp_path: Path
) -> None:
    first = BotProcess(BARE_BOT_CMD, cwd=REPO_ROOT, emulator=emulator, log_path=tmp_path / "one.log")
    await first.start()
    await first.wait_ready()
    first.kill()
    assert await first.wait() == -9
    second = BotProcess(BARE_BOT_CMD, cwd=REPO_ROOT, emulator=emulator, log_path=tmp_path / "two.log")
    async with second:
        await second.wait_ready(require_sync=True)
        handle = await emulator.slash("ping", user=community.member, guild=community.guild)
        assert (await handle.wait_message()).content == PING_REPLY
    assert second.returncode == 0


async def test_a_bot_that_exits_early_is_reported_with_its_log(emulator: Emulator, tmp_path: Path) -> None:
    bot = BotProcess(
        [sys.executable, "-c", "print('no token, bye'); raise SystemExit(2)"],
        emulator=emulator,
        log_path=tmp_path / "bad.log",
    )
    await bot.start()
    with pytest.raises(AssertionError, match="no token, bye"):
        await bot.wait_ready(timeout=10)
    assert bot.returncode == 2
