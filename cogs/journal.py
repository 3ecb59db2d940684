"""/checkin and /journal: a thin adapter over the private pain journal.

Everything here is health data: replies are private (ephemeral in a server,
plain only in the bot's own DM) and nothing is logged — not the scores, not the
note, not even at DEBUG (see ``bot.logsafety`` for discord.py's own logs).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.clock import utcnow
from bot.custom_ids import personal as ids
from bot.fairuse import CHECKINS, wait_words
from bot.journal.checkin_form import NOTE_MAX, CheckinProblems, parse_checkin
from bot.journal.report import DEFAULT_DAYS, MAX_DAYS
from bot.ui import journal as render
from bot.ui.components import open_modal
from bot.ui.reply import Reply, send, wants_ephemeral

if TYPE_CHECKING:
    from bot.client import LupusBot


class Journal(commands.Cog):
    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot
        bot.router.on_press(ids.CheckinOpen, self.on_checkin)
        bot.router.on_submit(ids.CheckinForm, self.on_checkin_form)
        bot.router.on_press(ids.JournalView, self.on_journal)

    async def cog_unload(self) -> None:
        self.bot.router.unregister(ids.CheckinOpen, ids.CheckinForm, ids.JournalView)

    def now(self) -> datetime:
        return utcnow(self.bot.clock)

    # --- /checkin --------------------------------------------------------------------------------

    # The /checkin command itself is the three-tap card in cogs/tracking.py; this form stays for
    # "Check in now" and "Fix my check-in" buttons.

    async def on_checkin(self, interaction: discord.Interaction[Any], press: ids.CheckinOpen) -> None:
        """Reopen the form (with what they typed last time, if saving failed)."""
        draft = self.bot.services.checkin_drafts.get(interaction.user.id)
        await open_modal(interaction, render.checkin_modal(draft))

    async def on_checkin_form(
        self, interaction: discord.Interaction[Any], form: ids.CheckinForm, fields: Mapping[str, str]
    ) -> None:
        await self.save(interaction, fields)

    async def save(self, interaction: discord.Interaction[Any], fields: Mapping[str, str]) -> None:
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

    async def on_journal(self, interaction: discord.Interaction[Any], press: ids.JournalView) -> None:
        await self.show(interaction, max(1, min(press.days, MAX_DAYS)))

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
