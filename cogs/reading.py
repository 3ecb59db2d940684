"""/read, /library, /search, /resources and /help: a thin adapter over the content library."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.content.models import Article, ResourceTopic
from bot.content.render_text import resource_page_of_group
from bot.crisis import Screening
from bot.crisis.card import CRISIS_TOPIC
from bot.custom_ids import reading as ids
from bot.moderators import Moderators, is_moderator
from bot.text import clip
from bot.ui import reading as render
from bot.ui.errors import UserFacingError, safe_autocomplete
from bot.ui.reply import NO_MENTIONS, Reply, crisis_shown, is_bot_dm, send, update
from cogs.admin import actor_of

if TYPE_CHECKING:
    from bot.client import LupusBot

Kind = Literal["article", "section", "routine", "topic", "region"]


def not_found(bot: LupusBot, kind: Kind, value: str, command: str, **extra: Any) -> UserFacingError:
    guesses = bot.content.library.autocomplete(kind, value, limit=1, **extra)
    hint = f" Did you mean **{guesses[0].name}**?" if guesses and value.strip() else ""
    shown = discord.utils.escape_markdown(clip(value, 60)) or "that"
    return UserFacingError(f"I couldn't find “{shown}”.{hint} Try `{command}` and pick from the list.")


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
            raise not_found(self.bot, "article", article_id, "/read")
        return article

    def topic(self, topic_id: str) -> ResourceTopic:
        topic = self.bot.content.library.topics.get(topic_id)
        if topic is None:
            raise not_found(self.bot, "topic", topic_id, "/resources")
        return topic

    def page(
        self, interaction: discord.Interaction[Any], article: Article, section_id: str, page: int
    ) -> Reply:
        library = self.bot.content.library
        shareable = can_share(interaction)
        if section_id == "-":
            return render.article_overview(library, article, shareable=shareable)
        if all(s.id != section_id for s in article.sections):
            raise not_found(self.bot, "section", section_id, f"/read {article.id}", article_id=article.id)
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
        self, interaction: discord.Interaction[Any], article: str | None = None, section: str | None = None
    ) -> None:
        article, section = _article_and_section(self.bot.content.library.articles, article, section)
        if article is None:
            await send(interaction, render.article_list(self.bot.content.library))
            return
        found = self.article(article)
        await send(interaction, self.page(interaction, found, section or "-", 0))

    @read.autocomplete("article")
    @safe_autocomplete
    async def read_article_ac(self, interaction: discord.Interaction[Any], current: str) -> list[Any]:
        return render.choices(self.bot.content.library, "article", current)

    @read.autocomplete("section")
    @safe_autocomplete
    async def read_section_ac(self, interaction: discord.Interaction[Any], current: str) -> list[Any]:
        article_id = getattr(interaction.namespace, "article", None)
        return render.choices(self.bot.content.library, "section", current, article_id=article_id)

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
        self, interaction: discord.Interaction[Any], topic: str | None = None, region: str | None = None
    ) -> None:
        library = self.bot.content.library
        if topic is None:
            await send(interaction, render.topic_list(library))
            return
        found = library.topics.get(topic)
        if found is None:
            raise not_found(self.bot, "topic", topic, "/resources")
        if found.id == CRISIS_TOPIC and not region:
            # The crisis card for where this member lives (their choice, else the community's).
            await send(interaction, await self.bot.safety_net.card(interaction.user.id, Screening()))
            return
        await send(interaction, self.resource_page(interaction, found, _region(self.bot, region), 0))

    @resources.autocomplete("topic")
    @safe_autocomplete
    async def resources_topic_ac(self, interaction: discord.Interaction[Any], current: str) -> list[Any]:
        return render.choices(self.bot.content.library, "topic", current)

    @resources.autocomplete("region")
    @safe_autocomplete
    async def resources_region_ac(self, interaction: discord.Interaction[Any], current: str) -> list[Any]:
        return render.choices(self.bot.content.library, "region", current)

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

    async def on_unshare(self, interaction: discord.Interaction[Any], press: ids.Unshare) -> None:
        """The public copy's Delete: for the member who shared it and for moderators."""
        shares = self.bot.services.shares
        share = await shares.get(press.share_id)
        # A copy whose record is gone (its sharer erased their data) is still a moderator's to remove.
        mine = share is not None and share.user_id == interaction.user.id
        if not (mine or is_moderator(self.moderators, actor_of(interaction))):
            raise UserFacingError("Only the member who shared this, or a moderator, can delete it.")
        await interaction.response.defer()
        await interaction.delete_original_response()
        if share is not None:
            await shares.forget(share.id)

    def check_shareable(self, interaction: discord.Interaction[Any], press: render.Shared) -> None:
        """The page a share button names may be posted here at all (else a kind refusal)."""
        if isinstance(press, ids.ShareTopic | ids.PostTopic) and press.topic in render.NEVER_SHARED:
            raise UserFacingError("Crisis lines are only shown to you, privately. They can't be posted.")
        if not can_share(interaction):
            raise UserFacingError(CANNOT_POST)
        if isinstance(press, ids.ShareArticle | ids.PostArticle):
            article = self.article(press.article)
            if press.section != "-" and article.section(press.section) is None:
                raise not_found(
                    self.bot, "section", press.section, f"/read {article.id}", article_id=article.id
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
            stretch = self.bot.get_cog("Stretch")
            if stretch is None or target_id not in library.routines:
                raise not_found(self.bot, "routine", target_id, "/stretch")
            await stretch.show_intro(interaction, target_id, replace=True)  # type: ignore[attr-defined]
        else:
            raise UserFacingError("That item is no longer in the library. Try `/library` or `/search`.")


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


def _article_and_section(
    articles: Mapping[str, Article], article: str | None, section: str | None
) -> tuple[str | None, str | None]:
    """Accept what section autocomplete offers before an article is picked (``article#section``):
    the section names its own article, whatever the article option says."""
    if section and "#" in section:
        from_section, _, section_id = section.partition("#")
        if from_section in articles:
            article, section = from_section, section_id
    return (article if article and article.strip() else None), (section or None)


def _int(value: str) -> int:
    try:
        return max(0, min(int(value), 999))
    except ValueError:
        return 0


def _clamp(page: int) -> int:
    return max(0, min(page, 999))


UNKNOWN_REGION = (
    "I don't have that place in my list. Pick a country from the choices as you type (like US, UK or "
    "Canada), or leave region empty to see help for everywhere."
)


def _region(bot: LupusBot, region: str | None) -> str | None:
    """A known region code, or None for "everywhere"; anything else is refused kindly.

    Only known codes pass, because the region ends up in a custom_id and in messages that can be
    shared in a channel: nothing a member typed may be echoed in public."""
    if not region or region.strip() in {"", "-"}:
        return None
    library = bot.content.library
    code = library.region_code(clip(region, 60))
    if not library.known_region(code):
        raise UserFacingError(UNKNOWN_REGION)
    return code


async def setup(bot: LupusBot) -> None:
    await bot.add_cog(Reading(bot))
