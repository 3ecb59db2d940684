"""/read, /library, /search, /resources and /help: a thin adapter over the content library."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.content.models import Article, ResourceTopic
from bot.content.render_text import resource_page_of_group
from bot.crisis import Screening
from bot.crisis.card import CRISIS_TOPIC
from bot.custom_ids import reading as ids
from bot.moderators import Moderators, is_moderator
from bot.ui import reading as render
from bot.ui.admin import actor_of
from bot.ui.errors import UserFacingError
from bot.ui.reply import NO_MENTIONS, Reply, crisis_shown, is_bot_dm, send, update
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
from bot.wording import reading as words

if TYPE_CHECKING:
    from bot.client import LupusBot


class Reading(commands.Cog):
    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot
        admins = bot.config.admins
        self.moderators = Moderators.of(admins.user_ids, admins.role_ids, admins.guild_ids)
        router = bot.router
        router.on_press(ids.ReadPage, self.on_read)
        router.on_choose(ids.SectionMenu, self.on_pick)
        router.on_press(ids.ArticleSources, self.on_sources)
        router.on_press(ids.TopicSources, self.on_sources)
        router.on_press(ids.ResourcePage, self.on_resource_page)
        router.on_choose(ids.ResourceJump, self.on_resource_jump)
        router.on_press(ids.ShareArticle, self.on_share)
        router.on_press(ids.ShareTopic, self.on_share)
        router.on_press(ids.PostArticle, self.on_share_confirmed)
        router.on_press(ids.PostTopic, self.on_share_confirmed)
        router.on_press(ids.Unshare, self.on_unshare)
        router.on_press(ids.OpenRef, self.on_open)
        router.on_choose(ids.OpenMenu, self.on_open_menu)
        router.on_choose(ids.RefMenu, self.on_go)
        router.on_press(ids.LibraryPage, self.on_library)
        router.on_press(ids.HelpPage, self.on_help)
        router.on_press(ids.PrivacyNotice, self.on_privacy_notice)

    async def cog_unload(self) -> None:
        self.bot.router.unregister(*ids.READING)

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
        # Not kept when the words needed the crisis card (no member's such words stay in memory).
        reply = render.search_page(self.bot.content.library, query, remember=not crisis_shown(interaction))
        await send(interaction, reply)

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

    async def on_read(self, interaction: discord.Interaction[Any], press: ids.ReadPage) -> None:
        article = self.article(press.article)
        await update(interaction, self.page(interaction, article, press.section, _clamp(press.page)))

    async def on_pick(
        self, interaction: discord.Interaction[Any], menu: ids.SectionMenu, chosen: str
    ) -> None:
        article = self.article(menu.article)
        await update(interaction, self.page(interaction, article, chosen or "-", 0))

    async def on_resource_page(self, interaction: discord.Interaction[Any], press: ids.ResourcePage) -> None:
        topic = self.topic(press.topic)
        region = _region(self.bot, press.region)
        await update(interaction, self.resource_page(interaction, topic, region, _clamp(press.page)))

    async def on_resource_jump(
        self, interaction: discord.Interaction[Any], menu: ids.ResourceJump, chosen: str
    ) -> None:
        topic = self.topic(menu.topic)
        page = _int(chosen) if chosen else 0
        await update(
            interaction, self.resource_page(interaction, topic, _region(self.bot, menu.region), page)
        )

    async def on_sources(
        self, interaction: discord.Interaction[Any], press: ids.ArticleSources | ids.TopicSources
    ) -> None:
        """The sources, with Back to the page the reader was on."""
        source: Article | ResourceTopic = (
            self.article(press.article) if isinstance(press, ids.ArticleSources) else self.topic(press.topic)
        )
        press = replace(press, page=_clamp(press.page), back_page=_clamp(press.back_page))
        await update(interaction, render.sources_page(press, source.sources, source.reviewed))

    async def on_share(
        self, interaction: discord.Interaction[Any], press: ids.ShareArticle | ids.ShareTopic
    ) -> None:
        """Share in channel: first ask, naming the channel and that everyone will see it."""
        self.check_shareable(interaction, press)
        await update(interaction, render.share_confirm(_channel(interaction), press))

    async def on_share_confirmed(
        self, interaction: discord.Interaction[Any], press: ids.PostArticle | ids.PostTopic
    ) -> None:
        self.check_shareable(interaction, press)
        library = self.bot.content.library
        if isinstance(press, ids.PostArticle):
            article = self.article(press.article)
            kind, target_id, a = "article", press.article, press.section
            if press.section == "-":
                public = render.article_overview(library, article, shareable=False)
                public.view = None
            else:
                public = render.article_page(
                    library, article, press.section, _clamp(press.page), shareable=False, shared=True
                )
        else:
            kind, target_id, a = "resources", press.topic, press.region
            region = _region(self.bot, press.region)
            public = render.resource_topic(
                library, self.topic(press.topic), region, _clamp(press.page), shareable=False, shared=True
            )
        back = render.shared_back(press)
        shares = self.bot.services.shares
        channel_id = interaction.channel_id or 0
        share_id = await shares.claim(
            interaction.user.id, channel_id, f"{kind}:{target_id}:{a}:{press.page}", self.bot.clock.now()
        )
        if share_id is None:
            said = words.ALREADY_SHARED.format(channel=_channel(interaction))
            await update(interaction, render.share_done(said, back))
            return
        await update(interaction, render.share_done(words.SHARED.format(channel=_channel(interaction)), back))
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

    async def on_unshare(self, interaction: discord.Interaction[Any], press: ids.Unshare) -> None:
        """The public copy's Delete: for the member who shared it and for moderators."""
        shares = self.bot.services.shares
        share = await shares.get(press.share_id)
        # A copy whose record is gone (its sharer erased their data) is still a moderator's to remove.
        mine = share is not None and share.user_id == interaction.user.id
        if not (mine or is_moderator(self.moderators, actor_of(interaction))):
            raise UserFacingError(words.ONLY_SHARER_DELETES)
        await interaction.response.defer()
        await interaction.delete_original_response()
        if share is not None:
            await shares.forget(share.id)

    def check_shareable(self, interaction: discord.Interaction[Any], press: render.Shared) -> None:
        """The page a share button names may be posted here at all (else a kind refusal)."""
        if isinstance(press, ids.ShareTopic | ids.PostTopic) and press.topic in render.NEVER_SHARED:
            raise UserFacingError(words.CRISIS_NEVER_POSTED)
        if not can_share(interaction):
            raise UserFacingError(words.CANNOT_POST)
        if isinstance(press, ids.ShareArticle | ids.PostArticle):
            article = self.article(press.article)
            if press.section != "-" and article.section(press.section) is None:
                raise not_found(
                    self.bot.content.library,
                    "section",
                    press.section,
                    f"/read {article.id}",
                    article_id=article.id,
                )
        else:
            self.topic(press.topic)

    async def on_open(self, interaction: discord.Interaction[Any], press: ids.OpenRef) -> None:
        await self.open_ref(interaction, press.ref)

    async def on_open_menu(
        self, interaction: discord.Interaction[Any], menu: ids.OpenMenu, chosen: str
    ) -> None:
        await self.open_ref(interaction, f"{menu.ref_kind}:{chosen}")

    async def on_go(self, interaction: discord.Interaction[Any], menu: ids.RefMenu, chosen: str) -> None:
        await self.open_ref(interaction, chosen)

    async def on_library(self, interaction: discord.Interaction[Any], press: ids.LibraryPage) -> None:
        await update(interaction, render.library_page(self.bot.content.library))

    async def on_help(self, interaction: discord.Interaction[Any], press: ids.HelpPage) -> None:
        await update(interaction, render.help_page(self.bot.content.library))

    async def on_privacy_notice(
        self, interaction: discord.Interaction[Any], press: ids.PrivacyNotice
    ) -> None:
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
            raise UserFacingError(words.ITEM_GONE)


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


def _clamp(page: int) -> int:
    return max(0, min(page, 999))


def _region(bot: LupusBot, region: str | None) -> str | None:
    """A region from a button: a known code, or None for everywhere (see ``region_of``)."""
    return region_of(bot.content.library, region)


async def setup(bot: LupusBot) -> None:
    await bot.add_cog(Reading(bot))
