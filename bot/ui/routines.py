"""Renderers for guided routines: the list, the intro, step cards, and the endings.

Pure functions from content models or a :class:`RoutineSession` to a
:class:`Reply`; the Stretch cog only sends what these return. The texts that
the content validator measures (the intro and the "It hurts" advice) come from
:mod:`bot.content.render_text`, so what loaded always fits when sent.

Cards are written for someone in pain on a phone: one step per card, the step
name first, big buttons with words on them, and "It hurts" always one tap away.
The hold shows as Discord's own live countdown (``<t:unix:R>``), so the bot
never edits a message once a second.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import discord

from bot import limits
from bot.content.library import Library
from bot.content.models import ResourceTopic, Routine, Safety
from bot.content.render_text import (
    AUTO_OFF_LINE,
    AUTO_ON_LINE,
    HURT_TITLE,
    care_text,
    hurt_text,
    reviewed_text,
    routine_notes_pages,
    routine_sources_pages,
)
from bot.routines.progress import format_seconds, progress_bar
from bot.routines.session import Action, Phase, RoutineSession
from bot.text import clip
from bot.ui import components as c
from bot.ui.reading import COLOR, LEVEL_WORDS
from bot.ui.reply import Reply, discord_time

__all__ = [
    "CARE_TEAM_TOPIC",
    "OTHERS_SESSION",
    "closed_card",
    "finish_card",
    "hurt_card",
    "resume_prompt",
    "routine_intro",
    "routine_list",
    "routine_notes",
    "routine_sources",
    "session_card",
    "step_card",
]

HURT_COLOR = discord.Colour(0xB03A2E)
DONE_COLOR = discord.Colour(0x2E8B57)
PAUSED_COLOR = discord.Colour(0x7F8C8D)

CARE_TEAM_TOPIC = "care-team"
"""The resource topic the "It hurts" card points to, when the content has it."""

OTHERS_SESSION = "This routine belongs to someone else — start your own with /stretch."
POSITION_WORDS = {"floor": "on the floor", "chair": "in a chair", "bed": "in bed", "standing": "standing"}
ACK_NOTE = "**First time only:** please read these notes, then tap **I've read this — start**."
GROUNDING_DONE = (
    "Well done for taking this time. Stay as long as you like, and take it slowly when you get up.\n\n"
    "If things still feel too much, the crisis lines are there any time, and so is your safety plan."
)
PAIN_QUESTION = (
    "**How is your pain right now?** Tap a number: 0 is no pain, 10 is the worst. "
    "It goes in your private journal (`/journal`)."
)
BY_BOT_PAUSE = (
    "I paused your routine because I couldn't update this card or nobody pressed anything for a while. "
    "Nothing is lost."
)


# --------------------------------------------------------------------------- small parts


def routine_meta(routine: Routine) -> str:
    """``10 min · Gentle · on the floor · needs a mat`` — what someone checks before choosing."""
    equipment = ", ".join(routine.equipment) if routine.equipment else "nothing"
    level = LEVEL_WORDS.get(routine.level, routine.level)
    where = POSITION_WORDS.get(routine.position, routine.position)
    return f"{routine.minutes} min · {level} · {where} · needs {equipment}"


def countdown(deadline: float) -> str:
    """Discord's live relative time (``in 20 seconds``), rounded up so it never ends early."""
    return discord_time(math.ceil(deadline), "R")


def _session_button(
    session: RoutineSession, label: str, action: Action, style: discord.ButtonStyle, row: int
) -> Any:
    # The session version says which card this is: a press on an older card gets the current one.
    return c.button(label, "rt", session.id, action.value, session.version, style=style, row=row)


def _footer(session: RoutineSession) -> str:
    mode = "auto-advance on" if session.auto_advance else "auto-advance off: you press Next"
    return clip(f"{session.routine.title} · {mode}", limits.EMBED_FOOTER)


def _progress(session: RoutineSession) -> str:
    """The one progress count people see: steps (the bar fills by steps too)."""
    steps = len(session.routine.steps)
    done = steps if session.phase is Phase.DONE else session.step_index
    return f"{progress_bar(done, steps)} Step {min(session.step_index + 1, steps)} of {steps}"


def _card_title(session: RoutineSession) -> str:
    """The step's name, its side, and which hold of the step this is (no second progress count)."""
    step = session.current_step
    title = step.title
    if session.current_side is not None:
        title += f" ({session.current_side})"
    if step.is_movement and step.reps > 1:
        title += f" · {step.reps} times"
    elif step.reps_per_side > 1:
        title += f" · hold {session.rep_index + 1} of {step.reps}"
    return title


def is_grounding(routine: Routine | RoutineSession) -> bool:
    kind = routine.routine.kind if isinstance(routine, RoutineSession) else routine.kind
    return kind == "grounding"


# --------------------------------------------------------------------------- choosing


LIST_SUMMARY = 80
"""Characters of each summary in the routine list, so several routines fit one phone screen."""


def routine_list(library: Library) -> Reply:
    """Every routine with its length, level, position and equipment, and a menu to pick one."""
    routines = sorted(
        (r for r in library.routines.values() if not is_grounding(r)), key=lambda r: (r.minutes, r.title)
    )
    embed = discord.Embed(
        title="Gentle stretching",
        colour=COLOR,
        description=(
            "Guided routines, one step at a time. Pick one below. You can pause or stop whenever you "
            "like, and **It hurts** is always one tap away."
            if routines
            else "There are no routines yet. Please check back soon."
        ),
    )
    used = len(embed.title or "") + len(embed.description or "")
    shown = 0
    for routine in routines[: limits.EMBED_FIELDS]:
        name = clip(routine.title, limits.EMBED_FIELD_NAME)
        summary = clip(routine.summary, LIST_SUMMARY)
        value = clip(f"{routine_meta(routine)}\n{summary}", limits.EMBED_FIELD_VALUE)
        if used + len(name) + len(value) > limits.SCREEN - 100:  # one phone screen, footer kept
            break
        embed.add_field(name=name, value=value, inline=False)
        used += len(name) + len(value)
        shown += 1
    if shown < len(routines):
        embed.set_footer(text=f"{len(routines) - shown} more in the menu below or with /stretch routine:")
    if not routines:
        return Reply(embeds=[embed])
    options = [
        discord.SelectOption(
            label=clip(r.title, limits.SELECT_OPTION_LABEL),
            value=r.id,
            description=clip(routine_meta(r), limits.SELECT_OPTION_DESCRIPTION),
        )
        for r in routines[: limits.SELECT_OPTIONS]
    ]
    menu = c.select("rtopen", options=options, placeholder="Choose a routine…")
    return Reply(embeds=[embed], view=c.view(menu))


def routine_intro(
    routine: Routine,
    safety: Safety,
    *,
    acknowledged: bool,
    auto_advance: bool,
    see_also: Sequence[discord.ui.Item[Any]] = (),
) -> Reply:
    """Before a routine. The first time ever: the safety notes to confirm once. After that: one
    line and Start, with the notes one tap away. A grounding exercise never waits for the OK.
    ``see_also``: the routine's see-also buttons (row 2), built by the reading renderer."""
    if is_grounding(routine):
        return _grounding_intro(routine)
    if not acknowledged:
        return routine_notes(
            routine, safety, 0, acknowledged=False, auto_advance=auto_advance, see_also=see_also
        )
    embed = discord.Embed(
        title=clip(routine.title, limits.EMBED_TITLE),
        description=f"{routine_meta(routine)}\n\n{AUTO_ON_LINE if auto_advance else AUTO_OFF_LINE}",
        colour=COLOR,
    )
    return Reply(
        embeds=[embed],
        view=c.view(
            c.button("Start", "rtstart", routine.id, style=discord.ButtonStyle.success, row=0),
            c.button("Safety notes", "rtnotes", routine.id, 0, row=0),
            _auto_switch(routine, auto_advance),
            c.button("All routines", "rtlist", row=0),
            *see_also,
        ),
    )


def _auto_switch(routine: Routine, auto_advance: bool, row: int = 0) -> Any:
    """The easy switch; the line above it says what auto-advance does."""
    label = "Let me press Next" if auto_advance else "Move on by itself"
    return c.button(label, "rtauto", routine.id, "off" if auto_advance else "on", row=row)


def _grounding_intro(routine: Routine) -> Reply:
    cautions = "\n".join(f"• {caution}" for caution in routine.cautions)
    embed = discord.Embed(
        title=clip(routine.title, limits.EMBED_TITLE),
        description=clip(f"{routine.summary}\n\n{cautions}", limits.SCREEN - 100),
        colour=COLOR,
    )
    return Reply(
        embeds=[embed],
        view=c.view(
            c.button("Start", "rtstart", routine.id, style=discord.ButtonStyle.success, row=0),
            c.button("Crisis lines", "crisis", "lines", style=discord.ButtonStyle.danger, row=0),
        ),
    )


def _page_footer(page: int, pages: int, routine: Routine) -> str:
    where = f"Page {page + 1} of {pages} · " if pages > 1 else ""
    return where + reviewed_text(routine.reviewed)


def routine_notes(
    routine: Routine,
    safety: Safety,
    page: int,
    *,
    acknowledged: bool,
    auto_advance: bool,
    see_also: Sequence[discord.ui.Item[Any]] = (),
) -> Reply:
    """The safety notes (what you need, cautions, disclaimer), paged inside one message.

    Before the first routine they are the one-time OK: **I've read this — start** sits on the
    last page, so the OK means the whole notes were on screen."""
    pages = routine_notes_pages(routine, safety.disclaimer)
    page = max(0, min(page, len(pages) - 1))
    last = page == len(pages) - 1
    embed = discord.Embed(
        title=clip(f"Safety notes · {routine.title}", limits.EMBED_TITLE),
        description=pages[page],
        colour=COLOR,
    )
    embed.set_footer(text=_page_footer(page, len(pages), routine))
    green = discord.ButtonStyle.success
    items: list[Any] = []
    if page > 0:
        items.append(c.button("Previous", "rtnotes", routine.id, page - 1, row=0))
    if not last:
        items.append(
            c.button("Next page", "rtnotes", routine.id, page + 1, style=discord.ButtonStyle.primary, row=0)
        )
    if acknowledged:
        items.append(c.button("Start", "rtstart", routine.id, style=green, row=0))
        items.append(c.button("Back", "rtopen", routine.id, row=0))
    elif last:
        items.append(c.button("I've read this — start", "rtack", routine.id, style=green, row=0))
    items.append(c.button("Sources", "rtsrc", routine.id, 0, row=1))
    if not acknowledged:
        items.append(_auto_switch(routine, auto_advance, row=1))
    items.append(c.button("All routines", "rtlist", row=1))
    items.extend(see_also)
    note = None if acknowledged else f"{ACK_NOTE}\n{AUTO_ON_LINE if auto_advance else AUTO_OFF_LINE}"
    return Reply(content=note, embeds=[embed], view=c.view(*items))


def routine_sources(routine: Routine, page: int) -> Reply:
    """Where the routine's advice comes from, as links, paged; Back returns to the routine."""
    pages = routine_sources_pages(routine)
    page = max(0, min(page, len(pages) - 1))
    embed = discord.Embed(
        title=clip(routine.title, limits.EMBED_TITLE), description=pages[page], colour=COLOR
    )
    embed.set_footer(text=_page_footer(page, len(pages), routine))
    items: list[Any] = []
    if page > 0:
        items.append(c.button("Previous", "rtsrc", routine.id, page - 1, row=0))
    if page < len(pages) - 1:
        items.append(c.button("Next page", "rtsrc", routine.id, page + 1, row=0))
    items.append(
        c.button("Back to the routine", "rtopen", routine.id, style=discord.ButtonStyle.primary, row=0)
    )
    return Reply(embeds=[embed], view=c.view(*items))


def resume_prompt(
    session: RoutineSession,
    requested: str | None,
    *,
    start_at_once: bool,
    requested_title: str | None = None,
) -> Reply:
    """One routine at a time: carry on with the one in progress, or start that same one over.

    ``requested`` is the routine the person asked for (None: they asked for the list); when it
    is another routine, a third button says so by name (``requested_title``): nothing switches
    routines without saying which. ``start_at_once`` skips the intro (they have just seen it).
    """
    state = "paused" if session.phase is Phase.PAUSED else "in progress"
    embed = discord.Embed(
        title="You have a routine in progress",
        colour=COLOR,
        description=clip(
            f"**{session.routine.title}** is {state}: {_card_title(session)}.\n{_progress(session)}\n\n"
            "Carry on where you left off, or start it over from the first step?",
            limits.EMBED_DESCRIPTION,
        ),
    )
    items: list[Any] = [
        c.button("Resume", "rtresume", session.id, style=discord.ButtonStyle.primary),
        c.button("Start over", "rtabandon", session.id, session.routine.id, "go"),
    ]
    if requested is None:
        items.append(c.button("Close it, see all routines", "rtabandon", session.id, "-", "intro"))
    elif requested != session.routine.id:
        label = f"Start {requested_title or 'the other one'} instead"
        items.append(c.button(label, "rtabandon", session.id, requested, "go" if start_at_once else "intro"))
    return Reply(embeds=[embed], view=c.view(*items))


# --------------------------------------------------------------------------- the routine


def step_card(session: RoutineSession, now: float) -> Reply:
    """The card for a live session: the current step (or rest, or pause) and its buttons."""
    step = session.current_step
    label = _card_title(session)
    if session.phase is Phase.PAUSED:
        title, lines, colour = f"Paused · {label}", _paused_lines(session, now), PAUSED_COLOR
    elif session.phase is Phase.REST:
        title, lines, colour = f"Rest · next: {label}", _rest_lines(session), COLOR
    else:
        title, lines, colour = label, _hold_lines(session), COLOR
    pictured = step.image_url is not None and session.phase is not Phase.PAUSED
    if pictured and step.image_alt:
        lines.append(f"*Picture: {step.image_alt}*")
    lines.append(_progress(session))
    embed = discord.Embed(
        title=clip(title, limits.EMBED_TITLE),
        description=clip("\n\n".join(lines), limits.EMBED_DESCRIPTION),
        colour=colour,
    )
    if pictured and step.image_url:
        embed.set_image(url=step.image_url)
    embed.set_footer(text=_footer(session))
    return Reply(embeds=[embed], view=_step_buttons(session))


def _hold_lines(session: RoutineSession) -> list[str]:
    step = session.current_step
    lines = [step.instructions]
    if step.is_movement:
        if step.reps > 1:
            lines.append(f"Do this **{step.reps} times** at your own pace, then press **Next**.")
        else:
            lines.append("When you're done, press **Next**.")
    elif session.deadline is not None:
        then = "I'll move on by itself." if session.auto_advance else "Then press **Next**."
        hold = format_seconds(step.hold_seconds)
        lines.append(f"**Hold for {hold}** — ends {countdown(session.deadline)}. {then}")
    else:
        lines.append("✓ **Hold done.** Press **Next** when you're ready.")
    return lines


def _rest_lines(session: RoutineSession) -> list[str]:
    if session.deadline is None:  # a rest that ended in an older session's manual mode
        first = "**Rest done.** Press **Next** when you're ready."
    else:
        first = f"**Rest and breathe.** The next one starts by itself {countdown(session.deadline)}."
    return [first, f"**Next:** {session.current_step.instructions}"]


def _paused_lines(session: RoutineSession, now: float) -> list[str]:
    pf = session.paused_from
    lines = [BY_BOT_PAUSE] if pf is not None and pf.by_idle else []
    resume = "Press **Resume** when you're ready."
    left = session.seconds_remaining(now)
    if left:
        what = "rest" if pf is not None and pf.phase is Phase.REST else "hold"
        resume += f" {format_seconds(left)} left on this {what}."
    lines.append(resume)
    return lines


def _step_buttons(session: RoutineSession) -> discord.ui.View:
    grey, blue, red = discord.ButtonStyle.secondary, discord.ButtonStyle.primary, discord.ButtonStyle.danger
    if session.phase is Phase.PAUSED:
        top = [_session_button(session, "Resume", Action.RESUME, blue, 0)]
    else:
        last = session.phase is Phase.HOLD and session.position_index == session.total_positions - 1
        top = [
            _session_button(session, "Back", Action.BACK, grey, 0),
            _session_button(session, "Pause", Action.PAUSE, grey, 0),
            _session_button(session, "Finish" if last else "Next", Action.NEXT, blue, 0),
            _session_button(session, "Skip step", Action.SKIP, grey, 0),
        ]
    bottom = [_session_button(session, "Stop", Action.STOP, grey, 1)]
    if not is_grounding(session):  # the stretch stop advice does not fit a breathing exercise
        bottom.append(_session_button(session, "It hurts", Action.HURT, red, 1))
    return c.view(*top, *bottom)


# --------------------------------------------------------------------------- endings


def finish_card(
    session: RoutineSession,
    *,
    saved_pain: int | None = None,
    changed_from: int | None = None,
    ask: bool = True,
) -> Reply:
    """Done or stopped: time spent, steps done, and a quick 0–10 pain check for the journal.

    ``saved_pain`` thanks them for the number they chose; ``changed_from`` says a later tap
    replaced an earlier answer (one entry per routine); ``ask=False`` (they tapped "Not now")
    leaves the question out.
    """
    if is_grounding(session):
        return grounding_end_card(session)
    total = len(session.routine.steps)
    spent = format_seconds(session.active_seconds)
    if session.phase is Phase.DONE:
        title, colour = "Well done — you finished!", DONE_COLOR
        lines = [f"You finished **{session.routine.title}**."]
    else:
        title, colour = "Routine stopped", COLOR
        lines = [f"You stopped **{session.routine.title}**. That's OK — stopping is always fine."]
    lines.append(f"**Time stretching:** {spent}\n**Steps done:** {session.steps_done} of {total}")
    if session.steps_skipped:
        lines[-1] += f" ({len(session.steps_skipped)} skipped)"
    asking = ask and saved_pain is None
    if asking:
        lines.append(PAIN_QUESTION)
    elif saved_pain is not None and changed_from is not None:
        lines.append(
            f"Changed your answer for this routine from {changed_from} to **{saved_pain} / 10** "
            "(one entry in your journal, not two). See it any time with `/journal`."
        )
    elif saved_pain is not None:
        lines.append(
            f"Saved to your private journal: pain **{saved_pain} / 10**. Thank you. "
            "See it any time with `/journal`."
        )
    else:
        lines.append("Take care, and rest well.")
    embed = discord.Embed(
        title=title, colour=colour, description=clip("\n\n".join(lines), limits.EMBED_DESCRIPTION)
    )
    embed.set_footer(text=clip(session.routine.title, limits.EMBED_FOOTER))
    if not asking:
        return Reply(embeds=[embed], view=c.view(c.button("Stretch again", "rtlist")))
    pain = [c.button(str(n), "rtpain", session.id, n, row=n // 5) for n in range(11)]
    return Reply(embeds=[embed], view=c.view(*pain, c.button("Not now", "rtpain", session.id, "skip", row=2)))


def grounding_end_card(session: RoutineSession) -> Reply:
    """The end of a grounding exercise (finished or stopped): a calm line and the way back to
    the crisis lines and the member's own safety plan. No pain question, nothing cheerful."""
    embed = discord.Embed(title="Take your time", colour=COLOR, description=GROUNDING_DONE)
    embed.set_footer(text=clip(session.routine.title, limits.EMBED_FOOTER))
    return Reply(
        embeds=[embed],
        view=c.view(
            c.button("Crisis lines", "crisis", "lines", style=discord.ButtonStyle.danger),
            c.button("My safety plan", "plan", "view", 1, style=discord.ButtonStyle.primary),
            c.button("Breathe again", "rtstart", session.routine.id),
        ),
    )


def hurt_card(safety: Safety, care_team: ResourceTopic | None) -> Reply:
    """ "It hurts": the emergency signs first, then what to do now, on one phone screen; the
    numbers, the same-day list (with care-team contacts) and a journal note are one tap each."""
    embed = discord.Embed(title=HURT_TITLE, colour=HURT_COLOR, description=hurt_text(safety))
    return Reply(
        embeds=[embed],
        view=c.view(
            c.button("Emergency numbers", "hurt", "emergency", style=discord.ButtonStyle.danger),
            c.button("When to call my care team", "hurt", "care", style=discord.ButtonStyle.primary),
            c.button("Log this in my journal", "checkin", "open"),
        ),
    )


def care_card(safety: Safety, care_team: ResourceTopic | None) -> Reply:
    """ "When to call my care team": the same-day list, then a button to the care-team contacts."""
    embed = discord.Embed(
        title="When to call your care team", colour=HURT_COLOR, description=care_text(safety)
    )
    items: list[Any] = []
    if care_team is not None:
        items.append(
            c.button(
                "Care team contacts", "open", "resources", care_team.id, style=discord.ButtonStyle.primary
            )
        )
    return Reply(embeds=[embed], view=c.view(*items) if items else None)


def closed_card(session: RoutineSession) -> Reply:
    """Abandoned or expired: a short, kind note and a way back."""
    embed = discord.Embed(
        title="This routine was closed",
        colour=PAUSED_COLOR,
        description=(
            f"**{session.routine.title}** was closed"
            + (" after a day paused." if session.phase is Phase.EXPIRED else ".")
            + " You can start it again any time."
        ),
    )
    return Reply(embeds=[embed], view=c.view(c.button("Stretch again", "rtlist")))


def session_card(
    session: RoutineSession, now: float, safety: Safety, care_team: ResourceTopic | None
) -> Reply:
    """Whatever card fits the session's phase now."""
    match session.phase:
        case Phase.DONE | Phase.STOPPED:
            return finish_card(session)
        case Phase.HURT:
            return hurt_card(safety, care_team)
        case Phase.ABANDONED | Phase.EXPIRED:
            return closed_card(session)
        case _:
            return step_card(session, now)
