"""/remind set, checkin, show and off, and notices left for people.

Thin: time parsing, scheduling and the missed-reminder rule live in
``bot.reminders``; this module turns interactions into calls on the
``ReminderDispatcher``. The time, time zone and routine options are
``bot.ui.transformers``; the reminder DMs themselves are sent by ``bot.ui.senders``,
which the services are given when they are built.

Pending notices (e.g. "your reminder is paused because DMs failed") are shown
by :meth:`Remind.on_app_command_completion`: after *any* slash command of the
bot succeeds, the person's pending notice (if any) follows as a private
message. That needs no change to the command tree; the lead may instead call
:func:`show_pending_notice` from a tree-wide hook.
"""

from __future__ import annotations

import logging
from datetime import datetime, time
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.clock import utcnow
from bot.content.models import Routine
from bot.custom_ids.personal import ReminderAction
from bot.ui import checkin_reminder as checkin_render
from bot.ui import reminders as render
from bot.ui.errors import UserFacingError
from bot.ui.reply import NO_MENTIONS, crisis_shown, is_bot_dm, send, update
from bot.ui.senders import reminder_routine
from bot.ui.transformers import RoutineChoice, TimeOfDay, TimeZone, save_timezone, unknown_zone
from bot.wording import reminders as words

if TYPE_CHECKING:
    from bot.client import LupusBot

log = logging.getLogger(__name__)

SNOOZE_SECONDS = 60 * 60


async def show_pending_notice(bot: LupusBot, interaction: discord.Interaction[Any]) -> bool:
    """Send the person's pending notice as a private follow-up, once. Call after the response is sent.

    Skipped when the interaction was answered with a modal (a modal cannot be
    followed up); the notice then waits for the next command.
    """
    if (
        not interaction.response.is_done()
        or interaction.response.type is discord.InteractionResponseType.modal
        or crisis_shown(interaction)  # nothing follows a crisis card; the notice waits
    ):
        return False
    prefs = bot.services.prefs
    # No query unless this person has a notice (this runs after every command), and the notice is
    # cleared only once delivered: if the follow-up fails, it waits for the next command.
    notice = await prefs.pending_notice(interaction.user.id)
    if notice is None:
        return False
    try:
        await interaction.followup.send(notice, ephemeral=True, allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as exc:
        log.warning("could not deliver a pending notice (status %s); it stays pending", exc.status)
        return False
    await prefs.take_pending_notice(interaction.user.id)
    return True


class Remind(commands.GroupCog, group_name="remind", group_description="A daily stretch reminder by DM"):
    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot
        self.dispatcher = bot.services.reminder_dispatcher
        self.checkins = bot.services.checkin_reminders
        bot.router.on_press(ReminderAction, self.on_remind_button)

    async def cog_unload(self) -> None:
        self.bot.router.unregister(ReminderAction)

    # --- commands --------------------------------------------------------------------------------

    @app_commands.command(name="set", description="Get a daily stretch reminder by DM at your local time")
    @app_commands.describe(
        time="When, like 7:30, 19:05 or 7pm",
        timezone="Your time zone, asked once: your city (London, New York) or EST, PST, CET…",
        routine="Which routine the button starts (optional)",
    )
    async def set_reminder(
        self,
        interaction: discord.Interaction[Any],
        time: app_commands.Transform[time, TimeOfDay],
        timezone: app_commands.Transform[str, TimeZone] | None = None,
        routine: app_commands.Transform[Routine | None, RoutineChoice("/remind set")] | None = None,
    ) -> None:
        user_id = interaction.user.id
        before = await self.bot.services.reminders.get(user_id)
        zone = await self.member_zone(interaction, timezone)
        try:
            reminder = await self.dispatcher.set(user_id, time, zone, routine.id if routine else None)
        except ValueError:
            raise unknown_zone(zone) from None
        routine_shown = reminder_routine(self.bot, reminder)
        await send(interaction, render.reminder_set(reminder, routine_shown, self.now()))
        if (before is None or before.paused) and not is_bot_dm(interaction):
            await self.check_dm_reach(interaction)

    def now(self) -> datetime:
        return utcnow(self.bot.clock)

    async def member_zone(self, interaction: discord.Interaction[Any], zone: str | None) -> str:
        """The zone they gave now (saved as their one zone), else the one they gave before; asked once."""
        if zone is not None:
            await save_timezone(self.bot, interaction.user.id, zone)
            return zone
        known = await self.bot.services.tracking.known_timezone(interaction.user.id)
        if known is None:
            raise UserFacingError(words.WHICH_TIMEZONE)
        return known

    async def check_dm_reach(self, interaction: discord.Interaction[Any]) -> None:
        """Say hello by DM now, so a closed DM is found today rather than at tomorrow's reminder."""
        try:
            channel = await self.bot.create_dm(interaction.user)
            await channel.send(render.REMINDER_DM_HELLO, allowed_mentions=NO_MENTIONS)
        except (discord.Forbidden, discord.NotFound):
            await interaction.followup.send(
                render.reminder_dm_unreachable(), ephemeral=True, allowed_mentions=NO_MENTIONS
            )
        except discord.HTTPException as exc:
            log.warning("could not send the reminder hello DM (status %s)", exc.status)

    @app_commands.command(
        name="checkin", description="Get a daily check-in reminder by DM at your local time"
    )
    @app_commands.describe(
        time="When, like 20:00 or 8pm", timezone="Your time zone, if it changed (start typing your city)"
    )
    async def checkin_reminder(
        self,
        interaction: discord.Interaction[Any],
        time: app_commands.Transform[time, TimeOfDay],
        timezone: app_commands.Transform[str, TimeZone] | None = None,
    ) -> None:
        user_id = interaction.user.id
        zone = await self.member_zone(interaction, timezone)
        reminder = await self.checkins.set(user_id, time, zone, None)
        await send(interaction, checkin_render.checkin_reminder_set(reminder, self.now()))

    @app_commands.command(name="show", description="See your daily reminders")
    async def show(self, interaction: discord.Interaction[Any]) -> None:
        reminder = await self.bot.services.reminders.get(interaction.user.id)
        routine = reminder_routine(self.bot, reminder)
        reply = render.reminder_show(reminder, routine)
        checkin = await self.checkins.service.get(interaction.user.id)
        reply.content = (reply.content or "") + "\n" + checkin_render.checkin_reminder_line(checkin)
        await send(interaction, reply)

    @app_commands.command(name="off", description="Stop a daily reminder")
    @app_commands.describe(which="Which reminder to stop (the stretch one unless you say)")
    async def off(
        self, interaction: discord.Interaction[Any], which: Literal["stretch", "checkin"] = "stretch"
    ) -> None:
        await self.turn_off(interaction, which)

    async def turn_off(self, interaction: discord.Interaction[Any], which: str) -> None:
        user_id = interaction.user.id
        if which == "checkin":
            await send(interaction, checkin_render.checkin_reminder_off(await self.checkins.off(user_id)))
        else:
            await send(interaction, render.reminder_off(await self.dispatcher.off(user_id)))

    async def on_remind_button(self, interaction: discord.Interaction[Any], press: ReminderAction) -> None:
        """Stop, Yes stop it (``off``), Keep it, Snooze, Skip today, from /remind or a reminder DM:
        acts on the presser's own reminder. Stop only asks; "Yes, stop it" (``off``) stops."""
        action = press.action
        which = press.which or "stretch"
        dispatcher = self.checkins if which == "checkin" else self.dispatcher
        if action == "stop" or (action == "off" and press.which is None):
            # Buttons sent before Stop asked first (``lc:remind:off``) ask too.
            await send(interaction, checkin_render.confirm_stop(which))
        elif action == "keep":
            await update(interaction, checkin_render.kept(which))
        elif action == "off":
            user_id = interaction.user.id
            if which == "checkin":
                stopped = checkin_render.checkin_reminder_off(await self.checkins.off(user_id))
            else:
                stopped = render.reminder_off(await self.dispatcher.off(user_id))
            await update(interaction, stopped)
        elif action == "snooze":
            when = await dispatcher.snooze(interaction.user.id, SNOOZE_SECONDS)
            await send(interaction, checkin_render.snoozed(which, when))
        elif action == "skip":
            when = await dispatcher.skip_today(interaction.user.id)
            await send(interaction, checkin_render.skipped_today(which, when))
        else:
            raise UserFacingError(words.REMINDER_BUTTON_EXPIRED)

    # --- notices ---------------------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_app_command_completion(self, interaction: discord.Interaction[Any], command: Any) -> None:
        await show_pending_notice(self.bot, interaction)


async def setup(bot: LupusBot) -> None:
    await bot.add_cog(Remind(bot))
