"""The argument shapes custom_ids share: content ids, pages, region codes, session ids."""

from __future__ import annotations

from typing import Annotated

from bot.custom_ids.base import Part

_SLUG = r"[a-z0-9][a-z0-9-]{0,47}"
SLUG_WIDTH = 48
"""A content id (article, section, routine, topic) is at most 48 characters (``SLUG_PATTERN``)."""

Slug = Annotated[str, Part(_SLUG, "x" * SLUG_WIDTH)]
"""An article, section, routine or topic id."""
SlugOrDash = Annotated[str, Part(rf"{_SLUG}|-", "x" * SLUG_WIDTH)]
"""A section id, or ``-`` for an article's contents (or a routine: ``-`` for none)."""
Page = Annotated[int, Part(r"-?[0-9]{1,3}", "999")]
"""A page number; ``-1`` on a disabled Previous button, at most 999."""
Region = Annotated[str, Part(r"[A-Z]{2}|INTL|-", "INTL")]
"""A region *code* (``US``, ``GB``, ``INTL``) or ``-`` for everywhere; never a region's name."""
SessionId = Annotated[str, Part(r"[0-9a-f]{32}", "f" * 32)]
"""A routine session id: uuid4 hex."""
CARD_VERSION_WIDTH = 7
"""Routine buttons end with the card's session version; a session never gets near 10 million
transitions (24 hours at most)."""
UserId = Annotated[int, Part(r"[0-9]{1,20}", "9" * 20)]
"""A Discord snowflake."""
RowId = Annotated[int, Part(r"[0-9]{1,19}", "9" * 19)]
"""A database row id (SQLite integers are at most 19 digits)."""
