"""How sending one direct message went: the one answer every DM sender gives.

Reminders (the daily stretch and check-in ones) and medicine reminders are all
DMs; the Discord side sends them and answers with a :class:`Delivery`, and the
core decides what to do next (retry soon, pause and leave a notice, or move on).
"""

from __future__ import annotations

import enum
import hashlib

__all__ = ["CLAIM_LEASE_SECONDS", "Delivery", "delivery_nonce"]

CLAIM_LEASE_SECONDS = 60.0
"""How long a sender holds a reminder row before another process may assume it died mid-send.

Well under the few minutes in which Discord recognises a repeated nonce."""

NONCE_LENGTH = 25
"""Discord's limit for a message nonce."""


def delivery_nonce(*parts: object) -> str:
    """The nonce one reminder's DM is sent with, the same in every process and on every retry.

    Sent with ``enforce_nonce``, Discord answers a second send with the same nonce (within a few
    minutes) with the message already created instead of a new one. So a process that dies after
    Discord accepted the DM but before it recorded the send cannot cause a duplicate: the process
    that takes the reminder over sends the same nonce. ``parts`` name the firing (kind, row, instant);
    no health data goes in, and the digest keeps it within Discord's 25 characters.
    """
    text = ":".join(str(p) for p in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:NONCE_LENGTH]


class Delivery(enum.Enum):
    SENT = "sent"
    BLOCKED = "blocked"
    """Discord refuses DMs to this person; trying again tomorrow will not help."""
    FAILED = "failed"
    """A passing problem (network, Discord outage); worth another try soon."""
