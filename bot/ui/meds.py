"""Renderers for medicines: the list, the reminder DM with Taken / Skipped / Snooze, and the one notice.

Every reply is private. The bot repeats what the member typed (name, dose text,
times) and never suggests a dose or a change; it says so once, in plain words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import discord

from bot.custom_ids.personal import DoseAnswer
from bot.reminders.zone_words import zone_name
from bot.storage.meds import Adherence, Medicine, MedReminder
from bot.text import clip
from bot.ui import components as c
from bot.ui.reply import Reply, discord_time
from bot.wording import tracking as words


def _times(medicine: Medicine) -> str:
    return ", ".join(medicine.times)


def _name(medicine: Medicine) -> str:
    text = discord.utils.escape_markdown(medicine.name)
    if not medicine.dose:
        return text
    return words.MEDICINE_NAME_DOSE.format(name=text, dose=discord.utils.escape_markdown(medicine.dose))


def adherence_text(adherence: Adherence | None) -> str:
    if adherence is None or adherence.taken + adherence.skipped == 0:
        return words.NO_DOSES_YET
    total = adherence.taken + adherence.skipped
    return words.DOSES_TAKEN.format(
        taken=adherence.taken, total=total, percent=round(100 * adherence.taken / total)
    )


def med_added(medicine: Medicine, tz_name: str, *, first_time: bool) -> Reply:
    lines = [
        words.MED_ADDED.format(name=_name(medicine), times=_times(medicine), zone=zone_name(tz_name)),
        words.MED_HOW_TO_CHANGE,
    ]
    if first_time:
        lines.append(words.PLEASE_NOTE.format(advice=words.NO_ADVICE))
    return Reply(content="\n".join(lines))


def med_list(medicines: Sequence[Medicine], adherence: Mapping[int, Adherence], tz_name: str) -> Reply:
    if not medicines:
        return Reply(content=words.NO_MEDICINES.format(advice=words.NO_ADVICE))
    lines = [words.MEDICINES_HEADER.format(zone=zone_name(tz_name))]
    for medicine in medicines:
        done = adherence_text(adherence.get(medicine.id))
        lines.append(words.MEDICINE_ITEM.format(name=_name(medicine), times=_times(medicine), doses=done))
    lines.append(words.NO_ADVICE)
    return Reply(content=clip("\n".join(lines), 1200))


def med_removed(removed: bool) -> Reply:
    if not removed:
        return Reply(content=words.MEDICINE_NOT_FOUND)
    return Reply(content=words.MED_REMOVED)


def dose_logged(ok: bool, status: str) -> Reply:
    if not ok:
        return Reply(content=words.MEDICINE_NOT_FOUND)
    return Reply(content=words.DOSE_RECORDED.format(status=status))


def reminder_dm(row: MedReminder, medicine: Medicine) -> Reply:
    when = discord_time(row.due_at, "t")
    content = words.MED_REMINDER.format(name=_name(medicine), when=when)
    return Reply(
        content=clip(content, 1200),
        view=c.view(
            c.button("Taken", DoseAnswer("taken", row.id), style=discord.ButtonStyle.success),
            c.button("Skipped", DoseAnswer("skipped", row.id)),
            c.button(words.BUTTON_SNOOZE_30_MIN, DoseAnswer("snooze", row.id)),
        ),
        ephemeral=False,
    )


def dose_answered(status: str) -> Reply:
    word = words.DOSE_TAKEN if status == "taken" else words.DOSE_SKIPPED
    return Reply(content=words.DOSE_NOTED.format(status=word))


def snoozed(when: datetime) -> Reply:
    return Reply(content=words.MED_SNOOZED.format(when=discord_time(when, "t")))


def not_yours() -> str:
    return words.MED_NOT_YOURS
