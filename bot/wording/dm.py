"""What the bot says to a plain direct message: its menu, and that it cannot chat."""

from __future__ import annotations

MENU_TEXT = (
    "Hi, I'm Lupus Companion. I can share short, trusted reading, guide gentle stretches, "
    "and point you to help. Tap a button, or type a few words, like “back pain” or “help with costs”."
)
CANT_CHAT = "I can't chat, but this might help:"
CANT_CHAT_MENU = "I can't chat, but here is what I can do. {menu}"
"""Before the full menu (``{menu}`` is :data:`MENU_TEXT`)."""
NOTHING_FOUND = (
    "I can't chat, and I didn't find anything for that. Try a few words, like “back pain”, "
    "“tired” or “help with costs”, or use `/search`."
)
WELCOME = "You're welcome. Take care of yourself."
OKAY = "OK. I'm here whenever you need me: type a few words, like “back pain”."
HELLO_AGAIN = "Hi again! Type a few words, like “back pain”, or tap a button on the menu above."
MENU_ABOVE = "The menu is just above. You can also type a few words, like “back pain” or “help with costs”."
