"""Plain DMs to the bot: the crisis card when it is needed (and nothing after it), else what the
words most likely wanted (``bot.dm_intent``): a "you're welcome", a greeting and the menu, or up
to three buttons to matching articles, routines and resources. The full menu is shown at most
once every :data:`MENU_EVERY_SECONDS` per member (the time is kept with their preferences, so it
holds across restarts and processes).

The message text is only screened (``bot.ui.safety_net``) and matched; it is never stored or
logged. "I hurt myself stretching" gets the It-hurts help.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from bot.clock import utcnow
from bot.crisis.free_text import dm_answer
from bot.custom_ids.personal import DmMenu
from bot.dm_intent import understand
from bot.fairuse import DM_MENUS
from bot.ui import reading as render
from bot.ui.dm import dm_reply, shows_menu
from bot.ui.reply import message_kwargs, update
from bot.ui.routine_entry import show_routine_list
from bot.ui.routines import CARE_TEAM_TOPIC, hurt_card

if TYPE_CHECKING:
    from bot.client import LupusBot

log = logging.getLogger(__name__)

MENU_EVERY_SECONDS = 10 * 60
"""The full menu at most this often per member: repeated, it is only noise."""


class DirectMessages(commands.Cog):
    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot
        bot.router.on_press(DmMenu, self.on_menu)

    async def cog_unload(self) -> None:
        self.bot.router.unregister(DmMenu)

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
            # Fair use: past the limit the answer is skipped, never queued, so a flood of DMs cannot
            # fill Discord's rate limit and delay the next crisis reply (which is always sent).
            if self.bot.services.fair_use.allow(DM_MENUS, message.author.id):
                await self.answer(message)
        except discord.HTTPException as exc:
            log.warning("could not answer a DM (status %s)", exc.status)

    async def answer(self, message: discord.Message) -> None:
        """What the words most likely wanted; the full menu only if it was not shown lately."""
        prefs = self.bot.services.prefs
        user_id = message.author.id
        now = utcnow(self.bot.clock)
        try:
            last = (await prefs.get(user_id)).dm_menu_at
        except Exception:  # storage trouble must not leave a DM unanswered: answer without the menu
            log.exception("could not read when the DM menu was last shown")
            last = now
        menu = last is None or (now - last).total_seconds() >= MENU_EVERY_SECONDS
        reply = dm_reply(understand(message.content, self.bot.content.library), menu=menu)
        if shows_menu(reply):
            # Stored before sending: a second DM right behind this one must already see it.
            try:
                await prefs.mark_dm_menu(user_id, now=now)
            except Exception:
                log.exception("could not store when the DM menu was shown")
        await message.channel.send(**message_kwargs(reply))

    async def on_menu(self, interaction: discord.Interaction[Any], press: DmMenu) -> None:
        """A menu button opens its page in place of the menu (navigation never stacks messages)."""
        choice = press.choice
        library = self.bot.content.library
        if choice == "stretch":
            await show_routine_list(self.bot, interaction, replace=True)
        elif choice == "resources":
            await update(interaction, render.topic_list(library))
        else:
            await update(interaction, render.help_page(library))


async def setup(bot: LupusBot) -> None:
    await bot.add_cog(DirectMessages(bot))
