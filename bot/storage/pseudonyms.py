"""Stable pseudonyms for people whose moderator actions outlive their ``/privacy delete``.

``pseudonym(secret, user_id)`` is an HMAC-SHA256 of the id under a random
per-install secret (kept in ``kv``), cut to 52 bits and made negative, so it
fits the ``user_id`` column, can never equal a Discord id (always positive) or
the file watcher (0), and is the same every time for the same person.

How reversible it is (PRIVACY.md says the same): the id cannot be computed back
from the pseudonym. But anyone who holds the database file also holds the
secret, and can test a *guess* ("is it this moderator?") by computing the
pseudonym of a candidate id. Moderators are few, so for someone with the file
this is pseudonymous, not anonymous; for everyone who only sees ``/admin
status`` it shows no id at all.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from bot.storage.kv import KVRepo

SECRET_KEY = "pseudonym_secret"
_BITS = 52


def pseudonym(secret: bytes, user_id: int) -> int:
    digest = hmac.new(secret, str(user_id).encode("ascii"), hashlib.sha256).digest()
    return -(int.from_bytes(digest[:8], "big") >> (64 - _BITS)) - 1


def is_pseudonym(user_id: int) -> bool:
    return user_id < 0


def label(user_id: int) -> str:
    """How a pseudonym is shown: a short, stable tag (no way back to the id)."""
    return f"former moderator #{(-user_id - 1) & 0xFFFFFF:06x}"


async def install_secret(kv: KVRepo) -> bytes:
    """This install's secret, created (32 random bytes) the first time it is needed."""
    stored = await kv.get(SECRET_KEY)
    if stored is None:
        stored = secrets.token_hex(32)
        await kv.set(SECRET_KEY, stored)
    return bytes.fromhex(stored)
