"""The emulator's gateway speaks Discord's protocol: handshake, compression, resume, invalidation.

Raw websocket tests pin the wire format; a real discord.py client proves the
format is what the library actually expects (zlib-stream, RESUME after a drop).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import zlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands

from tests.e2e_support import REPO as REPO_ROOT
from tests.emulator import ZSTD_AVAILABLE, BotProcess, Community, Emulator, Intent, running

DM_INTENTS = Intent.GUILDS | Intent.DIRECT_MESSAGES


class RawGateway:
    """A minimal gateway client that checks framing as it reads."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, compress: str | None) -> None:
        self.ws = ws
        self.compress = compress
        self.inflate = zlib.decompressobj() if compress == "zlib-stream" else None
        self.zstd: Any = None
        if compress == "zstd-stream":
            import zstandard  # type: ignore[import-not-found]

            self.zstd = zstandard.ZstdDecompressor().decompressobj()

    async def recv(self) -> dict[str, Any]:
        msg = await self.ws.receive(timeout=2.0)
        if msg.type == aiohttp.WSMsgType.BINARY:
            assert self.compress, "binary frame on an uncompressed connection"
            if self.inflate is not None:
                assert msg.data.endswith(b"\x00\x00\xff\xff"), "each zlib-stream message ends in Z_SYNC_FLUSH"
                return json.loads(self.inflate.decompress(msg.data))
            return json.loads(self.zstd.decompress(msg.data))
        if msg.type == aiohttp.WSMsgType.TEXT:
            assert not self.compress, "text frame on a compressed connection"
            return json.loads(msg.data)
        raise ConnectionError(f"socket closed: {msg.type} {self.ws.close_code}")

    async def send(self, op: int, d: Any) -> None:
        await self.ws.send_str(json.dumps({"op": op, "d": d}))

    async def identify(self, token: str, intents: int = DM_INTENTS, **extra: Any) -> dict[str, Any]:
        await self.send(2, {"token": token, "intents": intents, "properties": {"os": "linux"}, **extra})
        return await self.recv()

    async def expect_close(self) -> int:
        msg = await self.ws.receive(timeout=2.0)
        assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING), msg
        return int(self.ws.close_code or 0)


class Dialer:
    def __init__(self, session: aiohttp.ClientSession, emu: Emulator) -> None:
        self.session = session
        self.emu = emu

    async def __call__(self, compress: str | None = "zlib-stream", url: str | None = None) -> RawGateway:
        query = "?v=10&encoding=json" + (f"&compress={compress}" if compress else "")
        ws = await self.session.ws_connect((url or self.emu.gateway_url) + query)
        gateway = RawGateway(ws, compress)
        hello = await gateway.recv()
        assert hello["op"] == 10 and hello["d"]["heartbeat_interval"] == 41250
        return gateway


@pytest.fixture(name="dial")
async def dial_fixture(emulator: Emulator) -> AsyncIterator[Dialer]:
    async with aiohttp.ClientSession() as session:
        yield Dialer(session, emulator)


async def register_ping(emu: Emulator) -> None:
    async with aiohttp.ClientSession() as session:
        url = f"{emu.api_base}/applications/{emu.application_id}/commands"
        body = [{"name": "ping", "description": "Check that the bot answers"}]
        async with session.put(url, json=body, headers={"Authorization": f"Bot {emu.token}"}) as response:
            assert response.status == 200


async def test_handshake_over_zlib_stream(dial: Dialer, emulator: Emulator, community: Community) -> None:
    gateway = await dial("zlib-stream")
    await gateway.send(1, None)
    assert (await gateway.recv())["op"] == 11
    ready = await gateway.identify(emulator.token)
    assert (ready["op"], ready["t"], ready["s"]) == (0, "READY", 1)
    data = ready["d"]
    assert data["user"]["id"] == str(emulator.application_id) and data["user"]["bot"] is True
    assert data["application"] == {"id": str(emulator.application_id), "flags": 0}
    assert data["guilds"] == [{"id": str(community.guild.id), "unavailable": True}]
    assert data["resume_gateway_url"] == emulator.gateway.resume_url and data["session_id"]
    guild = await gateway.recv()
    assert (guild["t"], guild["s"]) == ("GUILD_CREATE", 2)
    body = guild["d"]
    assert body["id"] == str(community.guild.id) and body["unavailable"] is False
    assert body["member_count"] == 5  # owner, admin, member, closed_dms, bot
    assert [m["user"]["id"] for m in body["members"]] == [str(emulator.application_id)]  # no GUILD_MEMBERS
    assert {r["name"] for r in body["roles"]} == {"@everyone", "Admin", emulator.bot_user.username}
    assert [c["name"] for c in body["channels"]] == ["general", "stretching"]
    await gateway.ws.close()


async def test_no_compression_means_text_frames(dial: Dialer, emulator: Emulator) -> None:
    gateway = await dial(None)
    ready = await gateway.identify(emulator.token)
    assert ready["t"] == "READY"
    await gateway.ws.close()


@pytest.mark.skipif(not ZSTD_AVAILABLE, reason="zstandard is not installed")
async def test_zstd_stream_when_available(dial: Dialer, emulator: Emulator) -> None:
    gateway = await dial("zstd-stream")
    assert (await gateway.identify(emulator.token))["t"] == "READY"
    await gateway.ws.close()


async def test_members_intent_sends_every_member_when_approved() -> None:
    async with Emulator(privileged_intents=Intent.GUILD_MEMBERS) as emu, aiohttp.ClientSession() as session:
        place = emu.community()
        gateway = await Dialer(session, emu)()
        await gateway.identify(emu.token, intents=Intent.GUILDS | Intent.GUILD_MEMBERS)
        guild = (await gateway.recv())["d"]
        assert len(guild["members"]) == len(place.guild.members)
        await gateway.ws.close()


@pytest.mark.parametrize(
    ("token", "intents", "code"),
    [
        ("wrong-token", DM_INTENTS, 4004),
        (None, DM_INTENTS | Intent.MESSAGE_CONTENT, 4014),
        (None, None, 4013),
        (None, 1 << 40, 4013),
    ],
)
async def test_bad_identify_closes_with_discords_codes(
    dial: Dialer, emulator: Emulator, token: str | None, intents: int | None, code: int
) -> None:
    emulator.config.token = "the-right-token"
    gateway = await dial()
    payload: dict[str, Any] = {"token": token or "the-right-token", "properties": {}}
    if intents is not None:
        payload["intents"] = intents
    await gateway.send(2, payload)
    assert await gateway.expect_close() == code


async def test_identifying_twice_and_unknown_opcodes_close_the_socket(
    dial: Dialer, emulator: Emulator
) -> None:
    gateway = await dial()
    await gateway.identify(emulator.token, intents=Intent.DIRECT_MESSAGES)
    await gateway.send(2, {"token": emulator.token, "intents": 0})
    assert await gateway.expect_close() == 4005
    gateway = await dial()
    await gateway.send(42, None)
    assert await gateway.expect_close() == 4001


async def test_resume_replays_what_was_missed_then_resumed(
    dial: Dialer, emulator: Emulator, community: Community
) -> None:
    await register_ping(emulator)
    gateway = await dial()
    ready = await gateway.identify(emulator.token)
    session_id = ready["d"]["session_id"]
    assert (await gateway.recv())["s"] == 2
    await gateway.ws.close()
    await emulator.wait_until(lambda: not emulator.sessions[0].connected, what="the socket to close")
    await emulator.send_dm(community.member, "are you there?")
    handle = await emulator.slash("ping", user=community.member, guild=community.guild)
    assert handle.delivered  # buffered for the session, not lost
    gateway = await dial(url=emulator.gateway.resume_url)
    await gateway.send(6, {"token": emulator.token, "session_id": session_id, "seq": 2})
    replay = [await gateway.recv() for _ in range(3)]
    assert [(m["t"], m["s"]) for m in replay] == [
        ("MESSAGE_CREATE", 3),
        ("INTERACTION_CREATE", 4),
        ("RESUMED", 5),
    ]
    assert replay[0]["d"]["content"] == "are you there?"
    assert replay[1]["d"]["id"] == str(handle.id)
    assert emulator.sessions[0].resumes == 1
    await gateway.ws.close()


async def test_resuming_an_unknown_session_is_invalid_session(dial: Dialer, emulator: Emulator) -> None:
    gateway = await dial()
    await gateway.send(6, {"token": emulator.token, "session_id": "nope", "seq": 1})
    assert await gateway.recv() == {"op": 9, "d": False, "s": None, "t": None}


async def test_invalidate_session_ends_the_session(dial: Dialer, emulator: Emulator) -> None:
    gateway = await dial()
    session_id = (await gateway.identify(emulator.token))["d"]["session_id"]
    assert await emulator.invalidate_session() == 1
    assert (await gateway.recv())["op"] == 9
    await gateway.ws.close()
    gateway = await dial()
    await gateway.send(6, {"token": emulator.token, "session_id": session_id, "seq": 1})
    assert (await gateway.recv())["op"] == 9
    assert emulator.sessions == []


async def test_shards_split_guilds_and_interactions(dial: Dialer, emulator: Emulator) -> None:
    for i in range(6):
        emulator.create_guild(f"guild {i}")
    seen: list[set[str]] = []
    for shard in ([0, 2], [1, 2]):
        gateway = await dial()
        ready = await gateway.identify(emulator.token, shard=shard)
        assert ready["d"]["shard"] == shard
        seen.append({g["id"] for g in ready["d"]["guilds"]})
        await gateway.ws.close()
    assert seen[0].isdisjoint(seen[1])
    assert seen[0] | seen[1] == {str(g) for g in emulator.state.guilds}


# ------------------------------------------------------------ real discord.py


class QuickClient(discord.Client):
    """discord.py waits 5 s before every re-IDENTIFY; not worth waiting for in a test."""

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None


def ping_bot() -> discord.Client:
    bot = QuickClient(intents=discord.Intents.default(), allowed_mentions=discord.AllowedMentions.none())
    tree = app_commands.CommandTree(bot)

    @tree.command(name="ping", description="Check that the bot answers")
    async def ping(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("pong")

    async def setup_hook() -> None:
        await tree.sync()

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    bot.resumed = asyncio.Event()  # type: ignore[attr-defined]

    @bot.event
    async def on_resumed() -> None:
        bot.resumed.set()  # type: ignore[attr-defined]

    return bot


async def test_discord_py_connects_compressed_and_resumes_after_a_drop(
    emulator: Emulator, community: Community
) -> None:
    """Over the transport the installed discord.py picks (zstd-stream with zstandard, as shipped)."""
    compress = discord.utils._ActiveDecompressionContext.COMPRESSION_TYPE
    async with running(ping_bot(), emulator, wait_for_commands=True) as bot:
        connects = [e for e in emulator.state.gateway_log if e.kind == "connect"]
        assert f"compress={compress}" in connects[0].detail and "encoding=json" in connects[0].detail
        handle = await emulator.slash("ping", user=community.member, guild=community.guild)
        assert (await handle.wait_message()).content == "pong"

        since = emulator.state.now()
        assert await emulator.drop_gateway() == 1
        await emulator.wait_for_resume(since=since)
        await asyncio.wait_for(bot.resumed.wait(), 5)  # type: ignore[attr-defined]
        reconnect = [e for e in emulator.state.gateway_log if e.kind == "connect" and e.at >= since]
        assert reconnect[0].detail.startswith("/gateway/resume?")  # it used resume_gateway_url
        assert len(emulator.sessions) == 1 and emulator.sessions[0].resumes == 1

        handle = await emulator.slash("ping", user=community.member, dm=True)
        assert (await handle.wait_message()).content == "pong"
    emulator.assert_no_violations()


async def test_discord_py_follows_invalid_session_and_reconnect(
    emulator: Emulator, community: Community
) -> None:
    async with running(ping_bot(), emulator, wait_for_commands=True) as bot:
        first = emulator.sessions[0]
        since = emulator.state.now()
        assert await emulator.invalidate_session() == 1
        await emulator.wait_for_ready(since=since)  # a fresh IDENTIFY, a new session
        assert emulator.sessions and emulator.sessions[0] is not first

        since = emulator.state.now()
        assert await emulator.request_reconnect() == 1  # op 7: close and RESUME
        await emulator.wait_for_resume(since=since)
        await asyncio.wait_for(bot.resumed.wait(), 5)  # type: ignore[attr-defined]

        handle = await emulator.slash("ping", user=community.member, guild=community.guild)
        assert (await handle.wait_message()).content == "pong"
    emulator.assert_no_violations()


async def test_a_bot_without_zstandard_talks_zlib_stream(
    emulator: Emulator, community: Community, tmp_path: Path
) -> None:
    """The other transport: the bare bot in a process where ``import zstandard`` fails,
    so discord.py falls back to zlib-stream, connects, answers and resumes."""
    blocker = tmp_path / "no_zstd"
    blocker.mkdir()
    (blocker / "zstandard.py").write_text("raise ImportError('blocked for this test')\n")
    bot = BotProcess(
        [sys.executable, "-m", "tests.emulator.bare_bot"],
        cwd=REPO_ROOT,
        emulator=emulator,
        env={"PYTHONPATH": f"{blocker}{os.pathsep}{REPO_ROOT}"},
        log_path=tmp_path / "bare.log",
    )
    async with bot:
        await bot.wait_ready(timeout=30)
        connects = [e for e in emulator.state.gateway_log if e.kind == "connect"]
        assert "compress=zlib-stream" in connects[0].detail
        handle = await emulator.slash("ping", user=community.member, guild=community.guild)
        assert (await handle.wait_message()).content == "pong"
        since = emulator.state.now()
        assert await emulator.drop_gateway() == 1
        await emulator.wait_for_resume(since=since)
        handle = await emulator.slash("ping", user=community.member, dm=True)
        assert (await handle.wait_message()).content == "pong"
    emulator.assert_no_violations()
