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
from bot.wording import common as common_words
from bot.wording import journal as words

CHART_FILENAME = "journal-chart.png"
CSV_FILENAME = "journal.csv"
CHECKIN_MODAL_ID = p.CheckinForm().custom_id()


# -- check-in -------------------------------------------------------------------------------------


def checkin_modal(draft: Draft | None = None) -> ui.Modal:
    """The check-in form; with a ``draft``, what the person typed last time is filled back in.

    Its submission is routed by custom_id (``lc:checkin:submit``), so a form
    left open across a restart still saves.
    """
    modal = ui.Modal(title=words.FORM_TITLE, custom_id=CHECKIN_MODAL_ID, timeout=None)
    score = words.FORM_SCORE_PLACEHOLDER
    pain, fatigue, note = (draft.pain, draft.fatigue, draft.note) if draft else (None, None, None)
    modal.add_item(
        c.text_field(words.FORM_PAIN, "pain", SCORE_MAX_CHARS, default=pain, placeholder=score, required=True)
    )
    modal.add_item(
        c.text_field(
            words.FORM_FATIGUE, "fatigue", SCORE_MAX_CHARS, default=fatigue, placeholder=score, required=True
        )
    )
    modal.add_item(
        c.text_field(
            words.FORM_NOTE,
            "note",
            NOTE_MAX,
            default=note,
            placeholder=words.FORM_NOTE_PLACEHOLDER,
            long=True,
        )
    )
    return modal


def checkin_saved(checkin: Checkin) -> Reply:
    lines = [
        words.SAVED.format(when=when(checkin.at)),
        words.SAVED_PAIN.format(pain=checkin.pain)
        + (words.SAVED_FATIGUE.format(fatigue=checkin.fatigue) if checkin.fatigue is not None else ""),
    ]
    if checkin.note:
        lines.append(words.NOTE_SAVED)
    lines.append(words.SEE_TRENDS.format(private=PRIVATE_NOTE))
    return Reply(
        content="\n".join(lines),
        view=c.view(
            c.button(common_words.BUTTON_SEE_MY_JOURNAL, p.JournalView(30), style=discord.ButtonStyle.primary)
        ),
        after_crisis=True,  # after a crisis card, the member still learns their check-in is kept
    )


def checkin_problems(problems: Sequence[str]) -> Reply:
    """The form could not be saved: say why, kindly, and offer to reopen it with their text kept."""
    bullets = [words.PROBLEM_BULLET.format(problem=p) for p in problems or [words.PROBLEM_UNKNOWN]]
    content = words.NOT_SAVED.format(problems="\n".join(bullets))
    return Reply(
        content=content,
        view=c.view(
            c.button(words.BUTTON_FIX_MY_CHECK_IN, p.CheckinOpen(), style=discord.ButtonStyle.primary)
        ),
        ephemeral=True,
        after_crisis=True,
    )


# -- journal --------------------------------------------------------------------------------------


def journal_empty(days: int) -> Reply:
    embed = discord.Embed(
        title=words.EMPTY_TITLE,
        colour=PRIVATE_COLOR,
        description=words.EMPTY.format(days=plural(days, "day"), private=PRIVATE_NOTE),
    )
    return Reply(
        embeds=[embed],
        view=c.view(
            c.button(common_words.BUTTON_CHECK_IN_NOW, p.CheckinOpen(), style=discord.ButtonStyle.primary),
            c.button(words.BUTTON_GENTLE_STRETCHES, RoutineList()),
        ),
    )


def _stat_line(stat: Stat | None, noun: str) -> str:
    if stat is None:
        return words.NOTHING_RECORDED.format(what=noun)
    spread = f"{stat.minimum}" if stat.minimum == stat.maximum else f"{stat.minimum}–{stat.maximum}"
    times = words.TIME if stat.count == 1 else words.TIMES
    return words.STAT_LINE.format(average=stat.average, spread=spread, count=stat.count, times=times)


def _day(day: date) -> str:
    return words.DAY.format(weekday=f"{day:%a}", month=f"{day:%b}", day=day.day)


def _routines_line(summary: JournalSummary) -> str:
    if summary.routine_count == 0:
        return words.NO_ROUTINES
    parts = [plural(summary.routines_done, "finished", "finished")]
    if summary.routines_hurt:
        parts.append(words.ROUTINES_HURT.format(count=summary.routines_hurt))
    if summary.routines_stopped:
        parts.append(words.ROUTINES_STOPPED.format(count=summary.routines_stopped))
    return words.ROUTINES_LINE.format(
        routines=plural(summary.routine_count, "routine", "routines"), parts=", ".join(parts)
    )


def _weeks_text(summary: JournalSummary) -> str:
    """Active weeks, most recent kept when space runs out; quiet weeks are counted, not listed."""
    active = [w for w in summary.weeks if w.checkins or w.routines]
    lines = [
        words.WEEK_LINE.format(
            monday=_day(w.monday),
            checkins=plural(w.checkins, "check-in", "check-ins"),
            routines=plural(w.routines, "routine", "routines"),
        )
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
        kept.insert(0, words.EARLIER_WEEKS)
    quiet = len(summary.weeks) - len(active)
    if quiet:
        kept.append(words.QUIET_WEEKS.format(weeks=plural(quiet, "quiet week", "quiet weeks")))
    return "\n".join(kept) or "—"


def _add_tracking_fields(embed: discord.Embed, report: JournalReport) -> None:
    """Patterns (observations only), medicines and flares, when there are any."""
    extra = report.insights
    if extra is None:
        return
    if extra.patterns:
        text = "\n".join(extra.patterns) + "\n" + words.PATTERNS_NOTE
        embed.add_field(name="Patterns", value=clip(text, limits.EMBED_FIELD_VALUE), inline=False)
    if extra.medicines:
        text = "\n".join(clip(line, 120) for line in extra.medicines[:5])
        embed.add_field(name="Medicines", value=clip(text, limits.EMBED_FIELD_VALUE), inline=False)
    if extra.flares:
        ongoing = any(f.ended_at is None for f in extra.flares)
        text = words.FLARES_COUNT.format(flares=plural(len(extra.flares), "flare")) + (
            words.FLARE_STILL_OPEN if ongoing else ""
        )
        embed.add_field(name="Flares", value=text + words.FLARES_SHADED, inline=False)


def journal_report(report: JournalReport) -> Reply:
    """The summary embed with the chart inside, plus the chart and CSV as files."""
    summary = report.summary
    if report.is_empty:
        return journal_empty(summary.days)
    embed = discord.Embed(
        title=words.REPORT_TITLE.format(days=plural(summary.days, "day")),
        colour=PRIVATE_COLOR,
        description=words.REPORT_DESCRIPTION.format(
            checkins=plural(summary.checkin_count, "check-in", "check-ins"),
            routines=plural(summary.routine_count, "routine", "routines"),
            zone=zone_name(summary.tz_name),
            private=PRIVATE_NOTE,
        )
        + (words.REPORT_DAILY if report.daily else ""),
    )
    embed.add_field(name="Pain", value=_stat_line(summary.pain, words.PAIN_SCORES), inline=False)
    embed.add_field(name="Fatigue", value=_stat_line(summary.fatigue, words.FATIGUE_SCORES), inline=False)
    embed.add_field(name="Routines", value=_routines_line(summary), inline=False)
    if summary.best_day is not None and summary.worst_day is not None:
        best, worst = summary.best_day, summary.worst_day
        embed.add_field(
            name=words.BEST_AND_HARDEST,
            value=words.BEST_AND_HARDEST_DAYS.format(
                best=_day(best.day),
                best_pain=best.average_pain,
                worst=_day(worst.day),
                worst_pain=worst.average_pain,
            ),
            inline=False,
        )
    _add_tracking_fields(embed, report)
    embed.add_field(name=words.WEEK_BY_WEEK, value=_weeks_text(summary), inline=False)
    embed.set_footer(text=clip(words.REPORT_FOOTER, limits.EMBED_FOOTER))
    files = [Attachment(CSV_FILENAME, report.csv, description=words.CSV_DESCRIPTION)]
    if report.chart_png is not None:
        embed.set_image(url=f"attachment://{CHART_FILENAME}")
        files.insert(
            0,
            Attachment(
                CHART_FILENAME,
                report.chart_png,
                description=words.CHART_DESCRIPTION,
            ),
        )
    return Reply(embeds=[embed], files=files)


def checkin_slow_down(wait: str) -> Reply:
    """Too many check-ins in a short time: kind, and the typed form is kept."""
    return Reply(
        content=words.SLOW_DOWN.format(wait=wait),
        ephemeral=True,
    )
