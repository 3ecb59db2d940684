"""Run a discord.py client inside the test's own event loop, pointed at the emulator.

Cheaper than a subprocess when a test is about the protocol (compression,
resume, retries) rather than about the product's start-up. discord.py keeps its
endpoints in class attributes, so they are patched for the duration and put
back afterwards.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import TypeVar

import discord
import yarl

from .harness import Emulator

ClientT = TypeVar("ClientT", bound=discord.Client)


@contextlib.contextmanager
def pointed_at(emulator: Emulator) -> Iterator[None]:
    """Point discord.py's REST base and default gateway at `emulator` (restored on exit)."""
    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = emulator.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(emulator.gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway


@contextlib.asynccontextmanager
async def running(
    client: ClientT, emulator: Emulator, *, wait_for_commands: bool = False, timeout: float = 10.0
) -> AsyncIterator[ClientT]:
    """Log `client` in, connect it, wait for READY (and command sync); close it after."""
    with pointed_at(emulator):
        since = emulator.state.now()
        await client.login(emulator.token)
        task = asyncio.create_task(client.connect(reconnect=True), name="emulator-client")
        try:
            await emulator.wait_for_ready(since=since, timeout=timeout)
            if wait_for_commands:
                await emulator.wait_for_commands(since=since, timeout=timeout)
            yield client
        finally:
            await client.close()
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
