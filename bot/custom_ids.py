"""The custom_id grammar of every button, select and modal: ``lc:<kind>:<arg>:<arg>…``.

Plain Python (no Discord) so the content validator can prove at load time that
every custom_id the renderers will build fits Discord's 100-character limit.
"""

from __future__ import annotations

from bot.limits import CUSTOM_ID

PREFIX = "lc"
SESSION_ID_WIDTH = 32
"""Routine session ids are uuid4 hex."""
CARD_VERSION_WIDTH = 7
"""Routine buttons end with the card's session version; a session never gets near 10 million
transitions (24 hours at most), and the content validator checks the widest button fits."""
ROUTINE_ACTION_WIDTH = 6
"""The longest routine button action (``resume``)."""


def custom_id(kind: str, *args: str | int) -> str:
    value = ":".join([PREFIX, kind, *(str(a) for a in args)])
    if len(value) > CUSTOM_ID:
        raise ValueError(f"custom_id too long ({len(value)} > {CUSTOM_ID}) for {kind}")
    return value


def fits(kind: str, *args: str | int) -> bool:
    return len(":".join([PREFIX, kind, *(str(a) for a in args)])) <= CUSTOM_ID


def parse_custom_id(value: str) -> tuple[str, tuple[str, ...]] | None:
    parts = value.split(":")
    if len(parts) < 2 or parts[0] != PREFIX or not parts[1]:
        return None
    return parts[1], tuple(parts[2:])
