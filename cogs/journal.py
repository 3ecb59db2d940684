"""/checkin and /journal: a thin adapter over the private pain journal.

Everything here is health data: replies are private (ephemeral in a server,
plain only in the bot's own DM) and nothing is logged — not the scores, not the
note, not even at DEBUG (see ``bot.logsafety`` for discord.py's own logs).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.clock import utcnow
from bot.fairuse import CHECKINS, wait_words
from bot.journal.checkin_form import NOTE_MAX, CheckinProblems, parse_checkin
from bot.journal.report import DEFAULT_DAYS, MAX_DAYS
from bot.ui import personal as render
from bot.ui.components import Press, open_modal
from bot.ui.reply import Reply, send, wants_ephemeral

if TYPE_CHECKING:
    from bot.client import LupusBot


class Journal(commands.Cog):
    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot
        bot.router.register("checkin", self.on_checkin)
        bot.router.register("journal", self.on_journal)

    async def cog_unload(self) -> None:
        self.bot.router.unregister("checkin")
        self.bot.router.unregister("journal")

    def now(self) -> datetime:
        return utcnow(self.bot.clock)

    # --- /checkin --------------------------------------------------------------------------------

    # The /checkin command itself is the three-tap card in cogs/tracking.py; this form stays for
    # "Check in now" and "Fix my check-in" buttons.

    async def on_checkin(self, interaction: discord.Interaction[Any], press: Press) -> None:
        """``lc:checkin:open`` reopens the form; ``lc:checkin:submit`` is the form coming back."""
        if interaction.type is discord.InteractionType.modal_submit:
            await self.save(interaction, press.fields)
        else:
            draft = self.bot.services.checkin_drafts.get(interaction.user.id)
            await open_modal(interaction, render.checkin_modal(draft))

    async def save(self, interaction: discord.Interaction[Any], fields: dict[str, str]) -> None:
        user_id = interaction.user.id
        pain, fatigue = fields.get("pain", "")[:40], fields.get("fatigue", "")[:40]
        note = fields.get("note", "")[: NOTE_MAX * 4]
        drafts = self.bot.services.checkin_drafts
        # Kept until the row is stored: if saving fails, /checkin reopens with their text.
        drafts.keep(user_id, pain, fatigue, note)
        result = parse_checkin(pain, fatigue, note)
        if isinstance(result, CheckinProblems):
            await send(interaction, render.checkin_problems(result.messages))
            return
        if wait := self.bot.services.fair_use.wait_s(CHECKINS, user_id):
            # The draft stays, so nothing they typed is lost.
            await send(interaction, render.checkin_slow_down(wait_words(wait)))
            return
        saved = await self.bot.services.journal.add_checkin(result.checkin(user_id, self.now()))
        drafts.forget(user_id)
        await send(interaction, render.checkin_saved(saved))

    # --- /journal --------------------------------------------------------------------------------

    @app_commands.command(
        name="journal", description="Your recent check-ins and routines: summary, chart, file"
    )
    @app_commands.describe(days=f"How many days back (1–{MAX_DAYS}, default {DEFAULT_DAYS})")
    async def journal(
        self, interaction: discord.Interaction[Any], days: app_commands.Range[int, 1, MAX_DAYS] = DEFAULT_DAYS
    ) -> None:
        await self.show(interaction, days)

    async def on_journal(self, interaction: discord.Interaction[Any], press: Press) -> None:
        try:
            days = max(1, min(int(press.args[0]), MAX_DAYS)) if press.args else DEFAULT_DAYS
        except ValueError:
            days = DEFAULT_DAYS
        await self.show(interaction, days)

    async def show(self, interaction: discord.Interaction[Any], days: int) -> None:
        """Defer first: the chart takes longer than Discord's 3-second window allows for comfort."""
        private = wants_ephemeral(interaction, Reply())  # the place's default, like every personal reply
        await interaction.response.defer(ephemeral=private, thinking=True)
        user_id = interaction.user.id
        tz_name = await self.bot.services.tracking.timezone(user_id)  # the member's one zone
        try:
            report = await self.bot.services.journal_reports.build(
                user_id, days, now=self.now(), tz_name=tz_name
            )
        except ValueError:  # a time zone tzdata no longer knows
            report = await self.bot.services.journal_reports.build(user_id, days, now=self.now())
        await send(interaction, render.journal_report(report))


async def setup(bot: LupusBot) -> None:
    await bot.add_cog(Journal(bot))
