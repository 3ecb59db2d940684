"""The ways into a routine that more than one cog offers: the routine list and a routine's intro.

/stretch shows them, and so do the library's see-also buttons, the DM menu and the crisis card's
breathing exercise: each calls these functions instead of reaching into another cog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from bot.content.models import Routine
from bot.ui import routine_picker as picker
from bot.ui.reading import see_also_items
from bot.ui.reply import Reply, send, update

if TYPE_CHECKING:
    from bot.client import LupusBot


async def routine_intro(bot: LupusBot, user_id: int, routine: Routine) -> Reply:
    """The card before a routine (with the one-time safety notes until they are confirmed)."""
    library = bot.content.library
    routines = bot.services.routines
    return picker.routine_intro(
        routine,
        library.safety,
        acknowledged=await routines.safety_acknowledged(user_id),
        auto_advance=await routines.auto_advance(user_id),
        see_also=see_also_items(library, routine.see_also, row=2),
    )


async def show_routine_list(bot: LupusBot, interaction: discord.Interaction[Any], *, replace: bool) -> None:
    """Every routine, as a new message or (``replace``) in place of the one pressed."""
    await (update if replace else send)(interaction, picker.routine_list(bot.content.library))


async def show_routine_intro(
    bot: LupusBot, interaction: discord.Interaction[Any], routine: Routine, *, replace: bool
) -> None:
    """A routine's intro, as a new message or (``replace``) in place of the one pressed."""
    reply = await routine_intro(bot, interaction.user.id, routine)
    await (update if replace else send)(interaction, reply)
