"""The custom_id grammar of every button, select and modal: ``lc:<kind>:<arg>:<arg>…``.

Plain Python (no Discord) so the content validator can prove at load time that
every custom_id the renderers will build fits Discord's 100-character limit.
"""

from __future__ import annotations

from bot.limits import CUSTOM_ID

PREFIX = "lc"


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
