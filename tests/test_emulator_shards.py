"""The emulator shards like Discord: a server's events reach only its shard's session, DMs only
shard 0; IDENTIFY's shard is checked (4010 invalid, 4011 sharding required); GET /gateway/bot
recommends a count. Raw websockets pin the wire; real discord.py AutoShardedClients, each
serving a subset of the shards, prove every event reaches exactly one of them.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands

from tests.emulator import Emulator, Intent, pointed_at, running, shard_of
from tests.test_emulator_gateway import register_ping

DM_INTENTS = Intent.GUILDS | Intent.DIRECT_MESSAGES


class Raw:
    """An uncompressed gateway client: enough to see READY and the close codes."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws

    async def recv(self) -> dict[str, Any]:
        msg = await self.ws.receive(timeout=2.0)
        assert msg.type == aiohttp.WSMsgType.TEXT, (msg.type, self.ws.close_code)
        data: dict[str, Any] = json.loads(msg.data)
        return data

    async def identify(self, token: str, shard: object = None, intents: int = DM_INTENTS) -> None:
        d: dict[str, Any] = {"token": token, "intents": intents, "properties": {}}
        if shard is not None:
            d["shard"] = shard
        await self.ws.send_str(json.dumps({"op": 2, "d": d}))

    async def ready(self, token: str, shard: object = None, intents: int = DM_INTENTS) -> dict[str, Any]:
        await self.identify(token, shard, intents)
        ready = await self.recv()
        assert ready["t"] == "READY", ready
        return dict(ready["d"])

    async def silent(self, seconds: float = 0.3) -> bool:
        """Nothing arrives for ``seconds``."""
        try:
            msg = await self.ws.receive(timeout=seconds)
        except TimeoutError:
            return True
        raise AssertionError(f"unexpected {msg.data!r}")

    async def close_code(self) -> int:
        msg = await self.ws.receive(timeout=2.0)
        assert msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED), msg
        return int(self.ws.close_code or 0)


@pytest.fixture(name="two_shards")
async def two_shards_fixture() -> AsyncIterator[Emulator]:
    async with Emulator(shards=2) as emu:
        yield emu


@contextlib.asynccontextmanager
async def dialing(emu: Emulator) -> AsyncIterator[Any]:
    async with aiohttp.ClientSession() as session:

        async def dial() -> Raw:
            raw = Raw(await session.ws_connect(emu.gateway_url + "?v=10&encoding=json"))
            assert (await raw.recv())["op"] == 10
            return raw

        yield dial


def test_server_ids_land_on_the_shard_asked_for() -> None:
    async def build() -> list[tuple[int, int]]:
        async with Emulator(shards=3) as emu:
            place = emu.community(shard=2)
            other = emu.another_server(place, "Second", shard=0)
            third = emu.create_guild("Third", shard=1)
            ids = [place.guild.id, other.guild.id, third.id]
            assert len(set(ids)) == 3 and other.guild.members.keys() >= {place.member.id, place.admin.id}
            return [(shard_of(i, 3), i) for i in ids]

    shards = asyncio.run(build())
    assert [s for s, _ in shards] == [2, 0, 1]


async def test_each_shard_gets_its_servers_and_ready_names_the_shard(two_shards: Emulator) -> None:
    place = two_shards.community(shard=0)
    other = two_shards.another_server(place, "Second Server", shard=1)
    async with dialing(two_shards) as dial:
        zero, one = await dial(), await dial()
        ready0 = await zero.ready(two_shards.token, [0, 2])
        ready1 = await one.ready(two_shards.token, [1, 2])  # two sessions of one bot at once
        assert ready0["shard"] == [0, 2] and ready1["shard"] == [1, 2]
        assert [g["id"] for g in ready0["guilds"]] == [str(place.guild.id)]
        assert [g["id"] for g in ready1["guilds"]] == [str(other.guild.id)]
        assert (await zero.recv())["d"]["id"] == str(place.guild.id)  # GUILD_CREATE
        assert (await one.recv())["d"]["id"] == str(other.guild.id)
        assert sorted(s.shard for s in two_shards.sessions) == [(0, 2), (1, 2)]


async def test_server_messages_and_new_servers_reach_only_their_shard(two_shards: Emulator) -> None:
    emu = two_shards
    place = emu.community(shard=0)
    intents = DM_INTENTS | Intent.GUILD_MESSAGES
    async with dialing(emu) as dial:
        zero, one = await dial(), await dial()
        await zero.ready(emu.token, [0, 2], intents)
        assert (await zero.recv())["t"] == "GUILD_CREATE"
        assert (await one.ready(emu.token, [1, 2], intents))["guilds"] == []
        await emu.send_message(place.general, place.member, "hello")
        assert (await zero.recv())["t"] == "MESSAGE_CREATE" and await one.silent()
        second = emu.another_server(place, "Second Server", shard=1)  # the bot joins it
        joined = await one.recv()
        assert (joined["t"], joined["d"]["id"]) == ("GUILD_CREATE", str(second.guild.id))
        await emu.send_message(second.general, place.member, "hello")
        assert (await one.recv())["t"] == "MESSAGE_CREATE" and await zero.silent()
        await emu.send_dm(place.member, "a DM")
        assert (await zero.recv())["t"] == "MESSAGE_CREATE" and await one.silent()


async def test_gateway_bot_recommends_the_configured_count(two_shards: Emulator) -> None:
    async with aiohttp.ClientSession() as session:
        headers = {"Authorization": f"Bot {two_shards.token}"}
        async with session.get(f"{two_shards.api_base}/gateway/bot", headers=headers) as response:
            body = await response.json()
    assert body["shards"] == 2 and body["url"] == two_shards.gateway_url


@pytest.mark.parametrize("shard", [[2, 2], [0, 0], [-1, 2], [0], "0,2", [0, True], [0.0, 2]])
async def test_an_invalid_shard_is_closed_with_4010(two_shards: Emulator, shard: object) -> None:
    async with dialing(two_shards) as dial:
        raw = await dial()
        await raw.identify(two_shards.token, shard)
        assert await raw.close_code() == 4010
    assert two_shards.sessions == []


async def test_a_shard_count_other_than_the_connected_sessions_is_refused(two_shards: Emulator) -> None:
    async with dialing(two_shards) as dial:
        first = await dial()
        await first.ready(two_shards.token, [0, 2])
        other = await dial()
        await other.identify(two_shards.token, [1, 3])
        assert await other.close_code() == 4010
        unsharded = await dial()  # no shard at all means [0, 1]: a count of 1
        await unsharded.identify(two_shards.token)
        assert await unsharded.close_code() == 4010
        await first.ws.close()
        await two_shards.wait_until(lambda: not two_shards.sessions[0].connected, what="the close")
        again = await dial()  # once nobody is connected with 2, another count is fine
        assert (await again.ready(two_shards.token, [0, 3]))["shard"] == [0, 3]


async def test_too_many_servers_on_one_session_is_4011() -> None:
    async with Emulator(shards=2, max_guilds_per_session=1) as emu, dialing(emu) as dial:
        place = emu.community(shard=0)
        emu.another_server(place, "Second Server", shard=1)
        raw = await dial()
        await raw.identify(emu.token)
        assert await raw.close_code() == 4011
        sharded = await dial()
        assert len((await sharded.ready(emu.token, [1, 2]))["guilds"]) == 1


# ------------------------------------------------------------ real discord.py


class ShardBot(discord.AutoShardedClient):
    """Serves some shards; records every interaction and DM it gets, and answers /ping."""

    def __init__(self, **options: Any) -> None:
        super().__init__(intents=discord.Intents.default(), **options)
        self.tree = app_commands.CommandTree(self)
        self.seen: list[tuple[int | None, int | None]] = []  # (guild id, shard id)
        self.dms: list[str] = []

        @self.tree.command(name="ping", description="Check that the bot answers")
        async def ping(interaction: discord.Interaction) -> None:
            self.seen.append((interaction.guild_id, self.shard_of(interaction.guild_id)))
            await interaction.response.send_message(f"pong from {self.shard_ids}")

    def shard_of(self, guild_id: int | None) -> int | None:
        guild = self.get_guild(guild_id) if guild_id else None
        return guild.shard_id if guild else None

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None  # discord.py waits 5 s between shards of one process; not worth it here

    async def on_message(self, message: discord.Message) -> None:
        if message.guild is None and message.author != self.user:
            self.dms.append(message.content)


async def test_discord_py_processes_each_serving_one_shard(two_shards: Emulator) -> None:
    emu = two_shards
    place = emu.community(shard=0)
    other = emu.another_server(place, "Second Server", shard=1)
    await register_ping(emu)
    zero = ShardBot(shard_count=2, shard_ids=[0])
    one = ShardBot(shard_count=2, shard_ids=[1])
    async with running(zero, emu), running(one, emu):
        await emu.wait_until(lambda: zero.is_ready() and one.is_ready(), what="both clients ready")
        assert [g.id for g in zero.guilds] == [place.guild.id]
        assert [g.id for g in one.guilds] == [other.guild.id]

        for where, shard in ((place, 0), (other, 1)):
            handle = await emu.slash("ping", user=place.member, guild=where.guild)
            assert (await handle.wait_message()).content == f"pong from [{shard}]"
            assert handle.shard == shard
        dm = await emu.slash("ping", user=place.member, dm=True)
        assert (await dm.wait_message()).content == "pong from [0]" and dm.shard == 0
        assert zero.seen == [(place.guild.id, 0), (None, None)]
        assert one.seen == [(other.guild.id, 1)]

        await emu.send_dm(place.member, "hello")
        await emu.wait_until(lambda: zero.dms == ["hello"], what="the DM on shard 0")
        await asyncio.sleep(0.1)
        assert one.dms == []
    emu.assert_no_violations()


async def test_discord_py_asks_gateway_bot_for_the_count(two_shards: Emulator) -> None:
    """An AutoShardedClient without a count launches what GET /gateway/bot recommends."""
    emu = two_shards
    place = emu.community(shard=0)
    other = emu.another_server(place, "Second Server", shard=1)
    await register_ping(emu)
    async with running(ShardBot(), emu) as bot:
        await emu.wait_until(bot.is_ready, what="every shard ready")
        assert bot.shard_count == 2 and sorted(bot.shards) == [0, 1]
        assert {g.id: g.shard_id for g in bot.guilds} == {place.guild.id: 0, other.guild.id: 1}
        handle = await emu.slash("ping", user=place.member, guild=other.guild)
        assert (await handle.wait_message()).content == "pong from None" and handle.shard == 1
    emu.assert_no_violations()


async def test_a_refused_shard_ends_discord_pys_connect(two_shards: Emulator) -> None:
    """discord.py surfaces Discord's close code (here 4010) instead of retrying forever."""
    emu = two_shards
    emu.community(shard=0)
    bot = ShardBot(shard_count=2, shard_ids=[2])
    with pointed_at(emu):
        await bot.login(emu.token)
        try:
            with pytest.raises(discord.ConnectionClosed) as closed:
                await asyncio.wait_for(bot.connect(reconnect=True), 10)
        finally:
            await bot.close()
    assert closed.value.code == 4010
