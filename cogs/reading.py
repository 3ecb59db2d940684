"""/read, /library, /search, /resources and /help: a thin adapter over the content library."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.content.models import Article, ResourceTopic
from bot.content.render_text import resource_page_of_group
from bot.crisis import Screening
from bot.crisis.card import CRISIS_TOPIC
from bot.moderators import Moderators, is_moderator
from bot.ui import reading as render
from bot.ui.admin import actor_of
from bot.ui.components import Press
from bot.ui.errors import UserFacingError
from bot.ui.reply import NO_MENTIONS, Reply, is_bot_dm, send, update
from bot.ui.routine_entry import show_routine_intro
from bot.ui.transformers import (
    ArticleChoice,
    Region,
    RegionChoice,
    SectionChoice,
    SectionRef,
    TopicChoice,
    not_found,
    region_of,
)

if TYPE_CHECKING:
    from bot.client import LupusBot


class Reading(commands.Cog):
    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot
        admins = bot.config.admins
        self.moderators = Moderators.of(admins.user_ids, admins.role_ids, admins.guild_ids)
        for kind, handler in (
            ("read", self.on_read),
            ("pick", self.on_pick),
            ("src", self.on_sources),
            ("res", self.on_resource_page),
            ("rjump", self.on_resource_jump),
            ("share", self.on_share),
            ("shareok", self.on_share_confirmed),
            ("unshare", self.on_unshare),
            ("open", self.on_open),
            ("go", self.on_go),
            ("library", self.on_library),
            ("help", self.on_help),
            ("privacy-notice", self.on_privacy_notice),
        ):
            bot.router.register(kind, handler)

    # --- helpers -------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article:
        article = self.bot.content.library.articles.get(article_id)
        if article is None:
            raise not_found(self.bot.content.library, "article", article_id, "/read")
        return article

    def topic(self, topic_id: str) -> ResourceTopic:
        topic = self.bot.content.library.topics.get(topic_id)
        if topic is None:
            raise not_found(self.bot.content.library, "topic", topic_id, "/resources")
        return topic

    def page(
        self, interaction: discord.Interaction[Any], article: Article, section_id: str, page: int
    ) -> Reply:
        library = self.bot.content.library
        shareable = can_share(interaction)
        if section_id == "-":
            return render.article_overview(library, article, shareable=shareable)
        if all(s.id != section_id for s in article.sections):
            raise not_found(
                self.bot.content.library, "section", section_id, f"/read {article.id}", article_id=article.id
            )
        return render.article_page(library, article, section_id, page, shareable=shareable)

    def resource_page(
        self, interaction: discord.Interaction[Any], topic: ResourceTopic, region: str | None, page: int
    ) -> Reply:
        return render.resource_topic(
            self.bot.content.library, topic, region, page, shareable=can_share(interaction)
        )

    # --- slash commands ------------------------------------------------------------------------

    @app_commands.command(name="read", description="Read an article, one short section at a time")
    @app_commands.describe(
        article="Which article (optional: leave it out to pick from a list)",
        section="Which section (optional)",
    )
    async def read(
        self,
        interaction: discord.Interaction[Any],
        article: app_commands.Transform[Article | None, ArticleChoice] | None = None,
        section: app_commands.Transform[SectionRef, SectionChoice] | None = None,
    ) -> None:
        if section is not None and section.article is not None:
            article = section.article  # a section picked as ``article#section`` names its article
        if article is None:
            await send(interaction, render.article_list(self.bot.content.library))
            return
        await send(interaction, self.page(interaction, article, section.section_id if section else "-", 0))

    @app_commands.command(name="library", description="Browse everything: articles, routines and help")
    async def library(self, interaction: discord.Interaction[Any]) -> None:
        await send(interaction, render.library_page(self.bot.content.library))

    @app_commands.command(name="search", description="Search articles, routines and resources")
    @app_commands.describe(query="A word or a few words, like “kidney tests”")
    async def search(
        self, interaction: discord.Interaction[Any], query: app_commands.Range[str, 1, 200]
    ) -> None:
        hits = self.bot.content.library.search(query, limit=20)
        await send(interaction, render.search_results(query, hits))

    @app_commands.command(name="resources", description="Care team, money help, crisis lines and more")
    @app_commands.describe(topic="Which topic (optional)", region="Your country, like US or UK (optional)")
    async def resources(
        self,
        interaction: discord.Interaction[Any],
        topic: app_commands.Transform[ResourceTopic, TopicChoice] | None = None,
        region: app_commands.Transform[Region, RegionChoice] | None = None,
    ) -> None:
        if topic is None:
            await send(interaction, render.topic_list(self.bot.content.library))
            return
        if topic.id == CRISIS_TOPIC and (region is None or not region.typed):
            # The crisis card for where this member lives (their choice, else the community's).
            await send(interaction, await self.bot.safety_net.card(interaction.user.id, Screening()))
            return
        await send(interaction, self.resource_page(interaction, topic, region.code if region else None, 0))

    @app_commands.command(name="help", description="What I can do, the medical disclaimer and privacy")
    async def help(self, interaction: discord.Interaction[Any]) -> None:
        await send(interaction, render.help_page(self.bot.content.library))

    # --- components: every one edits the message it sits on -----------------------------------

    async def on_read(self, interaction: discord.Interaction[Any], press: Press) -> None:
        article_id, section_id, page = _read_args(press.args)
        await update(interaction, self.page(interaction, self.article(article_id), section_id, page))

    async def on_pick(self, interaction: discord.Interaction[Any], press: Press) -> None:
        article = self.article(press.args[0] if press.args else "")
        section_id = press.values[0] if press.values else "-"
        await update(interaction, self.page(interaction, article, section_id, 0))

    async def on_resource_page(self, interaction: discord.Interaction[Any], press: Press) -> None:
        if len(press.args) != 3:
            raise UserFacingError(STALE)
        topic_id, region, page = press.args
        topic = self.topic(topic_id)
        await update(
            interaction, self.resource_page(interaction, topic, _region(self.bot, region), _int(page))
        )

    async def on_resource_jump(self, interaction: discord.Interaction[Any], press: Press) -> None:
        if len(press.args) != 2:
            raise UserFacingError(STALE)
        topic = self.topic(press.args[0])
        page = _int(press.values[0]) if press.values else 0
        await update(
            interaction, self.resource_page(interaction, topic, _region(self.bot, press.args[1]), page)
        )

    async def on_sources(self, interaction: discord.Interaction[Any], press: Press) -> None:
        """``src:<a|r>:<id>:<page>:<back…>``: the sources, with Back to the page the reader was on."""
        if len(press.args) != 5:
            raise UserFacingError(STALE)
        kind, target_id, page, *back = press.args
        source: Article | ResourceTopic = self.article(target_id) if kind == "a" else self.topic(target_id)
        reply = render.sources_page(kind, target_id, source.sources, source.reviewed, _int(page), tuple(back))
        await update(interaction, reply)

    async def on_share(self, interaction: discord.Interaction[Any], press: Press) -> None:
        """Share in channel: first ask, naming the channel and that everyone will see it."""
        kind, target_id, a, b = self.shared_page(interaction, press)
        await update(interaction, render.share_confirm(_channel(interaction), kind, target_id, a, b))

    async def on_share_confirmed(self, interaction: discord.Interaction[Any], press: Press) -> None:
        kind, target_id, a, b = self.shared_page(interaction, press)
        library = self.bot.content.library
        if kind == "article":
            article = self.article(target_id)
            if a == "-":
                public = render.article_overview(library, article, shareable=False)
                public.view = None
            else:
                public = render.article_page(library, article, a, _int(b), shareable=False, shared=True)
            back: tuple[str, ...] = ("read", target_id, a, b)
        else:
            region = _region(self.bot, a)
            public = render.resource_topic(
                library, self.topic(target_id), region, _int(b), shareable=False, shared=True
            )
            back = ("res", target_id, a, b)
        shares = self.bot.services.shares
        channel_id = interaction.channel_id or 0
        share_id = await shares.claim(
            interaction.user.id, channel_id, f"{kind}:{target_id}:{a}:{b}", self.bot.clock.now()
        )
        if share_id is None:
            await update(interaction, render.share_done(ALREADY_SHARED.format(_channel(interaction)), back))
            return
        await update(interaction, render.share_done(SHARED.format(_channel(interaction)), back))
        try:
            message = await interaction.followup.send(
                embeds=public.embeds,
                view=render.shared_view(share_id),
                ephemeral=False,
                wait=True,
                allowed_mentions=NO_MENTIONS,
            )
        except BaseException:
            await shares.forget(share_id)
            raise
        await shares.posted(share_id, message.id)

    async def on_unshare(self, interaction: discord.Interaction[Any], press: Press) -> None:
        """The public copy's Delete: for the member who shared it and for moderators."""
        shares = self.bot.services.shares
        share = await shares.get(_share_id(press.args))
        # A copy whose record is gone (its sharer erased their data) is still a moderator's to remove.
        mine = share is not None and share.user_id == interaction.user.id
        if not (mine or is_moderator(self.moderators, actor_of(interaction))):
            raise UserFacingError("Only the member who shared this, or a moderator, can delete it.")
        await interaction.response.defer()
        await interaction.delete_original_response()
        if share is not None:
            await shares.forget(share.id)

    def shared_page(self, interaction: discord.Interaction[Any], press: Press) -> tuple[str, str, str, str]:
        """The page a share button names, after checking it may be posted here at all."""
        if len(press.args) != 4 or press.args[0] not in ("article", "resources"):
            raise UserFacingError("That can no longer be shared. Please open it again first.")
        kind, target_id, a, b = press.args
        if kind == "resources" and target_id in render.NEVER_SHARED:
            raise UserFacingError("Crisis lines are only shown to you, privately. They can't be posted.")
        if not can_share(interaction):
            raise UserFacingError(CANNOT_POST)
        if kind == "article":
            article = self.article(target_id)
            if a != "-" and article.section(a) is None:
                raise not_found(
                    self.bot.content.library, "section", a, f"/read {article.id}", article_id=article.id
                )
        else:
            self.topic(target_id)
        return kind, target_id, a, b

    async def on_open(self, interaction: discord.Interaction[Any], press: Press) -> None:
        kind = press.args[0] if press.args else ""
        target = press.values[0] if press.values else (press.args[1] if len(press.args) > 1 else "")
        await self.open_ref(interaction, f"{kind}:{target}")

    async def on_go(self, interaction: discord.Interaction[Any], press: Press) -> None:
        await self.open_ref(interaction, press.values[0] if press.values else "")

    async def on_library(self, interaction: discord.Interaction[Any], press: Press) -> None:
        await update(interaction, render.library_page(self.bot.content.library))

    async def on_help(self, interaction: discord.Interaction[Any], press: Press) -> None:
        await update(interaction, render.help_page(self.bot.content.library))

    async def on_privacy_notice(self, interaction: discord.Interaction[Any], press: Press) -> None:
        await update(interaction, render.privacy_notice())

    async def open_ref(self, interaction: discord.Interaction[Any], ref: str) -> None:
        """Open a reference picked from a menu or a see-also button, in place of the message it was on.

        ``resources:<topic>#<group>`` opens the page of that group; ``resources:-`` the topic list."""
        library = self.bot.content.library
        kind, _, rest = ref.partition(":")
        target_id, _, section_id = rest.partition("#")
        if kind == "article":
            await update(interaction, self.page(interaction, self.article(target_id), section_id or "-", 0))
        elif kind == "resources" and target_id == "-":
            await update(interaction, render.topic_list(library))
        elif kind == "resources" and target_id == CRISIS_TOPIC and not section_id:
            await update(interaction, await self.bot.safety_net.card(interaction.user.id, Screening()))
        elif kind == "resources" and target_id in library.topics:
            topic = library.topics[target_id]
            page = resource_page_of_group(topic, None, _int(section_id)) if section_id else 0
            await update(interaction, self.resource_page(interaction, topic, None, page))
        elif kind == "routine":
            routine = library.routines.get(target_id)
            if routine is None:
                raise not_found(library, "routine", target_id, "/stretch")
            await show_routine_intro(self.bot, interaction, routine, replace=True)
        else:
            raise UserFacingError("That item is no longer in the library. Try `/library` or `/search`.")


STALE = "That button is from an older message. Please use the command again."
CANNOT_POST = "I can't post here for you: this channel doesn't let you (or me) send messages."
SHARED = "Posted in {}. Its **Delete** button removes it (for you and the moderators)."
ALREADY_SHARED = "This was posted in {} a few minutes ago, so I didn't post it again."


def can_share(interaction: discord.Interaction[Any]) -> bool:
    """A Share button only where a copy can go: a server channel where the member may send
    messages (and the app too, when the server installed it)."""
    if is_bot_dm(interaction) or interaction.guild_id is None:
        return False
    in_thread = isinstance(interaction.channel, discord.Thread)
    member, app = interaction.permissions, interaction.app_permissions
    if not (member.send_messages_in_threads if in_thread else member.send_messages):
        return False
    if not interaction.is_guild_integration():
        return True
    return bool(app.send_messages_in_threads if in_thread else app.send_messages)


def _channel(interaction: discord.Interaction[Any]) -> str:
    return f"<#{interaction.channel_id}>" if interaction.channel_id else "this channel"


def _int(value: str) -> int:
    try:
        return max(0, min(int(value), 999))
    except ValueError:
        return 0


def _share_id(args: tuple[str, ...]) -> int:
    """The share row a Delete button names (any size: ids grow past the page-number range)."""
    try:
        return int(args[0]) if args else 0
    except ValueError:
        return 0


def _read_args(args: tuple[str, ...]) -> tuple[str, str, int]:
    if len(args) != 3:
        raise UserFacingError("That button is from an older message. Use `/read` to open the article again.")
    return args[0], args[1], _int(args[2])


def _region(bot: LupusBot, region: str | None) -> str | None:
    """A region from a button: a known code, or None for everywhere (see ``region_of``)."""
    return region_of(bot.content.library, region)


async def setup(bot: LupusBot) -> None:
    await bot.add_cog(Reading(bot))
