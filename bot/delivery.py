"""How sending one direct message went: the one answer every DM sender gives.

Reminders (the daily stretch and check-in ones) and medicine reminders are all
DMs; the Discord side sends them and answers with a :class:`Delivery`, and the
core decides what to do next (retry soon, pause and leave a notice, or move on).
"""

from __future__ import annotations

import enum

__all__ = ["Delivery"]


class Delivery(enum.Enum):
    SENT = "sent"
    BLOCKED = "blocked"
    """Discord refuses DMs to this person; trying again tomorrow will not help."""
    FAILED = "failed"
    """A passing problem (network, Discord outage); worth another try soon."""
