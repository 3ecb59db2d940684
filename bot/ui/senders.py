"""The Discord side the core services are given at construction (:class:`bot.ports.Ports`).

Each sender maps Discord's answers onto the core's ``Delivery`` and never raises for them; the
card editor shows a routine session's current card without a press. The client builds them with
:func:`discord_ports` before the services, so no cog has to plug anything in afterwards.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import aiohttp
import discord

from bot.content.models import Routine
from bot.delivery import Delivery
from bot.ports import Ports
from bot.routines.records import SessionRecord
from bot.routines.session import RoutineSession
from bot.storage.meds import Medicine, MedReminder
from bot.storage.reminders import Reminder
from bot.ui import checkin_reminder as checkin_render
from bot.ui import meds as meds_render
from bot.ui import reminders as reminders_render
from bot.ui import routines as routines_render
from bot.ui.reply import NO_MENTIONS, Reply, message_kwargs

if TYPE_CHECKING:
    from bot.client import LupusBot

log = logging.getLogger(__name__)

ORIGINAL: Any = "@original"
"""The interaction's own message, as a webhook message id (discord.py types the id as an int)."""

REFUSED = (discord.Forbidden, discord.NotFound)
"""50007: DMs closed; 50278: no shared server; 10013: the account is gone."""
PASSING = (TimeoutError, discord.HTTPException, aiohttp.ClientError, OSError)


def discord_ports(bot: LupusBot) -> Ports:
    return Ports(
        card_editor=CardEditor(bot),
        reminder_sender=ReminderSender(bot),
        checkin_sender=CheckinSender(bot),
        med_sender=MedSender(bot),
    )


def reminder_routine(bot: LupusBot, reminder: Reminder | None) -> Routine | None:
    """The routine the reminder's button starts: the one chosen with it, else none (a list to pick from)."""
    routine_id = reminder.routine_id if reminder is not None else None
    return bot.content.library.routines.get(routine_id) if routine_id else None


async def _dm(bot: LupusBot, user_id: int, reply: Reply, what: str, *, nonce: str) -> Delivery:
    """Send ``reply`` by DM and say how it went (never raises for Discord's answers).

    ``nonce`` names the firing, so a retry by another process after a crash returns the DM
    Discord already made instead of sending a second one (discord.py sets ``enforce_nonce``)."""
    try:
        channel = await bot.create_dm(discord.Object(id=user_id))
        await channel.send(nonce=nonce, **message_kwargs(reply))
    except REFUSED as exc:
        log.info("%s DM refused by Discord (code %s)", what, exc.code)
        return Delivery.BLOCKED
    except PASSING as exc:
        log.warning("%s DM failed for now (%s)", what, type(exc).__name__)
        return Delivery.FAILED
    return Delivery.SENT


class ReminderSender:
    """Sends one stretch reminder DM (with the button of their routine)."""

    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot

    async def __call__(self, reminder: Reminder, nonce: str) -> Delivery:
        routine = reminder_routine(self.bot, reminder)
        reply = reminders_render.reminder_dm(routine)
        return await _dm(self.bot, reminder.user_id, reply, "reminder", nonce=nonce)


class CheckinSender:
    """Sends the daily check-in reminder DM."""

    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot

    async def __call__(self, reminder: Reminder, nonce: str) -> Delivery:
        return await _dm(
            self.bot, reminder.user_id, checkin_render.checkin_dm(), "check-in reminder", nonce=nonce
        )


class MedSender:
    """Sends one medicine reminder DM."""

    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot

    async def __call__(self, row: MedReminder, medicine: Medicine, nonce: str) -> Delivery:
        reply = meds_render.reminder_dm(row, medicine)
        return await _dm(self.bot, row.user_id, reply, "medicine reminder", nonce=nonce)


def session_card(bot: LupusBot, session: RoutineSession) -> Reply:
    """The card of a routine session as it is now."""
    library = bot.content.library
    care_team = library.topics.get(routines_render.CARE_TEAM_TOPIC)
    return routines_render.session_card(session, bot.clock.now(), library.safety, care_team)


class CardEditor:
    """Shows a session's current card without a press. False if it could not be shown.

    A card in the bot's DM is a normal message: edit it by channel and id, at any time. An
    ephemeral card can only be edited through the latest interaction token, and only while it is
    valid (the service checks).
    """

    def __init__(self, bot: LupusBot) -> None:
        self.bot = bot

    async def __call__(self, record: SessionRecord) -> bool:
        reply = session_card(self.bot, record.session)
        location, now = record.location, self.bot.clock.now()
        if location.dm_message and location.channel_id is not None and location.message_id is not None:
            channel = self.bot.get_partial_messageable(location.channel_id, type=discord.ChannelType.private)
            try:
                await channel.get_partial_message(location.message_id).edit(
                    content=reply.content, embeds=reply.embeds, view=reply.view, allowed_mentions=NO_MENTIONS
                )
                return True
            except discord.HTTPException as exc:
                log.info("routine %s: DM edit failed (status %s)", record.id, exc.status)
        token, app_id = location.interaction_token, self.bot.application_id
        if token is not None and app_id is not None and location.token_valid(now):
            try:
                webhook = discord.Webhook.partial(app_id, token, client=self.bot)
                await webhook.edit_message(
                    ORIGINAL,
                    content=reply.content,
                    embeds=reply.embeds,
                    view=reply.view,
                    allowed_mentions=NO_MENTIONS,
                )
                return True
            except discord.HTTPException as exc:
                log.info("routine %s: token edit failed (status %s)", record.id, exc.status)
        return False
