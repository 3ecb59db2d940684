"""Fair use: per-member limits, so one person (or one stuck script) cannot crowd out everyone else.

Sliding windows kept in memory, keyed by ``(what, user_id)``, on the injected
clock (tests move time by hand). Nothing is stored: a restart forgets them,
which only ever errs on the member's side. Limits are generous for a person and
tight for a flood:

* check-ins: :data:`CHECKINS` (a few a minute, plenty a day);
* the DM menu: :data:`DM_MENUS`; when the limit is reached the menu is *skipped*,
  never queued, so a crisis reply (always sent) is never stuck behind menus;
* ``/privacy export``: :data:`EXPORTS` (a full export is the heaviest request).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from bot.clock import Clock


@dataclass(frozen=True, slots=True)
class Limit:
    """At most ``count`` uses in any ``seconds``-long window."""

    name: str
    count: int
    seconds: float


CHECKINS = (Limit("checkin", 5, 60.0), Limit("checkin", 60, 24 * 3600.0))
DM_MENUS = (Limit("dm-menu", 3, 60.0),)
EXPORTS = (Limit("export", 3, 3600.0),)


class FairUse:
    """Per-member sliding-window counters for every limit above."""

    SWEEP_EVERY = 1_000
    """Uses between sweeps that drop members idle for a day (so ids are not kept longer)."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._uses: dict[tuple[str, int], deque[float]] = {}
        self._since_sweep = 0

    def wait_s(self, limits: tuple[Limit, ...], user_id: int) -> float:
        """0 if ``user_id`` may go ahead now (and counts the use), else seconds until they may."""
        now = self._clock.now()
        key = (limits[0].name, user_id)
        self._since_sweep += 1
        if self._since_sweep >= self.SWEEP_EVERY:
            self._since_sweep = 0
            self._forget_idle(now)
        uses = self._uses.get(key)
        if uses is None:
            uses = self._uses[key] = deque()
        longest = max(limit.seconds for limit in limits)
        while uses and uses[0] <= now - longest:
            uses.popleft()
        wait = 0.0
        for limit in limits:
            recent = [t for t in uses if t > now - limit.seconds]
            if len(recent) >= limit.count:
                wait = max(wait, recent[-limit.count] + limit.seconds - now)
        if wait <= 0:
            uses.append(now)
        return max(0.0, wait)

    def allow(self, limits: tuple[Limit, ...], user_id: int) -> bool:
        return self.wait_s(limits, user_id) == 0

    async def forget_user(self, user_id: int) -> None:
        for key in [k for k in self._uses if k[1] == user_id]:
            del self._uses[key]

    def _forget_idle(self, now: float) -> None:
        day = 24 * 3600.0
        for key in [k for k, v in self._uses.items() if not v or v[-1] <= now - day]:
            del self._uses[key]


def wait_words(seconds: float) -> str:
    """``about a minute`` / ``about 5 minutes`` / ``about 3 hours`` for a kind message."""
    minutes = max(1, round(seconds / 60))
    if minutes < 2:
        return "about a minute"
    if minutes < 90:
        return f"about {minutes} minutes"
    return f"about {round(minutes / 60)} hours"
