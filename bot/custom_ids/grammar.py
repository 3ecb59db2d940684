"""The shape every custom_id shares: ``lc:<kind>:<arg>:<arg>…``, at most 100 characters.

The id classes (:mod:`bot.custom_ids.base`) build and parse real ids; these helpers
are the untyped grammar underneath, for tests and tools that look at raw strings.
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
