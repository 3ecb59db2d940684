"""The crisis card as a Discord message: the words for the member's region, and what to do next.

Buttons, in order of what helps most people in the moment: a grounding exercise, their own
safety plan (when they have one), a moderator reaching out (only when the operator set a
channel, and only sent on the member's tap), then one tap to say where they live.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

import discord

from bot.content.library import Library
from bot.crisis.card import CRISIS_TOPIC, card_text
from bot.crisis.detector import Screening
from bot.crisis.regions import CRISIS_REGIONS, CrisisRegion
from bot.custom_ids.safety import CrisisAction, CrisisRegionChoice
from bot.text import clip
from bot.ui import components as c
from bot.ui.reply import Reply
from bot.wording import common as common_words
from bot.wording import safety as words

GROUNDING_ROUTINE = "grounding-breathing"
"""The routine (content/routines/) the card's "Breathe with me" button opens."""

"""custom_id kind of every crisis-card button: ``lc:crisis:<action>:…``."""


@dataclass(frozen=True, slots=True)
class CardOptions:
    """What else the card offers this member."""

    has_plan: bool = False
    handoff: bool = False
    grounding: bool = True


# Rendered cards per library snapshot, as for article pages (bot/ui/reading_pages.py): a card
# depends only on the snapshot and its key, of which there are a few hundred at most (concerns x
# languages x regions x options), and a reload starts a new snapshot.
_CardKey = tuple[Screening, str, CardOptions]
_CardParts = tuple[str, discord.ui.View]
_CARDS: weakref.WeakKeyDictionary[Library, dict[_CardKey, _CardParts]] = weakref.WeakKeyDictionary()


def crisis_card(
    library: Library, screening: Screening, region: CrisisRegion, options: CardOptions = CardOptions()
) -> Reply:
    """The crisis card for ``region``. Private by default: ephemeral in servers. Rendered once per
    library snapshot; callers get a fresh :class:`Reply` and must not change the view in it."""
    cards = _CARDS.setdefault(library, {})
    key = (screening, region.code, options)
    parts = cards.get(key)
    if parts is None:
        parts = cards[key] = _render_card(library, screening, region, options)
    content, view = parts
    return Reply(content=content, view=view)


def _render_card(
    library: Library, screening: Screening, region: CrisisRegion, options: CardOptions
) -> tuple[str, discord.ui.View]:
    text = card_text(library.safety, library.topics.get(CRISIS_TOPIC), screening, region)
    concern, language = screening.concern.value, screening.language
    actions: list[discord.ui.Item[Any]] = []
    if options.grounding and GROUNDING_ROUTINE in library.routines:
        actions.append(
            c.button(
                words.BUTTON_BREATHE_WITH_ME, CrisisAction("ground"), style=discord.ButtonStyle.success, row=0
            )
        )
    if options.has_plan:
        actions.append(
            c.button(
                common_words.BUTTON_MY_SAFETY_PLAN,
                CrisisAction("plan"),
                style=discord.ButtonStyle.primary,
                row=0,
            )
        )
    if options.handoff:
        actions.append(c.button(words.BUTTON_ASK_A_MODERATOR_TO_REACH_OUT, CrisisAction("handoff"), row=0))
    regions = [
        c.button(
            r.label,
            CrisisRegionChoice(r.code, concern, language),
            style=discord.ButtonStyle.primary if r.code == region.code else discord.ButtonStyle.secondary,
            row=1 + i // 4,
        )
        for i, r in enumerate(CRISIS_REGIONS)
    ]
    footer = words.CRISIS_FOOTER
    return clip(text, 2000 - len(footer)) + footer, c.view(*actions, *regions)
