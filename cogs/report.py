"""/report: the one-page PDF for a doctor, and the member's questions for their doctor.

Thin: data, charts and the PDF come from ``bot.report``. The answer is
deferred first (the page takes a few hundred milliseconds to draw), then sent
privately as a file. Questions are free text: screened by the safety net, never logged.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot import logsafety
from bot.clock import utcnow
from bot.custom_ids.personal import QuestionsForm, QuestionsOpen
from bot.report.data import paper_for
from bot.report.service import warm_up
from bot.ui import report as render
from bot.ui.components import open_modal
from bot.ui.reply import Reply, send, wants_ephemeral

if TYPE_CHECKING:
    from bot.client import LupusBot


class Report(commands.Cog):
    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot
        self._warm: asyncio.Task[None] | None = None
        bot.router.on_press(QuestionsOpen, self.on_questions)
        bot.router.on_submit(QuestionsForm, self.on_questions_saved)

    async def cog_load(self) -> None:
        # Pay for importing fpdf2 and matplotlib in a thread now, not in someone's first /report.
        self._warm = asyncio.get_running_loop().create_task(asyncio.to_thread(warm_up))

    async def cog_unload(self) -> None:
        self.bot.router.unregister(QuestionsOpen, QuestionsForm)

    def now(self) -> datetime:
        return utcnow(self.bot.clock)

    @app_commands.command(name="report", description="A one-page PDF for your doctor (private)")
    @app_commands.describe(
        days="How many days back (30, 90 or 180)", questions="Edit your questions for your doctor instead"
    )
    async def report(
        self,
        interaction: discord.Interaction[Any],
        days: Literal[30, 90, 180] = 90,
        questions: Literal["edit"] | None = None,
    ) -> None:
        if questions == "edit":
            await self.open_questions(interaction)
            return
        await interaction.response.defer(ephemeral=wants_ephemeral(interaction, Reply()), thinking=True)
        user_id = interaction.user.id
        services = self.bot.services
        built = await services.report.build(
            user_id,
            int(days),
            now=self.now(),
            tz_name=await services.tracking.timezone(user_id),
            paper=paper_for(str(interaction.locale.value) if interaction.locale else None),
        )
        await send(interaction, render.report_reply(built.data, built.filename, built.pdf))

    async def open_questions(self, interaction: discord.Interaction[Any]) -> None:
        current = await self.bot.services.report.questions(interaction.user.id)
        await open_modal(interaction, render.questions_modal(current))

    async def on_questions(self, interaction: discord.Interaction[Any], press: QuestionsOpen) -> None:
        await self.open_questions(interaction)

    async def on_questions_saved(
        self, interaction: discord.Interaction[Any], form: QuestionsForm, fields: Mapping[str, str]
    ) -> None:
        text = fields.get("questions", "")[:4000]
        count = await self.bot.services.report.save_questions(interaction.user.id, text, now=self.now())
        await send(interaction, render.questions_saved(count))


async def setup(bot: LupusBot) -> None:
    logsafety.install()
    await bot.add_cog(Report(bot))
