"""/privacy export and /privacy delete: everything the bot holds about a person, or nothing.

Both walk the database schema (``bot.storage.privacy``), so a table added
later is covered without touching this file. Delete is ``Services.erase_user``:
it stops the person's timers and drops unsaved drafts, erases every row with
their user id in one transaction, then stops timers once more in case one
re-armed itself in between.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.clock import utcnow
from bot.custom_ids.personal import PrivacyChoice
from bot.fairuse import EXPORTS, wait_words
from bot.ui import privacy as render
from bot.ui.errors import UserFacingError
from bot.ui.reply import Reply, send, send_all, update, wants_ephemeral

if TYPE_CHECKING:
    from bot.client import LupusBot

log = logging.getLogger(__name__)


class Privacy(
    commands.GroupCog, group_name="privacy", group_description="Get a copy of your data, or erase it"
):
    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot
        bot.router.on_press(PrivacyChoice, self.on_privacy)

    async def cog_unload(self) -> None:
        self.bot.router.unregister(PrivacyChoice)

    def now(self) -> datetime:
        return utcnow(self.bot.clock)

    @app_commands.command(name="export", description="Get a file with everything I hold about you")
    async def export(self, interaction: discord.Interaction[Any]) -> None:
        if wait := self.bot.services.fair_use.wait_s(EXPORTS, interaction.user.id):
            await send(interaction, render.export_slow_down(wait_words(wait)))
            return
        # A long journal makes a big file: answer "thinking…" first, and build and zip it in a
        # worker thread so everyone else's commands keep their speed.
        await interaction.response.defer(ephemeral=wants_ephemeral(interaction, Reply()), thinking=True)
        now = self.now()
        data = await self.bot.services.export_user(interaction.user.id, now=now)
        limit = interaction.filesize_limit
        replies = await asyncio.to_thread(render.privacy_export_parts, data, now=now, upload_limit=limit)
        await send_all(interaction, replies)

    @app_commands.command(name="delete", description="Erase everything I hold about you")
    async def delete(self, interaction: discord.Interaction[Any]) -> None:
        await send(interaction, render.privacy_confirm(interaction.user.id))

    async def on_privacy(self, interaction: discord.Interaction[Any], press: PrivacyChoice) -> None:
        """Delete erases; Cancel does nothing. Only for the member the question was shown to."""
        if press.owner != interaction.user.id:
            raise UserFacingError(render.privacy_not_yours())
        if press.action == "cancel":
            await update(interaction, render.privacy_cancelled())
            return
        counts = await self.erase(interaction.user.id)
        await update(interaction, render.privacy_deleted(counts))

    async def erase(self, user_id: int) -> dict[str, int]:
        counts = await self.bot.services.erase_user(user_id)
        log.info("erased a member's data on request (%d rows)", sum(counts.values()))
        return counts


async def setup(bot: LupusBot) -> None:
    await bot.add_cog(Privacy(bot))
