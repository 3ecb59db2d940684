"""Replies to plain DMs: what the words most likely wanted (see :mod:`bot.dm_intent`).

Short and plain: the bot says it cannot chat, then offers up to three buttons that open
the best matches. The full menu is shown at most once every few minutes (the cog decides,
``menu``); "Crisis lines" is on every reply that offers anything, because people in crisis
often don't say so.
"""

from __future__ import annotations

from typing import Any

import discord

from bot.custom_ids.personal import DmMenu
from bot.custom_ids.reading import LibraryPage, OpenRef
from bot.custom_ids.safety import CrisisAction
from bot.dm_intent import DmIntent, Intent
from bot.ui import components as c
from bot.ui.reply import Reply
from bot.wording import common as common_words
from bot.wording import dm as words

__all__ = ["dm_reply", "menu_view", "shows_menu"]


def _crisis_button(row: int | None = None) -> Any:
    # Always there, not only after crisis words: people in crisis often don't say so.
    return c.button(
        common_words.BUTTON_CRISIS_LINES, CrisisAction("lines"), style=discord.ButtonStyle.danger, row=row
    )


def menu_view() -> discord.ui.View:
    return c.view(
        c.button("Read", LibraryPage(), style=discord.ButtonStyle.primary),
        c.button("Stretch", DmMenu("stretch"), style=discord.ButtonStyle.success),
        c.button("Resources", DmMenu("resources")),
        c.button("Help", DmMenu("help")),
        _crisis_button(),
    )


def dm_reply(intent: DmIntent, *, menu: bool) -> Reply:
    """The answer to a plain DM. ``menu``: the full menu may be shown (not shown recently)."""
    match intent.intent:
        case Intent.THANKS:
            return Reply(content=words.WELCOME)
        case Intent.OKAY:
            return Reply(content=words.OKAY)
        case Intent.SUGGEST:
            buttons = [
                c.button(s.label, OpenRef(s.kind, s.target), style=discord.ButtonStyle.primary, row=0)
                for s in intent.suggestions
            ]
            return Reply(content=words.CANT_CHAT, view=c.view(*buttons, _crisis_button(row=1)))
        case Intent.GREETING:
            if menu:
                return Reply(content=words.MENU_TEXT, view=menu_view())
            return Reply(content=words.HELLO_AGAIN, view=c.view(_crisis_button()))
        case Intent.MENU:
            if menu:
                return Reply(content=words.MENU_TEXT, view=menu_view())
            return Reply(content=words.MENU_ABOVE, view=c.view(_crisis_button()))
        case _:
            if menu:
                return Reply(content=words.CANT_CHAT_MENU.format(menu=words.MENU_TEXT), view=menu_view())
            return Reply(content=words.NOTHING_FOUND, view=c.view(_crisis_button()))


def shows_menu(reply: Reply) -> bool:
    """Whether ``reply`` is the full menu (the cog remembers when it last sent one)."""
    return reply.content is not None and reply.content.endswith(words.MENU_TEXT)
