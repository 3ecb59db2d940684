"""What every private reply shares (journal, reminders, privacy): its colours, its note, its times."""

from __future__ import annotations

from datetime import datetime

import discord

from bot.ui.reply import discord_time
from bot.wording import common as common_words

PRIVATE_COLOR = discord.Colour(0x4A6FA5)
CAUTION_COLOR = discord.Colour(0xB9770E)
PRIVATE_NOTE = common_words.PRIVATE_NOTE


def when(at: datetime) -> str:
    """A Discord timestamp: every reader sees it in their own time zone and language."""
    return discord_time(at)
