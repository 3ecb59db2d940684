"""Renderers for choosing a routine: the list, a routine's intro, its safety notes and sources,
and the "finish the one in progress first?" prompt.

Pure functions from content models to a :class:`Reply`. The intro's text is
measured by the content validator (:mod:`bot.content.render_text`), so what
loaded always fits when sent. The step cards and endings are in
:mod:`bot.ui.routines`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import discord

from bot import limits
from bot.content.library import Library
from bot.content.models import Routine, Safety
from bot.content.render_text import (
    AUTO_OFF_LINE,
    AUTO_ON_LINE,
    reviewed_text,
    routine_notes_pages,
    routine_sources_pages,
)
from bot.custom_ids import routines as rt
from bot.custom_ids.safety import CrisisAction
from bot.routines.session import Phase, RoutineSession
from bot.text import clip
from bot.ui import components as c
from bot.ui.reading import COLOR
from bot.ui.reply import Reply
from bot.ui.routines import card_title, is_grounding, progress_line, routine_meta
from bot.wording import common as common_words
from bot.wording import routines as words

LIST_SUMMARY = 80
"""Characters of each summary in the routine list, so several routines fit one phone screen."""


def routine_list(library: Library) -> Reply:
    """Every routine with its length, level, position and equipment, and a menu to pick one."""
    routines = sorted(
        (r for r in library.routines.values() if not is_grounding(r)), key=lambda r: (r.minutes, r.title)
    )
    embed = discord.Embed(
        title=words.LIST_TITLE,
        colour=COLOR,
        description=words.LIST_DESCRIPTION if routines else words.NO_ROUTINES,
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
        embed.set_footer(text=words.LIST_MORE.format(count=len(routines) - shown))
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
    menu = c.select(rt.RoutineMenu(), options=options, placeholder=words.CHOOSE_ROUTINE)
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
            c.button("Start", rt.RoutineStart(routine.id), style=discord.ButtonStyle.success, row=0),
            c.button(words.BUTTON_SAFETY_NOTES, rt.RoutineNotes(routine.id, 0), row=0),
            _auto_switch(routine, auto_advance),
            c.button(words.BUTTON_ALL_ROUTINES, rt.RoutineList(), row=0),
            *see_also,
        ),
    )


def _auto_switch(routine: Routine, auto_advance: bool, row: int = 0) -> Any:
    """The easy switch; the line above it says what auto-advance does."""
    label = words.BUTTON_LET_ME_PRESS_NEXT if auto_advance else words.BUTTON_MOVE_ON_BY_ITSELF
    return c.button(label, rt.AutoAdvance(routine.id, "off" if auto_advance else "on"), row=row)


def _grounding_intro(routine: Routine) -> Reply:
    cautions = "\n".join(words.CAUTION.format(caution=caution) for caution in routine.cautions)
    embed = discord.Embed(
        title=clip(routine.title, limits.EMBED_TITLE),
        description=clip(f"{routine.summary}\n\n{cautions}", limits.SCREEN - 100),
        colour=COLOR,
    )
    return Reply(
        embeds=[embed],
        view=c.view(
            c.button("Start", rt.RoutineStart(routine.id), style=discord.ButtonStyle.success, row=0),
            c.button(
                common_words.BUTTON_CRISIS_LINES,
                CrisisAction("lines"),
                style=discord.ButtonStyle.danger,
                row=0,
            ),
        ),
    )


def _page_footer(page: int, pages: int, routine: Routine) -> str:
    where = words.PAGE_OF.format(page=page + 1, pages=pages) if pages > 1 else ""
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
        title=clip(words.NOTES_TITLE.format(title=routine.title), limits.EMBED_TITLE),
        description=pages[page],
        colour=COLOR,
    )
    embed.set_footer(text=_page_footer(page, len(pages), routine))
    green = discord.ButtonStyle.success
    items: list[Any] = []
    if page > 0:
        items.append(c.button("Previous", rt.RoutineNotes(routine.id, page - 1), row=0))
    if not last:
        items.append(
            c.button(
                words.BUTTON_NEXT_PAGE,
                rt.RoutineNotes(routine.id, page + 1),
                style=discord.ButtonStyle.primary,
                row=0,
            )
        )
    if acknowledged:
        items.append(c.button("Start", rt.RoutineStart(routine.id), style=green, row=0))
        items.append(c.button("Back", rt.RoutineIntro(routine.id), row=0))
    elif last:
        items.append(
            c.button(words.BUTTON_IVE_READ_THIS_START, rt.RoutineAck(routine.id), style=green, row=0)
        )
    items.append(c.button("Sources", rt.RoutineSources(routine.id, 0), row=1))
    if not acknowledged:
        items.append(_auto_switch(routine, auto_advance, row=1))
    items.append(c.button(words.BUTTON_ALL_ROUTINES, rt.RoutineList(), row=1))
    items.extend(see_also)
    note = None if acknowledged else f"{words.ACK_NOTE}\n{AUTO_ON_LINE if auto_advance else AUTO_OFF_LINE}"
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
        items.append(c.button("Previous", rt.RoutineSources(routine.id, page - 1), row=0))
    if page < len(pages) - 1:
        items.append(c.button(words.BUTTON_NEXT_PAGE, rt.RoutineSources(routine.id, page + 1), row=0))
    items.append(
        c.button(
            words.BUTTON_BACK_TO_THE_ROUTINE,
            rt.RoutineIntro(routine.id),
            style=discord.ButtonStyle.primary,
            row=0,
        )
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
    state = words.STATE_PAUSED if session.phase is Phase.PAUSED else words.STATE_IN_PROGRESS
    embed = discord.Embed(
        title=words.IN_PROGRESS_TITLE,
        colour=COLOR,
        description=clip(
            words.IN_PROGRESS.format(
                title=session.routine.title,
                state=state,
                step=card_title(session),
                progress=progress_line(session),
            ),
            limits.EMBED_DESCRIPTION,
        ),
    )
    items: list[Any] = [
        c.button("Resume", rt.SessionResume(session.id), style=discord.ButtonStyle.primary),
        c.button(words.BUTTON_START_OVER, rt.SessionAbandon(session.id, session.routine.id, "go")),
    ]
    if requested is None:
        items.append(
            c.button(words.BUTTON_CLOSE_IT_SEE_ALL_ROUTINES, rt.SessionAbandon(session.id, "-", "intro"))
        )
    elif requested != session.routine.id:
        label = words.BUTTON_START_INSTEAD.format(title=requested_title or words.THE_OTHER_ONE)
        items.append(
            c.button(label, rt.SessionAbandon(session.id, requested, "go" if start_at_once else "intro"))
        )
    return Reply(embeds=[embed], view=c.view(*items))
