"""Renderers for a routine in progress: the step cards, and the endings (finish, "It hurts", closed).

Choosing a routine (the list, the intro, notes, sources) is in :mod:`bot.ui.routine_picker`.

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
from typing import Any

import discord

from bot import limits
from bot.content.models import ResourceTopic, Routine, Safety
from bot.content.render_text import (
    HURT_TITLE,
    care_text,
    hurt_text,
)
from bot.custom_ids import personal as p
from bot.custom_ids import routines as rt
from bot.custom_ids import safety as sf
from bot.custom_ids.reading import OpenRef
from bot.routines.progress import format_seconds, progress_bar
from bot.routines.session import Action, Phase, RoutineSession
from bot.text import clip
from bot.ui import components as c
from bot.ui.reading import COLOR, LEVEL_WORDS
from bot.ui.reply import Reply, discord_time
from bot.wording import common as common_words
from bot.wording import routines as words

__all__ = [
    "CARE_TEAM_TOPIC",
    "OTHERS_SESSION",
    "closed_card",
    "finish_card",
    "hurt_card",
    "session_card",
    "step_card",
]

HURT_COLOR = discord.Colour(0xB03A2E)
DONE_COLOR = discord.Colour(0x2E8B57)
PAUSED_COLOR = discord.Colour(0x7F8C8D)

CARE_TEAM_TOPIC = "care-team"
"""The resource topic the "It hurts" card points to, when the content has it."""

OTHERS_SESSION = words.NOT_YOUR_SESSION


# --------------------------------------------------------------------------- small parts


def routine_meta(routine: Routine) -> str:
    """``10 min · Gentle · on the floor · needs a mat`` — what someone checks before choosing."""
    equipment = ", ".join(routine.equipment) if routine.equipment else words.NO_EQUIPMENT
    level = LEVEL_WORDS.get(routine.level, routine.level)
    where = words.POSITION_WORDS.get(routine.position, routine.position)
    return words.ROUTINE_META.format(minutes=routine.minutes, level=level, where=where, equipment=equipment)


def countdown(deadline: float) -> str:
    """Discord's live relative time (``in 20 seconds``), rounded up so it never ends early."""
    return discord_time(math.ceil(deadline), "R")


def _session_button(
    session: RoutineSession, label: str, action: Action, style: discord.ButtonStyle, row: int
) -> Any:
    # The session version says which card this is: a press on an older card gets the current one.
    return c.button(label, rt.SessionPress(session.id, action.value, session.version), style=style, row=row)


def _footer(session: RoutineSession) -> str:
    mode = words.AUTO_ADVANCE_ON if session.auto_advance else words.AUTO_ADVANCE_OFF
    return clip(words.CARD_FOOTER.format(title=session.routine.title, mode=mode), limits.EMBED_FOOTER)


def progress_line(session: RoutineSession) -> str:
    """The one progress count people see: steps (the bar fills by steps too)."""
    steps = len(session.routine.steps)
    done = steps if session.phase is Phase.DONE else session.step_index
    return words.PROGRESS.format(
        bar=progress_bar(done, steps), number=min(session.step_index + 1, steps), count=steps
    )


def card_title(session: RoutineSession) -> str:
    """The step's name, its side, and which hold of the step this is (no second progress count)."""
    step = session.current_step
    title = step.title
    if session.current_side is not None:
        title += words.STEP_LABEL_SIDE.format(side=session.current_side)
    if step.is_movement and step.reps > 1:
        title += words.STEP_LABEL_TIMES.format(reps=step.reps)
    elif step.reps_per_side > 1:
        title += words.CARD_TITLE_HOLD.format(hold=session.rep_index + 1, reps=step.reps)
    return title


def is_grounding(routine: Routine | RoutineSession) -> bool:
    kind = routine.routine.kind if isinstance(routine, RoutineSession) else routine.kind
    return kind == "grounding"


# --------------------------------------------------------------------------- the routine


def step_card(session: RoutineSession, now: float) -> Reply:
    """The card for a live session: the current step (or rest, or pause) and its buttons."""
    step = session.current_step
    label = card_title(session)
    if session.phase is Phase.PAUSED:
        title, lines, colour = (
            words.PAUSED_TITLE.format(step=label),
            _paused_lines(session, now),
            PAUSED_COLOR,
        )
    elif session.phase is Phase.REST:
        title, lines, colour = words.REST_TITLE.format(step=label), _rest_lines(session), COLOR
    else:
        title, lines, colour = label, _hold_lines(session), COLOR
    pictured = step.image_url is not None and session.phase is not Phase.PAUSED
    if pictured and step.image_alt:
        lines.append(words.PICTURE.format(alt=step.image_alt))
    lines.append(progress_line(session))
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
            lines.append(words.DO_TIMES.format(reps=step.reps))
        else:
            lines.append(words.WHEN_DONE)
    elif session.deadline is not None:
        then = words.MOVES_ON if session.auto_advance else words.THEN_NEXT
        hold = format_seconds(step.hold_seconds)
        lines.append(words.HOLD_FOR.format(hold=hold, ends=countdown(session.deadline), then=then))
    else:
        lines.append(words.HOLD_DONE)
    return lines


def _rest_lines(session: RoutineSession) -> list[str]:
    if session.deadline is None:  # a rest that ended in an older session's manual mode
        first = words.REST_DONE
    else:
        first = words.REST_AND_BREATHE.format(when=countdown(session.deadline))
    return [first, words.NEXT_STEP.format(instructions=session.current_step.instructions)]


def _paused_lines(session: RoutineSession, now: float) -> list[str]:
    pf = session.paused_from
    lines = [words.BY_BOT_PAUSE] if pf is not None and pf.by_idle else []
    resume = words.PRESS_RESUME
    left = session.seconds_remaining(now)
    if left:
        rest = pf is not None and pf.phase is Phase.REST
        resume += (words.TIME_LEFT_REST if rest else words.TIME_LEFT_HOLD).format(left=format_seconds(left))
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
            _session_button(session, words.BUTTON_SKIP_STEP, Action.SKIP, grey, 0),
        ]
    bottom = [_session_button(session, "Stop", Action.STOP, grey, 1)]
    if not is_grounding(session):  # the stretch stop advice does not fit a breathing exercise
        bottom.append(_session_button(session, words.BUTTON_IT_HURTS, Action.HURT, red, 1))
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
        title, colour = words.FINISHED_TITLE, DONE_COLOR
        lines = [words.FINISHED.format(title=session.routine.title)]
    else:
        title, colour = words.STOPPED_TITLE, COLOR
        lines = [words.STOPPED.format(title=session.routine.title)]
    lines.append(words.TIME_AND_STEPS.format(spent=spent, done=session.steps_done, total=total))
    if session.steps_skipped:
        lines[-1] += words.STEPS_SKIPPED.format(count=len(session.steps_skipped))
    asking = ask and saved_pain is None
    if asking:
        lines.append(words.PAIN_QUESTION)
    elif saved_pain is not None and changed_from is not None:
        lines.append(words.PAIN_CHANGED.format(before=changed_from, pain=saved_pain))
    elif saved_pain is not None:
        lines.append(words.PAIN_SAVED.format(pain=saved_pain))
    else:
        lines.append(words.TAKE_CARE)
    embed = discord.Embed(
        title=title, colour=colour, description=clip("\n\n".join(lines), limits.EMBED_DESCRIPTION)
    )
    embed.set_footer(text=clip(session.routine.title, limits.EMBED_FOOTER))
    if not asking:
        return Reply(embeds=[embed], view=c.view(c.button(words.BUTTON_STRETCH_AGAIN, rt.RoutineList())))
    pain = [c.button(str(n), rt.PainAnswer(session.id, str(n)), row=n // 5) for n in range(11)]
    return Reply(
        embeds=[embed],
        view=c.view(*pain, c.button(words.BUTTON_NOT_NOW, rt.PainAnswer(session.id, "skip"), row=2)),
    )


def grounding_end_card(session: RoutineSession) -> Reply:
    """The end of a grounding exercise (finished or stopped): a calm line and the way back to
    the crisis lines and the member's own safety plan. No pain question, nothing cheerful."""
    embed = discord.Embed(title=words.GROUNDING_TITLE, colour=COLOR, description=words.GROUNDING_DONE)
    embed.set_footer(text=clip(session.routine.title, limits.EMBED_FOOTER))
    return Reply(
        embeds=[embed],
        view=c.view(
            c.button(
                common_words.BUTTON_CRISIS_LINES, sf.CrisisAction("lines"), style=discord.ButtonStyle.danger
            ),
            c.button(common_words.BUTTON_MY_SAFETY_PLAN, sf.PlanView(1), style=discord.ButtonStyle.primary),
            c.button(words.BUTTON_BREATHE_AGAIN, rt.RoutineStart(session.routine.id)),
        ),
    )


def hurt_card(safety: Safety, care_team: ResourceTopic | None) -> Reply:
    """ "It hurts": the emergency signs first, then what to do now, on one phone screen; the
    numbers, the same-day list (with care-team contacts) and a journal note are one tap each."""
    embed = discord.Embed(title=HURT_TITLE, colour=HURT_COLOR, description=hurt_text(safety))
    return Reply(
        embeds=[embed],
        view=c.view(
            c.button(
                words.BUTTON_EMERGENCY_NUMBERS, sf.HurtAdvice("emergency"), style=discord.ButtonStyle.danger
            ),
            c.button(
                words.BUTTON_WHEN_TO_CALL_MY_CARE_TEAM,
                sf.HurtAdvice("care"),
                style=discord.ButtonStyle.primary,
            ),
            c.button(words.BUTTON_LOG_THIS_IN_MY_JOURNAL, p.CheckinOpen()),
        ),
    )


def care_card(safety: Safety, care_team: ResourceTopic | None) -> Reply:
    """ "When to call my care team": the same-day list, then a button to the care-team contacts."""
    embed = discord.Embed(title=words.CARE_TITLE, colour=HURT_COLOR, description=care_text(safety))
    items: list[Any] = []
    if care_team is not None:
        items.append(
            c.button(
                words.BUTTON_CARE_TEAM_CONTACTS,
                OpenRef("resources", care_team.id),
                style=discord.ButtonStyle.primary,
            )
        )
    return Reply(embeds=[embed], view=c.view(*items) if items else None)


def closed_card(session: RoutineSession) -> Reply:
    """Abandoned or expired: a short, kind note and a way back."""
    embed = discord.Embed(
        title=words.CLOSED_TITLE,
        colour=PAUSED_COLOR,
        description=(words.CLOSED_EXPIRED if session.phase is Phase.EXPIRED else words.CLOSED).format(
            title=session.routine.title
        ),
    )
    return Reply(embeds=[embed], view=c.view(c.button(words.BUTTON_STRETCH_AGAIN, rt.RoutineList())))


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
