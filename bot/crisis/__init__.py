"""Crisis screening of every piece of free text a member gives the bot (no Discord imports).

``screen(text)`` is the one entry point; nothing it sees is stored or logged.
"""

from bot.crisis.detector import Concern, Screening, screen, warm_up

__all__ = ["Concern", "Screening", "screen", "warm_up"]
