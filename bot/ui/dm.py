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

__all__ = ["CANT_CHAT", "MENU_TEXT", "dm_reply", "menu_view"]

MENU_TEXT = (
    "Hi, I'm Lupus Companion. I can share short, trusted reading, guide gentle stretches, "
    "and point you to help. Tap a button, or type a few words, like “back pain” or “help with costs”."
)
CANT_CHAT = "I can't chat, but this might help:"
NOTHING_FOUND = (
    "I can't chat, and I didn't find anything for that. Try a few words, like “back pain”, "
    "“tired” or “help with costs”, or use `/search`."
)
WELCOME = "You're welcome. Take care of yourself."
OKAY = "OK. I'm here whenever you need me: type a few words, like “back pain”."
HELLO_AGAIN = "Hi again! Type a few words, like “back pain”, or tap a button on the menu above."
MENU_ABOVE = "The menu is just above. You can also type a few words, like “back pain” or “help with costs”."


def _crisis_button(row: int | None = None) -> Any:
    # Always there, not only after crisis words: people in crisis often don't say so.
    return c.button("Crisis lines", CrisisAction("lines"), style=discord.ButtonStyle.danger, row=row)


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
            return Reply(content=WELCOME)
        case Intent.OKAY:
            return Reply(content=OKAY)
        case Intent.SUGGEST:
            buttons = [
                c.button(s.label, OpenRef(s.kind, s.target), style=discord.ButtonStyle.primary, row=0)
                for s in intent.suggestions
            ]
            return Reply(content=CANT_CHAT, view=c.view(*buttons, _crisis_button(row=1)))
        case Intent.GREETING:
            if menu:
                return Reply(content=MENU_TEXT, view=menu_view())
            return Reply(content=HELLO_AGAIN, view=c.view(_crisis_button()))
        case Intent.MENU:
            if menu:
                return Reply(content=MENU_TEXT, view=menu_view())
            return Reply(content=MENU_ABOVE, view=c.view(_crisis_button()))
        case _:
            if menu:
                return Reply(
                    content=f"I can't chat, but here is what I can do. {MENU_TEXT}", view=menu_view()
                )
            return Reply(content=NOTHING_FOUND, view=c.view(_crisis_button()))


def shows_menu(reply: Reply) -> bool:
    """Whether ``reply`` is the full menu (the cog remembers when it last sent one)."""
    return reply.content is not None and reply.content.endswith(MENU_TEXT)
