"""Process life cycle: logging, the token check, start-up back-off, signals, exit codes."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys

import aiohttp
import discord

from bot import logsafety
from bot.config import NO_TOKEN_HELP, Config
from bot.content.store import ContentLoadError
from bot.storage.backup import corrupt_help
from bot.storage.db import StorageError

log = logging.getLogger("bot")

#: Start-up failures that may pass (network, Discord outage) are retried after these pauses,
#: so a crash loop cannot burn Discord's 1,000-logins-a-day budget.
BACKOFF_SECONDS: tuple[float, ...] = (5, 15, 45, 120, 300, 900)
BACKOFF_ENV = "LUPUS_BACKOFF_SECONDS"
"""Tests only: comma-separated pauses (``0.1,0.2,0.4``) replacing :data:`BACKOFF_SECONDS`, so a
crash-loop test sees several growing pauses in a second instead of in a minute."""


def backoff_schedule() -> tuple[float, ...]:
    """The pauses between failed start-ups: :data:`BACKOFF_SECONDS`, or the test override."""
    raw = os.environ.get(BACKOFF_ENV, "").strip()
    if not raw:
        return BACKOFF_SECONDS
    try:
        pauses = tuple(float(part) for part in raw.split(","))
    except ValueError:
        pauses = ()
    if not pauses or not all(0 < pause <= BACKOFF_SECONDS[-1] for pause in pauses):
        log.warning("ignoring %s=%r: expected comma-separated seconds", BACKOFF_ENV, raw)
        return BACKOFF_SECONDS
    return pauses


SHARD_REFUSALS = {
    4010: (
        "Discord refused this process's shard (close code 4010, invalid shard): every shard id in "
        "discord.shard_ids (SHARD_IDS) must be below discord.shard_count (SHARD_COUNT), and every "
        "process of the bot must use the same shard_count."
    ),
    4011: (
        "Discord says the bot is in too many servers for one shard (close code 4011, sharding "
        "required): raise discord.shard_count (SHARD_COUNT), or leave it out to use Discord's "
        "recommended count."
    ),
}
"""Gateway close codes that mean the shard settings are wrong: exit 2, like a bad config."""

EXIT_CORRUPT_DATABASE = 3
"""The database failed its integrity check: a restart cannot fix it (deploy/ stops retrying)."""


def setup_logging(level: str, secrets: tuple[str, ...] = ()) -> None:
    discord.utils.setup_logging(level=getattr(logging, level), root=True)
    # Before anything logs: one redaction layer on the root handler (tokens, URLs, payloads).
    logsafety.install(secrets)


def run(config: Config) -> int:
    token = config.token
    setup_logging(config.logging.level, (token,) if token else ())
    if not token:
        print(NO_TOKEN_HELP, file=sys.stderr)
        return 2
    try:
        return asyncio.run(_serve(config, token))
    except KeyboardInterrupt:  # pragma: no cover - signal handlers normally catch it first
        return 0


async def _serve(config: Config, token: str) -> int:
    from bot.client import LupusBot

    attempt = 0
    while True:
        bot = LupusBot(config)
        stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stopping.set)
        runner = asyncio.create_task(bot.start(token))
        waiter = asyncio.create_task(stopping.wait())
        done, _ = await asyncio.wait({runner, waiter}, return_when=asyncio.FIRST_COMPLETED)
        if waiter in done:
            log.info("shutting down")
            await bot.close()
            await asyncio.gather(runner, return_exceptions=True)
            return 0
        waiter.cancel()
        await bot.close()
        error = runner.exception()
        if error is None:
            return 0
        if isinstance(error, discord.LoginFailure):
            log.error("Discord refused the token. Check DISCORD_TOKEN (it may have been reset).")
            return 2
        if isinstance(error, ContentLoadError):
            log.error("The content has errors and there is no earlier good copy to serve:\n%s", error)
            return 1
        if isinstance(error, StorageError) and error.kind == "corrupt":
            log.error("%s", corrupt_help(config.database.path, config.database.backup_dir, error))
            return EXIT_CORRUPT_DATABASE
        if isinstance(error, StorageError):
            # The message says what is wrong and what to do (disk full, read-only, locked …);
            # a traceback would only hide it. Exit 1: once the disk is fixed, a restart works.
            log.error("The database cannot be used: %s", error)
            return 1
        if isinstance(error, discord.PrivilegedIntentsRequired):
            log.error("Discord says a privileged intent is required; this bot asks for none.")
            return 2
        if isinstance(error, discord.ConnectionClosed) and error.code in SHARD_REFUSALS:
            log.error("%s", SHARD_REFUSALS[error.code])
            return 2
        transient = (
            aiohttp.ClientError,
            OSError,
            discord.GatewayNotFound,
            discord.ConnectionClosed,
            discord.DiscordServerError,
            asyncio.TimeoutError,
        )
        if not isinstance(error, transient):
            log.error("start-up failed", exc_info=error)
            return 1
        schedule = backoff_schedule()
        pause = schedule[min(attempt, len(schedule) - 1)]
        attempt += 1
        log.warning("start-up failed (%s); trying again in %gs", type(error).__name__, pause)
        try:
            await asyncio.wait_for(stopping.wait(), timeout=pause)
            return 0
        except TimeoutError:
            continue
