"""Plain DMs to the bot: the crisis card when it is needed (and nothing after it), else a short menu.

The message text is only screened (``bot.ui.safety_net``); it is never stored or logged.
"I hurt myself stretching" gets the It-hurts help instead of the menu.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from bot.crisis.free_text import dm_answer
from bot.fairuse import DM_MENUS
from bot.ui import components as c
from bot.ui import reading as render
from bot.ui.components import Press
from bot.ui.reply import NO_MENTIONS, message_kwargs, send
from bot.ui.routines import CARE_TEAM_TOPIC, hurt_card

if TYPE_CHECKING:
    from bot.client import LupusBot

log = logging.getLogger(__name__)

MENU_TEXT = (
    "Hi, I'm Lupus Companion. I can share short, trusted reading, guide gentle stretches, "
    "and point you to help. What would you like?"
)


def menu_view() -> discord.ui.View:
    return c.view(
        c.button("Read", "library", style=discord.ButtonStyle.primary),
        c.button("Stretch", "menu", "stretch", style=discord.ButtonStyle.success),
        c.button("Resources", "menu", "resources"),
        c.button("Help", "menu", "help"),
        # Always there, not only after crisis words: people in crisis often don't say so.
        c.button("Crisis lines", "crisis", "lines", style=discord.ButtonStyle.danger),
    )


class DirectMessages(commands.Cog):
    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot
        bot.router.register("menu", self.on_menu)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.guild is not None or message.author.bot or self.bot.user is None:
            return
        if message.author.id == self.bot.user.id:
            return
        try:
            answer = dm_answer(await self.bot.safety_net.check_message(message))
            if answer == "card":
                return  # the crisis card was sent; nothing cheerful follows it
            if answer == "hurt":
                library = self.bot.content.library
                reply = hurt_card(library.safety, library.topics.get(CARE_TEAM_TOPIC))
                await message.channel.send(**message_kwargs(reply))
                return
            # Fair use: past the limit the menu is skipped, never queued, so a flood of DMs cannot
            # fill Discord's rate limit and delay the next crisis reply (which is always sent).
            if self.bot.services.fair_use.allow(DM_MENUS, message.author.id):
                await message.channel.send(MENU_TEXT, view=menu_view(), allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:
            log.warning("could not answer a DM (status %s)", exc.status)

    async def on_menu(self, interaction: discord.Interaction[Any], press: Press) -> None:
        choice = press.args[0] if press.args else ""
        library = self.bot.content.library
        if choice == "stretch" and (stretch := self.bot.get_cog("Stretch")) is not None:
            await stretch.show_list(interaction)  # type: ignore[attr-defined]
        elif choice == "resources":
            await send(interaction, render.topic_list(library))
        else:
            await send(interaction, render.help_page(library))


async def setup(bot: LupusBot) -> None:
    await bot.add_cog(DirectMessages(bot))
