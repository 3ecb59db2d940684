"""/meds add, list, remove and log, plus the medicine reminder DM: a thin adapter over ``bot.tracking.meds``.

Names and dose text are typed by the member: the safety net screens them before this runs
(``bot.ui.safety_net``); they are kept as typed and never logged. Replies are private.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot import logsafety
from bot.clock import utcnow
from bot.custom_ids.personal import DoseAnswer
from bot.tracking.meds import DOSE_MAX, MAX_MEDICINES, NAME_MAX, MedService, parse_times
from bot.ui import meds as render
from bot.ui.errors import UserFacingError
from bot.ui.reply import send, update
from bot.ui.transformers import MedicineName, TimeZone, save_timezone
from bot.wording import tracking as words

if TYPE_CHECKING:
    from bot.client import LupusBot

log = logging.getLogger(__name__)


class Meds(commands.GroupCog, group_name="meds", group_description="Your medicines and DM reminders"):
    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot
        self.meds: MedService = bot.services.meds
        bot.router.on_press(DoseAnswer, self.on_button)

    async def cog_unload(self) -> None:
        self.bot.router.unregister(DoseAnswer)

    def now(self) -> datetime:
        return utcnow(self.bot.clock)

    @app_commands.command(name="add", description="Add a medicine and get a DM at its times")
    @app_commands.describe(
        name="The medicine's name, as you call it",
        times="When, like 8:00 or 8:00, 20:00 (your local time)",
        dose="Optional: the dose as your doctor wrote it, like 1 tablet",
        timezone="Your time zone, once (start typing your city)",
    )
    async def add(
        self,
        interaction: discord.Interaction[Any],
        name: app_commands.Range[str, 1, NAME_MAX],
        times: app_commands.Range[str, 1, 80],
        dose: app_commands.Range[str, 1, DOSE_MAX] | None = None,
        timezone: app_commands.Transform[str, TimeZone] | None = None,
    ) -> None:
        try:
            parsed = parse_times(times)
        except ValueError as exc:
            raise UserFacingError(str(exc)) from None
        user_id = interaction.user.id
        tracking = self.bot.services.tracking
        if timezone is not None:
            await save_timezone(self.bot, user_id, timezone)
        elif await tracking.known_timezone(user_id) is None:
            raise UserFacingError(words.MEDS_NEED_TIMEZONE)
        if len(await self.meds.repo.list(user_id)) >= MAX_MEDICINES:
            raise UserFacingError(words.MEDS_TOO_MANY.format(most=MAX_MEDICINES))
        medicine = await self.meds.add(
            user_id, " ".join(name.split()), dose and " ".join(dose.split()), parsed
        )
        settings = await tracking.repo.settings(user_id)
        first = settings.meds_notice_at is None
        if first:
            await tracking.repo.set_setting(user_id, "meds_notice_at", self.now(), now=self.now())
        await send(
            interaction, render.med_added(medicine, await tracking.timezone(user_id), first_time=first)
        )

    @app_commands.command(name="list", description="Your medicines, their times and what you recorded")
    async def list_meds(self, interaction: discord.Interaction[Any]) -> None:
        user_id = interaction.user.id
        medicines = await self.meds.repo.list(user_id)
        adherence = await self.meds.repo.adherence(user_id, self.now() - timedelta(days=30))
        tz_name = await self.bot.services.tracking.timezone(user_id)
        await send(interaction, render.med_list(medicines, adherence, tz_name))

    @app_commands.command(name="remove", description="Stop a medicine's reminders and remove it")
    @app_commands.describe(name="Which medicine (start typing)")
    async def remove(
        self, interaction: discord.Interaction[Any], name: app_commands.Transform[str, MedicineName]
    ) -> None:
        medicine = await self.meds.find(interaction.user.id, name)
        removed = medicine is not None and await self.meds.remove(interaction.user.id, medicine.id)
        await send(interaction, render.med_removed(removed))

    @app_commands.command(name="log", description="Record a dose after the fact")
    @app_commands.describe(name="Which medicine (start typing)", status="Taken or skipped")
    async def log_dose(
        self,
        interaction: discord.Interaction[Any],
        name: app_commands.Transform[str, MedicineName],
        status: Literal["taken", "skipped"] = "taken",
    ) -> None:
        medicine = await self.meds.find(interaction.user.id, name)
        ok = medicine is not None and await self.meds.log_dose(interaction.user.id, medicine.id, status)
        await send(interaction, render.dose_logged(ok, status))

    async def on_button(self, interaction: discord.Interaction[Any], press: DoseAnswer) -> None:
        """Taken, Skipped or Snooze on a reminder DM."""
        action, reminder_id = press.action, press.reminder_id
        user_id = interaction.user.id
        if action in ("taken", "skipped"):
            row = await self.meds.answer(user_id, reminder_id, action)  # type: ignore[arg-type]
            if row is None:
                raise UserFacingError(render.not_yours())
            await update(interaction, render.dose_answered(action))
        elif action == "snooze":
            when = await self.meds.snooze(user_id, reminder_id)
            if when is None:
                raise UserFacingError(render.not_yours())
            await update(interaction, render.snoozed(when))
        else:
            raise UserFacingError(render.not_yours())


async def setup(bot: LupusBot) -> None:
    logsafety.install()
    await bot.add_cog(Meds(bot))
