"""Plain-text helpers shared by renderers and the validator (no Discord imports)."""

from __future__ import annotations

import re
import unicodedata

ELLIPSIS = "…"


def clip(text: str, limit: int) -> str:
    """Shorten ``text`` to ``limit`` characters, ending with an ellipsis when cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)].rstrip() + ELLIPSIS


def split_pages(text: str, limit: int) -> list[str]:
    """Split ``text`` into pages of at most ``limit`` characters, preferring paragraph breaks,
    then line breaks, then spaces, so a long section reads naturally across pages."""
    text = text.strip()
    pages: list[str] = []
    while len(text) > limit:
        window = text[:limit]
        cut = max(window.rfind("\n\n"), -1)
        if cut < limit // 3:
            cut = window.rfind("\n")
        if cut < limit // 3:
            cut = window.rfind(" ")
        if cut < limit // 3:
            # No natural break late enough: any break beats cutting a word in two; only a word
            # longer than a whole page is cut.
            cut = next((i for i in range(len(window) - 1, 0, -1) if window[i].isspace()), 0)
        if cut <= 0:
            cut = limit
        pages.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    pages.append(text)
    return pages


_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def normalize_query(text: str, limit: int = 200) -> str:
    """What we match user input on: NFKC, no zero-width or direction marks, folded case, short."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    return " ".join(text.casefold().split())[:limit]


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 day``, ``2 days``, ``1,000 entries`` (``many`` for irregular plurals)."""
    return f"{count:,} {word if count == 1 else (many or word + 's')}"
