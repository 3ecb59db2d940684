"""Renderers for check-ins and the journal: the check-in form, what saving it says, the journal report.

Everything here is health data or about one person, so every reply is private:
ephemeral in a server, a plain message only in the bot's own DM
(``Reply.ephemeral=None`` lets ``bot.ui.reply`` pick). Nothing here is ever shared
to a channel, and nothing here logs. Texts are short and plain (grade-8 reading
level), buttons say what they do in words, and numbers come with their meaning.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import discord
from discord import ui

from bot import limits
from bot.custom_ids import personal as p
from bot.custom_ids.routines import RoutineList
from bot.journal.checkin_form import NOTE_MAX, SCORE_MAX_CHARS
from bot.journal.drafts import Draft
from bot.journal.report import JournalReport
from bot.journal.summary import JournalSummary, Stat
from bot.reminders.zone_words import zone_name
from bot.storage.journal import Checkin
from bot.text import clip, plural
from bot.ui import components as c
from bot.ui.private import PRIVATE_COLOR, PRIVATE_NOTE, when
from bot.ui.reply import Attachment, Reply

CHART_FILENAME = "journal-chart.png"
CSV_FILENAME = "journal.csv"
CHECKIN_MODAL_ID = p.CheckinForm().custom_id()


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


def checkin_saved(checkin: Checkin) -> Reply:
    lines = [
        f"**Saved to your private journal** ({when(checkin.at)}).",
        f"Pain **{checkin.pain}**/10"
        + (f" · Fatigue **{checkin.fatigue}**/10" if checkin.fatigue is not None else ""),
    ]
    if checkin.note:
        lines.append("Your note is saved too.")
    lines.append(f"{PRIVATE_NOTE} See your trends with `/journal`.")
    return Reply(
        content="\n".join(lines),
        view=c.view(c.button("See my journal", p.JournalView(30), style=discord.ButtonStyle.primary)),
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
        view=c.view(c.button("Fix my check-in", p.CheckinOpen(), style=discord.ButtonStyle.primary)),
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
            c.button("Check in now", p.CheckinOpen(), style=discord.ButtonStyle.primary),
            c.button("Gentle stretches", RoutineList()),
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


def checkin_slow_down(wait: str) -> Reply:
    """Too many check-ins in a short time: kind, and the typed form is kept."""
    return Reply(
        content=(
            "That's a lot of check-ins in a short time, so I haven't saved this one yet. "
            f"You can save it in {wait}: `/checkin` will open with what you typed."
        ),
        ephemeral=True,
    )
