"""Renderers for personal tools: check-ins, the journal, reminders and privacy.

Pure functions from core objects to a :class:`Reply` (or, for the check-in
form, a modal). Everything here is health data or about one person, so every
reply is private: ephemeral in a server, a plain message only in the bot's own
DM (``Reply.ephemeral=None`` lets ``bot.ui.reply`` pick). Nothing here is ever
shared to a channel, and nothing here logs.

Texts are short and plain (grade-8 reading level), buttons say what they do in
words, and numbers come with their meaning ("0 = none, 10 = the worst").
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import discord
from discord import ui

from bot import limits
from bot.content.models import Routine
from bot.journal.checkin_form import NOTE_MAX, SCORE_MAX_CHARS
from bot.journal.drafts import Draft
from bot.journal.report import JournalReport
from bot.journal.summary import JournalSummary, Stat
from bot.reminders.zone_words import zone_in_words, zone_name
from bot.storage.journal import Checkin
from bot.storage.privacy import KEPT_SUFFIX
from bot.storage.reminders import Reminder
from bot.text import clip, plural
from bot.ui import components as c
from bot.ui.reply import Attachment, Reply, discord_time

__all__ = [
    "CHART_FILENAME",
    "CHECKIN_MODAL_ID",
    "checkin_modal",
    "checkin_problems",
    "checkin_saved",
    "export_filename",
    "journal_empty",
    "journal_report",
    "privacy_cancelled",
    "privacy_confirm",
    "privacy_deleted",
    "privacy_export",
    "privacy_not_yours",
    "reminder_dm",
    "reminder_dm_unreachable",
    "reminder_off",
    "reminder_set",
    "reminder_show",
]

PRIVATE_COLOR = discord.Colour(0x4A6FA5)
CAUTION_COLOR = discord.Colour(0xB9770E)
CHART_FILENAME = "journal-chart.png"
CSV_FILENAME = "journal.csv"
CHECKIN_MODAL_ID = "lc:checkin:submit"

PRIVATE_NOTE = "Only you can see this."

# -- check-in -------------------------------------------------------------------------------------


def checkin_modal(draft: Draft | None = None) -> ui.Modal:
    """The check-in form; with a ``draft``, what the person typed last time is filled back in.

    Its submission is routed by custom_id (``lc:checkin:submit``), so a form
    left open across a restart still saves.
    """
    modal = ui.Modal(title="Check in (private)", custom_id=CHECKIN_MODAL_ID, timeout=None)
    modal.add_item(
        ui.TextInput(
            label="Pain right now (0 = none, 10 = worst)",
            custom_id="pain",
            placeholder="A number from 0 to 10",
            default=draft.pain[:SCORE_MAX_CHARS] if draft else None,
            max_length=SCORE_MAX_CHARS,
            required=True,
        )
    )
    modal.add_item(
        ui.TextInput(
            label="Fatigue / tiredness (0 to 10)",
            custom_id="fatigue",
            placeholder="A number from 0 to 10",
            default=draft.fatigue[:SCORE_MAX_CHARS] if draft else None,
            max_length=SCORE_MAX_CHARS,
            required=True,
        )
    )
    modal.add_item(
        ui.TextInput(
            label="Note (optional, only you see it)",
            custom_id="note",
            style=discord.TextStyle.paragraph,
            placeholder="Anything you want to remember: sleep, a flare, a new medicine…",
            default=draft.note[:NOTE_MAX] if draft and draft.note else None,
            max_length=NOTE_MAX,
            required=False,
        )
    )
    return modal


def _when(at: datetime) -> str:
    """A Discord timestamp: every reader sees it in their own time zone and language."""
    return discord_time(at)


def checkin_saved(checkin: Checkin) -> Reply:
    lines = [
        f"**Saved to your private journal** ({_when(checkin.at)}).",
        f"Pain **{checkin.pain}**/10"
        + (f" · Fatigue **{checkin.fatigue}**/10" if checkin.fatigue is not None else ""),
    ]
    if checkin.note:
        lines.append("Your note is saved too.")
    lines.append(f"{PRIVATE_NOTE} See your trends with `/journal`.")
    return Reply(
        content="\n".join(lines),
        view=c.view(c.button("See my journal", "journal", 30, style=discord.ButtonStyle.primary)),
        after_crisis=True,  # after a crisis card, the member still learns their check-in is kept
    )


def checkin_problems(problems: Sequence[str]) -> Reply:
    """The form could not be saved: say why, kindly, and offer to reopen it with their text kept."""
    bullet = "\n".join(f"• {p}" for p in problems) or "• Something in the form was missing."
    content = (
        "I couldn't save that check-in yet:\n"
        f"{bullet}\n"
        "Nothing you typed is lost: tap **Fix my check-in** to reopen the form with your text in it."
    )
    return Reply(
        content=content,
        view=c.view(c.button("Fix my check-in", "checkin", "open", style=discord.ButtonStyle.primary)),
        ephemeral=True,
        after_crisis=True,
    )


# -- journal --------------------------------------------------------------------------------------


def journal_empty(days: int) -> Reply:
    embed = discord.Embed(
        title="Your journal is empty for now",
        colour=PRIVATE_COLOR,
        description=(
            f"I have no check-ins or routines from the last {plural(days, 'day')}.\n\n"
            "**To start:** use `/checkin` when you like. It takes about 20 seconds: pain from 0 to 10, "
            "tiredness from 0 to 10, and a note if you want one. Routines you finish with `/stretch` "
            "show up here too.\n\n"
            "After a few days, `/journal` shows your averages, your best and hardest days, a chart, "
            "and a file you can bring to your care team.\n\n"
            f"{PRIVATE_NOTE} Nothing here is ever posted in a channel."
        ),
    )
    return Reply(
        embeds=[embed],
        view=c.view(
            c.button("Check in now", "checkin", "open", style=discord.ButtonStyle.primary),
            c.button("Gentle stretches", "rtlist"),
        ),
    )


def _stat_line(stat: Stat | None, noun: str) -> str:
    if stat is None:
        return f"No {noun} recorded."
    spread = f"{stat.minimum}" if stat.minimum == stat.maximum else f"{stat.minimum}–{stat.maximum}"
    times = "time" if stat.count == 1 else "times"
    return f"Average **{stat.average:.1f}** out of 10 · range {spread} · recorded {stat.count} {times}"


def _day(day: date) -> str:
    return f"{day:%a} {day:%b} {day.day}"


def _routines_line(summary: JournalSummary) -> str:
    if summary.routine_count == 0:
        return "No routines in this period."
    parts = [plural(summary.routines_done, "finished", "finished")]
    if summary.routines_hurt:
        parts.append(f"{summary.routines_hurt} stopped because it hurt")
    if summary.routines_stopped:
        parts.append(f"{summary.routines_stopped} stopped early")
    return f"{plural(summary.routine_count, 'routine', 'routines')}: " + ", ".join(parts)


def _weeks_text(summary: JournalSummary) -> str:
    """Active weeks, most recent kept when space runs out; quiet weeks are counted, not listed."""
    active = [w for w in summary.weeks if w.checkins or w.routines]
    lines = [
        f"Week of {_day(w.monday)}: {plural(w.checkins, 'check-in', 'check-ins')}, "
        f"{plural(w.routines, 'routine', 'routines')}"
        for w in active
    ]
    kept: list[str] = []
    used = 0
    room = limits.EMBED_FIELD_VALUE - 120  # leaves room for the two notes below
    for line in reversed(lines):  # the most recent weeks matter most
        if used + len(line) + 1 > room:
            break
        kept.append(line)
        used += len(line) + 1
    kept.reverse()
    if len(kept) < len(lines):
        kept.insert(0, "…earlier weeks: see the CSV file")
    quiet = len(summary.weeks) - len(active)
    if quiet:
        kept.append(f"({plural(quiet, 'quiet week', 'quiet weeks')} with nothing recorded)")
    return "\n".join(kept) or "—"


def _add_tracking_fields(embed: discord.Embed, report: JournalReport) -> None:
    """Patterns (observations only), medicines and flares, when there are any."""
    extra = report.insights
    if extra is None:
        return
    if extra.patterns:
        text = "\n".join(extra.patterns) + "\n*Observations from your own records, not causes.*"
        embed.add_field(name="Patterns", value=clip(text, limits.EMBED_FIELD_VALUE), inline=False)
    if extra.medicines:
        text = "\n".join(clip(line, 120) for line in extra.medicines[:5])
        embed.add_field(name="Medicines", value=clip(text, limits.EMBED_FIELD_VALUE), inline=False)
    if extra.flares:
        ongoing = any(f.ended_at is None for f in extra.flares)
        text = f"{plural(len(extra.flares), 'flare')} in this period" + (
            " (one still open)" if ongoing else ""
        )
        embed.add_field(name="Flares", value=text + "; shaded on the chart.", inline=False)


def journal_report(report: JournalReport) -> Reply:
    """The summary embed with the chart inside, plus the chart and CSV as files."""
    summary = report.summary
    if report.is_empty:
        return journal_empty(summary.days)
    embed = discord.Embed(
        title=f"Your journal · last {plural(summary.days, 'day')}",
        colour=PRIVATE_COLOR,
        description=(
            f"{plural(summary.checkin_count, 'check-in', 'check-ins')} and "
            f"{plural(summary.routine_count, 'routine', 'routines')}. "
            f"Days are counted in {zone_name(summary.tz_name)}. {PRIVATE_NOTE}"
            + (
                "\nThat's a lot of entries, so the chart and the file show **one line per day** "
                "(averages). Every single entry is in `/privacy export`."
                if report.daily
                else ""
            )
        ),
    )
    embed.add_field(name="Pain", value=_stat_line(summary.pain, "pain scores"), inline=False)
    embed.add_field(name="Fatigue", value=_stat_line(summary.fatigue, "fatigue scores"), inline=False)
    embed.add_field(name="Routines", value=_routines_line(summary), inline=False)
    if summary.best_day is not None and summary.worst_day is not None:
        best, worst = summary.best_day, summary.worst_day
        embed.add_field(
            name="Best and hardest days (by average pain)",
            value=(
                f"Best: **{_day(best.day)}** (pain {best.average_pain:.1f})\n"
                f"Hardest: **{_day(worst.day)}** (pain {worst.average_pain:.1f})"
            ),
            inline=False,
        )
    _add_tracking_fields(embed, report)
    embed.add_field(name="Week by week", value=_weeks_text(summary), inline=False)
    embed.set_footer(
        text=clip(
            "The CSV file opens in any spreadsheet: bring it to your next appointment. "
            "This is a record, not a diagnosis.",
            limits.EMBED_FOOTER,
        )
    )
    files = [Attachment(CSV_FILENAME, report.csv, description="Your check-ins and routines (CSV)")]
    if report.chart_png is not None:
        embed.set_image(url=f"attachment://{CHART_FILENAME}")
        files.insert(
            0,
            Attachment(
                CHART_FILENAME,
                report.chart_png,
                description="Chart of pain and fatigue over time, with routine days marked",
            ),
        )
    return Reply(embeds=[embed], files=files)


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
        f"The next one comes {_when(reminder.next_fire_at)} by direct message, "
        f"with a button to start {_routine_words(routine, reminder.routine_id)}.\n"
        "Wrong zone? Use `/remind set` with your city. Stop it with `/remind off`."
    )
    return Reply(content=content, view=c.view(c.button("Turn off", "remind", "stop", "stretch")))


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
        lines.append(f"**Next:** {_when(reminder.next_fire_at)} ({discord_time(reminder.next_fire_at, 'R')})")
    lines.append(f"**Button in the message:** start {_routine_words(routine, reminder.routine_id)}.")
    if reminder.last_sent_at is not None:
        lines.append(f"Last sent {_when(reminder.last_sent_at)}.")
    return Reply(content="\n".join(lines), view=c.view(c.button("Turn off", "remind", "stop", "stretch")))


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
            "rtstart",
            routine.id,
            style=discord.ButtonStyle.success,
        )
        if routine is not None
        else c.button("Pick a gentle stretch", "rtlist", style=discord.ButtonStyle.success)
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
            c.button("Snooze 1 hour", "remind", "snooze", "stretch"),
            c.button("Skip today", "remind", "skip", "stretch"),
            c.button("Stop", "remind", "stop", "stretch"),
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


# -- privacy --------------------------------------------------------------------------------------

TABLE_WORDS: Mapping[str, tuple[str, str]] = {
    "checkins": ("check-in", "check-ins"),
    "routine_completions": ("finished routine", "finished routines"),
    "routine_sessions": ("routine session", "routine sessions"),
    "reminders": ("reminder", "reminders"),
    "user_prefs": ("set of preferences (including your safety acknowledgement)", "sets of preferences"),
    "audit_log": ("moderator log entry", "moderator log entries"),
    "symptoms": ("tracked symptom", "tracked symptoms"),
    "checkin_symptoms": ("symptom level", "symptom levels"),
    "flares": ("flare", "flares"),
    "medicines": ("medicine", "medicines"),
    "medicine_doses": ("dose record", "dose records"),
    "medicine_reminders": ("medicine reminder", "medicine reminders"),
    "checkin_reminders": ("check-in reminder", "check-in reminders"),
    "tracking_settings": ("set of tracking settings", "sets of tracking settings"),
}


def _table_phrase(table: str, count: int) -> str:
    one, many = TABLE_WORDS.get(table, (f"{table} row", f"{table} rows"))
    return plural(count, one, many)


def export_filename(now: datetime) -> str:
    return f"lupus-companion-my-data-{now:%Y-%m-%d}.json"


def privacy_export(data: Mapping[str, Any], *, now: datetime) -> Reply:
    """Everything we hold about the person as a JSON file, with a plain summary of what is in it."""
    tables: Mapping[str, Sequence[Any]] = data.get("tables", {})
    total = sum(len(rows) for rows in tables.values())
    if total == 0:
        summary = "I hold nothing about you right now. The file shows the (empty) tables anyway."
    else:
        found = [_table_phrase(name, len(rows)) for name, rows in sorted(tables.items()) if rows]
        summary = "It has " + ", ".join(found) + "."
    content = (
        "**Here is a copy of everything I hold about you.** " + summary + "\n"
        "It's a JSON file: any text editor can open it. Times are in UTC. "
        f"{PRIVATE_NOTE} To erase it all, use `/privacy delete`."
    )
    body = json.dumps(data, indent=2, ensure_ascii=False, default=str).encode("utf-8")
    return Reply(
        content=content,
        files=[Attachment(export_filename(now), body, description="Everything I hold about you")],
    )


def privacy_export_parts(data: Mapping[str, Any], *, now: datetime, upload_limit: int) -> list[Reply]:
    """The export as messages that each fit ``upload_limit`` bytes of files.

    Small enough: one JSON file. Too big: zipped. Still too big: the zip in numbered pieces
    (``.zip.001``, ``.zip.002`` …, which 7-Zip and ``cat`` join), one per message. Each
    message says which case it is, so nobody wonders where the rest is."""
    single = privacy_export(data, now=now)
    body = single.files[0].data
    budget = max(1024, upload_limit - 8 * 1024)  # room for the multipart wrapping
    if len(body) <= budget:
        return [single]
    name = export_filename(now)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr(name, body)
    zipped = packed.getvalue()
    zip_name = name.removesuffix(".json") + ".zip"
    lead = single.content or ""
    if len(zipped) <= budget:
        note = "\nIt was too big to send as one file, so it's **zipped**: open the .zip to get the JSON file."
        zip_file = Attachment(zip_name, zipped, description="Your data, zipped")
        return [Reply(content=lead + note, files=[zip_file])]
    pieces = [zipped[i : i + budget] for i in range(0, len(zipped), budget)]
    count = len(pieces)
    note = (
        f"\nIt was too big for one file even zipped, so it comes in **{count} numbered pieces**, one per "
        f"message. Save all {count}, then open the first with 7-Zip (or join them: "
        f"`cat {zip_name}.0* > {zip_name}`) to get the JSON file."
    )
    replies = []
    for n, piece in enumerate(pieces, start=1):
        text = lead + note if n == 1 else f"Piece {n} of {count} of your data."
        replies.append(
            Reply(
                content=text,
                files=[Attachment(f"{zip_name}.{n:03d}", piece, description=f"Piece {n} of {count}")],
            )
        )
    return replies


def checkin_slow_down(wait: str) -> Reply:
    """Too many check-ins in a short time: kind, and the typed form is kept."""
    return Reply(
        content=(
            "That's a lot of check-ins in a short time, so I haven't saved this one yet. "
            f"You can save it in {wait}: `/checkin` will open with what you typed."
        ),
        ephemeral=True,
    )


def export_slow_down(wait: str) -> Reply:
    return Reply(
        content=(
            "You've asked for a few copies of your data already, and each one is a big file. "
            f"You can ask again in {wait}. Nothing has changed since the last copy unless you used me."
        ),
        ephemeral=True,
    )


def privacy_confirm(user_id: int) -> Reply:
    embed = discord.Embed(
        title="Erase everything I hold about you?",
        colour=CAUTION_COLOR,
        description=(
            "This erases **all** of it, for good: check-ins and notes, finished routines, routines in "
            "progress, your reminder, and your preferences (you'll see the safety notes again before "
            "your next routine).\n\n"
            "It can't be undone. If you want a copy first, use `/privacy export`."
        ),
    )
    return Reply(
        embeds=[embed],
        view=c.view(
            c.button("Yes, erase everything", "privacy", "delete", user_id, style=discord.ButtonStyle.danger),
            c.button("Cancel", "privacy", "cancel", user_id),
        ),
    )


def privacy_deleted(counts: Mapping[str, int]) -> Reply:
    erased = [
        _table_phrase(name, n) for name, n in sorted(counts.items()) if n and not name.endswith(KEPT_SUFFIX)
    ]
    kept = sum(n for name, n in counts.items() if name.endswith(KEPT_SUFFIX))
    if not erased:
        text = "**Done.** I held nothing about you, so there was nothing to erase."
    else:
        text = (
            "**Done. I erased everything I held about you:** " + ", ".join(erased) + ".\n"
            "Nothing with your user id is left, and any reminder or routine timer of yours is stopped. "
            "If you use me again, I'll start fresh."
        )
    if kept:
        text += (
            f"\nThe moderator log keeps {plural(kept, 'moderator action')} you took, with your user id "
            "replaced by a pseudonym, so the community can still see what changed and when."
        )
    return Reply(content=text)


def privacy_cancelled() -> Reply:
    return Reply(content="Cancelled. Nothing was erased.")


def privacy_not_yours() -> str:
    return "This button belongs to someone else's request. To erase your own data, use `/privacy delete`."
