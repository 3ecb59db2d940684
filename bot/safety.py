"""Crisis-phrase matching for free text (no Discord imports, nothing stored or logged).

Kept for callers that only have a phrase list; new code uses :func:`bot.crisis.screen`,
which also knows indirect wording. Both read text through the same normaliser
(:mod:`bot.crisis.normalize`), so look-alike letters, digits for letters, spaced-out
letters and text-speak are seen through here too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from bot.crisis.normalize import tokens


@lru_cache(maxsize=8)
def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    canonical = sorted({" ".join(tokens(p)) for p in phrases} - {""}, key=len, reverse=True)
    if not canonical:
        return None
    # Phrases match whole words of the canonical token stream: "want to die" is not in "want to diet".
    return re.compile("(?<= )(?:" + "|".join(re.escape(p) for p in canonical) + ") ")


def mentions_crisis(text: str, phrases: Iterable[str]) -> bool:
    """True when ``text`` contains any crisis phrase on word boundaries, whatever the case,
    width, invisible characters, look-alike letters or punctuation between the words."""
    pattern = _pattern(tuple(phrases))
    if pattern is None:
        return False
    return pattern.search(" " + " ".join(tokens(text)) + " ") is not None
