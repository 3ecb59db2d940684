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

NO_ADVICE = (
    "I only remind you of what you typed. I never suggest a dose or a change: "
    "your doctor or pharmacist decides those."
)


def _times(medicine: Medicine) -> str:
    return ", ".join(medicine.times)


def _name(medicine: Medicine) -> str:
    text = discord.utils.escape_markdown(medicine.name)
    return f"{text} ({discord.utils.escape_markdown(medicine.dose)})" if medicine.dose else text


def adherence_text(adherence: Adherence | None) -> str:
    if adherence is None or adherence.taken + adherence.skipped == 0:
        return "no doses recorded yet"
    total = adherence.taken + adherence.skipped
    return f"taken {adherence.taken} of {total} recorded ({round(100 * adherence.taken / total)}%)"


def med_added(medicine: Medicine, tz_name: str, *, first_time: bool) -> Reply:
    lines = [
        f"**Added {_name(medicine)}.** I'll send you a direct message at {_times(medicine)} "
        f"({zone_name(tz_name)}) with **Taken**, **Skipped** and **Snooze 30 min**.",
        "Change it with `/meds remove` and `/meds add`; record a dose any time with `/meds log`.",
    ]
    if first_time:
        lines.append(f"**Please note:** {NO_ADVICE}")
    return Reply(content="\n".join(lines))


def med_list(medicines: Sequence[Medicine], adherence: Mapping[int, Adherence], tz_name: str) -> Reply:
    if not medicines:
        return Reply(content="You have no medicines here yet. Add one with `/meds add`. " + NO_ADVICE)
    lines = [f"**Your medicines** (times in {zone_name(tz_name)}; last 30 days):"]
    for medicine in medicines:
        done = adherence_text(adherence.get(medicine.id))
        lines.append(f"• **{_name(medicine)}** at {_times(medicine)}: {done}")
    lines.append(NO_ADVICE)
    return Reply(content=clip("\n".join(lines), 1200))


def med_removed(removed: bool) -> Reply:
    if not removed:
        return Reply(content="I couldn't find that medicine in your list. See it with `/meds list`.")
    return Reply(content="Removed. Its reminders are stopped; the doses you recorded stay in your journal.")


def dose_logged(ok: bool, status: str) -> Reply:
    if not ok:
        return Reply(content="I couldn't find that medicine in your list. See it with `/meds list`.")
    return Reply(content=f"Recorded: **{status}**. It counts in your journal and report.")


def reminder_dm(row: MedReminder, medicine: Medicine) -> Reply:
    when = discord_time(row.due_at, "t")
    content = f"💊 **Medicine reminder:** {_name(medicine)}, your {when} dose.\nTap one when you're ready."
    return Reply(
        content=clip(content, 1200),
        view=c.view(
            c.button("Taken", DoseAnswer("taken", row.id), style=discord.ButtonStyle.success),
            c.button("Skipped", DoseAnswer("skipped", row.id)),
            c.button("Snooze 30 min", DoseAnswer("snooze", row.id)),
        ),
        ephemeral=False,
    )


def dose_answered(status: str) -> Reply:
    word = "taken" if status == "taken" else "skipped"
    return Reply(content=f"Noted as **{word}**. Thank you. (Tap `/meds list` to see your record.)")


def snoozed(when: datetime) -> Reply:
    return Reply(content=f"OK, I'll remind you again at {discord_time(when, 't')}.")


def not_yours() -> str:
    return "This reminder belongs to someone else, or it has expired. Use `/meds list` to see yours."
