"""Running a discord.py client as a process the harness can stop: used by the bare bot here and by the
benchmark's same-payload bot."""

from __future__ import annotations

import asyncio
import signal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import discord


async def run_until_signalled(bot: discord.Client, token: str) -> int:
    """Run ``bot`` until it stops by itself or SIGTERM/SIGINT arrives; 0 either way."""
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    async with bot:
        runner = asyncio.create_task(bot.start(token))
        stopper = asyncio.create_task(stopping.wait())
        done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if runner in done:
            stopper.cancel()
            runner.result()
            return 0
        await bot.close()
        runner.cancel()
    return 0
