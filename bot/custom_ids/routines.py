"""Routines: the step card's buttons, the intro, notes, sources, the list, and the endings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from bot.custom_ids.base import CustomId, Part, one_of
from bot.custom_ids.parts import CARD_VERSION_WIDTH, Page, SessionId, Slug, SlugOrDash

CardAction = Annotated[str, one_of("next", "back", "pause", "resume", "skip", "stop", "hurt")]
"""The values of :class:`bot.routines.session.Action` a card button presses."""
CardVersion = Annotated[
    int | None, Part(rf"[0-9]{{1,{CARD_VERSION_WIDTH}}}", "9" * CARD_VERSION_WIDTH, optional=True)
]


@dataclass(frozen=True)
class SessionPress(CustomId, kind="rt"):
    """``lc:rt:<session>:<action>:<card version>``: Back, Pause, Resume, Next, Skip, Stop, It hurts.
    Cards from before versions have no version (``None``: older than any session)."""

    session: SessionId
    action: CardAction
    version: CardVersion = None


@dataclass(frozen=True)
class RoutineMenu(CustomId, kind="rtopen"):
    """``lc:rtopen``: the list's "Choose a routine…" menu; the choice is a routine id."""


@dataclass(frozen=True)
class RoutineIntro(CustomId, kind="rtopen"):
    """``lc:rtopen:<routine>``: Back to a routine's intro."""

    routine: Slug


@dataclass(frozen=True)
class RoutineStart(CustomId, kind="rtstart"):
    """``lc:rtstart:<routine>``: Start (asks for the one-time safety OK first, unless given)."""

    routine: Slug


@dataclass(frozen=True)
class RoutineAck(CustomId, kind="rtack"):
    """``lc:rtack:<routine>``: "I've read this — start"."""

    routine: Slug


@dataclass(frozen=True)
class AutoAdvance(CustomId, kind="rtauto"):
    """``lc:rtauto:<routine>:<on|off>``: the auto-advance switch."""

    routine: Slug
    switch: Annotated[str, one_of("on", "off")]


@dataclass(frozen=True)
class RoutineList(CustomId, kind="rtlist"):
    """``lc:rtlist``: all routines."""


@dataclass(frozen=True)
class SessionResume(CustomId, kind="rtresume"):
    """``lc:rtresume:<session>``."""

    session: SessionId


@dataclass(frozen=True)
class SessionAbandon(CustomId, kind="rtabandon"):
    """``lc:rtabandon:<session>:<routine|->:<go|intro>``: Start over (``-``: then the list)."""

    session: SessionId
    routine: SlugOrDash
    mode: Annotated[str, one_of("intro", "go")]


@dataclass(frozen=True)
class PainAnswer(CustomId, kind="rtpain"):
    """``lc:rtpain:<session>:<0-10|skip>``: the finish card's pain check."""

    session: SessionId
    choice: Annotated[str, Part(r"10|[0-9]|skip", "skip")]


@dataclass(frozen=True)
class RoutineNotes(CustomId, kind="rtnotes"):
    """``lc:rtnotes:<routine>:<page>``: the safety notes, a page at a time."""

    routine: Slug
    page: Page


@dataclass(frozen=True)
class RoutineSources(CustomId, kind="rtsrc"):
    """``lc:rtsrc:<routine>:<page>``."""

    routine: Slug
    page: Page


ROUTINES: tuple[type[CustomId], ...] = (
    SessionPress,
    RoutineMenu,
    RoutineIntro,
    RoutineStart,
    RoutineAck,
    AutoAdvance,
    RoutineList,
    SessionResume,
    SessionAbandon,
    PainAnswer,
    RoutineNotes,
    RoutineSources,
)
