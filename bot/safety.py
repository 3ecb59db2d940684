"""Crisis-phrase matching for free-text DMs (no Discord imports, nothing stored or logged)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from bot.text import normalize_query


@lru_cache(maxsize=8)
def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted((normalize_query(p) for p in phrases if p.strip()), key=len, reverse=True)
    # Spaces in a phrase match any run of spaces or punctuation, so "kill  myself!" still matches.
    alternatives = (r"[\W_]+".join(re.escape(w) for w in phrase.split()) for phrase in words)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def mentions_crisis(text: str, phrases: Iterable[str]) -> bool:
    """True when ``text`` contains any crisis phrase on word boundaries, whatever the case,
    width, zero-width characters or punctuation between the words."""
    phrases = tuple(phrases)
    if not phrases:
        return False
    return _pattern(phrases).search(normalize_query(text, limit=4000)) is not None
