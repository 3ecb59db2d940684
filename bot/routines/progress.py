"""Small text helpers for showing how far along a routine is.

Plain strings so the renderer, the journal and tests share one spelling. The bar
uses two shapes of the same width (not colour), so it reads on any theme and
for people who cannot tell colours apart.
"""

from __future__ import annotations

from bot.wording import common as words

__all__ = ["EMPTY", "FILLED", "format_seconds", "progress_bar"]

FILLED = "▰"
EMPTY = "▱"


def progress_bar(done: int, total: int, width: int = 10) -> str:
    """``width`` cells, filled in proportion to ``done / total``.

    Rounds down, so the bar is only full when everything is done; and at least
    one cell is filled as soon as anything is done, so the first step shows.
    """
    if width < 1:
        raise ValueError("width must be at least 1")
    if total <= 0:
        return EMPTY * width
    done = min(max(done, 0), total)
    filled = done * width // total
    if done > 0 and filled == 0:
        filled = 1
    return FILLED * filled + EMPTY * (width - filled)


def format_seconds(seconds: float) -> str:
    """Plain duration for people: ``45 s``, ``2 min``, ``1 min 30 s``. Rounds up (never shows 0 s early)."""
    whole = max(0, int(-(-seconds // 1)))
    minutes, secs = divmod(whole, 60)
    if minutes == 0:
        return words.DURATION_SECONDS.format(seconds=secs)
    if secs == 0:
        return words.DURATION_MINUTES.format(minutes=minutes)
    return words.DURATION_MINUTES_SECONDS.format(minutes=minutes, seconds=secs)
