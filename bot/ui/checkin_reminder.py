"""Renderers for the daily check-in reminder and for Snooze / Skip today on any daily reminder."""

from __future__ import annotations

from datetime import datetime

import discord

from bot.custom_ids.personal import ReminderAction
from bot.custom_ids.tracking import CheckinNow
from bot.reminders.zone_words import zone_in_words, zone_name
from bot.storage.reminders import Reminder
from bot.ui import components as c
from bot.ui.reply import Reply, discord_time

KIND_WORDS = {"stretch": "stretch reminder", "checkin": "check-in reminder"}


def checkin_dm() -> Reply:
    """The daily DM: one tap opens the check-in card."""
    return Reply(
        content=(
            "📝 **Time for your daily check-in.** Three taps: pain, fatigue, Save. "
            "Skip anything that doesn't fit today."
        ),
        view=c.view(
            c.button("Check in now", CheckinNow(), style=discord.ButtonStyle.success),
            c.button("Snooze 1 hour", ReminderAction("snooze", "checkin")),
            c.button("Skip today", ReminderAction("skip", "checkin")),
            c.button("Stop", ReminderAction("stop", "checkin")),
        ),
        ephemeral=False,
    )


def checkin_reminder_set(reminder: Reminder, now: datetime) -> Reply:
    return Reply(
        content=(
            f"**Your daily check-in reminder is on:** {reminder.local_time} every day.\n"
            f"**Your time zone:** {zone_in_words(reminder.timezone, now)}\n"
            f"The next one comes {discord_time(reminder.next_fire_at)} by direct message. "
            "It has Snooze 1 hour and Skip today buttons. Stop it with `/remind off which:checkin`."
        ),
        view=c.view(c.button("Turn off", ReminderAction("stop", "checkin"))),
    )


def checkin_reminder_line(reminder: Reminder | None) -> str:
    if reminder is None:
        return "**Daily check-in reminder:** off. Turn it on with `/remind checkin`."
    if reminder.paused:
        return "**Daily check-in reminder:** paused (direct messages failed). Use `/remind checkin` again."
    return (
        f"**Daily check-in reminder:** {reminder.local_time} every day, {zone_name(reminder.timezone)}. "
        f"Next: {discord_time(reminder.next_fire_at)}."
    )


def snoozed(kind: str, when: datetime | None) -> Reply:
    if when is None:
        return Reply(content=f"You have no active {KIND_WORDS.get(kind, 'reminder')} to snooze.")
    return Reply(content=f"Snoozed. I'll remind you again at {discord_time(when, 't')}.")


def skipped_today(kind: str, when: datetime | None) -> Reply:
    if when is None:
        return Reply(content=f"You have no active {KIND_WORDS.get(kind, 'reminder')}.")
    return Reply(content=f"No more today. The next one comes {discord_time(when)}. Rest well.")


def checkin_reminder_off(removed: bool) -> Reply:
    if not removed:
        return Reply(content="You have no check-in reminder, so there was nothing to turn off.")
    return Reply(
        content="Your daily check-in reminder is **off**. Use `/remind checkin` if you want it back."
    )


def confirm_stop(kind: str) -> Reply:
    """One tap never erases a reminder: Stop asks first, and says what stays."""
    words = KIND_WORDS.get(kind, "reminder")
    return Reply(
        content=(
            f"Stop your daily {words}? Only this reminder ends: your journal, your time zone and "
            "your other reminders stay. Rather have a break? **Skip today** only skips today."
        ),
        view=c.view(
            c.button("Yes, stop it", ReminderAction("off", kind), style=discord.ButtonStyle.danger),
            c.button("Keep it", ReminderAction("keep", kind)),
        ),
    )


def kept(kind: str) -> Reply:
    return Reply(content=f"Kept. Your {KIND_WORDS.get(kind, 'reminder')} is unchanged.")
