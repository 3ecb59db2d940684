"""Renderers for the daily stretch reminder: set, show, off, and the reminder DM itself.

Everything here is health data or about one person, so every reply is private:
ephemeral in a server, a plain message only in the bot's own DM
(``Reply.ephemeral=None`` lets ``bot.ui.reply`` pick). Nothing here is ever shared
to a channel, and nothing here logs. Texts are short and plain (grade-8 reading
level), buttons say what they do in words, and numbers come with their meaning.
"""

from __future__ import annotations

from datetime import datetime

import discord

from bot import limits
from bot.content.models import Routine
from bot.custom_ids import personal as p
from bot.custom_ids.routines import RoutineList, RoutineStart
from bot.reminders.zone_words import zone_in_words, zone_name
from bot.storage.reminders import Reminder
from bot.text import clip
from bot.ui import components as c
from bot.ui.private import when
from bot.ui.reply import Reply, discord_time

# -- reminders ------------------------------------------------------------------------------------


def _routine_words(routine: Routine | None, routine_id: str | None) -> str:
    if routine is not None:
        return f"**{routine.title}** ({routine.minutes} min)"
    if routine_id:
        return "your usual routine (it is no longer in the library, so I'll offer the list)"
    return "a list of gentle routines to pick from"


def zone_line(zone: str, now: datetime) -> str:
    """``Your time zone: Eastern Time (New York) — it's 3:40 pm there now; …`` (used by every setter)."""
    return f"**Your time zone:** {zone_in_words(zone, now)}"


def reminder_set(reminder: Reminder, routine: Routine | None, now: datetime) -> Reply:
    content = (
        f"**Your daily stretch reminder is on:** {reminder.local_time} every day.\n"
        f"{zone_line(reminder.timezone, now)}\n"
        f"The next one comes {when(reminder.next_fire_at)} by direct message, "
        f"with a button to start {_routine_words(routine, reminder.routine_id)}.\n"
        "Wrong zone? Use `/remind set` with your city. Stop it with `/remind off`."
    )
    return Reply(content=content, view=c.view(c.button("Turn off", p.ReminderAction("stop", "stretch"))))


PAUSE_REASONS = {
    "dm_blocked": (
        "Paused: Discord would not let me send you a direct message. Allow direct messages from this "
        "server's members (Server name → Privacy Settings), then use `/remind set` to turn it back on."
    ),
    "unknown_timezone": (
        "Paused: your time zone is no longer recognised. Use `/remind set` and pick your time zone again."
    ),
}


def reminder_show(reminder: Reminder | None, routine: Routine | None) -> Reply:
    if reminder is None:
        return Reply(
            content=(
                "You have no daily reminder. To get one, use `/remind set` with a time like `7:30 pm` "
                "and your time zone (start typing a city, like `London` or `New York`)."
            )
        )
    lines = [f"**Daily stretch reminder:** {reminder.local_time} every day, {zone_name(reminder.timezone)}."]
    if reminder.paused:
        reason = PAUSE_REASONS.get(reminder.paused_reason or "", "Paused. Use `/remind set` to restart it.")
        lines.append(reason)
    else:
        lines.append(f"**Next:** {when(reminder.next_fire_at)} ({discord_time(reminder.next_fire_at, 'R')})")
    lines.append(f"**Button in the message:** start {_routine_words(routine, reminder.routine_id)}.")
    if reminder.last_sent_at is not None:
        lines.append(f"Last sent {when(reminder.last_sent_at)}.")
    return Reply(
        content="\n".join(lines), view=c.view(c.button("Turn off", p.ReminderAction("stop", "stretch")))
    )


def reminder_off(removed: bool) -> Reply:
    if not removed:
        return Reply(content="You have no daily reminder, so there was nothing to turn off.")
    return Reply(
        content=(
            "Your daily reminder is **off**, and its settings are erased. "
            "Nothing else changed. Use `/remind set` if you want it back."
        )
    )


def reminder_dm(routine: Routine | None) -> Reply:
    """The daily DM: a gentle nudge, one big button, and a way to stop it."""
    start = (
        c.button(
            clip(f"Start: {routine.title}", limits.BUTTON_LABEL),
            RoutineStart(routine.id),
            style=discord.ButtonStyle.success,
        )
        if routine is not None
        else c.button("Pick a gentle stretch", RoutineList(), style=discord.ButtonStyle.success)
    )
    content = "🌿 **Time for your daily stretch.**\nOnly if your body says yes today: rest counts too. " + (
        f"Your usual routine is {routine.title} ({routine.minutes} min)."
        if routine is not None
        else "Pick any routine that suits how you feel."
    )
    return Reply(
        content=content,
        view=c.view(
            start,
            c.button("Snooze 1 hour", p.ReminderAction("snooze", "stretch")),
            c.button("Skip today", p.ReminderAction("skip", "stretch")),
            c.button("Stop", p.ReminderAction("stop", "stretch")),
        ),
        ephemeral=False,
    )


def reminder_dm_unreachable() -> str:
    return (
        "Heads up: I just tried to send you a test message and Discord would not let me. Your reminder "
        "is saved, but it can't reach you until you allow direct messages from this server's members "
        "(Server name → Privacy Settings)."
    )


REMINDER_DM_HELLO = (
    "👋 This is where your daily stretch reminder will arrive. You can stop it any time with `/remind off`."
)
