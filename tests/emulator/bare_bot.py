"""The smallest real discord.py bot: one slash command, /ping, answering a fixed string.

It is the baseline for the interaction-latency budget (the product bot must
stay within 1.5x of it) and the first thing the emulator harness is proven
against. Run it with ``python -m tests.emulator.bare_bot``; it needs
DISCORD_TOKEN and, for the emulator, DISCORD_API_BASE.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys

import discord
import yarl
from discord import app_commands
from discord.ext import commands

from .botprocess import PING_REPLY, READY_MARKER
from .runner import run_until_signalled


class BareBot(commands.Bot):
    def __init__(self, *, api_base: str | None) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
        )
        self.api_base = api_base

    async def setup_hook(self) -> None:
        if self.api_base:
            # A non-sharded client never asks GET /gateway/bot; it would dial
            # Discord's default gateway. Ask the API we were pointed at instead.
            _, url, _ = await self.http.get_bot_gateway()
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)
        self.tree.add_command(ping)
        await self.tree.sync()
        print(READY_MARKER, flush=True)


@app_commands.command(name="ping", description="Check that the bot answers")
async def ping(interaction: discord.Interaction) -> None:
    await interaction.response.send_message(PING_REPLY)


async def main() -> int:
    token = os.environ.get("DISCORD_TOKEN")
    if not token:
        print("DISCORD_TOKEN is not set", file=sys.stderr)
        return 2
    api_base = os.environ.get("DISCORD_API_BASE")
    if api_base:
        discord.http.Route.BASE = api_base.rstrip("/")
    discord.utils.setup_logging(level=logging.INFO)
    bot = BareBot(api_base=api_base)
    return await run_until_signalled(bot, token)


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
