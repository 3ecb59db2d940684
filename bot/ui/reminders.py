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
from bot.wording import reminders as words

# -- reminders ------------------------------------------------------------------------------------


def _routine_words(routine: Routine | None, routine_id: str | None) -> str:
    if routine is not None:
        return words.ROUTINE_NAMED.format(title=routine.title, minutes=routine.minutes)
    if routine_id:
        return words.ROUTINE_GONE
    return words.ROUTINE_ANY


def zone_line(zone: str, now: datetime) -> str:
    """``Your time zone: Eastern Time (New York) — it's 3:40 pm there now; …`` (used by every setter)."""
    return words.ZONE_LINE.format(zone=zone_in_words(zone, now))


def reminder_set(reminder: Reminder, routine: Routine | None, now: datetime) -> Reply:
    content = words.REMINDER_SET.format(
        time=reminder.local_time,
        zone_line=zone_line(reminder.timezone, now),
        next=when(reminder.next_fire_at),
        routine=_routine_words(routine, reminder.routine_id),
    )
    return Reply(
        content=content, view=c.view(c.button(words.BUTTON_TURN_OFF, p.ReminderAction("stop", "stretch")))
    )


def reminder_show(reminder: Reminder | None, routine: Routine | None) -> Reply:
    if reminder is None:
        return Reply(content=words.NO_REMINDER)
    lines = [words.REMINDER_LINE.format(time=reminder.local_time, zone=zone_name(reminder.timezone))]
    if reminder.paused:
        reason = words.PAUSE_REASONS.get(reminder.paused_reason or "", words.PAUSED)
        lines.append(reason)
    else:
        lines.append(
            words.NEXT_LINE.format(
                when=when(reminder.next_fire_at), relative=discord_time(reminder.next_fire_at, "R")
            )
        )
    lines.append(words.BUTTON_LINE.format(routine=_routine_words(routine, reminder.routine_id)))
    if reminder.last_sent_at is not None:
        lines.append(words.LAST_SENT.format(when=when(reminder.last_sent_at)))
    return Reply(
        content="\n".join(lines),
        view=c.view(c.button(words.BUTTON_TURN_OFF, p.ReminderAction("stop", "stretch"))),
    )


def reminder_off(removed: bool) -> Reply:
    if not removed:
        return Reply(content=words.NO_REMINDER_TO_TURN_OFF)
    return Reply(content=words.REMINDER_OFF)


def reminder_dm(routine: Routine | None) -> Reply:
    """The daily DM: a gentle nudge, one big button, and a way to stop it."""
    start = (
        c.button(
            clip(words.BUTTON_START_ROUTINE.format(title=routine.title), limits.BUTTON_LABEL),
            RoutineStart(routine.id),
            style=discord.ButtonStyle.success,
        )
        if routine is not None
        else c.button(words.BUTTON_PICK_A_GENTLE_STRETCH, RoutineList(), style=discord.ButtonStyle.success)
    )
    content = words.STRETCH_DM + (
        words.STRETCH_DM_ROUTINE.format(title=routine.title, minutes=routine.minutes)
        if routine is not None
        else words.STRETCH_DM_ANY
    )
    return Reply(
        content=content,
        view=c.view(
            start,
            c.button(words.BUTTON_SNOOZE_1_HOUR, p.ReminderAction("snooze", "stretch")),
            c.button(words.BUTTON_SKIP_TODAY, p.ReminderAction("skip", "stretch")),
            c.button("Stop", p.ReminderAction("stop", "stretch")),
        ),
        ephemeral=False,
    )


def reminder_dm_unreachable() -> str:
    return words.DM_UNREACHABLE


REMINDER_DM_HELLO = words.DM_HELLO
"""The first DM ``/remind set`` sends, to check direct messages get through."""
