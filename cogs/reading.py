"""/read, /library, /search, /resources and /help: a thin adapter over the content library."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.content.models import Article
from bot.text import clip
from bot.ui import reading as render
from bot.ui.components import Press
from bot.ui.errors import UserFacingError, safe_autocomplete
from bot.ui.reply import is_bot_dm, send, update

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
        for kind, handler in (
            ("read", self.on_read),
            ("pick", self.on_pick),
            ("share", self.on_share),
            ("open", self.on_open),
            ("go", self.on_go),
            ("library", self.on_library),
        ):
            bot.router.register(kind, handler)

    # --- helpers -------------------------------------------------------------------------------

    def article(self, article_id: str) -> Article:
        article = self.bot.content.library.articles.get(article_id)
        if article is None:
            raise not_found(self.bot, "article", article_id, "/read")
        return article

    def page(
        self, interaction: discord.Interaction[Any], article: Article, section_id: str, page: int
    ) -> Any:
        if section_id == "-":
            return render.article_overview(article, shareable=not is_bot_dm(interaction))
        if all(s.id != section_id for s in article.sections):
            raise not_found(self.bot, "section", section_id, f"/read {article.id}", article_id=article.id)
        return render.article_page(
            self.bot.content.library, article, section_id, page, shareable=not is_bot_dm(interaction)
        )

    # --- slash commands ------------------------------------------------------------------------

    @app_commands.command(name="read", description="Read an article, one short section at a time")
    @app_commands.describe(article="Which article (start typing)", section="Which section (optional)")
    async def read(
        self, interaction: discord.Interaction[Any], article: str, section: str | None = None
    ) -> None:
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
        hits = self.bot.content.library.search(query, limit=10)
        await send(interaction, render.search_results(query, hits))

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
        await send(
            interaction,
            render.resource_topic(found, _region(self.bot, region), shareable=not is_bot_dm(interaction)),
        )

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

    # --- components ----------------------------------------------------------------------------

    async def on_read(self, interaction: discord.Interaction[Any], press: Press) -> None:
        article_id, section_id, page = _read_args(press.args)
        await update(interaction, self.page(interaction, self.article(article_id), section_id, page))

    async def on_pick(self, interaction: discord.Interaction[Any], press: Press) -> None:
        article = self.article(press.args[0] if press.args else "")
        section_id = press.values[0] if press.values else "-"
        await update(interaction, self.page(interaction, article, section_id, 0))

    async def on_share(self, interaction: discord.Interaction[Any], press: Press) -> None:
        kind, *rest = press.args or ("",)
        library = self.bot.content.library
        if kind == "article" and len(rest) == 3:
            article = self.article(rest[0])
            if rest[1] == "-":
                reply = render.article_overview(article, shareable=False)
                reply.view, reply.ephemeral = None, False
            else:
                self.page(interaction, article, rest[1], 0)  # raises kindly if the section is gone
                reply = render.article_page(
                    library, article, rest[1], _int(rest[2]), shareable=False, shared=True
                )
        elif kind == "resources" and len(rest) >= 2 and rest[0] in library.topics:
            reply = render.resource_topic(
                library.topics[rest[0]], _region(self.bot, rest[1]), shareable=False, shared=True
            )
        else:
            raise UserFacingError("That can no longer be shared. Please open it again first.")
        await send(interaction, reply)

    async def on_open(self, interaction: discord.Interaction[Any], press: Press) -> None:
        kind = press.args[0] if press.args else ""
        target = press.values[0] if press.values else (press.args[1] if len(press.args) > 1 else "")
        await self.open_ref(interaction, f"{kind}:{target}")

    async def on_go(self, interaction: discord.Interaction[Any], press: Press) -> None:
        await self.open_ref(interaction, press.values[0] if press.values else "")

    async def on_library(self, interaction: discord.Interaction[Any], press: Press) -> None:
        await send(interaction, render.library_page(self.bot.content.library))

    async def open_ref(self, interaction: discord.Interaction[Any], ref: str) -> None:
        """Open a reference picked from a menu as a new private message."""
        library = self.bot.content.library
        kind, _, rest = ref.partition(":")
        target_id, _, section_id = rest.partition("#")
        shareable = not is_bot_dm(interaction)
        if kind == "article":
            await send(interaction, self.page(interaction, self.article(target_id), section_id or "-", 0))
        elif kind == "resources" and target_id in library.topics:
            await send(
                interaction, render.resource_topic(library.topics[target_id], None, shareable=shareable)
            )
        elif kind == "routine":
            stretch = self.bot.get_cog("Stretch")
            if stretch is None or target_id not in library.routines:
                raise not_found(self.bot, "routine", target_id, "/stretch")
            await stretch.show_intro(interaction, target_id)  # type: ignore[attr-defined]
        else:
            raise UserFacingError("That item is no longer in the library. Try `/library` or `/search`.")


def _int(value: str) -> int:
    try:
        return max(0, min(int(value), 999))
    except ValueError:
        return 0


def _read_args(args: tuple[str, ...]) -> tuple[str, str, int]:
    if len(args) != 3:
        raise UserFacingError("That button is from an older message. Use `/read` to open the article again.")
    return args[0], args[1], _int(args[2])


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
