"""/admin reload and /admin status, the content watcher, and the audit of both.

A thin adapter: who may act is :func:`bot.moderators.authorize`, what a reload
does is :meth:`ContentStore.reload`, what people see is :mod:`bot.ui.admin`.
This module turns an interaction into those calls, records each one in the
audit log, and posts watcher results to the moderators' channel.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import __version__
from bot.clock import utcnow
from bot.content.store import ReloadReport
from bot.content.watch import ContentWatcher
from bot.gc_policy import freeze_long_lived_objects
from bot.moderators import Grant, Moderators, authorize, startup_warning
from bot.ui import admin as render
from bot.ui.admin import actor_of
from bot.ui.reply import NO_MENTIONS, Reply, send

if TYPE_CHECKING:
    from bot.client import LupusBot

log = logging.getLogger(__name__)

PLACE_WATCHER = "watcher"


class NotModerator(app_commands.CheckFailure):
    """Raised by the check on every ``/admin`` subcommand; the message is the kind refusal."""


def place_of(interaction: discord.Interaction[Any]) -> str:
    """Where an admin action came from, as the audit log records it."""
    if interaction.guild_id is not None:
        return f"command in guild {interaction.guild_id}"
    if interaction.context.private_channel:
        return "group DM"
    return "DM"


class Admin(commands.Cog):
    """Moderators' commands. Every subcommand passes :meth:`interaction_check` first."""

    admin = app_commands.Group(
        name="admin",
        description="Moderators: reload content and check the bot's health",
        # Only hides the command by default; server owners can change it, so the real
        # check is interaction_check below.
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot
        admins = bot.config.admins
        self.moderators = Moderators.of(admins.user_ids, admins.role_ids, admins.guild_ids)
        self.watcher: ContentWatcher | None = None
        if (warning := startup_warning(self.moderators)) is not None:
            log.warning("%s", warning)

    async def cog_load(self) -> None:
        if self.bot.config.content.watch:
            self.watcher = ContentWatcher(self.bot.content, self.on_watcher_reload)
            self.watcher.start()
            log.info("watching %s for content changes", self.bot.content.root)

    async def cog_unload(self) -> None:
        if self.watcher is not None:
            await self.watcher.stop()

    # --- authorization -------------------------------------------------------------------------

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        """Allow moderators; refuse anyone else kindly, and log and audit the attempt."""
        actor = actor_of(interaction)
        grant = authorize(self.moderators, actor)
        command = describe_command(interaction)
        if grant is not Grant.NONE:
            log.info("%s by user %s (%s) %s", command, actor.user_id, grant.value, place_of(interaction))
            return True
        place = place_of(interaction)
        log.warning("refused %s for user %s (not a moderator) %s", command, actor.user_id, place)
        # Counted always, kept as a row only as a sample: a flood of refusals cannot bury reloads.
        await self.bot.services.audit.record_refusal(
            actor.user_id,
            place=place,
            detail=command,
            guild_id=interaction.guild_id,
            now=utcnow(self.bot.clock),
        )
        raise NotModerator(render.refusal(in_dm=interaction.guild_id is None))

    # --- commands ------------------------------------------------------------------------------

    @admin.command(name="reload", description="Check the content files and, if all is well, switch to them")
    async def reload(self, interaction: discord.Interaction[Any]) -> None:
        # A big tree can take more than Discord's 3 s for a first reply.
        await interaction.response.defer(ephemeral=True, thinking=True)
        report = await self.bot.reload_content()
        await self.record_reload(
            report, interaction.user.id, place_of(interaction), guild_id=interaction.guild_id
        )
        await send(interaction, render.reload_result(report))

    @admin.command(name="status", description="Content version, last reload, problems and the bot's health")
    async def status(self, interaction: discord.Interaction[Any]) -> None:
        store = self.bot.content
        library = store.library
        audit = self.bot.services.audit
        # A server sees its own entries only; a listed operator in a DM sees everything.
        scope = audit.scope(interaction.guild_id)
        operator = interaction.guild_id is None  # only listed user ids get here from a DM
        facts = render.StatusFacts(
            version=library.version,
            counts=library.counts(),
            watching=self.watcher is not None and self.watcher.running,
            watch_problem=self.watcher.failed if self.watcher is not None else None,
            current_errors=store.current_errors,
            last_reload=await audit.last_of(render.ACTION_RELOAD, scope),
            uptime_s=self.bot.clock.monotonic() - self.bot.started_at,
            latency_s=self.bot.latency,
            # Bot-wide figures only for an operator (a DM); a server sees its own facts.
            guilds=len(self.bot.guilds) if operator else None,
            active_sessions=await self.bot.services.sessions.count_active() if operator else None,
            db_bytes=await self.bot.db.size_bytes() if operator else None,
            bot_version=__version__,
            recent=await audit.latest_actions(render.RECENT_ACTIONS, scope),
            refusals=await audit.refusal_count(render.REFUSAL_DAYS, scope, now=utcnow(self.bot.clock)),
            refusal_samples=await audit.latest_refusals(render.REFUSALS_SHOWN, scope),
            database=await self.bot.services.backup.health(),
            names=self.names(interaction, operator=operator),
            hidden_roles=self.hidden_moderator_roles(interaction),
            bot_name=self.bot.user.display_name if self.bot.user else "the bot",
            log_channel=self.log_channel_name(interaction, operator=operator),
            shard_count=self.bot.shard_count,
            shards=self.bot.latencies,
        )
        await send(interaction, render.status_page(facts))

    def names(self, interaction: discord.Interaction[Any], *, operator: bool) -> render.Names:
        """Server and member names Discord gave us: this server only, or every server for an operator."""
        guilds = self.bot.guilds if operator else [g for g in [interaction.guild] if g is not None]
        users: dict[int, str] = {}
        for guild in guilds:
            for member in guild.members:  # the cache: whoever Discord told us about
                users.setdefault(member.id, member.display_name)
        return render.Names(guilds={g.id: g.name for g in guilds}, users=users)

    def log_channel_name(self, interaction: discord.Interaction[Any], *, operator: bool) -> str | None:
        """``#mods`` for this server's own moderators' channel (``#mods in Server`` for an operator)."""
        channel_id = self.bot.config.admins.log_channel_id
        channel = self.bot.get_channel(channel_id) if channel_id is not None else None
        guild = getattr(channel, "guild", None)
        name = getattr(channel, "name", None)
        if guild is None or name is None:
            return None
        if operator:
            return f"#{name} in {guild.name}"
        return f"#{name}" if guild.id == interaction.guild_id else None

    def hidden_moderator_roles(self, interaction: discord.Interaction[Any]) -> list[str]:
        """Listed moderator roles of this server that ``/admin``'s default permissions hide.

        Discord does not tell a bot whether the owner already allowed them under Integrations,
        so the warning says how, and to skip it if done."""
        guild = interaction.guild
        if guild is None:
            return []
        needed = self.admin.default_permissions or discord.Permissions.none()
        hidden = []
        for role_id in sorted(self.bot.config.admins.role_ids):
            role = guild.get_role(role_id)
            if role is None:
                continue  # another server's role: not this server's business
            if not (role.permissions.administrator or needed <= role.permissions):
                hidden.append(role.name)
        return hidden

    # --- reload outcomes -----------------------------------------------------------------------

    async def record_reload(
        self,
        report: ReloadReport,
        user_id: int,
        place: str,
        *,
        guild_id: int | None = None,
        audit: bool = True,
    ) -> None:
        """Log and (unless ``audit=False``) audit one reload, whoever started it."""
        if report.ok:
            freeze_long_lived_objects()
            log.info(
                "content reload by %s (%s): %s → %s, %s in %.2fs",
                user_id,
                place,
                report.version_before,
                report.version_after,
                report.diff.summary(),
                report.duration_s,
            )
            detail: str | None = report.diff.summary()
        else:
            log.warning(
                "content reload by %s (%s) refused: %d problem(s), still serving %s; first: %s",
                user_id,
                place,
                len(report.errors),
                report.version_before,
                report.errors[0] if report.errors else "-",
            )
            detail = f"{len(report.errors)} problem(s); first: {report.errors[0]}" if report.errors else None
        if not audit:
            return
        await self.bot.services.audit.record(
            user_id,
            render.ACTION_RELOAD,
            "ok" if report.ok else "errors",
            place=place,
            detail=detail[:500] if detail else None,
            version_before=report.version_before,
            version_after=report.version_after,
            guild_id=guild_id,
            now=utcnow(self.bot.clock),
        )

    async def on_watcher_reload(self, report: ReloadReport) -> None:
        """The watcher reloaded: log, audit, and tell the moderators' channel if there is one.

        With several processes (shards) each watches and reloads its own copy; only the one
        serving shard 0 audits it and tells the moderators, so they hear it once."""
        once = self.bot.config.discord.serves_first_shard
        await self.record_reload(report, render.SYSTEM_USER_ID, PLACE_WATCHER, audit=once)
        channel_id = self.bot.config.admins.log_channel_id
        if channel_id is None or not once:
            return
        reply: Reply = render.reload_result(report, by_watcher=True)
        try:
            await self.bot.get_partial_messageable(channel_id).send(
                embeds=reply.embeds, files=[a.to_file() for a in reply.files], allowed_mentions=NO_MENTIONS
            )
        except discord.HTTPException as exc:
            log.warning(
                "could not post the reload result to channel %s: %s %s", channel_id, exc.status, exc.text
            )


def describe_command(interaction: discord.Interaction[Any]) -> str:
    command = interaction.command
    return f"/{command.qualified_name}" if command is not None else "/admin"


async def setup(bot: LupusBot) -> None:
    await bot.add_cog(Admin(bot))
