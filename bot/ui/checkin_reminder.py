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
from bot.wording import common as common_words
from bot.wording import reminders as words


def _kind(kind: str) -> str:
    return words.KIND_WORDS.get(kind, words.KIND_UNKNOWN)


def checkin_dm() -> Reply:
    """The daily DM: one tap opens the check-in card."""
    return Reply(
        content=words.CHECKIN_DM,
        view=c.view(
            c.button(common_words.BUTTON_CHECK_IN_NOW, CheckinNow(), style=discord.ButtonStyle.success),
            c.button(words.BUTTON_SNOOZE_1_HOUR, ReminderAction("snooze", "checkin")),
            c.button(words.BUTTON_SKIP_TODAY, ReminderAction("skip", "checkin")),
            c.button("Stop", ReminderAction("stop", "checkin")),
        ),
        ephemeral=False,
    )


def checkin_reminder_set(reminder: Reminder, now: datetime) -> Reply:
    return Reply(
        content=words.CHECKIN_REMINDER_SET.format(
            time=reminder.local_time,
            zone=zone_in_words(reminder.timezone, now),
            next=discord_time(reminder.next_fire_at),
        ),
        view=c.view(c.button(words.BUTTON_TURN_OFF, ReminderAction("stop", "checkin"))),
    )


def checkin_reminder_line(reminder: Reminder | None) -> str:
    if reminder is None:
        return words.CHECKIN_LINE_OFF
    if reminder.paused:
        return words.CHECKIN_LINE_PAUSED
    return words.CHECKIN_LINE.format(
        time=reminder.local_time, zone=zone_name(reminder.timezone), next=discord_time(reminder.next_fire_at)
    )


def snoozed(kind: str, when: datetime | None) -> Reply:
    if when is None:
        return Reply(content=words.NOTHING_TO_SNOOZE.format(kind=_kind(kind)))
    return Reply(content=words.SNOOZED.format(when=discord_time(when, "t")))


def skipped_today(kind: str, when: datetime | None) -> Reply:
    if when is None:
        return Reply(content=words.NOTHING_TO_SKIP.format(kind=_kind(kind)))
    return Reply(content=words.SKIPPED_TODAY.format(when=discord_time(when)))


def checkin_reminder_off(removed: bool) -> Reply:
    if not removed:
        return Reply(content=words.NO_CHECKIN_REMINDER)
    return Reply(content=words.CHECKIN_REMINDER_OFF)


def confirm_stop(kind: str) -> Reply:
    """One tap never erases a reminder: Stop asks first, and says what stays."""
    return Reply(
        content=words.CONFIRM_STOP.format(kind=_kind(kind)),
        view=c.view(
            c.button(words.BUTTON_YES_STOP_IT, ReminderAction("off", kind), style=discord.ButtonStyle.danger),
            c.button(words.BUTTON_KEEP_IT, ReminderAction("keep", kind)),
        ),
    )


def kept(kind: str) -> Reply:
    return Reply(content=words.KEPT.format(kind=_kind(kind)))
