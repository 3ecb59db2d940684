"""What someone typed into a check-in form that could not be saved yet.

When a form comes back with "Pain should be a whole number from 0 to 10", the
"Fix it" button reopens the form with their text still in it, so a tired
person does not retype a long note. A button's custom_id holds at most 100
characters (a note holds 500), so the draft waits here, in memory, keyed by
user id, for a short while.

Deliberately not in the database: a draft is unsaved health data the person
has not agreed to store. It lives for ``ttl`` seconds, is dropped as soon as
the check-in is saved, is erased by ``/privacy delete``, and is lost on a
restart (the form then reopens empty; nothing *saved* is ever lost).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock

DRAFT_TTL_SECONDS = 15 * 60.0
"""As long as the interaction token that showed the error."""


@dataclass(frozen=True, slots=True)
class Draft:
    pain: str
    fatigue: str
    note: str
    expires_at: float


class DraftStore:
    """A small expiring map of user id -> the form text they last submitted."""

    def __init__(self, clock: Clock, *, ttl: float = DRAFT_TTL_SECONDS, max_entries: int = 10_000) -> None:
        self._clock = clock
        self._ttl = ttl
        self._max = max_entries
        self._drafts: dict[int, Draft] = {}

    def keep(self, user_id: int, pain: str, fatigue: str, note: str) -> None:
        now = self._clock.now()
        self._expire(now)
        if len(self._drafts) >= self._max:  # bounded: drop the oldest
            self._drafts.pop(next(iter(self._drafts)))
        self._drafts.pop(user_id, None)
        self._drafts[user_id] = Draft(pain, fatigue, note, now + self._ttl)

    def get(self, user_id: int) -> Draft | None:
        draft = self._drafts.get(user_id)
        if draft is None or draft.expires_at <= self._clock.now():
            self._drafts.pop(user_id, None)
            return None
        return draft

    def forget(self, user_id: int) -> bool:
        return self._drafts.pop(user_id, None) is not None

    async def forget_user(self, user_id: int) -> None:
        """The ``/privacy delete`` hook."""
        self.forget(user_id)

    def __len__(self) -> int:
        return len(self._drafts)

    def _expire(self, now: float) -> None:
        for user_id in [u for u, d in self._drafts.items() if d.expires_at <= now]:
            del self._drafts[user_id]
