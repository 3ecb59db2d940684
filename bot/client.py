"""The Discord client: start-up, command sync, the error pipeline's hooks, and shutdown."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import pkgutil
import time
from typing import Any

import discord
import yarl
from discord import app_commands
from discord.ext import commands

import cogs
from bot import __version__
from bot.clock import Clock, SystemClock
from bot.config import DEFAULT_API_BASE, Config
from bot.content.store import ContentStore, ReloadReport
from bot.crisis import warm_up as warm_up_screen
from bot.gc_policy import IdleCollector, freeze_long_lived_objects, log_full_collections
from bot.scheduler import Scheduler
from bot.services import Services
from bot.storage.broadcast import CONTENT_RELOAD, open_broadcast
from bot.storage.connect import open_database
from bot.storage.database import Database
from bot.storage.pending_notices import pending_notices
from bot.ui.errors import reply_error
from bot.ui.router import ROUTER
from bot.ui.safety_net import SafetyNet
from bot.ui.senders import discord_ports

log = logging.getLogger(__name__)


class LupusTree(app_commands.CommandTree["LupusBot"]):
    """Screens every slash command's text before it runs; routes every error through the one pipeline."""

    async def interaction_check(self, interaction: discord.Interaction[LupusBot], /) -> bool:
        # Every string option of every command, present and future, is screened here, first.
        # The command still runs (what the member asked to keep is kept); see bot.ui.safety_net.
        if interaction.type is discord.InteractionType.application_command:
            await self.client.safety_net.check_interaction(interaction)
        return True

    async def on_error(
        self, interaction: discord.Interaction[LupusBot], error: app_commands.AppCommandError
    ) -> None:
        await reply_error(interaction, error)


def _intents() -> discord.Intents:
    # No privileged intents: guilds for server/role facts, DMs so a plain DM gets a menu.
    intents = discord.Intents.none()
    intents.guilds = True
    intents.dm_messages = True
    return intents


def sweep_ratelimits_amortised(http: discord.http.HTTPClient) -> None:
    """Make discord.py forget idle rate-limit buckets in amortised constant time.

    discord.py keeps one bucket per route and channel, and each *new* bucket triggers a scan of
    all of them once there are 256 (``HTTPClient._try_clear_expired_ratelimits``); a bucket goes
    only after 5 idle minutes. Reminder DMs open a new DM channel, so a burst of n reminders costs
    n²/2 checks: 100,000 due in one minute slowed to about 60 DMs a second. Here the scan runs
    only when the table has doubled since the last one: the same buckets are dropped, at most
    twice as many idle ones are held meanwhile, and each new bucket costs O(1) on average.
    """
    threshold = 256

    def sweep() -> None:
        nonlocal threshold
        buckets = http._buckets
        if len(buckets) < threshold:
            return
        for key in [key for key, bucket in buckets.items() if bucket.is_inactive()]:
            del buckets[key]
        threshold = max(256, 2 * len(buckets))

    http._try_clear_expired_ratelimits = sweep  # type: ignore[method-assign]


class LupusBot(commands.AutoShardedBot):
    """discord.py's sharded bot: one process serves the shards in ``discord.shard_ids`` (all of them
    when unset, on ``discord.shard_count`` or the count Discord recommends). Several processes may
    share one database, each serving some shards; the one serving shard 0 gets the DMs and syncs
    the command tree."""

    def __init__(self, config: Config, *, clock: Clock | None = None) -> None:
        super().__init__(
            shard_count=config.discord.shard_count,
            command_prefix=commands.when_mentioned,
            intents=_intents(),
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
            member_cache_flags=discord.MemberCacheFlags.none(),
            chunk_guilds_at_startup=False,
            max_messages=None,
            tree_cls=LupusTree,
            allowed_contexts=app_commands.AppCommandContext(
                guild=True, dm_channel=True, private_channel=True
            ),
            allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
        )
        # discord.py's own attribute, read when the shards launch (the config checked the ids).
        self.shard_ids = list(config.discord.shard_ids) if config.discord.shard_ids is not None else None
        self.config = config
        sweep_ratelimits_amortised(self.http)
        self.clock: Clock = clock or SystemClock()
        self.content = ContentStore(config.content.path)
        self.scheduler = Scheduler(self.clock)
        self.idle_collector = IdleCollector()
        log_full_collections()  # only when $LUPUS_GC_LOG names a file (the benchmarks)
        self.router = ROUTER
        self.started_at = self.clock.monotonic()
        self._db: Database | None = None
        # Tells the other processes sharing a PostgreSQL database what this one did (nothing on SQLite).
        self.broadcast = open_broadcast(config.database.url)
        self._services: Services | None = None
        self._safety_net: SafetyNet | None = None

    @property
    def db(self) -> Database:
        assert self._db is not None, "database is opened in setup_hook"
        return self._db

    @property
    def safety_net(self) -> SafetyNet:
        assert self._safety_net is not None, "the safety net is built in setup_hook"
        return self._safety_net

    @property
    def services(self) -> Services:
        assert self._services is not None, "services are built in setup_hook"
        return self._services

    async def login(self, token: str) -> None:
        api_base = self.config.discord.api_base
        discord.http.Route.BASE = api_base
        await super().login(token)
        # With a fixed shard count discord.py dials Discord's default gateway without asking (only
        # a count-less start asks GET /gateway/bot itself); ask the REST base we were given, so a
        # proxy or local emulator gets the gateway too, whatever the shard settings.
        _, url, limits = await self.http.get_bot_gateway()
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)
        if api_base != DEFAULT_API_BASE:
            log.info("using REST %s and gateway %s", api_base, url)
        remaining = int(limits.get("remaining", 1000))
        if remaining < 50:
            log.warning(
                "only %d gateway logins left today; resets in %ss", remaining, limits.get("reset_after")
            )

    async def setup_hook(self) -> None:
        started = time.perf_counter()
        await self.assemble()
        self.scheduler.start()
        await self.services.rearm(serves_dms=self.config.discord.serves_first_shard)
        outcome = await self.sync_commands()
        log.info(
            "commands %s in %.2fs (content %s)",
            outcome,
            time.perf_counter() - started,
            self.content.library.version,
        )

    async def assemble(self) -> None:
        """Content, database, services (with their Discord side), the safety net and every cog:
        everything but the timers and the command sync (tests build the command tree with it)."""
        self.content.load()
        self._db = await open_database(self.config.database)
        await self.broadcast.start()
        self.broadcast.on(CONTENT_RELOAD, self._reload_for_another_process)
        pending_notices(self._db).attach(self.broadcast)
        self._services = await Services.create(self, discord_ports(self))
        self._safety_net = SafetyNet(
            self.content,
            self._services.prefs,
            self._services.safety_plans,
            default_region=self.config.community.region,
            support_channel_id=self.config.safety.support_channel_id,
        )
        # off the loop (the broadcast listener is already running); before the objects are frozen
        await asyncio.to_thread(warm_up_screen, self.content.library.safety.crisis.phrases)
        for module in pkgutil.iter_modules(cogs.__path__):
            await self.load_extension(f"cogs.{module.name}")

    async def reload_content(self) -> ReloadReport:
        """Reload content here and, when it switched, in every other process (``/admin reload``)."""
        report = await self.content.reload()
        if report.ok:
            await self.broadcast.publish(CONTENT_RELOAD, report.version_after or "")
        return report

    async def _reload_for_another_process(self, version: str) -> None:
        report = await self.content.reload()
        if report.ok:
            log.info(
                "content reloaded after another process did (%s there, %s here)",
                version,
                report.version_after,
            )
        else:
            log.warning(
                "another process reloaded content (%s), but this copy has %d problem(s); still serving %s",
                version,
                len(report.errors),
                report.version_after,
            )

    async def sync_commands(self) -> str:
        """Sync the command tree only when it changed since the last sync (a stored hash).

        One process syncs for the whole bot: the one serving shard 0 (or every shard)."""
        if not self.config.discord.serves_first_shard:
            return "left to the process serving shard 0 (not synced)"
        payload = [command.to_dict(self.tree) for command in self.tree.get_commands()]
        digest = hashlib.sha256(
            json.dumps([payload, self.config.discord.api_base, self.application_id], sort_keys=True).encode()
        ).hexdigest()
        targets: list[int | None] = list(self.config.discord.dev_guild_ids) or [None]
        synced = False
        for guild_id in targets:
            key = f"command_tree_hash:{guild_id or 'global'}"
            if await self.services.kv.get(key) == digest:
                continue
            if guild_id is None:
                await self.tree.sync()
            else:
                guild = discord.Object(guild_id)
                self.tree.copy_global_to(guild=guild)
                await self.tree.sync(guild=guild)
            await self.services.kv.set(key, digest)
            synced = True
        return "synced" if synced else "unchanged (not synced)"

    async def on_ready(self) -> None:
        log.info(
            "ready as %s in %d servers on shards %s of %s (version %s)",
            self.user,
            len(self.guilds),
            ",".join(str(shard) for shard in sorted(self.shards)),
            self.shard_count,
            __version__,
        )
        freeze_long_lived_objects()
        self.idle_collector.start()

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        # Every submitted form, whatever its fields or custom_id, is screened before it is handled;
        # then every press and every form goes to its handler by custom_id (bot.ui.router).
        if interaction.type is discord.InteractionType.modal_submit:
            await self.safety_net.check_interaction(interaction)
        await self.router.on_interaction(interaction)

    async def on_message(self, message: discord.Message) -> None:
        # No prefix commands: plain DMs are answered by the dm cog's listener.
        return

    async def close(self) -> None:
        """Close the gateway, let pending writes finish, then close the database."""
        await self.scheduler.stop()
        await self.idle_collector.stop()
        if self._services is not None:
            await self._services.close()
        await super().close()
        await self.broadcast.close()
        if self._db is not None:
            await self._db.close()
            self._db = None
